// `make bench`: this module against the AWS SDK for JavaScript v3's Clean Rooms ML client
// (the browser bundles in ../shared/data/sdk-cleanroomsml/, beside this repository) and
// aws4fetch, side by side in one headless Chromium, pages served from 127.0.0.1 with
// COOP/COEP. Writes the table with ratios to BENCHMARKS.md and prints it.
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { chromiumArgs } from '../tests/browser/chromium.mjs';
import { median } from './page/timing.mjs';

const bench = fileURLToPath(new URL('.', import.meta.url));
const root = join(bench, '..');
// The baseline, by its path relative to the repository: `../shared` sits beside it on
// every machine that runs the bench (see its README for what each bundle exports).
const SDK_DIR = join(root, '../shared/data/sdk-cleanroomsml');
const SDK_BUNDLES = ['sdk-one', 'sdk-eight', 'sdk-whole', 'sdk-all'];
// At 25 loads a page's median moved by up to ±20 ms from run to run on this shared machine.
const COLD_LOADS = 61;
const COLD_PAGES = ['empty', 'bundled', 'published', 'published-preloaded', 'sdk-whole', 'sdk-one'];

/** Stops the run before measuring anything if a baseline or this module's build is missing. */
function checkInputs() {
  const missing = [
    ...SDK_BUNDLES.map((name) => join(SDK_DIR, `${name}.js`)),
    ...ourFiles(),
  ].filter((f) => !existsSync(f));
  if (missing.length === 0) return;
  const sdkMissing = missing.some((f) => f.startsWith(SDK_DIR));
  console.error(`bench: missing ${missing.map((f) => relative(root, f)).join(', ')} (paths from the repository root).`);
  if (sdkMissing) {
    console.error([
      "bench: the SDK baseline is the AWS SDK for JavaScript v3's Clean Rooms ML client as browser bundles in",
      '  ../shared/data/sdk-cleanroomsml/ (sdk-one.js, sdk-eight.js, sdk-whole.js, sdk-all.js), beside this repository.',
      '  Without it there is nothing to compare against: nothing measured, BENCHMARKS.md left as it was.',
    ].join('\n'));
  }
  if (missing.some((f) => !f.startsWith(SDK_DIR))) console.error('bench: build the package first (make build).');
  process.exit(1);
}

/** The SDK release the bundles were built from, as their README gives it. */
function sdkRelease() {
  const file = join(SDK_DIR, 'README.md');
  const readme = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const release = readme.match(/released as ([0-9][0-9.]*)/)?.[1];
  const commit = readme.match(/commit `([0-9a-f]{7})[0-9a-f]*`/)?.[1];
  return release ? `${release}${commit ? `, commit ${commit}` : ''}` : 'release not stated';
}

