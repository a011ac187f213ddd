// CORS as the service's Smithy trait declares it, in headless Chromium: the page (one
// origin) calls the local endpoint (another) for each of the 59 operations, and the endpoint
// answers preflights with the trait's allowed headers listed without its `*` (`strictCors`),
// so a request passes only if every header the client adds is one the trait or SigV4 names.
// Then clock-skew correction from what a page can read: `Date` is not exposed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './chromium.mjs';
import { startLocalEndpoint, DEMO_CREDENTIALS, DEMO_IDENTITY_POOL } from '../../scripts/local-endpoint.mjs';
import { cors, model } from '../../scripts/service-model.mjs';
import { MODEL_OPERATIONS, modelInput, rng } from '../node/generate.mjs';

/** The headers a request may carry: the trait's, SigV4's, and those the platform sets itself. */
const ALLOWED = new Set([...cors.additionalAllowedHeaders.filter((h) => h !== '*'), 'authorization', 'x-amz-date', 'x-amz-security-token']);

let session;
let endpoint;
before(async () => {
  session = await startSession();
  endpoint = await startLocalEndpoint({ port: 0, log: () => {}, strictCors: true });
});
after(async () => {
  await session?.close();
  await endpoint?.close();
});

/**
 * Runs `calls(mod, providers, argument)` in a page of the session's origin (Playwright sends
 * the function's source; the page's CSP allows no `eval` of its own).
 */
async function inPage(calls, argument) {
  const page = await session.browser.newPage();
  const failures = [];
  page.on('pageerror', (e) => failures.push(e.message));
  page.on('requestfailed', (r) => failures.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  try {
    await page.goto(session.url);
    const result = await page.evaluate(`(async () => {
      const mod = await import('/pkg/cleanroomsml_wasm.js');
      await mod.default();
      const providers = await import('/pkg/credential-providers.js');
      return (${calls.toString()})(mod, providers, ${JSON.stringify(argument)});
    })()`);
    return { result, failures };
  } finally {
    await page.close();
  }
}

test('every operation passes the trait\'s preflight; the headers added are the trait\'s and SigV4\'s', async () => {
  const r = rng(21);
  const cases = MODEL_OPERATIONS.map((operation) => ({ operation, input: modelInput(r, operation) }));
  assert.equal(cases.length, 59);
  const { result, failures } = await inPage(async (mod, providers, { cases, url, pool }) => {
    const sent = [];
    const credentials = providers.fromCognitoIdentityPool({ identityPoolId: pool, clientConfig: { region: 'us-east-1', endpoint: url } });
    const client = new mod.CleanRoomsMlClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1,
      fetch: (u, init) => { sent.push({ method: init.method, headers: Object.keys(init.headers) }); return fetch(u, init); } });
    const outcomes = [];
    for (const { operation, input } of cases) {
      const at = sent.length;
      try {
        const output = await client.send(operation, input);
        outcomes.push({ operation, status: output.$metadata.httpStatusCode, request: sent[at] });
      } catch (e) {
        outcomes.push({ operation, error: e.name, message: e.message, status: e.$metadata?.httpStatusCode, requestId: e.$metadata?.requestId, request: sent[at] });
      }
    }
    return outcomes;
  }, { cases, url: endpoint.url, pool: DEMO_IDENTITY_POOL });
  assert.deepEqual(failures, [], 'no request failed in the browser');
  const byKind = {};
  for (const outcome of result) {
    const method = model.operations[outcome.operation].http.method;
    assert.ok(outcome.status >= 200 && outcome.status < 500, `${outcome.operation}: a readable answer (${JSON.stringify(outcome)})`);
    assert.notEqual(outcome.error, 'NetworkError', outcome.operation);
    if (outcome.error) assert.ok(outcome.requestId, `${outcome.operation}: x-amzn-requestid is exposed`);
    assert.equal(outcome.request.method, method);
    for (const header of outcome.request.headers) assert.ok(ALLOWED.has(header) || header === 'host', `${outcome.operation} sends ${header}, which the trait does not allow`);
    (byKind[method] ??= new Set()).add(outcome.request.headers.filter((h) => h !== 'host').sort().join(', '));
  }
  assert.deepEqual(Object.keys(byKind).sort(), ['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
  console.log(`headers per method: ${JSON.stringify(Object.fromEntries(Object.entries(byKind).map(([m, s]) => [m, [...s]])))}`);
});

test('a page cannot read Date; a skewed clock is corrected from the skew error\'s message', async () => {
  const skewed = await startLocalEndpoint({ port: 0, log: () => {}, strictCors: true, clockOffsetMs: 3_600_000 });
  try {
    const { result, failures } = await inPage(async (mod, providers, { url, credentials }) => {
      const raw = await fetch(url + '/configured-model-algorithms');
      const client = new mod.CleanRoomsMlClient({ region: 'us-east-1', endpoint: url, credentials });
      const output = await client.listConfiguredModelAlgorithms({});
      const again = await client.listConfiguredModelAlgorithms({});
      return { date: raw.headers.get('date'), exposed: raw.headers.get('x-amzn-requestid') !== null,
        attempts: output.$metadata.attempts, again: again.$metadata.attempts, offset: client.clockOffsetMs };
    }, { url: skewed.url, credentials: DEMO_CREDENTIALS });
    assert.deepEqual(failures, []);
    assert.equal(result.date, null, 'Date is not exposed to the page');
    assert.equal(result.exposed, true, 'x-amzn-requestid is');
    assert.equal(result.attempts, 2, 'corrected, then retried');
    assert.equal(result.again, 1, 'the correction is kept');
    assert.ok(Math.abs(result.offset - 3_600_000) < 5000, `offset ${result.offset}`);
  } finally {
    await skewed.close();
  }
});
