// The local endpoint as identity provider, on the same port, for the demo and the tests:
// Amazon Cognito Identity (awsJson1_1: GetId, GetCredentialsForIdentity) and AWS STS
// (awsQuery: AssumeRoleWithWebIdentity), both unsigned, as the real services take them.
//
// Inputs are checked against botocore's models of the two services (model/identity/, read
// with scripts/service-model.mjs's checker) and refused as the services refuse them:
// Cognito with status 400, `x-amzn-errortype` and `{"__type": …, "message": …}`; STS with an
// `<ErrorResponse>` in XML. One identity pool (unauthenticated identities allowed) and one
// that allows authenticated identities only; one OpenID Connect provider that accepts one
// token; one role to assume with it. The credentials issued are kept, so that the Clean Rooms
// ML operations can check requests signed with them (`credentialsFor`) until they expire.
import { readFileSync } from 'node:fs';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { shapeViolations, validationMessage } from './service-model.mjs';

const readModel = (file) => JSON.parse(readFileSync(new URL(`../model/identity/${file}`, import.meta.url), 'utf8'));
/** botocore's models of the two operations' services (only their operations and shapes). */
export const COGNITO_MODEL = readModel('cognito-identity-2014-06-30.json');
export const STS_MODEL = readModel('sts-2011-06-15.json');

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The demo's OpenID Connect provider: its name in Cognito's `Logins`, and its issuer. */
export const DEMO_OIDC_PROVIDER = 'oidc.local.test';
const ISSUER = `https://${DEMO_OIDC_PROVIDER}`;
const AUDIENCE = 'cleanroomsml-demo';
const SUBJECT = 'demo-user-0001';
/**
 * The one token the demo provider accepts: an ID token's shape (header.claims.signature,
 * base64url) with `iss`, `sub`, `aud`, and an `exp` in 2100. Any other token is refused.
 */
