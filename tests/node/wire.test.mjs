// buildRequest, signRequest and createSignedRequest in Node 20: the request on the wire,
// endpoint rules through the export, and clear, structured, secret-free errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import wasm from './wasm.mjs';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEXAMPLETOKEN//////////';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN };
const input = () => ({
  membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
  configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc',
  name: 'modèle 中',
  description: undefined,
  privacyConfiguration: {
    policies: {
      trainedModels: { maxArtifactSize: { unit: 'GB', value: 10 }, containerMetrics: null },
      trainedModelExports: { maxSize: { unit: 'GB', value: 0.5 }, filesToExport: ['MODEL'] },
    },
  },
  tags: { team: 'ml 😀' },
});

/** Calls `fn` and returns what it threw. */
function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

/** A thrown error, checked for shape and for secrets. */
function expectError(fn, { name, code, path }) {
  const err = thrown(fn);
  assert.ok(err instanceof Error, 'an Error object, not a string');
  assert.deepEqual({ name: err.name, code: err.code, path: err.path }, { name, code, path }, err.message);
  const everything = `${err.message} ${err.stack} ${JSON.stringify(err)} ${JSON.stringify(err.report ?? {})}`;
  assert.ok(!everything.includes(SECRET) && !everything.includes(TOKEN), 'no secret in the error');
  return err;
}

test('buildRequest: restJson1 POST with the label in the path and only set members in the body', () => {
  const request = wasm.buildRequest(input(), { region: 'eu-west-2' });
  assert.deepEqual(request, {
    method: 'POST',
    url: 'https://cleanrooms-ml.eu-west-2.amazonaws.com/memberships/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-associations',
    headers: { 'content-type': 'application/json', host: 'cleanrooms-ml.eu-west-2.amazonaws.com' },
    body:
      '{"configuredModelAlgorithmArn":"arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc",' +
      '"name":"modèle 中","privacyConfiguration":{"policies":{"trainedModels":{"maxArtifactSize":{"unit":"GB","value":10}},' +
      '"trainedModelExports":{"maxSize":{"unit":"GB","value":0.5},"filesToExport":["MODEL"]}}},"tags":{"team":"ml 😀"}}',
  });
  assert.equal(request.body, JSON.stringify(JSON.parse(request.body)), 'byte-identical to JSON.stringify');
});

test('buildRequest: every official endpoint test case, through the export', () => {
  const { testCases } = JSON.parse(readFileSync(new URL('../../../shared/data/cleanroomsml-endpoint-tests.json', import.meta.url)));
  assert.equal(testCases.length, 21);
  for (const c of testCases) {
    const p = c.params ?? {};
    const config = { region: p.Region, endpoint: p.Endpoint, useFipsEndpoint: p.UseFIPS, useDualstackEndpoint: p.UseDualStack };
    if (c.expect.endpoint) {
      const { url } = wasm.buildRequest(input(), config);
      assert.equal(url, `${c.expect.endpoint.url}/memberships/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-associations`, c.documentation);
    } else {
      const err = thrown(() => wasm.buildRequest(input(), config));
      assert.equal(err.name, 'ConfigurationError', c.documentation);
      assert.equal(err.message, c.expect.error, c.documentation);
    }
  }
});

