// A trap inside the module (the release build turns a Rust panic into one) reaches the
// caller as an `InternalError`, and every later call throws one asking for a reload
// (src/js/guard.js, wrapped around the instance's exports by scripts/package.mjs). Each
// test loads its own instance of the release package: a trapped one stays unusable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const bytes = readFileSync(new URL('../../pkg/cleanroomsml_wasm_bg.wasm', import.meta.url));
const tables = readFileSync(new URL('../../src/model/generated/cleanroomsml.tables', import.meta.url), 'utf8');
const operations = Object.keys(JSON.parse(readFileSync(new URL('../../model/cleanroomsml/service-2.json', import.meta.url), 'utf8')).operations).join(' ');
let instances = 0;

/** A fresh instance of the package's runtime bound to Clean Rooms ML as its main entry binds
 * it (`service`, src/js/entry.js; an entry always imports the one runtime, so a fresh one is
 * loaded here directly), and a way to wreck its memory (its allocator's and tables' pointers)
 * so that the next call traps on an out-of-bounds access, as a fault of the module would. */
async function load() {
  const runtime = await import(`../../pkg/runtime.js?instance=${++instances}`);
  const memory = Object.values(runtime.initSync({ module: bytes })).find((v) => v instanceof WebAssembly.Memory);
  const { Client, ...bound } = runtime.service('CleanRoomsMlClient', tables, operations);
  const pkg = { ...bound, CleanRoomsMlClient: Client, version: runtime.version };
  return { pkg, wreck: () => new Uint8Array(memory.buffer).fill(0xff) };
}

const input = {
  name: 'association',
  membershipIdentifier: '7b6c9a4e-1f2d-4c3b-8a9e-0d1c2b3a4f5e',
  configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/7b6c9a4e-1f2d-4c3b-8a9e-0d1c2b3a4f5e',
};
const signing = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, signingDate: 0 };

/** The first error names the trap; later ones name it too and say it was earlier (the
 * client's call may reject with either: it frees its state after the trap). */
function assertUnusable(err, first) {
  assert.ok(err instanceof Error, 'an Error');
  assert.equal(err.name, 'InternalError');
  assert.equal(err.code, 'unusable');
  assert.equal(err.path, '');
  if (first !== false) assert.match(err.message, /^cleanroomsml-wasm: (an earlier )?internal error \((unreachable|memory access out of bounds)\)/);
  if (first === true) assert.match(err.message, /^cleanroomsml-wasm: internal error \(.+\)\. The module is unusable now: reload it/);
  if (first === false) assert.match(err.message, /^cleanroomsml-wasm: an earlier internal error \(.+\) left the module unusable: reload it/);
}

test('a trap is an InternalError, and every later call, of any export, says to reload', async () => {
  const { pkg, wreck } = await load();
  assert.equal(pkg.validate('CreateConfiguredModelAlgorithmAssociation', input).ok, true, 'usable before');
  wreck();
  const first = (() => { try { pkg.validate('CreateConfiguredModelAlgorithmAssociation', input); } catch (err) { return err; } })();
  assertUnusable(first, true);
  for (const call of [
    () => pkg.validate('CreateConfiguredModelAlgorithmAssociation', input),
    () => pkg.createSignedRequest(input, signing),
    () => pkg.buildRequest('ListTrainingDatasets', {}, { region: 'us-east-1' }),
    () => new pkg.CleanRoomsMlClient({ region: 'us-east-1', credentials: signing.credentials }),
    () => pkg.version(),
  ]) {
    assert.throws(call, (err) => { assertUnusable(err, false); return true; });
  }
});

test('the client\'s call rejects with the InternalError; other errors pass through unchanged', async () => {
  const { pkg, wreck } = await load();
  // Not a trap: a ValidationError is what it was.
  assert.throws(() => pkg.createSignedRequest({}, signing), { name: 'ValidationError', code: 'invalidInput' });
  let fetched = 0;
  const client = new pkg.CleanRoomsMlClient({
    region: 'us-east-1',
    credentials: signing.credentials,
    fetch: async () => {
      fetched++;
      await null;
      wreck(); // the module fails while the request is out
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
  await assert.rejects(client.send('CreateConfiguredModelAlgorithmAssociation', input), (err) => { assertUnusable(err); return true; });
  assert.equal(fetched, 1);
  assert.throws(() => pkg.validate('CreateConfiguredModelAlgorithmAssociation', input), (err) => { assertUnusable(err, false); return true; });
});

test('an instance that never trapped is unaffected by another\'s trap', async () => {
  const { pkg } = await load();
  assert.equal(pkg.validate('CreateConfiguredModelAlgorithmAssociation', input).ok, true);
});

test('the runtime refuses what is not a service\'s tables with a ConfigurationError, and stays usable', async () => {
  const { pkg } = await load();
  const runtime = await import(`../../pkg/runtime.js?instance=${instances}`);
  for (const text of ['', '~', 'garbage', tables.slice(0, 100), `${tables}x`]) {
    assert.throws(() => runtime.registerService(text), { name: 'ConfigurationError', code: 'invalid', path: 'tables' });
  }
  assert.equal(pkg.validate('CreateConfiguredModelAlgorithmAssociation', input).ok, true);
});
