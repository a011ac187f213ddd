// `cleanroomsml-wasm/credential-providers`: temporary credentials as browser apps get them,
// named and shaped as `@aws-sdk/credential-providers`' functions. Each returns a
// credentials function behind `cache.js`, which the client, the paginators and
// `createSignedRequest` take as `credentials`. A module of its own: pages that do not
// import it do not load it.

import { cachedCredentials } from './cache.js';
import { COGNITO_RULES, getCredentialsForIdentity, getId, loginsShape, resolveLogins } from './cognito.js';
import { InMemoryStorage, IndexedDbStorage } from './storage.js';
import { STS_RULES, assumeRoleWithWebIdentity } from './sts.js';
import { check, clientConfig, describe, reject } from './wire.js';

export { InMemoryStorage, IndexedDbStorage };

/**
 * Credentials of an Amazon Cognito identity pool: `GetId` once (its identity ID kept in
 * `cache`, in memory by default, for the pool and `userIdentifier`), then
 * `GetCredentialsForIdentity` at each refresh. Unauthenticated without `logins`.
 */
export function fromCognitoIdentityPool(parameters) {
  const { identityPoolId, logins, customRoleArn, userIdentifier, cache = new InMemoryStorage() } = object(parameters, 'fromCognitoIdentityPool');
  reject([
    ...check(identityPoolId, 'identityPoolId', COGNITO_RULES.IdentityPoolId),
    ...optional(customRoleArn, 'customRoleArn', COGNITO_RULES.ARNString),
    ...optional(userIdentifier, 'userIdentifier', { type: 'string', min: 1, max: 1024 }),
    ...storage(cache),
    ...loginsShape(logins),
  ], 'fromCognitoIdentityPool');
  const client = clientConfig(parameters.clientConfig, 'cognito-identity');
  const key = `cleanroomsml-wasm:cognito-identity-id:${identityPoolId}${userIdentifier === undefined ? '' : `:${userIdentifier}`}`;
  return cachedCredentials(async () => {
    const resolved = await resolveLogins(logins);
    const stored = await cache.getItem(key);
    const identityId = stored ?? (await getId(client, identityPoolId, resolved));
    if (!stored) await cache.setItem(key, identityId);
    try {
      return await getCredentialsForIdentity(client, identityId, resolved, customRoleArn);
    } catch (err) {
      // An identity the pool no longer has (or no longer lets these logins use): get a new one next time.
      if (err.name === 'ResourceNotFoundException' || err.name === 'NotAuthorizedException') await cache.removeItem(key);
      throw err;
    }
  });
}

/** Credentials of a known Cognito identity: `GetCredentialsForIdentity` at each refresh. */
export function fromCognitoIdentity(parameters) {
  const { identityId, logins, customRoleArn } = object(parameters, 'fromCognitoIdentity');
  reject([
    ...check(identityId, 'identityId', COGNITO_RULES.IdentityId),
    ...optional(customRoleArn, 'customRoleArn', COGNITO_RULES.ARNString),
    ...loginsShape(logins),
  ], 'fromCognitoIdentity');
  const client = clientConfig(parameters.clientConfig, 'cognito-identity');
  return cachedCredentials(async () => getCredentialsForIdentity(client, identityId, await resolveLogins(logins), customRoleArn));
}

/**
 * Credentials of an IAM role for an OIDC token: STS `AssumeRoleWithWebIdentity` at each
 * refresh. `webIdentityToken` may be a function, called again at each refresh.
 */
export function fromWebToken(parameters) {
  const { roleArn, webIdentityToken, roleSessionName = `cleanroomsml-wasm-${Date.now()}`, durationSeconds, providerId, policy } = object(parameters, 'fromWebToken');
  reject([
    ...check(roleArn, 'roleArn', STS_RULES.RoleArn),
    ...check(roleSessionName, 'roleSessionName', STS_RULES.RoleSessionName),
    ...(typeof webIdentityToken === 'function' ? [] : check(webIdentityToken, 'webIdentityToken', STS_RULES.WebIdentityToken)),
    ...optional(durationSeconds, 'durationSeconds', STS_RULES.DurationSeconds),
    ...optional(providerId, 'providerId', STS_RULES.ProviderId),
    ...optional(policy, 'policy', STS_RULES.Policy),
  ], 'fromWebToken');
  const client = clientConfig(parameters.clientConfig, 'sts');
  return cachedCredentials(async () => {
    const token = typeof webIdentityToken === 'function' ? await webIdentityToken() : webIdentityToken;
    reject(check(token, 'webIdentityToken', STS_RULES.WebIdentityToken), 'fromWebToken');
    return assumeRoleWithWebIdentity(client, {
      RoleArn: roleArn,
      RoleSessionName: roleSessionName,
      WebIdentityToken: token,
      ProviderId: providerId,
      Policy: policy,
      DurationSeconds: durationSeconds,
    });
  });
}

function object(parameters, what) {
  if (parameters === null || typeof parameters !== 'object') {
    reject([{ path: '', code: 'type', message: `${what} takes an object of parameters, not ${describe(parameters)}`, severity: 'error' }], what);
  }
  return parameters;
}

const optional = (value, path, rule) => (value === undefined ? [] : check(value, path, rule));

function storage(cache) {
  const usable = cache && ['getItem', 'setItem', 'removeItem'].every((m) => typeof cache[m] === 'function');
  return usable ? [] : [{ path: 'cache', code: 'type', message: 'cache must have getItem, setItem and removeItem (a Storage such as localStorage, or an IndexedDbStorage)', severity: 'error' }];
}
