// A minimal restJson1 client for the tests, written from the model (not the library): it
// puts an operation's input where the input's member locations say, signs with the AWS SDK
// for JavaScript's signer, and resolves to { status, type, body }. It lets the tests reach
// operations that the library under rewrite may not have yet.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { services } from '../../scripts/service-model.mjs';

/**
 * `call(operationName, input)` against `endpoint`, signed with `credentials` for `region`,
 * for a service of scripts/service-model.mjs (`cleanroomsml`, `cleanrooms`).
 */
export function modelClient(endpoint, credentials, region = 'us-east-1', service = 'cleanroomsml') {
  const { model } = services[service];
  const signer = new SignatureV4({ service: model.metadata.signingName, region, credentials, sha256: Sha256 });
  return async function call(operationName, input) {
    const { http, input: inputRef } = model.operations[operationName];
    let path = http.requestUri;
    const query = {};
    const body = {};
    for (const [name, member] of Object.entries(model.shapes[inputRef.shape].members ?? {})) {
      const value = input[name];
      if (value === undefined) continue;
      if (member.location === 'uri') path = path.replace(`{${member.locationName ?? name}}`, encodeURIComponent(value));
      else if (member.location === 'querystring') query[member.locationName] = Array.isArray(value) ? value : String(value);
      else body[name] = value;
    }
    const url = new URL(endpoint);
    const payload = Object.keys(body).length ? JSON.stringify(body) : undefined;
    const request = await signer.sign({
      method: http.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path, query,
      headers: { host: url.host, ...(payload ? { 'content-type': 'application/json' } : {}) }, body: payload,
    });
    const search = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => [v].flat().map((item) => [k, item])));
    const { host, ...headers } = request.headers;
    const response = await fetch(`${endpoint}${path}${search.size ? `?${search}` : ''}`, { method: http.method, headers, body: payload });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('x-amzn-errortype')?.split(':')[0], body: text ? JSON.parse(text) : undefined };
  };
}
