// Amazon Cognito Identity's `GetId` and `GetCredentialsForIdentity`, unsigned as the service
// allows them (`smithy.api#noAuth`): awsJson1_1, the operation in `X-Amz-Target`.

import { check, describe, post, reject, serviceError } from './wire.js';

/** The inputs' constraints, as Cognito Identity's model (2014-06-30) states them. */
export const COGNITO_RULES = {
  IdentityPoolId: { type: 'string', min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' },
  IdentityId: { type: 'string', min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' },
  IdentityProviderName: { type: 'string', min: 1, max: 128 },
  IdentityProviderToken: { type: 'string', min: 1, max: 50000, secret: true },
  ARNString: { type: 'string', min: 20, max: 2048 },
  LoginsMap: { max: 10 },
};

/** `logins` before its values are resolved: an object of at most 10 tokens or functions. */
export function loginsShape(logins) {
  if (logins === undefined) return [];
  const issue = (code, message) => [{ path: 'logins', code, message, severity: 'error' }];
  if (logins === null || typeof logins !== 'object' || Array.isArray(logins)) return issue('type', `logins must be an object of provider names and tokens, not ${describe(logins)}`);
  const count = Object.keys(logins).length;
  if (count > COGNITO_RULES.LoginsMap.max) return issue('count', `logins may have at most ${COGNITO_RULES.LoginsMap.max} entries, not ${count}`);
  return [];
}

/** The `logins` a provider was given, each value a token or a function giving one, resolved now and checked. */
export async function resolveLogins(logins) {
  reject(loginsShape(logins), 'logins');
  if (logins === undefined) return undefined;
  const issues = [];
  const resolved = {};
  for (const [name, token] of Object.entries(logins)) {
    const value = typeof token === 'function' ? await token() : token;
    issues.push(...check(name, `logins key ${JSON.stringify(name.slice(0, 64))}`, COGNITO_RULES.IdentityProviderName));
    issues.push(...check(value, `logins[${JSON.stringify(name.slice(0, 64))}]`, COGNITO_RULES.IdentityProviderToken));
    resolved[name] = value;
  }
  reject(issues, 'logins');
  return Object.keys(resolved).length ? resolved : undefined;
}

/** `GetId`: the identity ID for the pool (and the logins), as a string. */
export async function getId(client, identityPoolId, logins) {
  const answer = await call(client, 'GetId', { IdentityPoolId: identityPoolId, Logins: logins });
  if (typeof answer.IdentityId !== 'string') throw invalidAnswer('GetId', 'no IdentityId');
  return answer.IdentityId;
}

/**
 * `GetCredentialsForIdentity`: the credentials as `AwsCredentialIdentity` with the
 * `identityId`; `SecretKey` becomes `secretAccessKey`, `Expiration` (epoch seconds) a `Date`.
 */
export async function getCredentialsForIdentity(client, identityId, logins, customRoleArn) {
  const answer = await call(client, 'GetCredentialsForIdentity', { IdentityId: identityId, Logins: logins, CustomRoleArn: customRoleArn });
  const c = answer.Credentials ?? {};
  const expiration = new Date(typeof c.Expiration === 'number' ? c.Expiration * 1000 : Date.parse(c.Expiration));
  if (typeof c.AccessKeyId !== 'string' || typeof c.SecretKey !== 'string' || Number.isNaN(expiration.getTime())) {
    throw invalidAnswer('GetCredentialsForIdentity', 'no usable Credentials');
  }
  return {
    identityId: typeof answer.IdentityId === 'string' ? answer.IdentityId : identityId,
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretKey,
    sessionToken: typeof c.SessionToken === 'string' ? c.SessionToken : undefined,
    expiration,
  };
}

/** One operation: its JSON answer, or its error named as the service names it. */
async function call(client, operation, input) {
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityService.${operation}` };
  const response = await post(client, headers, JSON.stringify(input));
  let body;
  try {
    body = JSON.parse(response.text || '{}');
  } catch {
    body = undefined;
  }
  if (response.status >= 300) {
    // `x-amzn-errortype: NotAuthorizedException:http://…`, or `__type: "com.amazonaws…#NotAuthorizedException"`.
    const type = response.headers.get('x-amzn-errortype') ?? body?.__type ?? body?.code;
    const name = typeof type === 'string' ? type.split(':')[0].split('#').pop() : `HTTP${response.status}`;
    const message = body?.message ?? body?.Message ?? `${operation} answered ${response.status}`;
    throw serviceError(name || 'UnknownError', String(message), response);
  }
  if (body === null || typeof body !== 'object') throw invalidAnswer(operation, 'a body that is not a JSON object', response);
  return body;
}

function invalidAnswer(operation, what, response) {
  return serviceError('InvalidResponseError', `Cognito Identity ${operation} answered with ${what}`, response, 'server');
}
