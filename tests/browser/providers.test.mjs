// The credential providers in headless Chromium against the local endpoint's identity
// provider: in a module Web Worker, and with the identity ID kept in IndexedDB and in
// localStorage (only the ID: never a key or token).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { serve } from '../../scripts/serve.mjs';
import { startLocalEndpoint, DEMO_IDENTITY_POOL } from '../../scripts/local-endpoint.mjs';

let browser, pageServer, url, endpoint;
before(async () => {
  ({ server: pageServer, url } = await serve({ port: 0, extraMounts: [['/tests/', fileURLToPath(new URL('..', import.meta.url))]] }));
  browser = await launchChromium();
  endpoint = await startLocalEndpoint({ port: 0, log: () => {} });
});
after(async () => {
  await browser?.close();
  pageServer?.close();
  await endpoint?.close();
});

async function harness() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}tests/client/harness.html`);
  return { page, errors };
}

test('in a module Web Worker: credentials from the identity pool, then a call', async () => {
  const { page, errors } = await harness();
  const result = await page.evaluate(({ url, pool }) => new Promise((resolve) => {
    const worker = new Worker('/tests/browser/providers-worker.mjs', { type: 'module' });
    worker.onmessage = ({ data }) => resolve(data);
    worker.onerror = (e) => resolve({ error: e.message });
    worker.postMessage({ url, pool });
  }), { url: endpoint.url, pool: DEMO_IDENTITY_POOL });
  assert.equal(result.error, undefined);
  assert.equal(result.hasWindow, false);
  assert.match(result.identityId, /^us-east-1:/);
  assert.ok(result.count > 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the identity ID kept in IndexedDB and in localStorage: reused by a new provider, and nothing secret stored', async () => {
  const { page, errors } = await harness();
  const getIdsBefore = endpoint.stats().getId;
  const result = await page.evaluate(async ({ url, pool }) => {
    const { fromCognitoIdentityPool, IndexedDbStorage } = await import('/pkg/credential-providers.js');
    const clientConfig = { region: 'us-east-1', endpoint: url };
    const outcomes = {};
    for (const [name, make] of [['indexedDB', () => new IndexedDbStorage('cleanroomsml-test-ids')], ['localStorage', () => localStorage]]) {
      const first = await fromCognitoIdentityPool({ identityPoolId: pool, userIdentifier: name, cache: make(), clientConfig })();
      const second = await fromCognitoIdentityPool({ identityPoolId: pool, userIdentifier: name, cache: make(), clientConfig })();
      outcomes[name] = { same: first.identityId === second.identityId, identityId: first.identityId, secrets: [first.secretAccessKey, first.sessionToken, second.secretAccessKey, second.sessionToken] };
    }
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('cleanroomsml-test-ids');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const stored = await new Promise((resolve) => {
      const all = db.transaction('IdentityIds').objectStore('IdentityIds').getAll();
      all.onsuccess = () => resolve(all.result);
    });
    return { outcomes, indexedDB: JSON.stringify(stored), localStorage: JSON.stringify({ ...localStorage }) };
  }, { url: endpoint.url, pool: DEMO_IDENTITY_POOL });
  assert.equal(endpoint.stats().getId - getIdsBefore, 2, 'one GetId per storage: the second provider read the stored ID');
  for (const [name, outcome] of Object.entries(result.outcomes)) {
    assert.ok(outcome.same, name);
    assert.ok(result[name].includes(outcome.identityId), `${name} holds the identity ID`);
    for (const secret of outcome.secrets) assert.ok(!result[name].includes(secret), `${name} holds no key or token`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
