// The npm package as consumers get it: `npm pack` of pkg/ holds what a consumer needs and
// nothing else; installed from the tarball it type-checks in a strict TypeScript project,
// imports in Node 20, and bundles with Vite into an app that signs in headless Chromium; and
// every example of README.md and docs/ runs as written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { serve } from '../../scripts/serve.mjs';
import { launchChromium } from '../browser/chromium.mjs';
import wasm from '../node/wasm.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const app = mkdtempSync(join(tmpdir(), 'cleanroomsml-consumer-'));
let packed;

let browser, server;

before(async () => {
  browser = await launchChromium();
  const out = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', app, '--json'], { encoding: 'utf8' });
  [packed] = JSON.parse(out);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-save', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(app, packed.filename)], { cwd: app });
});

test('npm pack holds exactly what a consumer needs', () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'LICENSE',
    'README.md',
    'cleanrooms.d.ts',
    'cleanrooms.js',
    'cleanroomsml_wasm.d.ts',
    'cleanroomsml_wasm.js',
    'cleanroomsml_wasm_bg.wasm',
    'credential-providers.d.ts',
    'credential-providers.js',
    'package.json',
    'runtime.d.ts',
    'runtime.js',
  ]);
  const meta = JSON.parse(readFileSync(join(app, 'node_modules/cleanroomsml-wasm/package.json'), 'utf8'));
  for (const field of ['name', 'version', 'description', 'license', 'keywords', 'types', 'exports', 'files', 'module']) {
    assert.ok(meta[field], `package.json has ${field}`);
  }
  // The snippets are folded into the runtime (scripts/package.mjs): an entry and the runtime to fetch.
  assert.equal(meta.sideEffects, false);
  assert.doesNotMatch(readFileSync(join(app, 'node_modules/cleanroomsml-wasm/runtime.js'), 'utf8'), /from ['"]\.\/snippets\//);
  assert.equal(meta.type, 'module');
  assert.deepEqual(meta.exports['.'], { types: './cleanroomsml_wasm.d.ts', default: './cleanroomsml_wasm.js' });
  assert.deepEqual(meta.exports['./cleanrooms'], { types: './cleanrooms.d.ts', default: './cleanrooms.js' });
  assert.deepEqual(meta.exports['./credential-providers'], { types: './credential-providers.d.ts', default: './credential-providers.js' });
  console.log(`packed ${packed.filename}: ${packed.size} bytes, unpacked ${packed.unpackedSize}, ${packed.entryCount} files`);
});

test('a bundle of both entry points holds the runtime once and each service\'s tables once', () => {
  writeFileSync(join(app, 'both.mjs'), "export * as ml from 'cleanroomsml-wasm';\nexport * as cr from 'cleanroomsml-wasm/cleanrooms';\n");
  const [bundle] = buildSync({ entryPoints: [join(app, 'both.mjs')], absWorkingDir: app, bundle: true, format: 'esm', write: false, logLevel: 'error' }).outputFiles;
  const count = (text) => bundle.text.split(text).length - 1;
  // The runtime's glue (src/js/guard.js's message, src/js/entry.js's `service`) and the module's one URL.
  assert.equal(count('left the module unusable'), 1);
  assert.equal(count('new URL("cleanroomsml_wasm_bg.wasm"'), 1);
  for (const service of ['cleanroomsml', 'cleanrooms']) {
    const tables = readFileSync(join(root, `src/model/generated/${service}.tables`), 'utf8');
    assert.equal(count(JSON.stringify(tables).slice(1, 200)), 1, `${service}'s tables`);
  }
});

test('the public types have no `any` (wasm-bindgen\'s internal InitOutput aside)', () => {
  const dts = ['cleanroomsml_wasm.d.ts', 'cleanrooms.d.ts', 'runtime.d.ts', 'credential-providers.d.ts'].map((f) => readFileSync(join(app, 'node_modules/cleanroomsml-wasm', f), 'utf8')).join('\n');
  const publicPart = dts.replace(/export interface InitOutput \{[\s\S]*?\n\}/, '');
  const anys = publicPart.split('\n').filter((line) => /\bany\b/.test(line) && !/^(\/\*\*|\*|\/\/)/.test(line.trim()));
  assert.deepEqual(anys, []);
});

test('a strict TypeScript project accepts valid use and rejects each mistake', () => {
  cpSync(join(here, 'consumer.ts'), join(app, 'consumer.ts'));
  cpSync(join(here, 'tsconfig.json'), join(app, 'tsconfig.json'));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', app], { encoding: 'utf8' });
  } catch (err) {
    assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
  }
  // The @ts-expect-error lines are real errors: without them, tsc fails on each.
  const strict = readFileSync(join(app, 'consumer.ts'), 'utf8');
  const marked = strict.split('// @ts-expect-error').length - 1;
  const loose = strict.replaceAll('// @ts-expect-error', '// expected:');
  writeFileSync(join(app, 'consumer.ts'), loose);
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', app], { encoding: 'utf8' });
  } catch (err) {
    output = err.stdout;
  }
  const errors = output.split('\n').filter((l) => l.includes('error TS'));
  assert.equal(marked, 19);
  assert.equal(errors.length, marked, output);
  cpSync(join(here, 'consumer.ts'), join(app, 'consumer.ts'));
});

