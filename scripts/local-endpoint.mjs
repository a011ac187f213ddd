// A local Clean Rooms ML endpoint for the demo and the tests, bound to 127.0.0.1.
//
// It answers the configured model algorithm association's operations as the service does,
// from in-memory state: create, get, list and delete associations in a membership; list
// and get the configured model algorithms (a few are seeded); get and list the
// associations of the collaboration (a partner's association is seeded). Inputs are checked
// with the endpoint's own reading of model/cleanroomsml/service-2.json (service-model.mjs,
// not the library's); lists page with `maxResults` and an opaque `nextToken` in creation
// order; a repeated name is a ConflictException, an unknown resource or membership a
// ResourceNotFoundException; errors in the service's format. Every signature is checked
// with the AWS SDK for JavaScript's own signer (@smithy/signature-v4), not with this
// project's, so a signing bug cannot hide either. One log line per request, without secrets.
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

/** The demo's membership (the page's example) and the collaboration every membership is in. */
export const DEMO_MEMBERSHIP = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
export const COLLABORATION = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
/** A partner's membership in the collaboration, with one association of its own. */
export const PARTNER_MEMBERSHIP = '9e8d7c6b-5a49-4382-9716-0f1e2d3c4b5a';
const PARTNER_ACCOUNT = '210987654321';
const REGION = 'us-east-1';
/** The largest page, when `maxResults` is not given. */
const DEFAULT_PAGE = 100;

