// AWS STS `AssumeRoleWithWebIdentity`, unsigned as the service allows it
// (`smithy.api#noAuth`): an awsQuery form body, an XML answer.

import { post, serviceError } from './wire.js';

/** The inputs' constraints, as STS's model (2011-06-15) states them. */
export const STS_RULES = {
  RoleArn: { type: 'string', min: 20, max: 2048, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+' },
  RoleSessionName: { type: 'string', min: 2, max: 64, pattern: '[\\w+=,.@-]*' },
  WebIdentityToken: { type: 'string', min: 4, max: 20000, secret: true },
  ProviderId: { type: 'string', min: 4, max: 2048 },
  Policy: { type: 'string', min: 1, max: 2048, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  DurationSeconds: { type: 'number', integer: true, min: 900, max: 43200 },
};

/**
 * STS's error codes and the exception names the AWS SDK gives them (the model's
 * `awsQueryError` codes); any other code is its own name.
 */
export const STS_ERRORS = {
  ExpiredTokenException: 'ExpiredTokenException',
  IDPCommunicationError: 'IDPCommunicationErrorException',
  IDPRejectedClaim: 'IDPRejectedClaimException',
  InvalidIdentityToken: 'InvalidIdentityTokenException',
  MalformedPolicyDocument: 'MalformedPolicyDocumentException',
  PackedPolicyTooLarge: 'PackedPolicyTooLargeException',
  RegionDisabledException: 'RegionDisabledException',
};

/**
 * `AssumeRoleWithWebIdentity` with `input` (the model's member names, checked already):
 * the credentials as `AwsCredentialIdentity`, `Expiration` a `Date`.
 */
export async function assumeRoleWithWebIdentity(client, input) {
  const members = Object.entries({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', ...input }).filter(([, v]) => v !== undefined);
  const form = members.map(([name, value]) => `${name}=${formEncode(String(value))}`).join('&');
  const response = await post(client, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, form);
  const xml = response.text;
  if (response.status >= 300) {
    const code = element(xml, 'Code');
    const name = code ? STS_ERRORS[code] ?? code : `HTTP${response.status}`;
    throw serviceError(name, element(xml, 'Message') ?? `AssumeRoleWithWebIdentity answered ${response.status}`, response, undefined, element(xml, 'RequestId'));
  }
  const credentials = element(xml, 'Credentials') ?? '';
  const [accessKeyId, secretAccessKey, sessionToken, expiration] = ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'].map((n) => element(credentials, n));
  const expiresAt = new Date(expiration);
  if (!accessKeyId || !secretAccessKey || Number.isNaN(expiresAt.getTime())) {
    throw serviceError('InvalidResponseError', 'STS AssumeRoleWithWebIdentity answered without usable Credentials', response, 'server', element(xml, 'RequestId'));
  }
  return { accessKeyId, secretAccessKey, sessionToken, expiration: expiresAt };
}

/** A form value as botocore encodes it: all but `A-Za-z0-9-_.~` percent-encoded, a space as `+`. */
function formEncode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/** The text of the first `<name>` element of `xml`, its entities decoded (no nesting of the same name). */
function element(xml, name) {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([^]*?)</${name}>`).exec(xml);
  if (!match) return undefined;
  const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return match[1].trim().replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e) =>
    e[0] !== '#' ? entities[e] ?? all : String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))));
}