export const DEMO_OIDC_TOKEN = [
  base64url({ alg: 'RS256', kid: 'local-demo', typ: 'JWT' }),
  base64url({ iss: ISSUER, sub: SUBJECT, aud: AUDIENCE, iat: 1767225600, exp: 4102444800 }),
  base64url('local-endpoint-demo-signature'),
].join('.');
/** The demo identity pool: unauthenticated identities allowed, and the demo OIDC provider. */
export const DEMO_IDENTITY_POOL = `${REGION}:4c1f7a2e-9b3d-4e6f-8a5c-2d7e9f0b1c3a`;
/** A second pool with the same provider that does not allow unauthenticated identities. */
export const DEMO_AUTHENTICATED_IDENTITY_POOL = `${REGION}:8e2d4b6f-1a3c-4d5e-9f7a-0b1c2d3e4f5a`;
/** The role AssumeRoleWithWebIdentity assumes with the demo token (it trusts the demo provider). */
export const DEMO_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/cleanroomsml-demo`;
/** The demo role's MaxSessionDuration: IAM's default, one hour. */
export const DEMO_ROLE_MAX_SESSION_SECONDS = 3600;

const POOLS = new Map([
  [DEMO_IDENTITY_POOL, { allowUnauthenticated: true }],
  [DEMO_AUTHENTICATED_IDENTITY_POOL, { allowUnauthenticated: false }],
].map(([id, pool]) => [id, {
  ...pool,
  account: ACCOUNT,
  providers: { [DEMO_OIDC_PROVIDER]: DEMO_OIDC_TOKEN },
  authenticatedRole: `arn:aws:iam::${ACCOUNT}:role/cleanroomsml-demo-authenticated`,
  unauthenticatedRole: `arn:aws:iam::${ACCOUNT}:role/cleanroomsml-demo-unauthenticated`,
}]));

/** An error of either service: status, code (Cognito's __type, STS's Code) and message. */
class IdentityError extends Error {
  constructor(status, code, message) {
    super(message);
    Object.assign(this, { status, code });
  }
}

/** A value as Coral quotes it in a validation message; sensitive and structured values are not shown. */
function quoted(shapes, problem) {
  if (problem.value === null || problem.value === undefined) return ' null';
  if (shapes[problem.shape]?.sensitive || typeof problem.value === 'object') return '';
  return ` '${problem.value}'`;
}

/** Coral's message for the violations of an input: "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …". */
const coralMessage = (shapes, problems) => validationMessage(problems, {
  valueText: (p) => quoted(shapes, p),
  pathOf: (path) => path.replace(/^./, (c) => c.toLowerCase()),
});

const xml = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A UUID made from a hash, so that the same logins give the same identity. */
const uuidOf = (text) => {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const randomId = (prefix, length) => prefix + [...randomBytes(length)].map((b) => ALPHANUMERIC[b % 32]).join('');

/**
 * The identity provider. `now()` is the endpoint's clock (ms); `lifetimeSeconds` the
 * credentials' lifetime (STS: at most the DurationSeconds asked for).
 */
export function createIdentityProvider({ now = Date.now, lifetimeSeconds = 3600 } = {}) {
  /** The credentials issued, by access key id: { secretAccessKey, sessionToken, expiresAt, route }. */
  const issued = new Map();
  /** Cognito identities by id: { pool, logins: 'provider' → subject key, or null when unauthenticated }. */
  const identities = new Map();
  const counts = { getId: 0, getCredentialsForIdentity: 0, assumeRoleWithWebIdentity: 0 };

  const issue = (route, seconds) => {
    const credentials = {
      accessKeyId: randomId('ASIA', 16),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(240).toString('base64')}`,
      expiresAt: Math.floor(now() / 1000) * 1000 + seconds * 1000,
      route,
    };
    issued.set(credentials.accessKeyId, credentials);
    return credentials;
  };

  // ---- Cognito Identity ----

  const cognitoError = (status, code, message) => new IdentityError(status, code, message);
  const notAuthorized = (message) => cognitoError(400, 'NotAuthorizedException', message);

  /** The pool's checks of `Logins`: each provider is the pool's, each token the one it accepts. The identity key of the logins, or null. */
  function checkLogins(pool, logins) {
    const entries = Object.entries(logins ?? {});
    if (!entries.length) return null;
    for (const [provider, token] of entries) {
      if (!(provider in pool.providers)) throw notAuthorized('Token is not from a supported provider of this identity pool.');
      if (token !== pool.providers[provider]) throw notAuthorized('Invalid login token. Token signature invalid.');
    }
    return entries.map(([provider]) => `${provider}/${SUBJECT}`).sort().join(',');
  }

  const COGNITO_OPERATIONS = {
    GetId(input) {
      const pool = POOLS.get(input.IdentityPoolId);
      if (!pool || (input.AccountId !== undefined && input.AccountId !== pool.account)) {
        throw cognitoError(400, 'ResourceNotFoundException', `IdentityPool '${input.IdentityPoolId}' not found.`);
      }
      const key = checkLogins(pool, input.Logins);
      if (key === null && !pool.allowUnauthenticated) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
      const region = input.IdentityPoolId.split(':')[0];
      // The same logins are the same identity; every unauthenticated GetId is a new one, as Cognito's are.
      const identityId = `${region}:${key === null ? randomUUID() : uuidOf(`${input.IdentityPoolId}|${key}`)}`;
      if (!identities.has(identityId)) identities.set(identityId, { pool: input.IdentityPoolId, logins: key });
      counts.getId += 1;
      return { IdentityId: identityId };
    },
    GetCredentialsForIdentity(input) {
      let identityId = input.IdentityId;
      const identity = identities.get(identityId);
      if (!identity) throw cognitoError(400, 'ResourceNotFoundException', `Identity '${identityId}' not found.`);
      const pool = POOLS.get(identity.pool);
      const key = checkLogins(pool, input.Logins);
      const mismatch = () => notAuthorized('Logins don\'t match. Please include at least one valid login for this identity or identity pool.');
      if (identity.logins !== null && key !== identity.logins) throw mismatch();
      if (identity.logins === null && key === null && !pool.allowUnauthenticated) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
      if (identity.logins === null && key !== null) {
        // Logins given for an unauthenticated identity: linked to it, unless they already have an identity (then that one).
        const known = [...identities].find(([, other]) => other.pool === identity.pool && other.logins === key);
        if (known) identityId = known[0];
        else identity.logins = key;
      }
      const authenticated = identities.get(identityId).logins !== null;
      if (input.CustomRoleArn !== undefined && (!authenticated || input.CustomRoleArn !== pool.authenticatedRole)) {
        throw cognitoError(400, 'InvalidParameterException', `CustomRoleArn '${input.CustomRoleArn}' is not a role this identity can assume.`);
      }
      const credentials = issue('getCredentialsForIdentity', lifetimeSeconds);
      counts.getCredentialsForIdentity += 1;
      return {
        IdentityId: identityId,
        Credentials: {
          AccessKeyId: credentials.accessKeyId,
          SecretKey: credentials.secretAccessKey,
          SessionToken: credentials.sessionToken,
          Expiration: credentials.expiresAt / 1000,
        },
      };
    },
  };

  /**
   * A Cognito request (`X-Amz-Target: AWSCognitoIdentityService.<Operation>`): its answer as
   * { operation, status, code?, headers, text }.
   */
  function cognito(target, contentType, body) {
    const operation = target.slice('AWSCognitoIdentityService.'.length);
    const answer = (status, value, code) => ({
      operation: COGNITO_OPERATIONS[operation] ? operation : '-',
      status,
      code,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        ...(code ? { 'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.model/` } : {}),
      },
      text: JSON.stringify(value),
    });
    try {
      if (!Object.hasOwn(COGNITO_OPERATIONS, operation)) throw cognitoError(400, 'UnknownOperationException', `Unknown operation ${target}.`);
      if (!/^application\/x-amz-json-1\.[01]\b/.test(contentType ?? '')) throw cognitoError(400, 'SerializationException', 'The content type is not application/x-amz-json-1.1.');
      let input;
      try {
        input = JSON.parse(body === '' ? '{}' : body);
      } catch {
        throw cognitoError(400, 'SerializationException', 'The request body is not valid JSON.');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw cognitoError(400, 'SerializationException', 'The request body is not a JSON object.');
      const problems = shapeViolations(COGNITO_MODEL.shapes, COGNITO_MODEL.operations[operation].input.shape, input);
      if (problems.length) throw cognitoError(400, 'InvalidParameterException', coralMessage(COGNITO_MODEL.shapes, problems));
      return answer(200, COGNITO_OPERATIONS[operation](input));
    } catch (err) {
      if (!(err instanceof IdentityError)) throw err;
      return answer(err.status, { __type: err.code, message: err.message }, err.code);
    }
  }

  // ---- STS ----

  const NAMESPACE = STS_MODEL.metadata.xmlNamespace;
  const stsError = (status, code, message) => new IdentityError(status, code, message);
  const validationError = (message) => stsError(400, 'ValidationError', message);

  /** The input members of a form body: `PolicyArns.member.1.arn` as a list, integers as numbers. */
  function stsInput(params) {
    const input = {};
    const shapes = STS_MODEL.shapes;
    for (const [name, member] of Object.entries(shapes[STS_MODEL.operations.AssumeRoleWithWebIdentity.input.shape].members)) {
      const shape = shapes[member.shape];
      if (shape.type === 'list') {
        const items = [];
        for (let i = 1; params.has(`${name}.member.${i}.arn`); i += 1) items.push({ arn: params.get(`${name}.member.${i}.arn`) });
        if (items.length) input[name] = items;
      } else if (params.has(name)) {
        const raw = params.get(name);
        input[name] = shape.type === 'integer' ? (/^-?\d+$/.test(raw) ? Number(raw) : raw) : raw;
      }
    }
    return input;
  }

  function assumeRoleWithWebIdentity(input) {
    const problems = shapeViolations(STS_MODEL.shapes, STS_MODEL.operations.AssumeRoleWithWebIdentity.input.shape, input);
    if (problems.length) throw validationError(coralMessage(STS_MODEL.shapes, problems));
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(input.RoleArn)) throw validationError('Request ARN is invalid');
    if (input.WebIdentityToken !== DEMO_OIDC_TOKEN || input.ProviderId !== undefined) {
      throw stsError(400, 'InvalidIdentityToken', 'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.');
    }
    if (input.RoleArn !== DEMO_ROLE_ARN) throw stsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    if (input.DurationSeconds > DEMO_ROLE_MAX_SESSION_SECONDS) throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    if (input.Policy !== undefined) {
      try {
        JSON.parse(input.Policy);
      } catch {
        throw stsError(400, 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
      }
    }
    const credentials = issue('assumeRoleWithWebIdentity', Math.min(input.DurationSeconds ?? 3600, lifetimeSeconds));
    counts.assumeRoleWithWebIdentity += 1;
    const roleName = input.RoleArn.split('/').at(-1);
    return { credentials, roleName };
  }

  /** An STS request (a form body with `Action=`): its answer as { operation, status, code?, headers, text }. */
  function sts(body, requestId) {
    const params = new URLSearchParams(body);
    const action = params.get('Action');
    const version = params.get('Version');
    const answer = (status, text, code) => ({ operation: action === 'AssumeRoleWithWebIdentity' ? action : '-', status, code, headers: { 'content-type': 'text/xml' }, text });
    try {
      if (action !== 'AssumeRoleWithWebIdentity' || version !== STS_MODEL.metadata.apiVersion) {
        throw stsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
      }
      const input = stsInput(params);
      const { credentials, roleName } = assumeRoleWithWebIdentity(input);
      const expiration = new Date(credentials.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return answer(200, `<AssumeRoleWithWebIdentityResponse xmlns="${NAMESPACE}">
  <AssumeRoleWithWebIdentityResult>
    <Credentials>
      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${xml(credentials.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${xml(credentials.sessionToken)}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <SubjectFromWebIdentityToken>${SUBJECT}</SubjectFromWebIdentityToken>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::${ACCOUNT}:assumed-role/${xml(roleName)}/${xml(input.RoleSessionName)}</Arn>
      <AssumedRoleId>AROA${uuidOf(roleName).replace(/-/g, '').slice(0, 17).toUpperCase()}:${xml(input.RoleSessionName)}</AssumedRoleId>
    </AssumedRoleUser>
    <Provider>${ISSUER}</Provider>
    <Audience>${AUDIENCE}</Audience>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>${requestId}</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>
`);
    } catch (err) {
      if (!(err instanceof IdentityError)) throw err;
      return answer(err.status, `<ErrorResponse xmlns="${NAMESPACE}">
  <Error>
    <Type>Sender</Type>
    <Code>${err.code}</Code>
    <Message>${xml(err.message)}</Message>
  </Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>
`, err.code);
    }
  }

  return {
    cognito,
    sts,
    /** The issued credentials with this access key id ({ secretAccessKey, sessionToken, expiresAt }), or undefined. */
    credentialsFor: (accessKeyId) => issued.get(accessKeyId),
    /** How many times each route answered: GetId, and the credentials issued by the other two. */
    stats: () => ({ ...counts }),
  };
}