test('buildRequest: a custom local endpoint keeps its port in the URL and host header', () => {
  const request = wasm.buildRequest(input(), { endpoint: 'http://127.0.0.1:4566/' });
  assert.match(request.url, /^http:\/\/127\.0\.0\.1:4566\/memberships\//);
  assert.equal(request.headers.host, '127.0.0.1:4566');
});

test('an invalid input throws a ValidationError carrying the whole report', () => {
  const bad = { ...input(), name: '', tags: { 'aws:x': 'y' } };
  const err = expectError(() => wasm.createSignedRequest(bad, { region: 'us-east-1', credentials }), {
    name: 'ValidationError', code: 'invalidInput', path: 'input',
  });
  assert.deepEqual(err.report.issues.map((i) => `${i.path} ${i.code}`), ['name length', 'tags["aws:x"] reservedPrefix']);
  assert.equal(err.message, 'the input is invalid (2 errors; see report): name must be 1 to 63 characters long; is 0');
});

test('configuration errors name the member at fault', () => {
  const sign = (config) => () => wasm.createSignedRequest(input(), config);
  expectError(sign({ credentials }), { name: 'ConfigurationError', code: 'required', path: 'config.region' });
  expectError(sign(undefined), { name: 'ConfigurationError', code: 'type', path: 'config' });
  expectError(sign({ region: 'US-EAST-1', credentials }), { name: 'ConfigurationError', code: 'invalid', path: 'config.region' });
  expectError(sign({ region: 'us-east-1', credentials, endpoint: 'https://x.example', useFipsEndpoint: true }), {
    name: 'ConfigurationError', code: 'invalid', path: 'config.useFipsEndpoint',
  });
  expectError(sign({ region: 'us-east-1', credentials, endpoint: 'ftp://x.example' }), { name: 'ConfigurationError', code: 'invalid', path: 'config.endpoint' });
  expectError(sign({ region: 'us-east-1', useDualstackEndpoint: 'yes', credentials }), { name: 'ConfigurationError', code: 'type', path: 'config.useDualstackEndpoint' });
  expectError(sign({ region: 'us-east-1' }), { name: 'ConfigurationError', code: 'required', path: 'config.credentials' });
  expectError(sign({ region: 'us-east-1', credentials: { ...credentials, accessKeyId: undefined } }), {
    name: 'ConfigurationError', code: 'required', path: 'config.credentials.accessKeyId',
  });
  expectError(sign({ region: 'us-east-1', credentials: { ...credentials, secretAccessKey: '' } }), {
    name: 'ConfigurationError', code: 'required', path: 'config.credentials.secretAccessKey',
  });
  expectError(sign({ region: 'us-east-1', credentials: { ...credentials, secretAccessKey: 42 } }), {
    name: 'ConfigurationError', code: 'type', path: 'config.credentials.secretAccessKey',
  });
  expectError(sign({ region: 'us-east-1', credentials, signingDate: new Date('nope') }), { name: 'ConfigurationError', code: 'invalid', path: 'config.signingDate' });
  const expired = { ...credentials, expiration: new Date(Date.now() - 1000) };
  const err = expectError(sign({ region: 'us-east-1', credentials: expired }), { name: 'ConfigurationError', code: 'expired', path: 'config.credentials.expiration' });
  assert.match(err.message, /expired/);
});

test('without signingDate the time comes from the JavaScript clock', () => {
  const before = Date.now();
  const { headers } = wasm.createSignedRequest(input(), { region: 'us-east-1', credentials });
  const [, y, mo, d, h, mi, s] = headers['x-amz-date'].match(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/);
  const signedAt = Date.UTC(y, mo - 1, d, h, mi, s);
  assert.ok(signedAt >= before - 1000 && signedAt <= Date.now(), headers['x-amz-date']);
  assert.equal(headers['x-amz-security-token'], TOKEN);
  assert.match(headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cleanrooms-ml\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
});

test('createSignedRequest equals buildRequest then signRequest', () => {
  const config = { region: 'us-east-1', credentials, signingDate: 1_700_000_000_000 };
  const direct = wasm.createSignedRequest(input(), config);
  const stepwise = wasm.signRequest(wasm.buildRequest(input(), config), config);
  assert.deepEqual(direct, stepwise);
  assert.ok(!JSON.stringify(direct).includes(SECRET), 'the secret is not in the signed request');
});

test('long strings cross into the module whole, ASCII or not (the glue encodes them at once from 512 characters)', async () => {
  const signingDate = 1_700_000_000_000;
  const signer = new SignatureV4({ service: 'cleanrooms-ml', region: 'us-east-1', credentials, sha256: Sha256, applyChecksum: false });
  const bodies = ['a'.repeat(511), 'a'.repeat(512), 'x'.repeat(54 * 1024), 'é'.repeat(600), `${'a'.repeat(700)}中😀${'b'.repeat(10)}`, '😀'.repeat(400), `${'z'.repeat(600)}é`];
  for (const body of bodies) {
    const request = { method: 'POST', url: 'https://cleanrooms-ml.us-east-1.amazonaws.com/x', headers: { 'content-type': 'application/json' }, body };
    const signed = wasm.signRequest(request, { region: 'us-east-1', credentials, signingDate });
    assert.equal(signed.body, body);
    const headers = { ...signed.headers };
    for (const computed of ['authorization', 'x-amz-date', 'x-amz-security-token']) delete headers[computed];
    const expected = await signer.sign(
      { method: 'POST', protocol: 'https:', hostname: 'cleanrooms-ml.us-east-1.amazonaws.com', path: '/x', query: {}, headers, body },
      { signingDate: new Date(signingDate) },
    );
    assert.equal(signed.headers.authorization, expected.headers.authorization, `a body of ${body.length} UTF-16 units`);
  }
  // Lengths are counted in code points after the crossing.
  const description = (text) => wasm.validate({ ...input(), description: text }).issues.filter((i) => i.path === 'description').map((i) => `${i.path} ${i.message}`);
  assert.deepEqual(description('é'.repeat(255)), []);
  assert.deepEqual(description('中'.repeat(255)), []);
  assert.deepEqual(description('é'.repeat(256)), ['description must be 0 to 255 characters long; is 256']);
  assert.deepEqual(description(`${'d'.repeat(600)}中`), ['description must be 0 to 255 characters long; is 601']);
});

test('signRequest: a malformed request is a RequestError naming the member', () => {
  const options = { region: 'us-east-1', credentials };
  const good = wasm.buildRequest(input(), { region: 'us-east-1' });
  expectError(() => wasm.signRequest('GET /', options), { name: 'RequestError', code: 'type', path: 'request' });
  expectError(() => wasm.signRequest({ ...good, url: 'not a url' }, options), { name: 'RequestError', code: 'invalid', path: 'request.url' });
  expectError(() => wasm.signRequest({ ...good, method: 'PO ST' }, options), { name: 'RequestError', code: 'invalid', path: 'request.method' });
  expectError(() => wasm.signRequest({ ...good, headers: { 'x-n': 5 } }, options), { name: 'RequestError', code: 'type', path: 'request.headers.x-n' });
  expectError(() => wasm.signRequest({ ...good, headers: { 'x-n': 'a\nb' } }, options), { name: 'RequestError', code: 'invalid', path: 'request.headers' });
  expectError(() => wasm.signRequest(good, { ...options, region: undefined }), { name: 'ConfigurationError', code: 'required', path: 'options.region' });
});

test('numbers cross as JavaScript reads and prints them: the body and the messages say what JSON.stringify says', () => {
  for (const value of [0.1 + 0.2, 12.345678901234567, 1e1, 49.99999999999999, 0.01]) {
    const v = input();
    v.privacyConfiguration.policies.trainedModelExports.maxSize.value = value;
    const body = JSON.parse(wasm.buildRequest(v, { region: 'us-east-1' }).body);
    assert.equal(JSON.stringify(body.privacyConfiguration.policies.trainedModelExports.maxSize.value), JSON.stringify(value));
    assert.ok(wasm.buildRequest(v, { region: 'us-east-1' }).body.includes(`"value":${JSON.stringify(value)}`));
  }
  for (const value of [1e21, 1e-7, 123456.789e3, -0.0001]) {
    const v = input();
    v.privacyConfiguration.policies.trainedModels.maxArtifactSize.value = value;
    const [issue] = wasm.validate(v).issues;
    assert.equal(issue.message, `must be from 0.01 to 100; is ${String(value)}`);
  }
});

test('signRequest names a header it cannot sign (the release build prints no Debug form)', () => {
  const request = { method: 'GET', url: 'https://cleanrooms-ml.us-east-1.amazonaws.com/x', headers: { 'bad name': 'v' }, body: '' };
  let error;
  try {
    wasm.signRequest(request, { region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
  } catch (e) {
    error = e;
  }
  assert.equal(error?.name, 'RequestError');
  assert.equal(error.message, 'the header name "bad name" is not a valid HTTP header name');
});