test('Node 20 imports the installed package and validates', () => {
  writeFileSync(join(app, 'node-use.mjs'), `
    import { readFileSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    import { initSync, validate } from 'cleanroomsml-wasm';
    initSync({ module: readFileSync(fileURLToPath(import.meta.resolve('cleanroomsml-wasm/cleanroomsml_wasm_bg.wasm'))) });
    console.log(JSON.stringify(validate({ name: 'x' }).issues.map((i) => i.path)));
  `);
  const out = execFileSync(process.execPath, ['node-use.mjs'], { cwd: app, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), ['membershipIdentifier', 'configuredModelAlgorithmArn']);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('a Vite app bundles the package and signs in headless Chromium', async () => {
  cpSync(join(here, 'vite-app'), app, { recursive: true });
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: app, encoding: 'utf8' });
  let url;
  ({ server, url } = await serve({ port: 0, extraMounts: [['/', join(app, 'dist')]] }));
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.locator('#out:not(:has-text("loading"))').waitFor({ timeout: 15000 });
  const shown = JSON.parse(await page.textContent('#out'));
  const expected = wasm.createSignedRequest(
    { membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666', configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc', name: 'from vite' },
    { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, signingDate: Date.UTC(2026, 0, 1) },
  );
  assert.deepEqual(shown, { ok: true, authorization: expected.headers.authorization });
  assert.deepEqual(problems, []);
});

/**
 * The shipped examples: the `// example: node|browser` blocks of README.md and docs/*.md,
 * and their `// prints:` lines.
 */
function shippedExamples() {
  const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
  return files.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    // A JavaScript block not marked as an example would ship untested.
    for (const [block] of text.matchAll(/```(js|javascript|ts|typescript|mjs)\n.*/g)) {
      assert.match(block, /\n\/\/ example: (node|browser)$/, `${file}: every JavaScript block is a run example`);
    }
    return [...text.matchAll(/```js\n(\/\/ example: (node|browser)\n[\s\S]*?)```/g)].map(([, code, where]) => ({
      file,
      where,
      code,
      prints: [...code.matchAll(/^\s*\/\/ prints: (.*)$/gm)].map((m) => m[1]),
    }));
  });
}

test('the examples of README.md and docs/ run as written and print what they say', async () => {
  const examples = shippedExamples();
  // Each file's examples, in order: one that moves or disappears fails here, not silently.
  assert.deepEqual(examples.map((e) => `${e.file} ${e.where}`), [
    'README.md node',
    'README.md browser',
    'README.md browser',
    'docs/client.md browser',
    'docs/client.md browser',
    'docs/client.md browser',
    'docs/client.md browser',
    'docs/client.md browser',
    'docs/credentials.md browser',
  ]);
  for (const example of examples) assert.ok(example.prints.length > 0, `${example.file}: an example prints what it checks`);
  const { startLocalEndpoint } = await import('../../scripts/local-endpoint.mjs');
  const endpoint = await startLocalEndpoint({ port: 0, log: () => {} });
  const page = await browser.newPage();
  const printed = [];
  page.on('console', (m) => m.type() === 'log' && printed.push(m.text()));
  page.on('pageerror', (e) => printed.push(`pageerror: ${e.message}`));
  const { server: readmeServer, url } = await serve({
    port: 0,
    extraMounts: [['/consumer/', join(app, 'node_modules/cleanroomsml-wasm')], ['/tests/', here]],
  });
  try {
    await page.goto(`${url}tests/readme.html`);
    for (const [i, example] of examples.entries()) {
      // The examples name the demo's endpoint; this run has its own port.
      const code = example.code.replaceAll('http://127.0.0.1:8081', endpoint.url);
      let output;
      if (example.where === 'node') {
        writeFileSync(join(app, `readme-${i}.mjs`), code);
        output = execFileSync(process.execPath, [`readme-${i}.mjs`], { cwd: app, encoding: 'utf8' }).trimEnd().split('\n');
      } else {
        printed.length = 0;
        await page.evaluate(async (source) => {
          const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
          await import(url);
        }, code);
        output = [...printed];
      }
      assert.deepEqual(output, example.prints, `example ${i + 1} (${example.file}, ${example.where})`);
    }
  } finally {
    await page.close();
    readmeServer.close();
    await endpoint.close();
  }
});
