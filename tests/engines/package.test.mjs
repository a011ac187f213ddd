// The release package (pkg/) in a page of each engine, Chromium, Firefox and WebKit
// (tests/browser/engines.mjs): it loads, validates (a valid request; an invalid one, with
// its field paths), builds and signs requests as Node does with the same package; and a
// fixed input signed with fixed credentials at a fixed date gives the same bytes in all three.
// The Clean Rooms entry point beside it, over the same module: loaded once for both.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/serve.mjs';
import { ENGINES, engineTitle, launch } from '../browser/engines.mjs';
import wasm from '../node/wasm.mjs';
import cleanrooms from '../node/cleanrooms-wasm.mjs';
import { rng, validInput } from '../node/generate.mjs';

const valid = {
  membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
  configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc',
  name: 'churn model',
  privacyConfiguration: { policies: { trainedModels: { containerLogs: [{ allowedAccountIds: ['123456789012'], filterPattern: 'ERROR.*' }] } } },
  tags: { team: 'ml' },
};
const invalid = {
  ...valid,
  membershipIdentifier: 'short',
  privacyConfiguration: { policies: { trainedModels: { containerLogs: [{ allowedAccountIds: ['12'] }] } } },
};
const signing = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token' },
  signingDate: 1_767_225_600_000,
};
// Clean Rooms: a Snowflake database's name has a Unicode-property pattern (`[\p{L}\p{M}\p{N}\p{Pc}\p{Pd}\p{Zs}]+`).
const snowflake = { secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s', accountIdentifier: 'acct.1', databaseName: 'Données 共有', tableName: 'ventes_été', schemaName: 'public', tableSchema: { v1: [{ columnName: 'id', columnType: 'INT' }] } };
const table = { name: 'ventes', tableReference: { snowflake }, allowedColumns: ['id'], analysisMethod: 'DIRECT_QUERY' };
const badTable = { ...table, tableReference: { snowflake: { ...snowflake, databaseName: 'no <tags>' } }, analysisMethod: 'SOMETIMES' };
const generated = (() => { const r = rng(28); return Array.from({ length: 20 }, () => validInput(r)); })();
/** The fixed request of each engine, by engine name, for the comparison across engines. */
const fixedSigned = {};

/** The request as the bytes it is sent as: method, URL, headers in order, body. */
const bytesOf = (request) => JSON.stringify([request.method, request.url, Object.entries(request.headers), request.body]);

/** Runs in the page: the release module, loaded as a user's page would. */
async function inPage({ valid, invalid, signing, generated, table, badTable }) {
  const mod = await import('/pkg/cleanroomsml_wasm.js');
  const cleanRooms = await import('/pkg/cleanrooms.js');
  await mod.default();
  const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/pkg/')).sort();
  // bytesOf, here: a WebDriver's serialization of the object need not keep its key order (and the page's CSP forbids eval).
  const signed = mod.createSignedRequest(valid, signing);
  return {
    signedBytes: JSON.stringify([signed.method, signed.url, Object.entries(signed.headers), signed.body]),
    version: mod.version(),
    validReport: mod.validate(valid),
    invalidReport: mod.validate(invalid),
    built: mod.buildRequest(valid, { region: 'us-east-1' }),
    builtByName: mod.buildRequest('GetConfiguredModelAlgorithm', { configuredModelAlgorithmArn: valid.configuredModelAlgorithmArn }, { region: 'us-east-1' }),
    signed: mod.createSignedRequest(valid, signing),
    signedGenerated: generated.map((input) => mod.createSignedRequest(input, signing)),
    loaded,
    cleanRooms: {
      valid: cleanRooms.validate('CreateConfiguredTable', table),
      invalid: cleanRooms.validate('CreateConfiguredTable', badTable),
      signed: cleanRooms.createSignedRequest('ListMemberships', { status: 'ACTIVE', maxResults: 5 }, signing),
      client: new cleanRooms.CleanRoomsClient({ region: 'us-east-1', credentials: signing.credentials }).constructor.name,
    },
  };
}

for (const name of ENGINES) {
  describe(engineTitle(name), () => {
    let server, url, browser, results;

    before(async () => {
      ({ server, url } = await serve({ port: 0 }));
      browser = await launch(name);
      const page = await browser.newPage();
      await page.goto(url);
      results = await page.evaluate(inPage, { valid, invalid, signing, generated, table, badTable });
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    test(`${engineTitle(name)}: the release package loads and validates a valid request and an invalid one, with field paths`, () => {
      assert.ok(engineTitle(name).includes(browser.version), `${browser.version} is the engine named`);
      assert.equal(results.version, wasm.version());
      assert.deepEqual(results.validReport, { ok: true, issues: [] });
      assert.equal(results.invalidReport.ok, false);
      assert.deepEqual(results.invalidReport.issues.map((i) => `${i.path} ${i.code}`), [
        'membershipIdentifier length',
        'membershipIdentifier pattern',
        'privacyConfiguration.policies.trainedModels.containerLogs[0].allowedAccountIds[0] length',
        'privacyConfiguration.policies.trainedModels.containerLogs[0].allowedAccountIds[0] pattern',
      ]);
      assert.deepEqual(results.invalidReport, wasm.validate(invalid), 'the report Node gives');
    });

    test(`${engineTitle(name)}: buildRequest and createSignedRequest give Node's requests`, () => {
      assert.deepEqual(results.built, wasm.buildRequest(valid, { region: 'us-east-1' }));
      assert.match(results.built.url, /^https:\/\/cleanrooms-ml\.us-east-1\.amazonaws\.com\/memberships\/0d0a0c1e-1111-4222-8333-944455556666\/configured-model-algorithm-associations$/);
      assert.equal(results.builtByName.method, 'GET');
      assert.deepEqual(results.builtByName, wasm.buildRequest('GetConfiguredModelAlgorithm', { configuredModelAlgorithmArn: valid.configuredModelAlgorithmArn }, { region: 'us-east-1' }));
      assert.match(results.signed.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260101\/us-east-1\/cleanrooms-ml\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/);
      assert.deepEqual(results.signedGenerated, generated.map((input) => wasm.createSignedRequest(input, signing)), '20 generated inputs');
      fixedSigned[name] = results.signedBytes;
    });

    test(`${engineTitle(name)}: the Clean Rooms entry point over the same module, loaded once for both`, () => {
      // The page (the console) loads the package too; the runtime and the module, once each.
      assert.deepEqual(results.loaded.filter((p) => /runtime\.js$|\.wasm$/.test(p)), ['/pkg/cleanroomsml_wasm_bg.wasm', '/pkg/runtime.js']);
      assert.ok(results.loaded.includes('/pkg/cleanrooms.js'));
      assert.deepEqual(results.cleanRooms.valid, { ok: true, issues: [] });
      assert.deepEqual(results.cleanRooms.invalid.issues.map((i) => `${i.path} ${i.code}`), ['tableReference.snowflake.databaseName pattern', 'analysisMethod enum']);
      assert.deepEqual(results.cleanRooms.invalid, cleanrooms.validate('CreateConfiguredTable', badTable), 'the report Node gives');
      assert.deepEqual(results.cleanRooms.signed, cleanrooms.createSignedRequest('ListMemberships', { status: 'ACTIVE', maxResults: 5 }, signing));
      assert.match(results.cleanRooms.signed.headers.authorization, /\/us-east-1\/cleanrooms\/aws4_request, /);
      assert.equal(results.cleanRooms.client, 'CleanRoomsClient');
    });
  });
}

test('the fixed request signed in Chromium, Firefox and WebKit: the same bytes, and those Node gives', () => {
  assert.deepEqual(Object.keys(fixedSigned), ENGINES, 'every engine signed it');
  const node = bytesOf(wasm.createSignedRequest(valid, signing));
  for (const name of ENGINES) assert.equal(fixedSigned[name], node, name);
});
