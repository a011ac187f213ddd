// Hostile JavaScript values through every export, in headless Chromium: each gives a
// structured error or report within a bounded time, nothing traps or hangs, a valid
// request still signs identically afterwards, and no secret appears in any result, error
// or console line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startSession } from './chromium.mjs';

let session, page;
const consoleLines = [];

before(async () => {
  session = await startSession({ extraMounts: [['/tests/', fileURLToPath(new URL('..', import.meta.url))]] });
  page = await session.browser.newPage();
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(`${session.url}tests/client/harness.html`);
});
after(() => session?.close());

/** JavaScript expressions for hostile values, built in the page. */
const HOSTILE = {
  undefined: 'undefined',
  null: 'null',
  zero: '0',
  NaN: 'NaN',
  Infinity: 'Infinity',
  minusInfinity: '-Infinity',
  minusZero: '-0',
  string10MB: '"x".repeat(10 * 1024 * 1024)',
  loneSurrogate: '"a\\uD800b"',
  symbol: 'Symbol("s")',
  bigint: '10n',
  func: '() => 1',
  array: '[1, 2]',
  map: 'new Map([["region", "us-east-1"]])',
  invalidDate: 'new Date(NaN)',
  nullPrototype: 'Object.create(null)',
  protoAndConstructor: 'JSON.parse(\'{"__proto__": {"polluted": 1}, "constructor": {"prototype": 1}}\')',
  throwingGetters: '({ get region() { throw new Error("getter boom") }, get credentials() { throw new Error("getter boom") }, get name() { throw new Error("getter boom") }, get url() { throw new Error("getter boom") } })',
  throwingProxy: 'new Proxy({}, { get() { throw new Error("trap boom") }, ownKeys() { throw new Error("trap boom") }, getPrototypeOf() { throw new Error("trap boom") }, has() { throw new Error("trap boom") } })',
  deep: '(() => { let d = {}; for (let i = 0; i < 10000; i++) d = { d }; return d; })()',
  cyclic: '(() => { const c = { name: "c" }; c.self = c; c.tags = c; return c; })()',
  tenThousandTags: '({ tags: Object.fromEntries(Array.from({ length: 10000 }, (_, i) => ["k" + i, "v"])) })',
};

