// Parity with the SDKs users trust, for many generated inputs at one date: the
// authorization header equals botocore's and the JS SDK signer's (@smithy/signature-v4)
// for the same request; the URL equals the one botocore's cleanroomsml client builds, and
// the body is JSON-equal to what that client serializes (captured before sending).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import wasm from './wasm.mjs';
import { rng, validInput, operationInput, OPERATIONS } from './generate.mjs';

const CASES = 300;
const python = new URL('../../.venv/bin/python', import.meta.url).pathname;
const oracle = new URL('./botocore_oracle.py', import.meta.url).pathname;

function cases() {
  const r = rng(20261127);
  return Array.from({ length: CASES }, (_, i) => {
    const credentials = {
      accessKeyId: 'AKIA' + r.text([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'], 16),
      secretAccessKey: r.text([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+'], 40),
    };
    if (i % 3 === 0) credentials.sessionToken = r.text([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+='], 120);
    const region = r.pick(['us-east-1', 'eu-west-2', 'ap-southeast-1', 'us-gov-west-1', 'cn-north-1']);
    const signingDateMs = Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23), r.int(0, 59), r.int(0, 59));
    const input = validInput(r);
    const request = wasm.createSignedRequest(input, { region, credentials, signingDate: signingDateMs });
    return { input, region, credentials, signingDateMs, request };
  });
}

async function smithyAuthorization({ request, region, credentials, signingDateMs }) {
  const url = new URL(request.url);
  const headers = { ...request.headers };
  for (const computed of ['authorization', 'x-amz-date', 'x-amz-security-token']) delete headers[computed];
  // applyChecksum: false — the same headers as ours; x-amz-content-sha256 is for S3, this
  // service does not need it (botocore does not send it either).
  const signer = new SignatureV4({ service: 'cleanrooms-ml', region, credentials, sha256: Sha256, applyChecksum: false });
  const query = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signed = await signer.sign(
    { method: request.method, protocol: url.protocol, hostname: url.hostname, path: url.pathname, query, headers, body: request.body },
    { signingDate: new Date(signingDateMs) },
  );
  return signed.headers.authorization;
}

test(`${CASES} generated inputs sign, route and serialize as botocore and the JS SDK do`, async () => {
  const all = cases();
  const boto = JSON.parse(execFileSync(python, [oracle], { input: JSON.stringify(all), maxBuffer: 64 << 20 }));
  assert.equal(boto.results.length, all.length);
  let sessionTokens = 0;
  for (const [i, c] of all.entries()) {
    const ours = c.request;
    const expect = boto.results[i];
    assert.equal(ours.headers.authorization, expect.authorization, `case ${i}: authorization vs botocore`);
    assert.equal(ours.headers.authorization, await smithyAuthorization(c), `case ${i}: authorization vs @smithy/signature-v4`);
    assert.equal(ours.url, expect.url, `case ${i}: URL vs botocore's client`);
    assert.deepEqual(JSON.parse(ours.body), JSON.parse(expect.body), `case ${i}: body vs botocore's client`);
    if (c.credentials.sessionToken) {
      sessionTokens++;
      assert.equal(ours.headers['x-amz-security-token'], c.credentials.sessionToken);
    }
  }
  assert.ok(sessionTokens > 50, 'some cases carry a session token');
});

const PER_OPERATION = 40;

test(`every operation: ${PER_OPERATION} generated inputs each sign, route and serialize as botocore and the JS SDK do`, async () => {
  const r = rng(20261130);
  const all = OPERATIONS.flatMap((operation) => Array.from({ length: PER_OPERATION }, (_, i) => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: r.text([...'abcdefXYZ0123456789/+'], 40) };
    if (i % 2 === 0) credentials.sessionToken = r.text([...'abcdefXYZ0123456789/+='], 80);
    const region = r.pick(['us-east-1', 'eu-west-2', 'us-gov-west-1']);
    const signingDateMs = Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23), r.int(0, 59), r.int(0, 59));
    const input = operationInput(r, operation);
    const request = wasm.createSignedRequest(operation, input, { region, credentials, signingDate: signingDateMs });
    return { operation, input, region, credentials, signingDateMs, request };
  }));
  const boto = JSON.parse(execFileSync(python, [oracle], { input: JSON.stringify(all), maxBuffer: 64 << 20 }));
  const seen = { query: 0, noBody: 0 };
  for (const [i, c] of all.entries()) {
    const ours = c.request;
    const expect = boto.results[i];
    const at = `${c.operation} case ${i % PER_OPERATION}`;
    assert.equal(ours.method, expect.method, `${at}: method`);
    assert.equal(ours.url, expect.url, `${at}: URL vs botocore's client`);
    if (expect.body === '') assert.equal(ours.body, '', `${at}: no body`);
    else assert.deepEqual(JSON.parse(ours.body), JSON.parse(expect.body), `${at}: body vs botocore's client`);
    assert.equal(ours.headers.authorization, expect.authorization, `${at}: authorization vs botocore`);
    assert.equal(ours.headers.authorization, await smithyAuthorization(c), `${at}: authorization vs @smithy/signature-v4`);
    if (ours.url.includes('?')) seen.query++;
    if (ours.body === '') seen.noBody++;
  }
  assert.ok(seen.query > 40 && seen.noBody > 200, `queries and bodiless requests were covered: ${JSON.stringify(seen)}`);
});
