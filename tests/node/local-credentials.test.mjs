// The client with the credential providers against the local endpoint's identity provider,
// whose credentials last 20 seconds here: refreshes counted over a minute of calls, 50
// concurrent calls at the refresh, a refused refresh, and a session that expires mid-call.
// Each test has an endpoint of its own (their clocks and counts are theirs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import wasm from './wasm.mjs';
import { fromCognitoIdentityPool, fromWebToken } from '../../pkg/credential-providers.js';
import { startLocalEndpoint, DEMO_IDENTITY_POOL, DEMO_AUTHENTICATED_IDENTITY_POOL, DEMO_OIDC_PROVIDER, DEMO_OIDC_TOKEN, DEMO_ROLE_ARN } from '../../scripts/local-endpoint.mjs';

const LIFETIME_MS = 20_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An endpoint with 20-second credentials, and a client whose every request is recorded (time, access key). */
async function setUp(makeProvider) {
  const endpoint = await startLocalEndpoint({ port: 0, log: () => {}, credentialLifetimeSeconds: LIFETIME_MS / 1000 });
  const sent = [];
  const provider = makeProvider({ region: 'us-east-1', endpoint: endpoint.url });
  const client = new wasm.CleanRoomsMlClient({
    region: 'us-east-1',
    endpoint: endpoint.url,
    credentials: provider,
    fetch: (url, init) => {
      sent.push({ at: Date.now(), key: /Credential=([^/]+)\//.exec(init.headers.authorization)[1] });
      return fetch(url, init);
    },
  });
  return { endpoint, client, provider, sent };
}

const pool = (clientConfig) => fromCognitoIdentityPool({ identityPoolId: DEMO_IDENTITY_POOL, clientConfig });
const list = (client) => client.listConfiguredModelAlgorithms({});

describe('the client, a provider and 20-second credentials', { concurrency: true }, () => {
  test('calls over a minute: credentials fetched exactly once per window (the first half of their life)', async () => {
    const { endpoint, client, sent } = await setUp(pool);
    try {
      const started = Date.now();
      while (Date.now() - started < 60_000) {
        await list(client);
        await sleep(1000);
      }
      const keys = [...new Set(sent.map((s) => s.key))];
      assert.equal(endpoint.stats().getCredentialsForIdentity, keys.length, 'one GetCredentialsForIdentity per set used');
      assert.equal(endpoint.stats().getId, 1, 'the identity ID is kept');
      // Each set is used from its first request until the first request after its window.
      for (const [i, key] of keys.entries()) {
        const uses = sent.filter((s) => s.key === key);
        const span = uses.at(-1).at - uses[0].at;
        assert.ok(span < LIFETIME_MS / 2, `set ${i} used for ${span} ms, within its 10-second window`);
        const next = sent.find((s) => s.key === keys[i + 1]);
        if (next) assert.ok(next.at - uses[0].at >= LIFETIME_MS / 2 - 50, `set ${i + 1} fetched only when set ${i}'s window ended (${next.at - uses[0].at} ms)`);
      }
      const windows = (sent.at(-1).at - sent[0].at) / (LIFETIME_MS / 2);
      assert.ok(keys.length >= Math.floor(windows) && keys.length <= Math.ceil(windows) + 1, `${keys.length} refreshes over ${windows.toFixed(2)} windows`);
      console.log(`a minute of calls: ${sent.length} calls, ${keys.length} sets of credentials, ${endpoint.stats().getCredentialsForIdentity} GetCredentialsForIdentity, ${endpoint.stats().getId} GetId`);
    } finally {
      await endpoint.close();
    }
  });

  test('50 concurrent calls when the credentials are due: one refresh', async () => {
    const { endpoint, client, sent } = await setUp(pool);
    try {
      await list(client);
      await sleep(LIFETIME_MS / 2 + 200);
      const before = endpoint.stats().getCredentialsForIdentity;
      const outputs = await Promise.all(Array.from({ length: 50 }, () => list(client)));
      assert.equal(outputs.length, 50);
      assert.equal(endpoint.stats().getCredentialsForIdentity - before, 1);
      assert.equal(new Set(sent.slice(1).map((s) => s.key)).size, 1, 'all 50 signed with the one new set');
      assert.notEqual(sent[1].key, sent[0].key);
    } finally {
      await endpoint.close();
    }
  });

  test('a refused refresh surfaces typed, and the next call tries again', async () => {
    let token = 'a-token-the-endpoint-refuses';
    const { endpoint, client } = await setUp((clientConfig) => fromCognitoIdentityPool({
      identityPoolId: DEMO_AUTHENTICATED_IDENTITY_POOL, logins: { [DEMO_OIDC_PROVIDER]: () => token }, userIdentifier: 'demo-user', clientConfig,
    }));
    try {
      const refused = await list(client).then(() => null, (e) => e);
      assert.equal(refused.name, 'NotAuthorizedException');
      assert.equal(refused.$fault, 'client');
      assert.equal(refused.$metadata.httpStatusCode, 400);
      assert.ok(refused.$metadata.requestId);
      token = DEMO_OIDC_TOKEN;
      const output = await list(client);
      assert.ok(Array.isArray(output.configuredModelAlgorithms));
      assert.equal(endpoint.stats().getCredentialsForIdentity, 1);
    } finally {
      await endpoint.close();
    }
  });

  test('a session that expires mid-call: ExpiredTokenException, one forced refresh, the call succeeds', async () => {
    const { endpoint, client, sent } = await setUp((clientConfig) => fromWebToken({ roleArn: DEMO_ROLE_ARN, webIdentityToken: DEMO_OIDC_TOKEN, clientConfig }));
    try {
      await list(client);
      // The service's clock moves past the expiry while the client still holds the credentials.
      endpoint.setClockOffsetMs(LIFETIME_MS + 1000);
      const output = await list(client);
      assert.equal(output.$metadata.attempts, 2);
      assert.equal(endpoint.stats().assumeRoleWithWebIdentity, 2);
      assert.equal(sent.length, 3);
      assert.equal(sent[1].key, sent[0].key, 'the expired set was tried first');
      assert.notEqual(sent[2].key, sent[1].key, 'then a new one');
    } finally {
      await endpoint.close();
    }
  });

  test('createSignedRequest and a paginator with a provider: the endpoint accepts what they sign', async () => {
    const { endpoint, provider, client, sent } = await setUp(pool);
    try {
      const pages = [];
      for await (const page of wasm.paginateListConfiguredModelAlgorithms({ client, pageSize: 1 }, {})) pages.push(page);
      assert.ok(pages.length > 1, `${pages.length} pages`);
      assert.equal(new Set(sent.map((s) => s.key)).size, 1, 'every page signed with the provider\'s one set');
      const request = await wasm.createSignedRequest('ListConfiguredModelAlgorithms', {}, { region: 'us-east-1', endpoint: endpoint.url, credentials: provider });
      const { host, ...headers } = request.headers;
      const response = await fetch(request.url, { method: request.method, headers });
      assert.equal(response.status, 200, await response.clone().text());
      const error = await wasm.createSignedRequest('ListConfiguredModelAlgorithms', { maxResults: 0 }, { region: 'us-east-1', endpoint: endpoint.url, credentials: provider }).then(() => null, (e) => e);
      assert.equal(error.name, 'ValidationError', 'an invalid input rejects the promise');
    } finally {
      await endpoint.close();
    }
  });
});
