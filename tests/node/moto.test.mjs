// The moto harness (moto.mjs) with raw fetch, as a browser would call: moto starts, an
// identity pool is set up, GetId → GetCredentialsForIdentity and AssumeRoleWithWebIdentity
// give credentials, and close() ends the server. What is asserted about moto's answers is
// what the credential providers will meet from it (see the notes at the top of moto.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startMoto, cognitoIdentity, assumeRoleWithWebIdentity, parseStsCredentials,
  MOTO_COGNITO_CREDENTIALS, WEB_IDENTITY_ROLE_ARN,
} from './moto.mjs';

let moto;
before(async () => { moto = await startMoto(); });
after(() => moto?.close());

const within = (actual, expected, slack, what) =>
  assert.ok(Math.abs(actual - expected) <= slack, `${what}: ${actual} is not within ${slack} of ${expected}`);

test('moto answers on 127.0.0.1', async () => {
  assert.match(moto.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await fetch(`${moto.url}/moto-api/config`);
  assert.ok(res.ok, `${res.status}`); // moto answers its config with 201
  assert.equal(typeof (await res.json()), 'object');
});

test('the identity pool set up exists, in the region asked for', async () => {
  const pool = await moto.createIdentityPool({ name: 'harness_pool' });
  assert.match(pool.IdentityPoolId, /^us-east-1:[0-9a-f-]{36}$/);
  assert.equal(pool.AllowUnauthenticatedIdentities, true);
  const described = await cognitoIdentity(moto.url, 'DescribeIdentityPool', { IdentityPoolId: pool.IdentityPoolId });
  assert.equal(described.status, 200, described.text);
  assert.equal(described.json.IdentityPoolName, 'harness_pool');

  const eu = await moto.createIdentityPool({ name: 'eu_pool', region: 'eu-west-1' });
  assert.match(eu.IdentityPoolId, /^eu-west-1:/);
  const id = await cognitoIdentity(moto.url, 'GetId', { IdentityPoolId: eu.IdentityPoolId });
  assert.equal(id.status, 200, id.text);
  // moto files an unsigned GetId under us-east-1, whatever the pool's region.
  assert.match(id.json.IdentityId, /^us-east-1:/);
});

test('GetId then GetCredentialsForIdentity, unsigned, give credentials for 90 seconds', async () => {
  const pool = await moto.createIdentityPool();
  const id = await cognitoIdentity(moto.url, 'GetId', { IdentityPoolId: pool.IdentityPoolId });
  assert.equal(id.status, 200, id.text);
  assert.equal(id.headers.get('content-type'), 'text/html; charset=utf-8'); // moto's, not AWS's application/x-amz-json-1.1
  assert.deepEqual(Object.keys(id.json), ['IdentityId']);
  assert.match(id.json.IdentityId, /^us-east-1:[0-9a-f-]{36}$/);

  const before = Date.now() / 1000;
  const got = await cognitoIdentity(moto.url, 'GetCredentialsForIdentity', { IdentityId: id.json.IdentityId });
  assert.equal(got.status, 200, got.text);
  assert.equal(got.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(got.json.IdentityId, id.json.IdentityId);
  const c = got.json.Credentials;
  assert.equal(c.AccessKeyId, MOTO_COGNITO_CREDENTIALS.AccessKeyId);
  assert.equal(c.SecretKey, MOTO_COGNITO_CREDENTIALS.SecretKey); // SecretKey, not SecretAccessKey
  assert.equal(c.SessionToken, MOTO_COGNITO_CREDENTIALS.SessionToken);
  assert.equal(typeof c.Expiration, 'number'); // epoch seconds, with a fraction
  within(c.Expiration, before + MOTO_COGNITO_CREDENTIALS.lifetimeSeconds, 5, 'Expiration');
});

test('Cognito errors: an unknown pool crashes moto (500, HTML, no CORS header); a declared error is JSON', async () => {
  const unknown = await cognitoIdentity(moto.url, 'GetId', { IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' });
  assert.equal(unknown.status, 500);
  assert.equal(unknown.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(unknown.headers.get('access-control-allow-origin'), null);
  assert.match(unknown.text, /500 Internal Server Error/);

  const described = await cognitoIdentity(moto.url, 'DescribeIdentityPool', { IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' });
  assert.equal(described.status, 400);
  assert.equal(described.headers.get('content-type'), 'application/json');
  assert.equal(described.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
  assert.equal(described.json.__type, 'ResourceNotFoundException');
});

test('AssumeRoleWithWebIdentity, unsigned, gives credentials (XML) that moto knows as the role', async () => {
  const before = Date.now();
  const res = await assumeRoleWithWebIdentity(moto.url, { roleSessionName: 'harness' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('content-type'), 'text/xml');
  assert.match(res.text, /^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
  const c = res.credentials;
  assert.match(c.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
  assert.ok(c.SecretAccessKey.length === 40 && c.SessionToken.length > 100);
  assert.match(c.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/); // microseconds
  within(Date.parse(c.Expiration), before + 3600e3, 5e3, 'Expiration (default 3600 s)');
  assert.equal(c.AssumedRoleArn, 'arn:aws:sts::123456789012:assumed-role/cleanroomsml-web/harness');

  const short = await assumeRoleWithWebIdentity(moto.url, { durationSeconds: 900 });
  within(Date.parse(short.credentials.Expiration), Date.now() + 900e3, 5e3, 'Expiration (900 s)');

  // moto checks no signature, but it knows the access key it issued: STS GetCallerIdentity
  // under that key (its routing needs an Authorization header) answers the assumed role.
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const who = await fetch(`${moto.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-amz-date': date,
      'x-amz-security-token': c.SessionToken,
      authorization: `AWS4-HMAC-SHA256 Credential=${c.AccessKeyId}/${date.slice(0, 8)}/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  const text = await who.text();
  assert.equal(who.status, 200, text);
  assert.match(text, /<Arn>arn:aws:sts::123456789012:assumed-role\/cleanroomsml-web\/harness<\/Arn>/);
});

test('moto checks no token, no role and no pool setting', async () => {
  const res = await assumeRoleWithWebIdentity(moto.url, { webIdentityToken: 'not-a-jwt', roleArn: `${WEB_IDENTITY_ROLE_ARN}-that-does-not-exist` });
  assert.equal(res.status, 200, res.text);
  assert.ok(res.credentials.AccessKeyId);
  assert.equal(parseStsCredentials('<Error/>'), null);

  // A pool closed to unauthenticated identities, and Logins that no provider issued.
  const closed = await moto.createIdentityPool({ name: 'closed_pool', allowUnauthenticated: false });
  const logins = { 'accounts.google.com': 'not-a-jwt' };
  const id = await cognitoIdentity(moto.url, 'GetId', { IdentityPoolId: closed.IdentityPoolId, Logins: logins });
  assert.equal(id.status, 200, id.text);
  const got = await cognitoIdentity(moto.url, 'GetCredentialsForIdentity', { IdentityId: id.json.IdentityId, Logins: logins });
  assert.equal(got.status, 200, got.text);
  // Nor an identity id: any string gets the same credentials.
  const any = await cognitoIdentity(moto.url, 'GetCredentialsForIdentity', { IdentityId: 'us-east-1:never-issued' });
  assert.equal(any.status, 200, any.text);
  assert.equal(any.json.Credentials.AccessKeyId, MOTO_COGNITO_CREDENTIALS.AccessKeyId);
});

test('CORS: moto answers a browser\'s preflight for X-Amz-Target', async () => {
  const res = await fetch(`${moto.url}/`, {
    method: 'OPTIONS',
    headers: {
      origin: 'http://localhost:8080',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-amz-target',
    },
  });
  await res.arrayBuffer();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8080');
  assert.match(res.headers.get('access-control-allow-headers'), /x-amz-target/);
});

test('close() ends moto', async () => {
  const own = await startMoto();
  const { pid, url } = own;
  assert.doesNotThrow(() => process.kill(pid, 0));
  const ended = await own.close();
  assert.ok(ended.signal === 'SIGTERM' || ended.code !== null, JSON.stringify(ended));
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
  await assert.rejects(fetch(`${url}/moto-api/config`));
  await own.close(); // twice is fine
});

test('startMoto throws, with moto\'s output, when moto is missing', async () => {
  await assert.rejects(startMoto({ venv: '/nonexistent-venv' }), /no Python at \/nonexistent-venv\/bin\/python; run scripts\/bootstrap\.sh/);

  // A Python without moto: the interpreter's own error is in the message.
  const venv = mkdtempSync(join(tmpdir(), 'no-moto-'));
  try {
    mkdirSync(join(venv, 'bin'));
    writeFileSync(join(venv, 'bin', 'python'), '#!/bin/sh\nexec python3 -S "$@"\n');
    chmodSync(join(venv, 'bin', 'python'), 0o755);
    await assert.rejects(startMoto({ venv }), (error) => {
      assert.match(error.message, /moto did not start: it exited \(code 1/);
      assert.match(error.message, /No module named 'moto'/);
      return true;
    });
  } finally {
    rmSync(venv, { recursive: true, force: true });
  }
});