test('every export survives every hostile value, and keeps signing identically', async () => {
  const outcome = await page.evaluate(async (hostile) => {
    const mod = await import('/pkg/cleanroomsml_wasm.js');
    await mod.default();
    const SECRET = 'SECRET-CANARY-wJalrXUtnFEMIK7MDENG';
    const TOKEN = 'TOKEN-CANARY-FwoGZXIvYXdzE';
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN };
    const input = () => ({
      membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
      configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc',
      name: 'hostile',
      tags: { team: 'ml' },
    });
    const config = () => ({ region: 'us-east-1', credentials, signingDate: 1_767_225_600_000 });
    const request = () => mod.buildRequest(input(), config());
    const reference = mod.createSignedRequest(input(), config()).headers.authorization;
    const value = (name) => new Function(`return (${hostile[name]});`)();
    const fetch = async () => new Response('{"configuredModelAlgorithmAssociationArn":"arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-association/a","configuredModelAlgorithms":[]}', { status: 200 });

    const calls = {
      'validate(x)': (x) => mod.validate(x),
      'buildRequest(x, config)': (x) => mod.buildRequest(x, config()),
      'buildRequest(input, x)': (x) => mod.buildRequest(input(), x),
      'createSignedRequest(x, config)': (x) => mod.createSignedRequest(x, config()),
      'createSignedRequest(input, x)': (x) => mod.createSignedRequest(input(), x),
      'createSignedRequest(input, {region: x})': (x) => mod.createSignedRequest(input(), { ...config(), region: x }),
      'createSignedRequest(input, {endpoint: x})': (x) => mod.createSignedRequest(input(), { ...config(), endpoint: x }),
      'createSignedRequest(input, {credentials: x})': (x) => mod.createSignedRequest(input(), { ...config(), credentials: x }),
      'createSignedRequest(input, {signingDate: x})': (x) => mod.createSignedRequest(input(), { ...config(), signingDate: x }),
      'createSignedRequest(input, {credentials: {secretAccessKey: x}})': (x) => mod.createSignedRequest(input(), { ...config(), credentials: { ...credentials, secretAccessKey: x } }),
      'signRequest(x, options)': (x) => mod.signRequest(x, config()),
      'signRequest({url: x}, options)': (x) => mod.signRequest({ ...request(), url: x }, config()),
      'signRequest({headers: x}, options)': (x) => mod.signRequest({ ...request(), headers: x }, config()),
      'signRequest({body: x}, options)': (x) => mod.signRequest({ ...request(), body: x }, config()),
      'signRequest({method: x}, options)': (x) => mod.signRequest({ ...request(), method: x }, config()),
      'signRequest(request, x)': (x) => mod.signRequest(request(), x),
      'new CleanRoomsMlClient(x)': (x) => new mod.CleanRoomsMlClient(x),
      'client.create(x)': (x) => new mod.CleanRoomsMlClient({ ...config(), fetch }).createConfiguredModelAlgorithmAssociation(x),
      'client.create(input, x)': (x) => new mod.CleanRoomsMlClient({ ...config(), fetch }).createConfiguredModelAlgorithmAssociation(input(), x),
      'validate(x, input)': (x) => mod.validate(x, input()),
      'createSignedRequest(operation, x, config)': (x) => mod.createSignedRequest('GetConfiguredModelAlgorithm', x, config()),
      'client.getConfiguredModelAlgorithmAssociation(x)': (x) => new mod.CleanRoomsMlClient({ ...config(), fetch }).getConfiguredModelAlgorithmAssociation(x),
      'paginate(x, input)': (x) => mod.paginateListConfiguredModelAlgorithms(x, {}).next(),
      'paginate({client}, x)': (x) => mod.paginateListConfiguredModelAlgorithms({ client: new mod.CleanRoomsMlClient({ ...config(), fetch }) }, x).next(),
      'client.send(x, input)': (x) => new mod.CleanRoomsMlClient({ ...config(), fetch }).send(x, input()),
      'client.send(operation, x)': (x) => new mod.CleanRoomsMlClient({ ...config(), fetch }).send('CreateMLInputChannel', x),
      'client.send(operation, input, x)': (x) => new mod.CleanRoomsMlClient({ ...config(), fetch }).send('CreateConfiguredModelAlgorithmAssociation', input(), x),
      'paginate(x, config, input)': (x) => mod.paginate(x, { client: new mod.CleanRoomsMlClient({ ...config(), fetch }) }, {}).next(),
      'validate(CreateAudienceModel, {trainingDataStartTime: x})': (x) => mod.validate('CreateAudienceModel', { name: 'a', trainingDatasetArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:training-dataset/t', trainingDataStartTime: x }),
    };

    const problems = [];
    let runs = 0;
    const names = new Set();
    for (const [callName, call] of Object.entries(calls)) {
      for (const valueName of Object.keys(hostile)) {
        runs++;
        const where = `${callName} with ${valueName}`;
        const started = performance.now();
        let result;
        let error;
        try {
          result = await call(value(valueName));
        } catch (e) {
          error = e;
        }
        const ms = performance.now() - started;
        if (ms > 5000) problems.push(`${where}: took ${ms} ms`);
        if (error !== undefined) {
          const structured = error instanceof Error && typeof error.name === 'string' && typeof error.message === 'string'
            && (typeof error.code === 'string' || error.$metadata !== undefined || error.name === 'AbortError');
          if (!structured) problems.push(`${where}: threw something unstructured: ${String(error)}`);
          if (/unreachable|RuntimeError|internal error/.test(`${error.name} ${error.message}`)) problems.push(`${where}: trapped: ${error.message}`);
          names.add(error.name);
          const seen = JSON.stringify({ ...error, message: error.message, stack: error.stack, name: error.name });
          if (seen.includes(SECRET) || seen.includes(TOKEN)) problems.push(`${where}: a secret in the error`);
        } else {
          // A signed request carries the token in its header: that is where it must go.
          const copy = JSON.parse(JSON.stringify(result ?? null, (k, v) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null');
          if (copy?.headers) delete copy.headers['x-amz-security-token'];
          const seen = JSON.stringify(copy);
          if (seen?.includes(SECRET) || seen?.includes(TOKEN)) problems.push(`${where}: a secret in the result`);
        }
        const again = mod.createSignedRequest(input(), config()).headers.authorization;
        if (again !== reference) problems.push(`${where}: later signing changed`);
      }
    }
    return { problems, runs, names: [...names].sort() };
  }, HOSTILE);
  assert.deepEqual(outcome.problems, []);
  assert.equal(outcome.runs, 29 * Object.keys(HOSTILE).length);
  assert.deepEqual(outcome.names, ['ConfigurationError', 'RequestError', 'ValidationError'], 'only structured error kinds');
  const secrets = consoleLines.filter((l) => l.includes('CANARY'));
  assert.deepEqual(secrets, [], 'no secret in the console');
});
