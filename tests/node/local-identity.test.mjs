// The local endpoint's CORS (the service's Smithy trait), its clock-skew answers, and the
// endpoint as identity provider (Cognito Identity, STS AssumeRoleWithWebIdentity) whose
// credentials the Clean Rooms ML operations take until they expire. botocore's own Cognito
// and STS clients read its answers (tests/node/botocore_identity_answers.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import {
  startLocalEndpoint, skewError, DEMO_CREDENTIALS, DEMO_IDENTITY_POOL, DEMO_AUTHENTICATED_IDENTITY_POOL, DEMO_OIDC_PROVIDER,
  DEMO_OIDC_TOKEN, DEMO_ROLE_ARN,
} from '../../scripts/local-endpoint.mjs';
import { COGNITO_MODEL, STS_MODEL } from '../../scripts/identity-provider.mjs';

const ROOT = new URL('../../', import.meta.url);
const TRAIT = {
  additionalAllowedHeaders: ['*', 'content-type', 'x-amz-content-sha256', 'x-amz-user-agent', 'x-amzn-platform-id', 'x-amzn-trace-id'],
  additionalExposedHeaders: ['x-amzn-errortype', 'x-amzn-requestid', 'x-amzn-trace-id'],
  maxAge: 86400,
};
const ALLOW_HEADERS = '*, content-type, x-amz-content-sha256, x-amz-user-agent, x-amzn-platform-id, x-amzn-trace-id, authorization, x-amz-date, x-amz-security-token';
const EXPOSE_HEADERS = 'x-amzn-errortype, x-amzn-requestid, x-amzn-trace-id';
const LIFETIME = 20;

let endpoint;
const logs = [];
before(async () => {
  endpoint = await startLocalEndpoint({ port: 0, log: (line) => logs.push(line), credentialLifetimeSeconds: LIFETIME });
});
after(() => endpoint?.close());

/** A Clean Rooms ML call (ListConfiguredModelAlgorithms) signed by the AWS SDK's signer with `credentials` at `signingDate`. */
async function listAlgorithms(base, credentials, { signingDate = new Date(), unsignedToken } = {}) {
  const url = new URL(`${base}/configured-model-algorithms`);
  const signer = new SignatureV4({ service: 'cleanrooms-ml', region: 'us-east-1', credentials, sha256: Sha256 });
  const request = await signer.sign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host } }, { signingDate });
  const { host, ...headers } = request.headers;
  if (unsignedToken) headers['x-amz-security-token'] = unsignedToken;
  const response = await fetch(url, { headers });
  return { status: response.status, type: response.headers.get('x-amzn-errortype')?.split(':')[0], headers: response.headers, body: await response.json() };
}

async function cognito(operation, input, { base = endpoint.url, contentType = 'application/x-amz-json-1.1' } = {}) {
  const response = await fetch(`${base}/`, { method: 'POST', headers: { 'content-type': contentType, 'x-amz-target': `AWSCognitoIdentityService.${operation}` }, body: JSON.stringify(input) });
  return { status: response.status, headers: response.headers, type: response.headers.get('x-amzn-errortype')?.split(':')[0], body: await response.json() };
}

