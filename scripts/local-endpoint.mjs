// A local Clean Rooms ML endpoint for the demo and the tests, bound to 127.0.0.1.
//
// It answers CreateConfiguredModelAlgorithmAssociation as the service does: the model's
// validation (its own reading of model/cleanroomsml/service-2.json, service-model.mjs, not
// the library's), a well-formed ARN, ConflictException for a repeated name,
// ResourceNotFoundException for memberships it is told are unknown, and authentication
// errors. Every signature is checked with the AWS SDK for JavaScript's own signer
// (@smithy/signature-v4), not with this project's, so a signing bug cannot hide either.
// State lives in memory. One log line per request, without secrets.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { matchOperation, model, readInput, violations } from './service-model.mjs';

/** The demo credentials the page comes prefilled with. They open nothing but this server. */
export const DEMO_CREDENTIALS = { accessKeyId: 'AKIADEMOCLEANROOMSML', secretAccessKey: 'demo/secret/key/for/the/local/endpoint/only' };
/** A membership the endpoint reports as unknown unless told otherwise. */
export const UNKNOWN_MEMBERSHIP = '00000000-0000-4000-8000-000000000000';
const ACCOUNT = '123456789012';
const CREATE = 'CreateConfiguredModelAlgorithmAssociation';
const MAX_SKEW_MS = 5 * 60 * 1000;
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, date',
};

class ServiceError extends Error {
  constructor(status, type, message, extra = {}) {
    super(message);
    Object.assign(this, { status, type, extra });
  }
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=…, Signature=…`. */
function parseAuthorization(value) {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(value ?? '');
  if (!match) throw new ServiceError(403, 'IncompleteSignatureException', 'Authorization header requires Credential, SignedHeaders and Signature.');
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

function parseAmzDate(value) {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value ?? '');
  return m ? new Date(Date.UTC(m[1], m[2] - 1, m[3], m[4], m[5], m[6])) : null;
}

/** Recomputes the signature with @smithy/signature-v4 over exactly the signed headers. */
async function verifySignature(req, url, body, credentials) {
  const auth = parseAuthorization(req.headers.authorization);
  if (auth.accessKeyId !== credentials.accessKeyId) {
    throw new ServiceError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (req.headers['x-amz-security-token'] !== undefined) {
    throw new ServiceError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const signedAt = parseAmzDate(req.headers['x-amz-date']);
  if (!signedAt) throw new ServiceError(403, 'IncompleteSignatureException', 'The request must contain a valid x-amz-date header.');
  if (Math.abs(signedAt.getTime() - Date.now()) > MAX_SKEW_MS) {
    throw new ServiceError(403, 'InvalidSignatureException', `Signature expired: ${req.headers['x-amz-date']} is now earlier or later than the time allowed (5 minutes).`);
  }
  if (auth.service !== 'cleanrooms-ml' || !auth.signedHeaders.includes('host')) {
    throw new ServiceError(403, 'InvalidSignatureException', 'Credential should be scoped to the service cleanrooms-ml and sign the host header.');
  }
  const headers = Object.fromEntries(auth.signedHeaders.map((name) => [name, req.headers[name] ?? '']));
  const signer = new SignatureV4({ service: auth.service, region: auth.region, credentials, sha256: Sha256, applyChecksum: false });
  const expected = await signer.sign(
    { method: req.method, protocol: 'http:', hostname: url.hostname, port: url.port, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body },
    { signingDate: signedAt, signingRegion: auth.region },
  );
  if (!expected.headers.authorization.endsWith(`Signature=${auth.signature}`)) {
    throw new ServiceError(403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
  return auth;
}

/**
 * Starts the endpoint. Options: port (0 picks one), credentials, unknownMemberships, log.
 * Resolves to { url, close }.
 */
export async function startLocalEndpoint({ port = 8081, credentials = DEMO_CREDENTIALS, unknownMemberships = [UNKNOWN_MEMBERSHIP], log = console.log } = {}) {
  const associations = new Map(); // membership → Map(name → arn)
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  async function handle(req, res, body) {
    const started = Date.now();
    const requestId = randomUUID();
    const url = new URL(req.url, `http://${req.headers.host ?? '127.0.0.1'}`);
    let status = 200;
    let outcome = 'OK';
    let accessKeyId = '-';
    try {
      if (req.method === 'OPTIONS') {
        status = 204;
        res.writeHead(204, {
          ...CORS,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request',
          'access-control-max-age': '600',
        });
        return res.end();
      }
      const labels = matchOperation(CREATE, req.method, url.pathname);
      if (!labels) throw new ServiceError(404, 'UnknownOperationException', `No operation at ${req.method} ${url.pathname}.`);
      accessKeyId = parseAuthorization(req.headers.authorization).accessKeyId;
      await verifySignature(req, url, body, credentials);
      let input;
      try {
        input = readInput(CREATE, labels, url.searchParams, body);
      } catch {
        throw new ServiceError(400, 'SerializationException', 'The request body is not valid JSON.');
      }
      const problems = violations(model.operations[CREATE].input.shape, input);
      if (problems.length) {
        const list = problems.map((p) => `Value at '${p.path}' failed to satisfy constraint: ${p.message}`).join('; ');
        throw new ServiceError(400, 'ValidationException', `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: ${list}`);
      }
      const membership = input.membershipIdentifier;
      if (unknownMemberships.includes(membership)) throw new ServiceError(404, 'ResourceNotFoundException', `Membership ${membership} not found.`);
      const names = associations.get(membership) ?? new Map();
      associations.set(membership, names);
      if (names.has(input.name)) throw new ServiceError(409, 'ConflictException', `A configured model algorithm association named "${input.name}" already exists in membership ${membership}.`);
      const arn = `arn:aws:cleanrooms-ml:${parseAuthorization(req.headers.authorization).region}:${ACCOUNT}:membership/${membership}/configured-model-algorithm-association/${randomUUID()}`;
      names.set(input.name, arn);
      res.writeHead(200, { ...CORS, 'content-type': 'application/json', 'x-amzn-requestid': requestId, date: new Date().toUTCString() });
      res.end(JSON.stringify({ configuredModelAlgorithmAssociationArn: arn }));
    } catch (err) {
      const known = err instanceof ServiceError ? err : new ServiceError(500, 'InternalServerException', 'The local endpoint failed.');
      status = known.status;
      outcome = known.type;
      res.writeHead(known.status, {
        ...CORS,
        'content-type': 'application/json',
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': `${known.type}:http://internal.amazon.com/coral/com.amazonaws.cleanroomsml/`,
        date: new Date().toUTCString(),
      });
      res.end(JSON.stringify({ message: known.message, ...known.extra }));
    } finally {
      log(`local-endpoint ${req.method} ${url.pathname} ${status} ${outcome} key=${accessKeyId} ${Date.now() - started}ms`);
    }
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.ENDPOINT_PORT ?? 8081);
  startLocalEndpoint({ port }).then(({ url }) => console.log(`local Clean Rooms ML endpoint: ${url}`));
}