/** The configured model algorithms every endpoint starts with. */
export const SEEDED_ALGORITHMS = [
  ['churn-algorithm', 'Churn prediction (gradient boosted trees)'],
  ['lookalike-algorithm', 'Lookalike audience (two-tower embedding)'],
  ['forecast-algorithm', 'Demand forecast (temporal fusion transformer)'],
].map(([id, description], i) => ({
  configuredModelAlgorithmArn: `arn:aws:cleanrooms-ml:${REGION}:${ACCOUNT}:configured-model-algorithm/${id}`,
  name: id,
  description,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/cleanrooms-ml-${id}`,
  trainingContainerConfig: { imageUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${id}:train`, metricDefinitions: [{ name: 'loss', regex: 'loss=(.*?);' }] },
  inferenceContainerConfig: { imageUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${id}:infer` },
  tags: { team: 'data-science' },
  createTime: Date.UTC(2026, 10, 1 + i, 9, 30) / 1000,
  updateTime: Date.UTC(2026, 10, 1 + i, 9, 30) / 1000,
}));

const pick = (object, names) => Object.fromEntries(names.filter((n) => object[n] !== undefined).map((n) => [n, object[n]]));
const SUMMARY = ['createTime', 'updateTime', 'configuredModelAlgorithmAssociationArn', 'configuredModelAlgorithmArn', 'name', 'description', 'membershipIdentifier', 'collaborationIdentifier'];
const ASSOCIATION = [...SUMMARY, 'privacyConfiguration', 'tags'];
const COLLABORATION_VIEW = [...SUMMARY, 'creatorAccountId', 'privacyConfiguration'];

/** A page of `items` (in creation order) after the token's position, and the next token. */
function page(items, { maxResults = DEFAULT_PAGE, nextToken }) {
  let after = 0;
  if (nextToken !== undefined) {
    const m = /^seq:(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!m) throw new ServiceError(400, 'ValidationException', 'The nextToken is not valid: use the token of the page before.');
    after = Number(m[1]);
  }
  const rest = items.filter((item) => item.seq > after);
  const shown = rest.slice(0, maxResults);
  const more = rest.length > shown.length;
  return { shown, nextToken: more ? Buffer.from(`seq:${shown.at(-1).seq}`).toString('base64url') : undefined };
}

/**
 * Starts the endpoint. Options: port (0 picks one), credentials, unknownMemberships, log.
 * Resolves to { url, close }.
 */
export async function startLocalEndpoint({ port = 8081, credentials = DEMO_CREDENTIALS, unknownMemberships = [UNKNOWN_MEMBERSHIP], log = console.log } = {}) {
  let seq = 0;
  const algorithms = SEEDED_ALGORITHMS.map((a) => ({ ...a, seq: ++seq }));
  /** Every association of every membership, in creation order. */
  const associations = [];
  const associate = (membership, account, input, region) => {
    const now = Date.now() / 1000;
    const association = {
      ...pick(input, ['configuredModelAlgorithmArn', 'name', 'description', 'privacyConfiguration', 'tags']),
      configuredModelAlgorithmAssociationArn: `arn:aws:cleanrooms-ml:${region}:${account}:membership/${membership}/configured-model-algorithm-association/${randomUUID()}`,
      membershipIdentifier: membership,
      collaborationIdentifier: COLLABORATION,
      creatorAccountId: account,
      createTime: now,
      updateTime: now,
      seq: ++seq,
    };
    associations.push(association);
    return association;
  };
  associate(PARTNER_MEMBERSHIP, PARTNER_ACCOUNT, { configuredModelAlgorithmArn: algorithms[1].configuredModelAlgorithmArn, name: 'partner-lookalike', description: 'The partner\'s association' }, REGION);

  const knownMembership = (membership) => {
    if (unknownMemberships.includes(membership)) throw new ServiceError(404, 'ResourceNotFoundException', `Membership ${membership} not found.`);
  };
  const notFound = (what, id) => new ServiceError(404, 'ResourceNotFoundException', `${what} ${id} not found.`);
  const find = (arn, where) => associations.find((a) => a.configuredModelAlgorithmAssociationArn === arn && where(a));
  /** The association of the input's membership that the input names. */
  const membershipAssociation = ({ membershipIdentifier, configuredModelAlgorithmAssociationArn: arn }) => {
    knownMembership(membershipIdentifier);
    const found = find(arn, (a) => a.membershipIdentifier === membershipIdentifier);
    if (!found) throw notFound('Configured model algorithm association', arn);
    return found;
  };

  /** Each operation: its answer to a valid input (signing region at hand). */
  const operations = {
    CreateConfiguredModelAlgorithmAssociation(input, region) {
      knownMembership(input.membershipIdentifier);
      if (associations.some((a) => a.membershipIdentifier === input.membershipIdentifier && a.name === input.name)) {
        throw new ServiceError(409, 'ConflictException', `A configured model algorithm association named "${input.name}" already exists in membership ${input.membershipIdentifier}.`);
      }
      return pick(associate(input.membershipIdentifier, ACCOUNT, input, region), ['configuredModelAlgorithmAssociationArn']);
    },
    GetConfiguredModelAlgorithmAssociation(input) {
      return pick(membershipAssociation(input), ASSOCIATION);
    },
    ListConfiguredModelAlgorithmAssociations(input) {
      knownMembership(input.membershipIdentifier);
      const { shown, nextToken } = page(associations.filter((a) => a.membershipIdentifier === input.membershipIdentifier), input);
      return { configuredModelAlgorithmAssociations: shown.map((a) => pick(a, SUMMARY)), ...(nextToken ? { nextToken } : {}) };
    },
    DeleteConfiguredModelAlgorithmAssociation(input) {
      associations.splice(associations.indexOf(membershipAssociation(input)), 1);
      return undefined; // no output members: an empty body
    },
    ListConfiguredModelAlgorithms(input) {
      const { shown, nextToken } = page(algorithms, input);
      return { configuredModelAlgorithms: shown.map((a) => pick(a, ['createTime', 'updateTime', 'configuredModelAlgorithmArn', 'name', 'description'])), ...(nextToken ? { nextToken } : {}) };
    },
    GetConfiguredModelAlgorithm(input) {
      const found = algorithms.find((a) => a.configuredModelAlgorithmArn === input.configuredModelAlgorithmArn);
      if (!found) throw notFound('Configured model algorithm', input.configuredModelAlgorithmArn);
      const { seq: _, ...algorithm } = found;
      return algorithm;
    },
    GetCollaborationConfiguredModelAlgorithmAssociation(input) {
      const found = find(input.configuredModelAlgorithmAssociationArn, (a) => a.collaborationIdentifier === input.collaborationIdentifier);
      if (!found) throw notFound('Configured model algorithm association', input.configuredModelAlgorithmAssociationArn);
      return pick(found, COLLABORATION_VIEW);
    },
    ListCollaborationConfiguredModelAlgorithmAssociations(input) {
      if (input.collaborationIdentifier !== COLLABORATION) throw notFound('Collaboration', input.collaborationIdentifier);
      const { shown, nextToken } = page(associations, input);
      return { collaborationConfiguredModelAlgorithmAssociations: shown.map((a) => pick(a, [...SUMMARY, 'creatorAccountId'])), ...(nextToken ? { nextToken } : {}) };
    },
  };

  const route = (method, pathname) => {
    for (const name of Object.keys(operations)) {
      const labels = matchOperation(name, method, pathname);
      if (labels) return { name, labels };
    }
    throw new ServiceError(404, 'UnknownOperationException', `No operation at ${method} ${pathname}.`);
  };

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
    let operation = '-';
    try {
      if (req.method === 'OPTIONS') {
        status = 204;
        res.writeHead(204, {
          ...CORS,
          'access-control-allow-methods': 'GET, POST, DELETE',
          'access-control-allow-headers': 'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request',
          'access-control-max-age': '600',
        });
        return res.end();
      }
      const { name, labels } = route(req.method, url.pathname);
      operation = name;
      accessKeyId = parseAuthorization(req.headers.authorization).accessKeyId;
      const auth = await verifySignature(req, url, body, credentials);
      let input;
      try {
        input = readInput(name, labels, url.searchParams, body);
      } catch {
        throw new ServiceError(400, 'SerializationException', 'The request body is not valid JSON.');
      }
      const problems = violations(model.operations[name].input.shape, input);
      if (problems.length) {
        const list = problems.map((p) => `Value at '${p.path}' failed to satisfy constraint: ${p.message}`).join('; ');
        throw new ServiceError(400, 'ValidationException', `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: ${list}`);
      }
      const output = operations[name](input, auth.region);
      res.writeHead(200, { ...CORS, 'content-type': 'application/json', 'x-amzn-requestid': requestId, date: new Date().toUTCString() });
      res.end(output === undefined ? '' : JSON.stringify(output));
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
      log(`local-endpoint ${operation} ${req.method} ${url.pathname} ${status} ${outcome} key=${accessKeyId} ${Date.now() - started}ms`);
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