async function sts(params, base = endpoint.url) {
  const body = new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', ...params }).toString();
  const response = await fetch(`${base}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const xmlValue = (text, tag) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1];
const assume = (extra = {}) => sts({ RoleArn: DEMO_ROLE_ARN, RoleSessionName: 'test-session', WebIdentityToken: DEMO_OIDC_TOKEN, ...extra });

// ---- CORS ----

test('the CORS trait in model/ is the Smithy model\'s (../shared/data)', () => {
  const shared = JSON.parse(readFileSync(new URL('../shared/data/cleanroomsml-service-shape.json', ROOT), 'utf8'));
  const repo = JSON.parse(readFileSync(new URL('model/cleanroomsml/smithy-cors.json', ROOT), 'utf8'));
  assert.deepEqual(shared['com.amazonaws.cleanroomsml#AWSStarkControlService'].traits['smithy.api#cors'], TRAIT);
  assert.deepEqual(repo['smithy.api#cors'], TRAIT);
});

test('the preflight allows the trait\'s headers and SigV4\'s, the model\'s methods, for 86400 s', async () => {
  const response = await fetch(`${endpoint.url}/configured-model-algorithms`, {
    method: 'OPTIONS',
    headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-security-token' },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('access-control-allow-methods'), 'DELETE, GET, PATCH, POST, PUT');
  assert.equal(response.headers.get('access-control-allow-headers'), ALLOW_HEADERS);
  assert.equal(response.headers.get('access-control-max-age'), '86400');
});

test('answers, success and error, expose exactly the trait\'s headers (not date)', async () => {
  for (const credentials of [DEMO_CREDENTIALS, { ...DEMO_CREDENTIALS, secretAccessKey: 'wrong' }]) {
    const answer = await listAlgorithms(endpoint.url, credentials);
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    assert.equal(answer.headers.get('access-control-expose-headers'), EXPOSE_HEADERS);
    assert.ok(answer.headers.get('date'), 'the Date header itself is still sent');
    assert.ok(answer.headers.get('x-amzn-requestid'));
  }
  const unknown = await fetch(`${endpoint.url}/no-such-path`);
  assert.equal(unknown.headers.get('access-control-expose-headers'), EXPOSE_HEADERS);
});

test('strictCors: the preflight lists the allowed headers without "*"', async () => {
  const strict = await startLocalEndpoint({ port: 0, log: () => {}, strictCors: true });
  try {
    const response = await fetch(`${strict.url}/configured-model-algorithms`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'GET' } });
    assert.equal(response.headers.get('access-control-allow-headers'), ALLOW_HEADERS.replace('*, ', ''));
    assert.equal(response.headers.get('access-control-max-age'), '86400');
    assert.equal((await listAlgorithms(strict.url, DEMO_CREDENTIALS)).headers.get('access-control-expose-headers'), EXPOSE_HEADERS);
  } finally {
    await strict.close();
  }
});

test('a Cognito preflight (x-amz-target requested) allows Cognito\'s headers', async () => {
  const response = await fetch(`${endpoint.url}/`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent' } });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('access-control-allow-methods'), 'POST');
  assert.equal(response.headers.get('access-control-allow-headers'), 'content-type, x-amz-target, x-amz-user-agent');
});

// ---- Clock skew ----

test('the skew messages are AWS\'s, in both directions (the documented example)', () => {
  const server = Date.UTC(2015, 7, 6, 13, 20, 34);
  assert.equal(skewError('20150806T131223Z', new Date(Date.UTC(2015, 7, 6, 13, 12, 23)), server).message,
    'Signature expired: 20150806T131223Z is now earlier than 20150806T131534Z (20150806T132034Z - 5 min.)');
  assert.equal(skewError('20150806T132534Z', new Date(Date.UTC(2015, 7, 6, 13, 25, 34)), Date.UTC(2015, 7, 6, 13, 15, 34)).message,
    'Signature not yet current: 20150806T132534Z is still later than 20150806T132034Z (20150806T131534Z + 5 min.)');
  assert.equal(skewError('20150806T132534Z', new Date(Date.UTC(2015, 7, 6, 13, 25, 34)), server), null, 'exactly 5 minutes is allowed');
  assert.equal(skewError('20150806T131534Z', new Date(Date.UTC(2015, 7, 6, 13, 15, 34)), server), null);
});

const amz = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
const parseAmz = (s) => Date.parse(s.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));

for (const [direction, offsetMs] of [['expired (the endpoint\'s clock 10 min ahead)', 10 * 60_000], ['not yet current (the endpoint\'s clock 10 min behind)', -10 * 60_000]]) {
  test(`clockOffsetMs: a signature ${direction} is a 403 InvalidSignatureException with AWS's message`, async () => {
    const skewed = await startLocalEndpoint({ port: 0, log: () => {}, clockOffsetMs: offsetMs });
    try {
      const signingDate = new Date();
      const before = Date.now() + offsetMs;
      const answer = await listAlgorithms(skewed.url, DEMO_CREDENTIALS, { signingDate });
      const afterMs = Date.now() + offsetMs;
      assert.deepEqual([answer.status, answer.type], [403, 'InvalidSignatureException']);
      const m = offsetMs > 0
        ? /^Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 5 min\.\)$/.exec(answer.body.message)
        : /^Signature not yet current: (\d{8}T\d{6}Z) is still later than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) \+ 5 min\.\)$/.exec(answer.body.message);
      assert.ok(m, answer.body.message);
      assert.equal(m[1], amz(signingDate.getTime()), 'the signed time');
      const server = parseAmz(m[3]);
      assert.ok(server >= Math.floor(before / 1000) * 1000 && server <= afterMs, 'the endpoint\'s time');
      assert.equal(parseAmz(m[2]), server + Math.sign(-offsetMs) * 5 * 60_000);
      // The Date header is the endpoint's clock too.
      assert.ok(Math.abs(Date.parse(answer.headers.get('date')) - server) <= 2000);
      // Signed by the endpoint's clock, it is accepted.
      assert.equal((await listAlgorithms(skewed.url, DEMO_CREDENTIALS, { signingDate: new Date(Date.now() + offsetMs) })).status, 200);
    } finally {
      await skewed.close();
    }
  });
}

