// `node bench/entry-sizes.mjs` (after `make build`): what a page loads for each entry point of
// the package and for both, beside the AWS SDK's whole clients measured the same way in the
// same run: the entries' whole APIs bundled by esbuild (minified, as the SDK's bundles were
// built: ../shared/data/sdk-cleanroomsml/README.md), the .wasm beside them, GNU `gzip -9 -n`
// of the files concatenated. Also what each service's tables cost: the bundle's gzip with
// them minus without them, per operation. Not part of make test.
import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const gzip = (...parts) => execFileSync('gzip', ['-9', '-n', '-c'], { input: Buffer.concat(parts), maxBuffer: 1 << 26 }).length;
const wasm = readFileSync(new URL('pkg/cleanroomsml_wasm_bg.wasm', root));
const sdk = (file) => gzip(readFileSync(new URL(`../shared/data/sdk-cleanroomsml/${file}`, root)));
const bundle = (entry) => buildSync({
  entryPoints: [new URL(`bench/entries/${entry}.mjs`, root).pathname],
  bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error',
}).outputFiles[0].text;
const tables = (service) => JSON.stringify(readFileSync(new URL(`src/model/generated/${service}.tables`, root), 'utf8'));

const rows = [
  ['Clean Rooms ML entry (`cleanroomsml-wasm`)', 'ours-all', 'sdk-whole.js', ['cleanroomsml']],
  ['Clean Rooms entry (`cleanroomsml-wasm/cleanrooms`)', 'cleanrooms-all', 'sdk-cleanrooms-whole.js', ['cleanrooms']],
  ['both entries in one page', 'both-all', 'sdk-both-whole.js', ['cleanroomsml', 'cleanrooms']],
];
console.log('| what a page loads | gzip -9 | the SDK\'s | ratio |\n| --- | --- | --- | --- |');
const costs = [];
for (const [label, entry, baseline, services] of rows) {
  const js = bundle(entry);
  const ours = gzip(wasm, Buffer.from(js));
  const theirs = sdk(baseline);
  console.log(`| ${label} | ${ours.toLocaleString('en')} B | ${theirs.toLocaleString('en')} B (\`${baseline}\`) | ${(ours / theirs).toFixed(3)} |`);
  if (services.length === 1) {
    const [service] = services;
    const without = gzip(wasm, Buffer.from(js.replace(tables(service), '""')));
    const operations = Object.keys(JSON.parse(readFileSync(new URL(`model/${service}/service-2.json`, root), 'utf8')).operations).length;
    costs.push(`| ${service} | ${operations} | ${(ours - without).toLocaleString('en')} B | ${((ours - without) / operations).toFixed(0)} B |`);
  }
}
console.log(`\n| service | operations | its tables in the bundle (gzip) | per operation |\n| --- | --- | --- | --- |\n${costs.join('\n')}`);
console.log(`\nthe module alone: ${gzip(wasm).toLocaleString('en')} B`);
