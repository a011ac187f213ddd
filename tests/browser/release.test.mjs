// The optimized release package (what users get, built by `make build`) loads in
// headless Chromium through the demo page, and its exports work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startSession } from './chromium.mjs';

const cargoToml = await readFile(new URL('../../Cargo.toml', import.meta.url), 'utf8');
const crateVersion = cargoToml.match(/^version = "(.+)"$/m)[1];
let session, url, browser;

before(async () => {
  session = await startSession();
  ({ url, browser } = session);
});
after(() => session?.close());

test('the demo page loads the release module and shows its version', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  const status = page.locator('#status[data-state]');
  await status.waitFor({ timeout: 15000 });
  assert.equal(await status.getAttribute('data-state'), 'ready', await status.textContent());
  assert.equal(await status.textContent(), `cleanroomsml-wasm ${crateVersion} loaded.`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the release package is the optimized build and its export answers', async () => {
  const wasm = await readFile(new URL('../../pkg/cleanroomsml_wasm_bg.wasm', import.meta.url));
  // wasm-opt drops the name section a debug build carries; its absence shows the
  // release pipeline ran (and a broken wasm-opt would have failed the page test above).
  // The reader finds a custom section where there is one…
  const tiny = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 2, 1, 0x78]);
  assert.deepEqual(customSections(tiny), ['x'], 'the custom sections are read');
  // …and the release build has none: no names, and the last wasm-opt pass drops the
  // producers and target features.
  assert.deepEqual(customSections(wasm), [], 'pkg/ holds an unoptimized build');
  const page = await browser.newPage();
  await page.goto(url);
  const answer = await page.evaluate(async () => {
    const mod = await import('/pkg/cleanroomsml_wasm.js');
    await mod.default();
    return mod.version();
  });
  assert.equal(answer, crateVersion);
  await page.close();
});

test('the generated TypeScript declares the SDK request interface', async () => {
  // The entry's types, and the shared runtime's, which it re-exports.
  const entry = await readFile(new URL('../../pkg/cleanroomsml_wasm.d.ts', import.meta.url), 'utf8');
  assert.match(entry, /^export \* from '\.\/runtime\.js';$/m);
  const dts = entry + await readFile(new URL('../../pkg/runtime.d.ts', import.meta.url), 'utf8');
  assert.match(dts, /export interface CreateConfiguredModelAlgorithmAssociationRequest \{/);
  assert.match(dts, /tags\?: Record<string, string> \| undefined;/);
  // The model's constraints, in the generated doc comments.
  assert.match(dts, /\/\*\* From 0\.01 to 100\. \*\/\n    value: number;/);
  assert.match(dts, /createConfiguredModelAlgorithmAssociation\(input: CreateConfiguredModelAlgorithmAssociationRequest, options\?: CallOptions\)/);
  assert.match(dts, /export type NoiseLevelType = "HIGH" \| "MEDIUM" \| "LOW" \| "NONE";/);
  assert.match(dts, /export function version\(\): string;/);
  assert.match(dts, /export function validate\(input: unknown\): ValidationReport;/);
  assert.match(dts, /export interface Issue \{\n(.*\n)*?    code: IssueCode;\n(.*\n)*?    severity: Severity;/);
  assert.match(dts, /export type Severity = "error" \| "warning";/);
});

/** The names of a wasm module's custom sections (id 0), read section by section. */
function customSections(wasm) {
  const names = [];
  const leb = (at) => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return [value, at];
    }
  };
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at];
    const [size, start] = leb(at + 1);
    if (id === 0) {
      const [length, nameAt] = leb(start);
      names.push(wasm.subarray(nameAt, nameAt + length).toString('utf8'));
    }
    at = start + size;
  }
  return names;
}