// ---- Cognito Identity ----

test('Cognito: unauthenticated GetId and GetCredentialsForIdentity', async () => {
  const id = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL });
  assert.equal(id.status, 200, JSON.stringify(id.body));
  assert.equal(id.headers.get('content-type'), 'application/x-amz-json-1.1');
  assert.equal(id.headers.get('access-control-allow-origin'), '*');
  assert.match(id.body.IdentityId, /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.notEqual((await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL })).body.IdentityId, id.body.IdentityId, 'each unauthenticated GetId is a new identity');
  const started = Math.floor(Date.now() / 1000);
  const got = await cognito('GetCredentialsForIdentity', { IdentityId: id.body.IdentityId });
  assert.equal(got.status, 200, JSON.stringify(got.body));
  assert.deepEqual(Object.keys(got.body).sort(), ['Credentials', 'IdentityId']);
  assert.equal(got.body.IdentityId, id.body.IdentityId);
  const { AccessKeyId, SecretKey, SessionToken, Expiration } = got.body.Credentials;
  assert.match(AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.ok(SecretKey.length >= 40 && SessionToken.length > 100);
  assert.equal(typeof Expiration, 'number');
  assert.ok(Expiration >= started + LIFETIME - 1 && Expiration <= started + LIFETIME + 2, `${Expiration}`);
});

test('Cognito: the demo login gives a stable identity, and credentials only with its login', async () => {
  const Logins = { [DEMO_OIDC_PROVIDER]: DEMO_OIDC_TOKEN };
  const first = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL, Logins });
  const again = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL, Logins, AccountId: '123456789012' });
  assert.equal(first.status, 200);
  assert.equal(again.body.IdentityId, first.body.IdentityId);
  const got = await cognito('GetCredentialsForIdentity', { IdentityId: first.body.IdentityId, Logins });
  assert.equal(got.status, 200, JSON.stringify(got.body));
  assert.match(got.body.Credentials.AccessKeyId, /^ASIA/);
  const without = await cognito('GetCredentialsForIdentity', { IdentityId: first.body.IdentityId });
  assert.deepEqual([without.status, without.type, without.body.__type], [400, 'NotAuthorizedException', 'NotAuthorizedException']);
  // The authenticated-only pool: the login works, no login does not.
  assert.equal((await cognito('GetId', { IdentityPoolId: DEMO_AUTHENTICATED_IDENTITY_POOL, Logins })).status, 200);
  const unauth = await cognito('GetId', { IdentityPoolId: DEMO_AUTHENTICATED_IDENTITY_POOL });
  assert.deepEqual([unauth.status, unauth.body], [400, { __type: 'NotAuthorizedException', message: 'Unauthenticated access is not supported for this identity pool.' }]);
});