async function bundle() {
  await build({
    entryPoints: Object.fromEntries(['aws4fetch', 'empty', 'ours', 'ours-all'].map((name) => [name, join(bench, `entries/${name}.mjs`)])),
    outdir: join(bench, 'dist'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
}

/** Sizes of the files concatenated: GNU `gzip -9 -n` (the issue's and the levers' figures), Node's zlib at level 9, brotli 11. */
function sizes(files) {
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  return {
    raw: bytes.length,
    gnuGzip: execFileSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 26 }).length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** What a page loads of the Clean Rooms ML entry as published: the module, the runtime and the entry. */
function ourFiles() {
  return ['cleanroomsml_wasm_bg.wasm', 'runtime.js', 'cleanroomsml_wasm.js'].map((file) => join(root, 'pkg', file));
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const us = (n) => `${n.toFixed(1)} µs`;

async function main() {
  await bundle();
  const { server, url } = await serve({
    port: 0,
    extraMounts: [['/bench/', bench], ['/sdk/', SDK_DIR]],
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: chromiumArgs });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}bench/page/bench.html`);
    const run = await page.waitForFunction(() => window.__results, null, { timeout: 600_000 }).then((h) => h.jsonValue());
    if (run.error) throw new Error(run.error);
    if (!Object.values(run.check).every(Boolean) || !run.crossOriginIsolated) throw new Error(`a benchmark did no work: ${JSON.stringify(run)}`);
    await context.close();

    // Pages take turns, so a busy moment of this shared machine hits each alike, and the
    // order turns each round: a load right after a heavier page's teardown is slower, so
    // each page follows each other one as often.
    const times = Object.fromEntries(COLD_PAGES.map((which) => [which, []]));
    for (let i = 0; i < COLD_LOADS; i++) {
      for (const which of COLD_PAGES.map((_, k) => COLD_PAGES[(i + k) % COLD_PAGES.length])) {
        const fresh = await browser.newContext();
        const p = await fresh.newPage();
        await p.goto(`${url}bench/page/cold-${which}.html`);
        times[which].push(await p.waitForFunction(() => window.__done, null, { timeout: 30_000 }).then((h) => h.jsonValue()));
        // The preloaded wasm must be the one used: fetched once.
        const wasmFetches = await p.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length);
        if (wasmFetches > 1) throw new Error(`cold-${which}: the wasm was fetched ${wasmFetches} times (preload not used)`);
        await fresh.close();
      }
    }
    const cold = Object.fromEntries(COLD_PAGES.map((which) => [which, median(times[which])]));
    // Round by round against the SDK's whole client, loaded in the same round: the median
    // difference and how many rounds were faster (steadier than the difference of medians).
    const paired = Object.fromEntries(COLD_PAGES.map((which) => {
      const diffs = times[which].map((t, i) => t - times['sdk-whole'][i]);
      return [which, { diff: median(diffs), faster: diffs.filter((d) => d < 0).length }];
    }));
    return { run, cold, paired, version: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

checkInputs();
const { run, cold, paired, version } = await main();
const byName = Object.fromEntries(run.results.map((r) => [r.name, r]));
const sdk = byName['AWS SDK v3: client.send (the same create, a handler that answers at once)'];
const sdkThroughFetch = byName['AWS SDK v3: client.send through its FetchHttpHandler (stub fetch, a Response)'];
const a4f = byName['aws4fetch: sign the same POST'];
const signed = byName['createSignedRequest (validate + build + sign)'];
const clientCall = byName['client call (validate, build, sign, send, parse)'];
const wasm = join(root, 'pkg/cleanroomsml_wasm_bg.wasm');
const ours = sizes(ourFiles());
const oursBundled = sizes([wasm, join(bench, 'dist/ours.js')]);
const oursAll = sizes([wasm, join(bench, 'dist/ours-all.js')]);
const sdkSizes = Object.fromEntries(SDK_BUNDLES.map((name) => [name, sizes([join(SDK_DIR, `${name}.js`)])]));
const a4fSize = sizes([join(bench, 'dist/aws4fetch.js')]);
const ratio = (base, x) => `${(base / x).toFixed(1)}×`;
const signed_ = (n) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toLocaleString('en-US')} B`;
const whole = sdkSizes['sdk-whole'];
const eight = sdkSizes['sdk-eight'];
const sizeRow = (label, x) => `| ${label} | ${kb(x.raw)} | ${bytes(x.gnuGzip)} | ${bytes(x.gzip)} | ${kb(x.brotli)} | ${(x.gnuGzip / whole.gnuGzip).toFixed(3)} | ${(x.gnuGzip / eight.gnuGzip).toFixed(3)} |`;
const msDelta = (n) => `${n > 0 ? '+' : ''}${n.toFixed(1)} ms`;

const cpu = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], { encoding: 'utf8' }).trim();
const rows = run.results.map((r) => `| ${r.name} | ${us(r.medianUs)} | ${us(r.p95Us)} | ${ratio(sdk.medianUs, r.medianUs)} | ${ratio(a4f.medianUs, r.medianUs)} |`);
const table = `# Benchmarks

Measured by \`make bench\` on ${new Date().toISOString().slice(0, 10)}: one headless Chromium ${version} process, pages
from 127.0.0.1 with COOP/COEP (cross-origin isolated: ${run.crossOriginIsolated}); ${process.platform} ${cpu},
${(await import('node:os')).cpus().length} cores, Node ${process.version}. Baselines in the same page: the AWS SDK for
JavaScript v3's Clean Rooms ML client (\`@aws-sdk/client-cleanroomsml\` ${sdkRelease()}), as the browser bundles in
\`../shared/data/sdk-cleanroomsml/\` loaded as built, making the same \`CreateConfiguredModelAlgorithmAssociation\` call
with the same input; and \`aws4fetch\` 1.0.20 signing the same POST with its signing-key cache. The machine is shared:
read the ratios, not the absolute times.

## Per call (2,000 calls after 300 warm-up calls, timed in batches of 10, the rows taking turns batch by batch)

| what | median | p95 | vs SDK call (×faster) | vs aws4fetch sign (×faster) |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

The SDK's rows are \`client.send(new CreateConfiguredModelAlgorithmAssociationCommand(input))\` of \`sdk-one.js\` (every
bundle runs the same runtime); "vs SDK call" is against the one through a handler that answers at once, the faster.
\`createSignedRequest\` (#20: at least 5× the SDK's \`send\`, 2× aws4fetch's sign): ${ratio(sdkThroughFetch.medianUs, signed.medianUs)} the SDK's \`send\` through its
FetchHttpHandler, ${ratio(sdk.medianUs, signed.medianUs)} through the handler that answers at once, ${ratio(a4f.medianUs, signed.medianUs)} aws4fetch's sign.

Fair comparisons: our client call against the SDK through its own FetchHttpHandler over the same kind of stub
\`fetch\` (${ratio(sdkThroughFetch.medianUs, clientCall.medianUs)} faster; against the SDK with a handler that answers
at once, ${ratio(sdk.medianUs, clientCall.medianUs)}). Validate of the maximal input takes ${(byName['validate (maximal input)'].medianUs / byName['floor of validate (maximal): JSON.stringify + TextEncoder.encode'].medianUs).toFixed(2)}× its floor, what
the engine needs to stringify and encode the same input before Rust reads a byte.

The realistic input: all three policies (2 trained-model log entries of 2 accounts with filter patterns, metrics, export
limits with both file types, inference-job logs and output size), a description and 10 tags. The maximal input: 5 log
entries of 5 accounts (with redaction and 10 custom identifiers of 200 characters) in both places, 50 tags of the
longest keys and values, the longest name, description and filter patterns.

## Cold start (navigation to the first completed call, fresh context each load, pages in turn in an order that turns each round, median of ${COLD_LOADS})

| page | median | above the empty page | vs the SDK's whole client | round by round vs the SDK's whole client (median difference; rounds faster) |
| --- | --- | --- | --- | --- |
${[
  ['no library', 'empty'],
  ['this module bundled by esbuild, wasm preloaded (load, init, one client call)', 'bundled'],
  ['this module as published, no bundler, wasm preloaded (the README\'s one-line hint)', 'published-preloaded'],
  ['this module as published, no bundler, no hint (the glue, then the wasm)', 'published'],
  ['AWS SDK v3, its whole client (`sdk-whole.js`: load, one call)', 'sdk-whole'],
  ['AWS SDK v3, one client and one command (`sdk-one.js`: load, one send)', 'sdk-one'],
].map(([label, which]) => `| ${label} | ${cold[which].toFixed(1)} ms | ${which === 'empty' ? '—' : `${(cold[which] - cold.empty).toFixed(1)} ms`} | ${which === 'empty' || which === 'sdk-whole' ? '—' : msDelta(cold[which] - cold['sdk-whole'])} | ${which === 'empty' || which === 'sdk-whole' ? '—' : `${msDelta(paired[which].diff)}; ${paired[which].faster} of ${COLD_LOADS}`} |`).join('\n')}

Each page loads its library as it ships: the SDK's bundle as built, with nothing to import; this module's glue and
its \`.wasm\`. The SDK's calls go through a handler that answers at once; this module's client through a stub \`fetch\`.

## Size (what a page downloads)

| what | raw | gzip -9 | Node zlib 9 | brotli | gzip -9 vs SDK whole | vs SDK eight |
| --- | --- | --- | --- | --- | --- | --- |
${[
  ['this module: wasm + JS glue bundled by esbuild (minified)', oursBundled],
  ['this module as published: wasm + JS glue', ours],
  ['this module, its whole API (every operation and paginator it exports) bundled by esbuild', oursAll],
  ['AWS SDK v3, its whole client (`sdk-whole.js`: `CleanRoomsML`, 59 operations, 16 paginators)', whole],
  ['AWS SDK v3, one client with the eight commands and three paginators (`sdk-eight.js`)', eight],
  ['AWS SDK v3, one client and one command (`sdk-one.js`)', sdkSizes['sdk-one']],
  ['AWS SDK v3, everything the package exports (`sdk-all.js`)', sdkSizes['sdk-all']],
  ['aws4fetch (esbuild, minified)', a4fSize],
].map(([label, x]) => sizeRow(label, x)).join('\n')}

gzip -9 is GNU \`gzip -9 -n\` of the files concatenated (wasm, then glue); Node zlib 9 is \`zlib.gzipSync\` at level 9.
The SDK's bundles are measured as they are in \`../shared/data/sdk-cleanroomsml/\` (esbuild 0.28.2, minified).
Target (#20): this module as published no larger than the SDK's whole client: ${bytes(ours.gnuGzip)} against ${bytes(whole.gnuGzip)},
${signed_(ours.gnuGzip - whole.gnuGzip)} (${ours.gnuGzip <= whole.gnuGzip ? 'met' : 'not met'}); Node zlib ${bytes(ours.gzip)} against ${bytes(whole.gzip)}, ${signed_(ours.gzip - whole.gzip)}.
`;
writeFileSync(join(root, 'BENCHMARKS.md'), `${table}\n${readFileSync(join(bench, 'levers.md'), 'utf8')}`);
console.log(table);
