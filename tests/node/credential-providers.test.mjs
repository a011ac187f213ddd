// The credential providers of the release package (pkg/credential-providers.js) in Node 20:
// against moto's server, an implementation no one here wrote (Cognito Identity and STS);
// their requests against botocore's, their constraints and STS's error names against the
// models; their checks, their errors and their cache. The local endpoint's identity
// provider, with short-lived credentials and the client, is in local-credentials.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import wasm from './wasm.mjs';
import { fromCognitoIdentity, fromCognitoIdentityPool, fromWebToken, InMemoryStorage } from '../../pkg/credential-providers.js';
import { COGNITO_RULES } from '../../src/credentials/cognito.js';
import { STS_ERRORS, STS_RULES } from '../../src/credentials/sts.js';
import { VENV, createIdentityPool, fakeWebIdentityToken, startMoto, WEB_IDENTITY_ROLE_ARN } from './moto.mjs';

const INPUT = { membershipIdentifier: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9' };

/** botocore's answers to a spec (see botocore_identity_requests.py). */
function botocore(spec) {
  const out = execFileSync(`${VENV}/bin/python`, [new URL('botocore_identity_requests.py', import.meta.url).pathname], { input: JSON.stringify(spec), encoding: 'utf8' });
  return JSON.parse(out);
}

/** A `fetch` that records each request and answers with `answer(request)` (a Response). */
function recordingFetch(answer) {
  const requests = [];
  const fetchFn = async (url, init) => {
    const request = { url, method: init.method, headers: init.headers, body: init.body };
    requests.push(request);
    return answer(request);
  };
  return { requests, fetch: fetchFn };
}

const json = (status, body, headers = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/x-amz-json-1.1', ...headers } });
const inAnHour = () => Date.now() / 1000 + 3600;
const cognitoAnswer = (request) => {
  const target = request.headers['x-amz-target'];
  if (target.endsWith('.GetId')) return json(200, { IdentityId: 'us-east-1:11111111-2222-4333-8444-555555555555' });
  return json(200, { IdentityId: 'us-east-1:11111111-2222-4333-8444-555555555555', Credentials: { AccessKeyId: 'ASIAFAKE', SecretKey: 'secret-of-fake', SessionToken: 'token-of-fake', Expiration: inAnHour() } });
};

describe('against moto_server', () => {
  let moto;
  let pool;
  before(async () => {
    moto = await startMoto();
    pool = await createIdentityPool(moto.url);
  });
  after(() => moto?.close());

  test('fromCognitoIdentityPool: GetId, then GetCredentialsForIdentity; 90-second credentials reused, not fetched at each call', async () => {
    const { requests, fetch: counted } = recordingFetch((r) => fetch(r.url, r));
    const provider = fromCognitoIdentityPool({ identityPoolId: pool.IdentityPoolId, clientConfig: { region: 'us-east-1', endpoint: moto.url, fetch: counted } });
    const first = await provider();
    assert.match(first.identityId, /^us-east-1:[0-9a-f-]{36}$/);
    assert.equal(typeof first.accessKeyId, 'string');
    assert.equal(typeof first.secretAccessKey, 'string');
    assert.equal(typeof first.sessionToken, 'string');
    assert.ok(first.expiration instanceof Date);
    const lifetime = first.expiration.getTime() - Date.now();
    assert.ok(lifetime > 80_000 && lifetime <= 90_000, `moto's 90-second credentials (${lifetime} ms)`);
    const second = await provider();
    assert.equal(second, first, 'reused for the first half of their life');
    assert.deepEqual(requests.map((r) => r.headers['x-amz-target']), ['AWSCognitoIdentityService.GetId', 'AWSCognitoIdentityService.GetCredentialsForIdentity']);
    const forced = await provider({ forceRefresh: true });
    assert.notEqual(forced, first);
    assert.equal(forced.identityId, first.identityId, 'the identity ID is kept');
    assert.equal(requests.length, 3, 'forceRefresh: GetCredentialsForIdentity only');
  });

  test('fromCognitoIdentity: GetCredentialsForIdentity for a known identity', async () => {
    const identityId = await fromCognitoIdentityPool({ identityPoolId: pool.IdentityPoolId, clientConfig: { region: 'us-east-1', endpoint: moto.url } })().then((c) => c.identityId);
    const credentials = await fromCognitoIdentity({ identityId, logins: { 'idp.example.test': () => fakeWebIdentityToken() }, clientConfig: { region: 'us-east-1', endpoint: moto.url } })();
    assert.equal(credentials.identityId, identityId);
    assert.ok(credentials.expiration > new Date());
  });

  test('fromWebToken: AssumeRoleWithWebIdentity, the XML read; the token function called at each refresh', async () => {
    let tokens = 0;
    const provider = fromWebToken({ roleArn: WEB_IDENTITY_ROLE_ARN, webIdentityToken: () => (tokens++, fakeWebIdentityToken()), roleSessionName: 'dashboard', durationSeconds: 900, clientConfig: { region: 'us-east-1', endpoint: moto.url } });
    const credentials = await provider();
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.ok(credentials.secretAccessKey.length >= 40);
    assert.ok(credentials.sessionToken.length > 20);
    const lifetime = credentials.expiration.getTime() - Date.now();
    assert.ok(lifetime > 890_000 && lifetime <= 900_000, `DurationSeconds honoured (${lifetime} ms)`);
    await provider();
    assert.equal(tokens, 1);
    await provider({ forceRefresh: true });
    assert.equal(tokens, 2);
  });

  test('a provider is what createSignedRequest and the client take as credentials', async () => {
    const provider = fromWebToken({ roleArn: WEB_IDENTITY_ROLE_ARN, webIdentityToken: fakeWebIdentityToken(), clientConfig: { region: 'us-east-1', endpoint: moto.url } });
    const credentials = await provider();
    const signed = await wasm.createSignedRequest('ListTrainedModels', INPUT, { region: 'us-east-1', credentials: provider });
    assert.equal(signed.headers['x-amz-security-token'], credentials.sessionToken);
    assert.match(signed.headers.authorization, new RegExp(`Credential=${credentials.accessKeyId}/`));
    const client = new wasm.CleanRoomsMlClient({ region: 'us-east-1', credentials: provider, fetch: async (url, init) => {
      assert.equal(init.headers['x-amz-security-token'], credentials.sessionToken);
      return new Response(JSON.stringify({ trainedModels: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    } });
    assert.deepEqual((await client.listTrainedModels(INPUT)).trainedModels, []);
  });

  test('an unknown pool: moto fails (500, an HTML page), surfaced as a typed service error with $metadata', async () => {
    const provider = fromCognitoIdentityPool({ identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000', clientConfig: { region: 'us-east-1', endpoint: moto.url } });
    const error = await provider().then(() => null, (e) => e);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'HTTP500');
    assert.equal(error.$fault, 'server');
    assert.equal(error.$metadata.httpStatusCode, 500);
  });
});

describe('the wire, against botocore', () => {
  test('GetId, GetCredentialsForIdentity and AssumeRoleWithWebIdentity: the same method, URL, headers and body', async () => {
    const cognito = recordingFetch(cognitoAnswer);
    const logins = { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc': 'id.token.value' };
    await fromCognitoIdentityPool({ identityPoolId: 'eu-west-1:11111111-2222-4333-8444-555555555555', logins, customRoleArn: 'arn:aws:iam::123456789012:role/dashboard', clientConfig: { region: 'eu-west-1', fetch: cognito.fetch } })();
    const sts = recordingFetch(() => new Response(`<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`, { status: 200 }));
    const web = { RoleArn: 'arn:aws:iam::123456789012:role/web', RoleSessionName: 'a+b=c,d.e@f-g_h', WebIdentityToken: 'eyJ0 ~*!\'()/+=é', ProviderId: 'www.amazon.com', Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cleanrooms-ml:*","Resource":"*"}]}', DurationSeconds: 3600 };
    await fromWebToken({ roleArn: web.RoleArn, roleSessionName: web.RoleSessionName, webIdentityToken: web.WebIdentityToken, providerId: web.ProviderId, policy: web.Policy, durationSeconds: web.DurationSeconds, clientConfig: { region: 'ap-southeast-2', fetch: sts.fetch } })();
    const oracle = botocore({ requests: [
      { service: 'cognito-identity', operation: 'GetId', region: 'eu-west-1', params: { IdentityPoolId: 'eu-west-1:11111111-2222-4333-8444-555555555555', Logins: logins } },
      { service: 'cognito-identity', operation: 'GetCredentialsForIdentity', region: 'eu-west-1', params: { IdentityId: 'us-east-1:11111111-2222-4333-8444-555555555555', Logins: logins, CustomRoleArn: 'arn:aws:iam::123456789012:role/dashboard' } },
      { service: 'sts', operation: 'AssumeRoleWithWebIdentity', region: 'ap-southeast-2', params: web },
    ] });
    const ours = [...cognito.requests, ...sts.requests];
    assert.equal(ours.length, 3);
    ours.forEach((request, i) => {
      const expected = oracle.requests[i];
      assert.equal(expected.authorization, false, 'botocore sends these unsigned too');
      assert.equal(request.method, expected.method);
      assert.equal(request.url, expected.url);
      assert.equal(request.headers['content-type'], expected.contentType);
      assert.equal(request.headers['x-amz-target'], expected.target ?? undefined);
      assert.ok(!('authorization' in request.headers));
      if (expected.target) assert.deepEqual(JSON.parse(request.body), JSON.parse(expected.body));
      else assert.equal(request.body, expected.body, 'the form, byte for byte');
    });
  });

  test('endpoints in every partition, as botocore resolves them', async () => {
    const regions = ['us-east-1', 'eu-central-2', 'ap-southeast-5', 'il-central-1', 'mx-central-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'eusc-de-east-1', 'mars-west-1'];
    const cases = regions.flatMap((region) => [{ service: 'cognito-identity', region }, { service: 'sts', region }]);
    const expected = botocore({ endpoints: cases }).endpoints;
    for (const [i, { service, region }] of cases.entries()) {
      const { requests, fetch: recorded } = recordingFetch(service === 'sts' ? () => new Response('<x/>', { status: 500 }) : cognitoAnswer);
      const provider = service === 'sts'
        ? fromWebToken({ roleArn: WEB_IDENTITY_ROLE_ARN, webIdentityToken: 'token', clientConfig: { region, fetch: recorded } })
        : fromCognitoIdentity({ identityId: 'us-east-1:1', clientConfig: { region, fetch: recorded } });
      await provider().catch(() => {});
      assert.equal(requests[0].url, `${expected[i]}/`, `${service} in ${region}`);
    }
  });

  test('the constraints checked and STS error names are the models\'', () => {
    const { rules } = botocore({ rules: true });
    const strip = ({ type, min, max, pattern }) => JSON.parse(JSON.stringify({ type, min, max, pattern }));
    const ours = ({ type, min, max, pattern }) => strip({ type: type === 'number' ? 'integer' : type, min, max, pattern });
    for (const name of ['IdentityPoolId', 'IdentityId', 'IdentityProviderName', 'IdentityProviderToken', 'ARNString']) assert.deepEqual(ours(COGNITO_RULES[name]), strip(rules.cognito[name]), name);
    assert.equal(COGNITO_RULES.LoginsMap.max, rules.cognito.LoginsMap.max);
    const sts = { RoleArn: 'arnType', RoleSessionName: 'roleSessionNameType', WebIdentityToken: 'clientTokenType', ProviderId: 'urlType', Policy: 'sessionPolicyDocumentType', DurationSeconds: 'roleDurationSecondsType' };
    for (const [name, shape] of Object.entries(sts)) assert.deepEqual(ours(STS_RULES[name]), strip(rules.sts[shape]), name);
    assert.deepEqual(STS_ERRORS, rules.stsErrors);
  });
});

describe('answers and errors', () => {
  test('Cognito errors typed from __type or x-amzn-errortype, with $metadata; never a secret', async () => {
    const cases = [
      [json(400, { __type: 'com.amazonaws.cognito.identity.model#NotAuthorizedException', message: 'Unauthenticated access is not supported for this identity pool.' }, { 'x-amzn-requestid': 'r-1' }), 'NotAuthorizedException', 'r-1'],
      [json(400, { message: 'Identity pool not found' }, { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/' }), 'ResourceNotFoundException', undefined],
      [json(429, { __type: 'TooManyRequestsException', Message: 'slow down' }), 'TooManyRequestsException', undefined],
    ];
    for (const [response, name, requestId] of cases) {
      const provider = fromCognitoIdentityPool({ identityPoolId: 'us-east-1:1', logins: { idp: 'secret-login-token' }, clientConfig: { region: 'us-east-1', fetch: async () => response } });
      const error = await provider().then(() => null, (e) => e);
      assert.equal(error.name, name);
      assert.equal(error.$fault, 'client');
      assert.equal(error.$metadata.httpStatusCode, response.status);
      assert.equal(error.$metadata.requestId, requestId);
      assert.ok(!JSON.stringify({ ...error, message: error.message }).includes('secret-login-token'));
    }
  });

  test('STS errors named as the SDK names them, the request ID from the XML', async () => {
    const xml = (code) => `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>Token &amp; claims &lt;refused&gt;</Message></Error><RequestId>req-42</RequestId></ErrorResponse>`;
    for (const [code, name] of [['InvalidIdentityToken', 'InvalidIdentityTokenException'], ['ExpiredTokenException', 'ExpiredTokenException'], ['IDPRejectedClaim', 'IDPRejectedClaimException'], ['AccessDenied', 'AccessDenied']]) {
      const provider = fromWebToken({ roleArn: WEB_IDENTITY_ROLE_ARN, webIdentityToken: 'the-secret-oidc-token', clientConfig: { region: 'us-east-1', fetch: async () => new Response(xml(code), { status: 400 }) } });
      const error = await provider().then(() => null, (e) => e);
      assert.equal(error.name, name);
      assert.equal(error.message, 'Token & claims <refused>');
      assert.equal(error.$metadata.requestId, 'req-42');
      assert.ok(!error.message.includes('the-secret-oidc-token'));
    }
  });

  test('a network failure is a NetworkError; a refused refresh is not kept, the next call tries again', async () => {
    let calls = 0;
    const provider = fromCognitoIdentity({ identityId: 'us-east-1:1', clientConfig: { region: 'us-east-1', fetch: async (url, init) => {
      calls++;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return cognitoAnswer({ url, ...init });
    } } });
    const error = await provider().then(() => null, (e) => e);
    assert.equal(error.name, 'NetworkError');
    assert.equal((await provider()).accessKeyId, 'ASIAFAKE');
    assert.equal(calls, 2);
  });

  test('concurrent calls share one refresh', async () => {
    let calls = 0;
    const provider = fromCognitoIdentity({ identityId: 'us-east-1:1', clientConfig: { region: 'us-east-1', fetch: async (url, init) => (calls++, cognitoAnswer({ url, ...init })) } });
    const all = await Promise.all(Array.from({ length: 50 }, () => provider()));
    assert.equal(calls, 1);
    assert.ok(all.every((c) => c === all[0]));
  });
});

describe('checks before anything is sent', () => {
  const clientConfig = { region: 'us-east-1', fetch: async () => assert.fail('nothing may be sent') };
  const thrown = (make) => {
    try {
      make();
    } catch (e) {
      return { name: e.name, code: e.code, path: e.path, issues: e.report?.issues.map((i) => `${i.path}:${i.code}`), message: e.message };
    }
    return null;
  };

  test('each parameter is checked, every issue reported, as the module reports them', () => {
    assert.deepEqual(thrown(() => fromCognitoIdentityPool({ identityPoolId: 'not a pool', customRoleArn: 'arn', logins: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, 't'])), cache: {}, clientConfig })).issues,
      ['identityPoolId:pattern', 'customRoleArn:length', 'cache:type', 'logins:count']);
    assert.deepEqual(thrown(() => fromCognitoIdentityPool({ identityPoolId: 'us-east-1:' + 'a'.repeat(50), clientConfig })).issues, ['identityPoolId:length']);
    assert.deepEqual(thrown(() => fromCognitoIdentity({ identityId: 42, clientConfig })).issues, ['identityId:type']);
    assert.deepEqual(thrown(() => fromWebToken({ roleArn: WEB_IDENTITY_ROLE_ARN, webIdentityToken: 'abc', roleSessionName: 'has space', durationSeconds: 899, clientConfig })).issues,
      ['roleSessionName:pattern', 'webIdentityToken:length', 'durationSeconds:range']);
    assert.deepEqual(thrown(() => fromWebToken({ roleArn: WEB_IDENTITY_ROLE_ARN, webIdentityToken: 'abcd', roleSessionName: 'x'.repeat(65), durationSeconds: 43200.5, clientConfig })).issues,
      ['roleSessionName:length', 'durationSeconds:type']);
    assert.deepEqual(thrown(() => fromWebToken({ roleArn: `${WEB_IDENTITY_ROLE_ARN}\u0001`, webIdentityToken: 'abcd', policy: '{"a":"\u0100"}', clientConfig })).issues,
      ['roleArn:pattern', 'policy:pattern'], 'the models\' patterns: no control characters in an ARN, Latin-1 in a policy');
    assert.equal(thrown(() => fromWebToken({ roleArn: `${WEB_IDENTITY_ROLE_ARN}/\u{1F600}`, webIdentityToken: 'abcd', clientConfig })), null, 'an astral character is allowed');
    const error = thrown(() => fromWebToken({ roleArn: WEB_IDENTITY_ROLE_ARN, webIdentityToken: 'a secret with spaces but \ud800 a lone surrogate', clientConfig }));
    assert.deepEqual(error.issues, ['webIdentityToken:encoding']);
    assert.ok(!error.message.includes('secret'), 'a token is never quoted');
    for (const bad of [undefined, null, 'pool', 7]) assert.deepEqual(thrown(() => fromCognitoIdentityPool(bad)).name, 'ValidationError');
  });

  test('clientConfig: a region, an http(s) endpoint, a fetch', () => {
    const base = { identityId: 'us-east-1:1' };
    assert.deepEqual(thrown(() => fromCognitoIdentity({ ...base })), { name: 'ConfigurationError', code: 'required', path: 'clientConfig', issues: undefined, message: 'clientConfig must be an object with a region, not undefined' });
    assert.equal(thrown(() => fromCognitoIdentity({ ...base, clientConfig: {} })).path, 'clientConfig.region');
    assert.equal(thrown(() => fromCognitoIdentity({ ...base, clientConfig: { region: 'US East' } })).code, 'invalid');
    assert.equal(thrown(() => fromCognitoIdentity({ ...base, clientConfig: { region: 'us-east-1', endpoint: 'ftp://x' } })).path, 'clientConfig.endpoint');
    assert.equal(thrown(() => fromCognitoIdentity({ ...base, clientConfig: { region: 'us-east-1', fetch: 'no' } })).path, 'clientConfig.fetch');
    assert.equal(thrown(() => fromCognitoIdentity({ ...base, clientConfig: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' } })), null);
  });

  test('logins and tokens given as functions are checked when they are called', async () => {
    const provider = fromCognitoIdentity({ identityId: 'us-east-1:1', logins: { idp: () => '' }, clientConfig });
    const error = await provider().then(() => null, (e) => e);
    assert.equal(error.name, 'ValidationError');
    assert.deepEqual(error.report.issues.map((i) => `${i.path}:${i.code}`), ['logins["idp"]:length']);
    const web = fromWebToken({ roleArn: WEB_IDENTITY_ROLE_ARN, webIdentityToken: async () => 42, clientConfig });
    assert.equal((await web().then(() => null, (e) => e)).report.issues[0].code, 'type');
  });
});

describe('the identity ID is kept, never the credentials', () => {
  test('in memory by default; in the given storage per pool and userIdentifier; dropped when the pool no longer knows it', async () => {
    const items = new Map();
    const storage = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, v), removeItem: (k) => items.delete(k) };
    let getIds = 0;
    let refuse = false;
    const fetchFn = async (url, init) => {
      if (init.headers['x-amz-target'].endsWith('.GetId')) getIds++;
      if (refuse && init.headers['x-amz-target'].endsWith('.GetCredentialsForIdentity')) return json(400, { __type: 'ResourceNotFoundException', message: 'Identity not found' });
      return cognitoAnswer({ url, ...init });
    };
    const make = (userIdentifier) => fromCognitoIdentityPool({ identityPoolId: 'us-east-1:1', userIdentifier, cache: storage, clientConfig: { region: 'us-east-1', fetch: fetchFn } });
    await make('ana')();
    await make('ana')();
    assert.equal(getIds, 1, 'a second provider for the same pool and user reads the stored ID');
    await make('ben')();
    assert.equal(getIds, 2);
    assert.deepEqual([...items.keys()], ['cleanroomsml-wasm:cognito-identity-id:us-east-1:1:ana', 'cleanroomsml-wasm:cognito-identity-id:us-east-1:1:ben']);
    const stored = JSON.stringify([...items]);
    assert.ok(!/secret-of-fake|token-of-fake|ASIAFAKE/.test(stored), 'no credentials in storage');
    refuse = true;
    assert.equal(await make('ana')().then(() => null, (e) => e.name), 'ResourceNotFoundException');
    assert.equal(items.has('cleanroomsml-wasm:cognito-identity-id:us-east-1:1:ana'), false);
    const memory = new InMemoryStorage();
    assert.equal(memory.getItem('k'), null);
  });
});