test('Cognito: errors as Cognito answers them', async () => {
  const wrong = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL, Logins: { [DEMO_OIDC_PROVIDER]: 'not-the-token' } });
  assert.deepEqual([wrong.status, wrong.body], [400, { __type: 'NotAuthorizedException', message: 'Invalid login token. Token signature invalid.' }]);
  assert.equal(wrong.headers.get('x-amzn-errortype'), 'NotAuthorizedException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.model/');
  assert.equal(wrong.headers.get('access-control-allow-origin'), '*');
  const otherProvider = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL, Logins: { 'accounts.google.com': DEMO_OIDC_TOKEN } });
  assert.deepEqual([otherProvider.status, otherProvider.body.__type], [400, 'NotAuthorizedException']);
  const unknownPool = await cognito('GetId', { IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000' });
  assert.deepEqual([unknownPool.status, unknownPool.body], [400, { __type: 'ResourceNotFoundException', message: 'IdentityPool \'us-east-1:00000000-0000-4000-8000-000000000000\' not found.' }]);
  const unknownIdentity = await cognito('GetCredentialsForIdentity', { IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000' });
  assert.deepEqual([unknownIdentity.status, unknownIdentity.body.__type], [400, 'ResourceNotFoundException']);
  const invalid = await cognito('GetId', { IdentityPoolId: 'us-east-1_notapool' });
  assert.deepEqual([invalid.status, invalid.type], [400, 'InvalidParameterException']);
  assert.equal(invalid.body.message, '1 validation error detected: Value \'us-east-1_notapool\' at \'identityPoolId\' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+');
  const missing = await cognito('GetId', {});
  assert.equal(missing.body.message, '1 validation error detected: Value null at \'identityPoolId\' failed to satisfy constraint: Member must not be null');
  const logins = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}.example`, 'token']));
  const tooMany = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL, Logins: logins });
  assert.deepEqual([tooMany.body.__type, tooMany.body.message], ['InvalidParameterException', '1 validation error detected: Value at \'logins\' failed to satisfy constraint: Member must have length less than or equal to 10']);
  const account = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL, AccountId: '12345678901234567' });
  assert.match(account.body.message, /at 'accountId' failed to satisfy constraint: Member must have length less than or equal to 15$/);
  const role = await cognito('GetCredentialsForIdentity', { IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000', CustomRoleArn: 'arn:short' });
  assert.match(role.body.message, /at 'customRoleArn' failed to satisfy constraint: Member must have length greater than or equal to 20$/);
  const notJson = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL }, { contentType: 'text/plain' });
  assert.equal(notJson.status, 400);
  const unknownOperation = await cognito('ListIdentityPools', {});
  assert.deepEqual([unknownOperation.status, unknownOperation.body.__type], [400, 'UnknownOperationException']);
});

// ---- STS ----

test('STS: AssumeRoleWithWebIdentity with the demo token answers STS\'s XML', async () => {
  const started = Date.now();
  const answer = await assume({ DurationSeconds: '900' });
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.headers.get('content-type'), 'text/xml');
  assert.equal(answer.headers.get('access-control-allow-origin'), '*');
  assert.match(answer.text, /^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<AssumeRoleWithWebIdentityResult>\s*<Credentials>\s*<AccessKeyId>ASIA[A-Z2-7]{16}<\/AccessKeyId>\s*<SecretAccessKey>[^<]+<\/SecretAccessKey>\s*<SessionToken>[^<]+<\/SessionToken>\s*<Expiration>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/Expiration>\s*<\/Credentials>\s*<SubjectFromWebIdentityToken>[^<]+<\/SubjectFromWebIdentityToken>\s*<AssumedRoleUser>\s*<Arn>arn:aws:sts::123456789012:assumed-role\/cleanroomsml-demo\/test-session<\/Arn>\s*<AssumedRoleId>AROA\w+:test-session<\/AssumedRoleId>\s*<\/AssumedRoleUser>\s*<Provider>[^<]+<\/Provider>\s*<Audience>[^<]+<\/Audience>\s*<\/AssumeRoleWithWebIdentityResult>\s*<ResponseMetadata>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>\s*<\/ResponseMetadata>\s*<\/AssumeRoleWithWebIdentityResponse>\s*$/);
  assert.equal(xmlValue(answer.text, 'RequestId'), answer.headers.get('x-amzn-requestid'));
  const expiration = Date.parse(xmlValue(answer.text, 'Expiration'));
  assert.ok(expiration >= started - 1000 + LIFETIME * 1000 && expiration <= Date.now() + LIFETIME * 1000, 'the lifetime is min(DurationSeconds, credentialLifetimeSeconds)');
});

test('STS: errors as STS answers them', async () => {
  const wrong = await assume({ WebIdentityToken: 'not-the-token' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>InvalidIdentityToken<\/Code>\s*<Message>[^<]+<\/Message>\s*<\/Error>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>\s*<\/ErrorResponse>\s*$/);
  const cases = [
    [{ RoleSessionName: 'a' }, 'ValidationError', '1 validation error detected: Value \'a\' at \'roleSessionName\' failed to satisfy constraint: Member must have length greater than or equal to 2'],
    [{ RoleSessionName: 'has space' }, 'ValidationError', '1 validation error detected: Value \'has space\' at \'roleSessionName\' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*'],
    [{ RoleSessionName: 'x'.repeat(65) }, 'ValidationError', /Member must have length less than or equal to 64$/],
    [{ DurationSeconds: '899' }, 'ValidationError', '1 validation error detected: Value \'899\' at \'durationSeconds\' failed to satisfy constraint: Member must have value greater than or equal to 900'],
    [{ DurationSeconds: '43201' }, 'ValidationError', /Member must have value less than or equal to 43200$/],
    [{ DurationSeconds: '7200' }, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'],
    [{ RoleArn: 'arn:aws:iam::1:role' }, 'ValidationError', /^1 validation error detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20$/],
    [{ RoleArn: 'not-an-arn-at-all-but-long' }, 'ValidationError', 'Request ARN is invalid'],
    [{ RoleArn: 'arn:aws:iam::123456789012:role/another-role' }, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403],
    [{ Policy: '{not json' }, 'MalformedPolicyDocument', /./],
    [{ Version: '2010-01-01' }, 'InvalidAction', 'Could not find operation AssumeRoleWithWebIdentity for version 2010-01-01'],
  ];
  for (const [params, code, message, status = 400] of cases) {
    const answer = await assume(params);
    assert.deepEqual([answer.status, xmlValue(answer.text, 'Code'), xmlValue(answer.text, 'Type')], [status, code, 'Sender'], JSON.stringify(params));
    if (typeof message === 'string') assert.equal(xmlValue(answer.text, 'Message'), message);
    else assert.match(xmlValue(answer.text, 'Message'), message);
  }
  const missing = await sts({ RoleArn: DEMO_ROLE_ARN, WebIdentityToken: DEMO_OIDC_TOKEN });
  assert.equal(xmlValue(missing.text, 'Message'), '1 validation error detected: Value null at \'roleSessionName\' failed to satisfy constraint: Member must not be null');
});

// ---- Issued credentials at the Clean Rooms ML operations ----

test('issued credentials sign Clean Rooms ML calls until they expire; then ExpiredTokenException', async () => {
  const local = await startLocalEndpoint({ port: 0, log: () => {}, credentialLifetimeSeconds: LIFETIME });
  try {
    const { body: { IdentityId } } = await cognito('GetId', { IdentityPoolId: DEMO_IDENTITY_POOL }, { base: local.url });
    const { body: { Credentials: c } } = await cognito('GetCredentialsForIdentity', { IdentityId }, { base: local.url });
    const fromCognito = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken };
    const assumed = (await sts({ RoleArn: DEMO_ROLE_ARN, RoleSessionName: 'issued', WebIdentityToken: DEMO_OIDC_TOKEN }, local.url)).text;
    const fromSts = { accessKeyId: xmlValue(assumed, 'AccessKeyId'), secretAccessKey: xmlValue(assumed, 'SecretAccessKey'), sessionToken: xmlValue(assumed, 'SessionToken') };
    assert.deepEqual(local.stats(), { getId: 1, getCredentialsForIdentity: 1, assumeRoleWithWebIdentity: 1 });

    for (const credentials of [fromCognito, fromSts]) {
      const ok = await listAlgorithms(local.url, credentials);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.ok(ok.body.configuredModelAlgorithms.length >= 3);
      const wrongSecret = await listAlgorithms(local.url, { ...credentials, secretAccessKey: 'wrong' });
      assert.deepEqual([wrongSecret.status, wrongSecret.type], [403, 'InvalidSignatureException']);
      const unknownToken = await listAlgorithms(local.url, { ...credentials, sessionToken: 'IQoJunknown' });
      assert.deepEqual([unknownToken.status, unknownToken.type, unknownToken.body.message], [403, 'UnrecognizedClientException', 'The security token included in the request is invalid.']);
      const noToken = await listAlgorithms(local.url, { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey });
      assert.deepEqual([noToken.status, noToken.type], [403, 'UnrecognizedClientException']);
      const unsignedToken = await listAlgorithms(local.url, { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }, { unsignedToken: credentials.sessionToken });
      assert.equal(unsignedToken.status, 403, 'the session token is signed');
    }
    const unknownKey = await listAlgorithms(local.url, { ...fromCognito, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' });
    assert.deepEqual([unknownKey.status, unknownKey.type], [403, 'UnrecognizedClientException']);
    const staticWithToken = await listAlgorithms(local.url, { ...DEMO_CREDENTIALS, sessionToken: fromCognito.sessionToken });
    assert.deepEqual([staticWithToken.status, staticWithToken.type], [403, 'UnrecognizedClientException']);
    assert.equal((await listAlgorithms(local.url, DEMO_CREDENTIALS)).status, 200, 'the static demo credentials still work');

    // The endpoint's clock past the expiration (the request is signed 21 s behind it: within the 5 minutes).
    local.setClockOffsetMs((LIFETIME + 1) * 1000);
    for (const credentials of [fromCognito, fromSts]) {
      const expired = await listAlgorithms(local.url, credentials);
      assert.deepEqual([expired.status, expired.type, expired.body.message], [403, 'ExpiredTokenException', 'The security token included in the request is expired']);
      assert.equal(expired.headers.get('access-control-expose-headers'), EXPOSE_HEADERS);
    }
    assert.equal((await listAlgorithms(local.url, DEMO_CREDENTIALS)).status, 200);
  } finally {
    await local.close();
  }
});

test('one log line per identity request too, without tokens or secrets', () => {
  const identityLines = logs.filter((line) => / (GetId|GetCredentialsForIdentity|AssumeRoleWithWebIdentity) POST \/ /.test(line));
  assert.ok(identityLines.length >= 10, `${identityLines.length} lines`);
  for (const line of logs) {
    assert.match(line, /^local-endpoint \S+ (GET|POST|PUT|PATCH|DELETE|OPTIONS) \S+ \d{3} \w+ key=\S+ \d+ms$/);
    assert.ok(!line.includes(DEMO_OIDC_TOKEN.split('.')[1]), line);
  }
});

// ---- botocore as the oracle of the answer formats ----

function botocoreData(service, version) {
  const lib = new URL('.venv/lib/', ROOT);
  const python = readdirSync(lib).find((name) => name.startsWith('python3'));
  const file = new URL(`${python}/site-packages/botocore/data/${service}/${version}/service-2.json.gz`, lib);
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
}
const undocumented = (value) => (Array.isArray(value) ? value.map(undocumented)
  : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'documentation' && k !== 'documentationUrl').map(([k, v]) => [k, undocumented(v)]))
    : value);

test('model/identity/ is botocore\'s (the installed 1.44.8) for the operations and shapes it keeps', () => {
  for (const [copy, service, version] of [[COGNITO_MODEL, 'cognito-identity', '2014-06-30'], [STS_MODEL, 'sts', '2011-06-15']]) {
    const source = botocoreData(service, version);
    assert.deepEqual(copy.metadata, undocumented(source.metadata));
    for (const [name, operation] of Object.entries(copy.operations)) assert.deepEqual(operation, undocumented(source.operations[name]), name);
    for (const [name, shape] of Object.entries(copy.shapes)) assert.deepEqual(shape, undocumented(source.shapes[name]), name);
  }
});

test('botocore\'s Cognito Identity and STS clients read the answers: credentials out, error codes', async () => {
  const python = new URL('.venv/bin/python', ROOT).pathname;
  assert.ok(existsSync(python), 'the project venv (make bootstrap)');
  const spec = { endpoint: endpoint.url, pool: DEMO_IDENTITY_POOL, provider: DEMO_OIDC_PROVIDER, token: DEMO_OIDC_TOKEN, roleArn: DEMO_ROLE_ARN };
  const stdout = await new Promise((resolve, reject) => {
    const child = execFile(python, [new URL('botocore_identity_answers.py', import.meta.url).pathname], { timeout: 60_000 }, (err, out, errText) => (err ? reject(new Error(`${err.message}\n${errText}`)) : resolve(out)));
    child.stdin.end(JSON.stringify(spec));
  });
  const out = JSON.parse(stdout);
  assert.equal(out.botocore, '1.44.8');
  const issued = (c, secret) => {
    assert.match(c.AccessKeyId, /^ASIA/);
    assert.ok(c[secret] && c.SessionToken, JSON.stringify(c));
    assert.ok(Math.abs(c.Expiration - (Date.now() / 1000 + LIFETIME)) < 30, `Expiration ${c.Expiration}`);
  };
  assert.equal(out.credentialsUnauth.IdentityId, out.getIdUnauth);
  issued(out.credentialsUnauth.Credentials, 'SecretKey');
  assert.equal(out.credentialsAuth.IdentityId, out.getIdAuth);
  issued(out.credentialsAuth.Credentials, 'SecretKey');
  assert.deepEqual(out.wrongToken.error, { code: 'NotAuthorizedException', message: 'Invalid login token. Token signature invalid.', status: 400 });
  assert.deepEqual([out.unknownPool.error.code, out.unknownPool.error.status], ['ResourceNotFoundException', 400]);
  assert.deepEqual([out.invalidPool.error.code, out.invalidPool.error.status], ['InvalidParameterException', 400]);
  issued(out.assume.Credentials, 'SecretAccessKey');
  assert.deepEqual(out.assume.AssumedRoleUser, { Arn: 'arn:aws:sts::123456789012:assumed-role/cleanroomsml-demo/botocore-oracle', AssumedRoleId: out.assume.AssumedRoleUser.AssumedRoleId });
  assert.match(out.assume.AssumedRoleUser.AssumedRoleId, /^AROA\w+:botocore-oracle$/);
  assert.equal(out.assume.SubjectFromWebIdentityToken.length >= 6, true);
  assert.match(out.assume.RequestId, /^[0-9a-f-]{36}$/);
  assert.deepEqual([out.assumeWrongToken.error.code, out.assumeWrongToken.error.status], ['InvalidIdentityToken', 400]);
  assert.deepEqual([out.assumeBadName.error.code, out.assumeBadName.error.status], ['ValidationError', 400]);
});
