// A local AWS Clean Rooms and Clean Rooms ML endpoint for the demo and the tests, bound to
// 127.0.0.1: one world of both services on one port (docs/local-endpoint.md).
//
// It answers every operation of model/cleanroomsml/ and model/cleanrooms/ from in-memory
// state, and the state is driven by the models, not by a handler per operation:
// - A request goes to the service its SigV4 credential scope names (cleanrooms-ml,
//   cleanrooms): the two services' paths overlap.
// - An operation's name gives its action and the kind of resource it acts on. The nouns of
//   the Create…, Start… and Put… operations are the kinds (TrainingDataset, MLInputChannel,
//   Collaboration, ConfiguredTable…); a longer noun names a part of one (DeleteTrainedModelOutput,
//   ListTrainedModelVersions). Create… and Start… make a resource, Put… makes or replaces
//   one, Get… reads it, List… pages through them, Update… changes one, Cancel…, Populate…,
//   Disallow… and the Delete… of a part move its status, Delete… removes it, BatchGet… reads
//   several. GetCollaboration… and ListCollaboration… are the same reads, selected by the
//   collaboration. The operations under /tags/ tag any resource the endpoint knows by its ARN.
// - A request names its resource by its URI and query-string members (`<x>Identifier`: the
//   id or ARN of the <x> it is or lives in); a List… filters by every member but its
//   paginator's token and limit.
// - A new resource keeps its input and gets what its Create… output declares (an ARN built
//   from the ARN shape's pattern, in its membership where the pattern says so; its ids), its
//   times, its creator's account, the membership and collaboration it lives in, and its
//   status, which moves on by itself at the endpoint's pace (computed when read).
//   Every answer is that state in the output shape: only the shape's members, timestamps in
//   the shape's format, members of what it lives in derived by name (membershipArn,
//   collaborationName).
// - The rules AWS keeps: a membership must be the caller's and ACTIVE, a collaboration one
//   the caller is an active member of; every resource an input names by ARN must exist in the
//   same collaboration; a resource still named cannot be deleted.
// - Errors are those the operation declares, with their error shape's status and members: a
//   resource not found, or not a member (ResourceNotFoundException where declared, else
//   AccessDeniedException), a name taken or a resource still named by another
//   (ConflictException), an input the model refuses (ValidationException). Only routing and
//   authentication, which come before the operation is known, answer the services' common
//   errors (UnknownOperationException, InvalidSignatureException…).
//
// Inputs are checked with the endpoint's own reading of the model (service-model.mjs, not
// the library's); lists page with `maxResults` and an opaque `nextToken` in creation order.
// Every signature is checked with the AWS SDK for JavaScript's own signer
// (@smithy/signature-v4), not with this project's, so a signing bug cannot hide either. One
// log line per request, without secrets.
//
// CORS is each service's Smithy trait `smithy.api#cors` (model/<service>/smithy-cors.json):
// a preflight allows the trait's headers and SigV4's, answers carry `access-control-allow-
// origin: *` and expose exactly the trait's headers (not `date`). A request signed more than
// 5 minutes from the endpoint's clock is refused with AWS's own messages.
//
// The same port is the demo's identity provider (scripts/identity-provider.mjs): Cognito
// Identity (`X-Amz-Target: AWSCognitoIdentityService.*`) and STS's AssumeRoleWithWebIdentity
// (a form body with `Action=`). Both services' operations take the credentials these issue
// (signed with their session token) until they expire, and the static DEMO_CREDENTIALS.
import { createServer } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { patternRegExp, services, validationMessage } from './service-model.mjs';
import { createIdentityProvider } from './identity-provider.mjs';

export {
  DEMO_IDENTITY_POOL, DEMO_AUTHENTICATED_IDENTITY_POOL, DEMO_OIDC_PROVIDER, DEMO_OIDC_TOKEN, DEMO_ROLE_ARN, DEMO_ROLE_MAX_SESSION_SECONDS,
} from './identity-provider.mjs';


/** The demo credentials the page comes prefilled with. They open nothing but this server. */
export const DEMO_CREDENTIALS = { accessKeyId: 'AKIADEMOCLEANROOMSML', secretAccessKey: 'demo/secret/key/for/the/local/endpoint/only' };
/** A membership no world has: the page and the tests name it for "not a member". */
export const UNKNOWN_MEMBERSHIP = '00000000-0000-4000-8000-000000000000';
const ACCOUNT = '123456789012';
const MAX_SKEW_MS = 5 * 60 * 1000;
/** The headers SigV4 adds, which a browser sends only when a preflight allows them by name (`*` does not cover `authorization`). */
const SIGV4_HEADERS = ['authorization', 'x-amz-date', 'x-amz-security-token'];
/**
 * The CORS headers of a service (services.cleanroomsml by default), from its Smithy trait:
 * `preflight` answers an OPTIONS, `response` goes on every answer. With `strict`, the allowed
 * headers are listed without the trait's `*`, so that a browser proves the client sends only
 * listed ones.
 */
export function corsHeaders({ strict = false, service = services.cleanroomsml } = {}) {
  const { cors, model } = service;
  /** The methods the model's operations use. */
  const METHODS = [...new Set(Object.values(model.operations).map((op) => op.http.method))].sort();
  const allowed = [...cors.additionalAllowedHeaders.filter((h) => !strict || h !== '*'), ...SIGV4_HEADERS.filter((h) => !cors.additionalAllowedHeaders.includes(h))];
  const response = { 'access-control-allow-origin': '*', 'access-control-expose-headers': cors.additionalExposedHeaders.join(', ') };
  return {
    preflight: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': METHODS.join(', '),
      'access-control-allow-headers': allowed.join(', '),
      'access-control-max-age': String(cors.maxAge),
    },
    response,
  };
}

/** CORS of the identity provider's routes: Cognito's preflight (its JSON posts send X-Amz-Target); STS's form posts need none. */
const IDENTITY_CORS = {
  preflight: {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent',
    'access-control-max-age': '600',
  },
  response: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype' },
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

/** A time as SigV4 writes it: 20150806T132034Z. */
const amzDate = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');

/**
 * AWS's answer to a request signed more than 5 minutes from `now` (the endpoint's clock), or
 * null: "Signature expired: <signed> is now earlier than <now − 5 min> (<now> - 5 min.)",
 * "Signature not yet current: <signed> is still later than <now + 5 min> (<now> + 5 min.)".
 */
export function skewError(signed, signedAt, now) {
  if (signedAt.getTime() < now - MAX_SKEW_MS) {
    return new ServiceError(403, 'InvalidSignatureException', `Signature expired: ${signed} is now earlier than ${amzDate(now - MAX_SKEW_MS)} (${amzDate(now)} - 5 min.)`);
  }
  if (signedAt.getTime() > now + MAX_SKEW_MS) {
    return new ServiceError(403, 'InvalidSignatureException', `Signature not yet current: ${signed} is still later than ${amzDate(now + MAX_SKEW_MS)} (${amzDate(now)} + 5 min.)`);
  }
  return null;
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/**
 * Recomputes the signature with @smithy/signature-v4 over exactly the signed headers: the
 * static `credentials` (no session token), or credentials the identity provider issued (their
 * session token sent, signed, and not expired); `auth` is the request's Authorization, parsed.
 */
async function verifySignature(req, url, body, auth, { credentials, identity, now }) {
  const token = req.headers['x-amz-security-token'];
  let secret;
  if (auth.accessKeyId === credentials.accessKeyId && token === undefined) {
    secret = credentials;
  } else {
    const issued = identity.credentialsFor(auth.accessKeyId);
    if (!issued || token !== issued.sessionToken) throw new ServiceError(403, 'UnrecognizedClientException', INVALID_TOKEN);
    if (now() >= issued.expiresAt) throw new ServiceError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
    if (!auth.signedHeaders.includes('x-amz-security-token')) {
      throw new ServiceError(403, 'IncompleteSignatureException', '\'X-Amz-Security-Token\' must be a \'SignedHeader\' in the AWS Authorization.');
    }
    secret = { accessKeyId: auth.accessKeyId, secretAccessKey: issued.secretAccessKey };
  }
  const signedAt = parseAmzDate(req.headers['x-amz-date']);
  if (!signedAt) throw new ServiceError(403, 'IncompleteSignatureException', 'The request must contain a valid x-amz-date header.');
  const skewed = skewError(req.headers['x-amz-date'], signedAt, now());
  if (skewed) throw skewed;
  // (The scope's service was checked when the request was routed.)
  if (!auth.signedHeaders.includes('host')) throw new ServiceError(403, 'InvalidSignatureException', 'The request must sign the host header.');
  const headers = Object.fromEntries(auth.signedHeaders.map((name) => [name, req.headers[name] ?? '']));
  // A repeated query name (UntagResource's tagKeys) is signed with all its values.
  const query = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? [query[name], value].flat() : value;
  // The session token, when there is one, is among the signed headers already.
  const signer = new SignatureV4({ service: auth.service, region: auth.region, credentials: secret, sha256: Sha256, applyChecksum: false });
  const expected = await signer.sign(
    { method: req.method, protocol: 'http:', hostname: url.hostname, port: url.port, path: url.pathname, query, headers, body },
    { signingDate: signedAt, signingRegion: auth.region },
  );
  if (!expected.headers.authorization.endsWith(`Signature=${auth.signature}`)) {
    throw new ServiceError(403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
  return auth;
}

/** The caller's demo membership (the page's example) and its collaboration, which the caller made. */
export const DEMO_MEMBERSHIP = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
export const COLLABORATION = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
/** The partner's membership in that collaboration, with one association of its own: the caller is not a member of it. */
export const PARTNER_MEMBERSHIP = '9e8d7c6b-5a49-4382-9716-0f1e2d3c4b5a';
/** The caller's membership in a collaboration the partner made: the membership the library's examples and tests name. */
export const EXAMPLE_MEMBERSHIP = '0d0a0c1e-1111-4222-8333-944455556666';
export const EXAMPLE_COLLABORATION = 'c0a1b2c3-2222-4333-8444-955566667777';
/** A collaboration the partner made and invited the caller to, not joined yet: CreateMembership joins it. */
export const INVITING_COLLABORATION = 'd4e5f6a7-3333-4444-8555-a66677778888';
export const CALLER_ACCOUNT = ACCOUNT;
export const PARTNER_ACCOUNT = '210987654321';
const REGION = 'us-east-1';
/** The largest page, when `maxResults` is not given. */
const DEFAULT_PAGE = 100;
/** A create with this tag fails: its status ends at CREATE_FAILED, the tag's value its status message. */
export const FAIL_TAG = 'local-endpoint:fail';
/** The time a status lasts before the next, by default: a new resource is ACTIVE after two steps (10 s). */
export const DEFAULT_PACE_MS = 5000;

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
  createTime: new Date(Date.UTC(2026, 10, 1 + i, 9, 30)).toISOString(),
  updateTime: new Date(Date.UTC(2026, 10, 1 + i, 9, 30)).toISOString(),
}));

const ALL_ABILITIES = { memberAbilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'], mlMemberAbilities: { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT', 'CAN_RECEIVE_INFERENCE_OUTPUT'] } };
const PAYS = { queryCompute: { isResponsible: true } };
/** The collaborations every endpoint starts with, made by CreateCollaboration: [id, creator, input, [[account, membership id]…] who joined]. */
const SEEDED_COLLABORATIONS = [
  [COLLABORATION, ACCOUNT, {
    name: 'Demo collaboration', description: 'The caller and a partner train and run custom models.', creatorDisplayName: 'Demo company',
    creatorMemberAbilities: ALL_ABILITIES.memberAbilities, creatorMLMemberAbilities: ALL_ABILITIES.mlMemberAbilities, creatorPaymentConfiguration: PAYS, queryLogStatus: 'ENABLED',
    members: [{ accountId: PARTNER_ACCOUNT, displayName: 'Partner', memberAbilities: [], mlMemberAbilities: { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] } }],
  }, [[ACCOUNT, DEMO_MEMBERSHIP], [PARTNER_ACCOUNT, PARTNER_MEMBERSHIP]]],
  [EXAMPLE_COLLABORATION, PARTNER_ACCOUNT, {
    name: 'Retail insights', creatorDisplayName: 'Partner', creatorMemberAbilities: [], creatorPaymentConfiguration: PAYS, queryLogStatus: 'DISABLED',
    members: [{ accountId: ACCOUNT, displayName: 'Demo company', ...ALL_ABILITIES, paymentConfiguration: { queryCompute: { isResponsible: false } } }],
  }, [[PARTNER_ACCOUNT], [ACCOUNT, EXAMPLE_MEMBERSHIP]]],
  [INVITING_COLLABORATION, PARTNER_ACCOUNT, {
    name: 'Invitation', creatorDisplayName: 'Partner', creatorMemberAbilities: [], creatorPaymentConfiguration: PAYS, queryLogStatus: 'DISABLED',
    members: [{ accountId: ACCOUNT, displayName: 'Demo company', memberAbilities: ['CAN_RECEIVE_RESULTS'] }],
  }, [[PARTNER_ACCOUNT]]],
];

// ---- What the models cannot say: the whole table of facts not derived from them ----

/** Output members that name the account that made the resource. */
const CREATOR_MEMBERS = ['creatorAccountId', 'startedBy'];
/**
 * The statuses a resource passes through, one pace each, each kept where its kind's status
 * enum has it (a list: the first the enum has); GONE ends a deletion. A create without a
 * CREATE_ status starts at ACTIVE, or else at its enum's first value, and stays.
 */
const GONE = 'GONE';
const LIFECYCLES = {
  create: ['CREATE_PENDING', 'SUBMITTED', 'CREATE_IN_PROGRESS', 'STARTED', 'IN_PROGRESS', ['ACTIVE', 'SUCCESS', 'CREATED']],
  fail: ['CREATE_PENDING', 'SUBMITTED', 'CREATE_IN_PROGRESS', 'STARTED', 'IN_PROGRESS', ['CREATE_FAILED', 'FAILED']],
  /** Cancel…, and an Update… whose targetStatus is CANCELLED (UpdateProtectedQuery). */
  Cancel: ['CANCEL_PENDING', 'CANCELLING', 'CANCEL_IN_PROGRESS', ['CANCELLED', 'INACTIVE']],
  /** The Delete… of a part (DeleteTrainedModelOutput). */
  Delete: ['DELETE_PENDING', 'DELETE_IN_PROGRESS', ['INACTIVE']],
  Populate: ['POPULATE_STARTED', 'POPULATE_SUCCESS'],
  Disallow: ['DISALLOWED_BY_DATA_PROVIDER'],
  delete: ['DELETE_PENDING', 'DELETE_IN_PROGRESS', GONE],
};
/** The statuses of a resource that has ended: it holds what it names no more. */
const ENDED = ['SUCCESS', 'CANCELLED', 'INACTIVE', 'FAILED', 'CREATE_FAILED', 'TIMED_OUT'];
/**
 * Clean Rooms' schemas, which AWS derives: what a collaboration sees of each configured table
 * association (its name, its configured table's allowed columns, as TABLE), and the analysis
 * rules of that table under the association's name.
 */
const SCHEMA_KIND = 'Schema';
/** A Clean Rooms change's types, by the member its specification sets. */
const CHANGE_TYPES = { member: ['ADD_MEMBER'], collaboration: ['EDIT_AUTO_APPROVED_CHANGE_TYPES'] };
/**
 * An audience generation job's quality once ACTIVE (GetAudienceGenerationJob's `metrics`): a
 * relevance score (0–10) for each audience size of its configured audience model's
 * `audienceSizeConfig` (else AUDIENCE_SIZES), falling as the audience grows, and a recall
 * (0–1); both drawn from the job's ARN, so that each job has its own and keeps them.
 */
const AUDIENCE_SIZES = { audienceSizeType: 'ABSOLUTE', audienceSizeBins: [10000, 50000, 100000, 500000, 1000000] };
function audienceMetrics(arn, sizeConfig = AUDIENCE_SIZES) {
  const seed = createHash('sha256').update(arn).digest();
  const top = 4 + seed[0] / 64; // 4–8
  const fall = 0.08 + seed[1] / 2550; // 8–18 % less at each larger size
  const round = (x) => Math.round(x * 100) / 100;
  return {
    relevanceMetrics: sizeConfig.audienceSizeBins.map((value, i) => ({ audienceSize: { type: sizeConfig.audienceSizeType, value }, score: round(Math.max(0, top * (1 - fall) ** i)) })),
    recallMetric: round(0.3 + seed[2] / 640), // 0.3–0.7
  };
}
/** Required output members no input gives, and their value on a new resource. */
const DEFAULTS = { isAutoApproved: false };
/**
 * Clean Rooms' members: a collaboration's `members` (its creator first), each with its
 * account, display name, abilities, payment and status (INVITED until CreateMembership joins).
 * The member kind is made by no operation: ListMembers reads them, DeleteMember removes one.
 */
const MEMBER_KIND = 'Member';

// ---- The models' resources, read from their operations ----

const upperFirst = (s) => s[0].toUpperCase() + s.slice(1);
/** "Trained model" → "trained model"; "ML input channel" stays. */
const lowerFirst = (s) => s.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
/** "MLInputChannel" → "ML input channel", for messages. */
const label = (kind) => upperFirst(kind.match(/[A-Z]{2,}(?![a-z])|[A-Z][a-z0-9]*/g).map((word) => (/^[A-Z]{2,}$/.test(word) ? word : word.toLowerCase())).join(' '));
/** "MLInputChannel" → "mlInputChannel": how members name a kind (mlInputChannelArn, configuredTableId). */
const memberName = (kind) => kind.replace(/^[A-Z]+(?![a-z])|^[A-Z]/, (c) => c.toLowerCase());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Splits an operation's name into its verb and noun (singular for a List). A Collaboration…
 * view is the same action on the same kind: its collaborationIdentifier selects.
 */
function nameParts(operationName) {
  const [, verb, noun] = /^(Create|Start|Put|Get|List|Update|Cancel|Delete|Tag|Untag|BatchGet|Populate|Disallow|Preview)(?:Collaboration(?=[A-Z]))?(\w+)$/.exec(operationName);
  return { verb, noun: verb === 'List' || verb === 'BatchGet' ? noun.replace(/ies$/, 'y').replace(/s$/, '') : noun };
}

/**
 * The ARN a shape's pattern describes, as a template with `{membership}` where the pattern has
 * a membership (`membership/{membership}/trained-model/{id}`); null for other strings and for
 * patterns that are not one resource type (TaggableArn).
 */
function arnFormat(service, shapeName) {
  const m = /^arn:aws(?:\[-a-z\]\*)?:([a-z-]+|\[\\w\]\+):(?:\[-a-z0-9\]\+|\[\\w\]\{2\}-\[\\w\]\{4,9\}-\[\\d\]):(?:\[0-9\]\{12\}|\[\\d\]\{12\}):(.+)$/.exec(service.model.shapes[shapeName].pattern ?? '');
  if (!m || (m[1] !== service.model.metadata.endpointPrefix && m[1] !== '[\\w]+')) return null;
  // Each run of character classes (an id, a UUID) is one placeholder; the rest is literal path.
  const segments = m[2].replace(/\\\//g, '/').replace(/(?:\[[^\]]+\](?:\+|\{\d+(?:,\d*)?\})-?)+/g, '\0').split('/');
  const last = segments.length - 1;
  const template = segments.map((s, i) => {
    if (/^[a-z-]+$/.test(s)) return s;
    if (s !== '\0') return null;
    return i === last ? '{id}' : '{membership}';
  });
  if (template.includes(null) || template[last] !== '{id}' || !/^[a-z-]+$/.test(template[0])) return null;
  return template.join('/');
}

/** A service's kinds of resource and each operation's plan, read from its model. */
function planService(service) {
  const { model, paginators } = service;
  const membersOf = (shapeName) => (shapeName ? model.shapes[shapeName].members ?? {} : {});
  const kinds = new Map();
  for (const operationName of Object.keys(model.operations)) {
    const { verb, noun } = nameParts(operationName);
    if (['Create', 'Start', 'Put'].includes(verb)) kinds.set(noun, { name: noun, label: label(noun), makes: operationName, service });
  }
  // The nouns read but never made (Member, Schema, PrivacyBudget): kinds the endpoint holds none of, but members.
  for (const operationName of Object.keys(model.operations)) {
    const { verb, noun } = nameParts(operationName);
    if (['Get', 'List', 'BatchGet', 'Preview'].includes(verb) && ![...kinds.keys()].some((k) => noun.startsWith(k))) kinds.set(noun, { name: noun, label: label(noun), service });
  }
  const plans = {};
  for (const [operationName, operation] of Object.entries(model.operations)) {
    const { verb, noun } = nameParts(operationName);
    if (operation.http.requestUri.startsWith('/tags/')) {
      plans[operationName] = { action: { Tag: 'tag', Untag: 'untag', List: 'listTags' }[verb] };
      continue;
    }
    const kind = kinds.get(noun) ?? [...kinds.values()].filter((k) => noun.startsWith(k.name)).sort((a, b) => b.name.length - a.name.length)[0];
    const part = kind ? noun.slice(kind.name.length) : noun;
    const action = {
      Create: 'create', Start: 'create', Put: 'put', Get: 'get', List: 'list', Update: 'update', Cancel: 'transition', Delete: part ? 'transition' : 'delete',
      Populate: 'transition', Disallow: 'transition', BatchGet: 'batchGet', Preview: 'preview',
    }[verb];
    // What a third service would need the endpoint to learn stops it here, by name.
    if (!kind || !action) throw new Error(`${operationName}: no kind of resource or action in its name`);
    plans[operationName] = { action, kind, part, lifecycle: action === 'transition' ? verb : undefined };
  }
  for (const kind of kinds.values()) {
    if (!kind.makes) continue;
    const makes = model.operations[kind.makes];
    // The resource's shape: the Create… output's only structure member (Clean Rooms' { collaboration: … }), or the output itself (Clean Rooms ML's).
    const outputMembers = Object.entries(membersOf(makes.output?.shape));
    const wrapped = outputMembers.length === 1 && model.shapes[outputMembers[0][1].shape].type === 'structure' ? outputMembers[0] : undefined;
    Object.assign(kind, { wrapper: wrapped?.[0], shape: wrapped ? wrapped[1].shape : makes.output?.shape });
    const outputs = Object.entries(membersOf(kind.shape));
    // The kind's ARN member (trainingDatasetArn, arn).
    const arn = outputs.find(([name, m]) => (name === 'arn' || name === `${memberName(kind.name)}Arn`) && arnFormat(service, m.shape));
    if (arn) Object.assign(kind, { arnMember: arn[0], arnShape: arn[1].shape, arn: arnFormat(service, arn[1].shape) });
    // Its other outputs, but those of its input and those derived, are ids it is given (versionIdentifier, id, analysisLogExportId).
    const given = membersOf(makes.input.shape);
    kind.ids = outputs.filter(([name, m]) => name !== kind.arnMember && !given[name] && (name === 'id' || name === `${memberName(kind.name)}Id` || name === 'versionIdentifier') && model.shapes[m.shape].pattern?.includes('[0-9a-f]{8}')).map(([name]) => name);
    // Its status enum, from any output that shows the kind (its Get…, its List…'s items).
    const shown = Object.entries(plans).filter(([, p]) => p.kind === kind && (p.action === 'get' || p.action === 'list')).map(([name, p]) => {
      const output = model.operations[name].output.shape;
      const item = p.action === 'get' ? output : model.shapes[membersOf(output)[paginators[name].result_key].shape].member.shape;
      const inner = Object.values(membersOf(item)).find((m) => m.shape === kind.shape);
      return inner ? inner.shape : item;
    });
    const status = [kind.shape, ...shown].map((shape) => membersOf(shape).status?.shape).find((shape) => shape && model.shapes[shape].enum);
    if (status) kind.statuses = model.shapes[status].enum;
  }
  for (const [name, plan] of Object.entries(plans)) {
    // A change of status the kind's enum has no status for (a kind without status just answers).
    if (plan.lifecycle && plan.kind.statuses && !pathOf(plan.kind, plan.lifecycle).length) throw new Error(`${name}: no status of ${plan.lifecycle} in ${plan.kind.name}'s enum`);
    if (plan.action === 'list' && !paginators[name]) throw new Error(`${name}: a List… without a paginator`);
  }
  return { service, kinds, plans, membersOf };
}

/** A kind's path through `lifecycle`, as its status enum allows. */
function pathOf(kind, lifecycle) {
  if (!kind.statuses) return lifecycle === 'delete' ? [GONE] : [];
  const path = LIFECYCLES[lifecycle].map((s) => (Array.isArray(s) ? s.find((x) => kind.statuses.includes(x)) : s)).filter((s) => s === GONE || kind.statuses.includes(s));
  if (lifecycle === 'create' && !path.length) return [kind.statuses.includes('ACTIVE') ? 'ACTIVE' : kind.statuses[0]];
  return path;
}

const SERVICES = Object.fromEntries(Object.values(services).map((service) => [service.model.metadata.signingName, planService(service)]));
/**
 * Every kind of both services by its ARN's pattern, for the members that name a resource: a
 * Clean Rooms input names a Clean Rooms ML configured audience model by the same pattern.
 */
const KIND_OF_ARN = new Map(Object.values(SERVICES).flatMap(({ kinds, service }) => [...kinds.values()].filter((k) => k.arnShape).map((k) => [service.model.shapes[k.arnShape].pattern, k])));
const kindOfArnShape = (service, shapeName) => (service.model.shapes[shapeName].pattern === undefined ? undefined : KIND_OF_ARN.get(service.model.shapes[shapeName].pattern));
const uriMembers = (service, operationName) => Object.entries(service.model.shapes[service.model.operations[operationName].input.shape].members ?? {}).filter(([, m]) => m.location === 'uri');
/** The members that say which resource a request is about: the URI and query-string ones. */
const identifyingMembers = (service, operationName) => Object.entries(service.model.shapes[service.model.operations[operationName].input.shape].members ?? {})
  .filter(([, m]) => m.location === 'uri' || m.location === 'querystring').map(([name]) => name);
const declaredErrors = (service, operationName) => (service.model.operations[operationName].errors ?? []).map((e) => e.shape);
/** Whether `value` names `arn` anywhere inside. */
const mentions = (value, arn) => value === arn || (typeof value === 'object' && value !== null && Object.values(value).some((v) => mentions(v, arn)));
const sha256 = (value) => createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex');

/** A page of `items` (in creation order) after the token's position, and the next token. */
function page(items, { maxResults = DEFAULT_PAGE, nextToken }, invalidToken) {
  let after = 0;
  if (nextToken !== undefined) {
    const m = /^seq:(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!m) throw invalidToken();
    after = Number(m[1]);
  }
  const rest = items.filter((item) => item.seq > after);
  const shown = rest.slice(0, maxResults);
  const more = rest.length > shown.length;
  return { shown, nextToken: more ? Buffer.from(`seq:${shown.at(-1).seq}`).toString('base64url') : undefined };
}

/**
 * Starts the endpoint. Options: port (0 picks one), credentials, log, onAnswer (called with
 * { operation, status, type, body } for each answer to a routed request), strictCors (the
 * preflight allows the trait's headers without its `*`), clockOffsetMs (the endpoint's clock
 * is Date.now() + clockOffsetMs), credentialLifetimeSeconds (of the credentials Cognito and
 * STS issue; 3600), paceMs (how long each status lasts before the next: DEFAULT_PACE_MS).
 * Resolves to { url, close, stats, setClockOffsetMs, advance }: stats() counts the identity
 * routes' answers ({ getId, getCredentialsForIdentity, assumeRoleWithWebIdentity });
 * setClockOffsetMs moves the endpoint's clock; advance(ms) moves only the clock statuses move
 * by, so that a test at a slow pace sees the next status when it chooses.
 */
export async function startLocalEndpoint({
  port = 8081, credentials = DEMO_CREDENTIALS, log = console.log, onAnswer = () => {},
  strictCors = false, clockOffsetMs = 0, credentialLifetimeSeconds = 3600, paceMs = DEFAULT_PACE_MS,
} = {}) {
  let offsetMs = clockOffsetMs;
  const now = () => Date.now() + offsetMs;
  /** The clock statuses move by: the endpoint's, plus what `advance` added (which the signature check does not see). */
  let advancedMs = 0;
  const worldNow = () => now() + advancedMs;
  const identity = createIdentityProvider({ now, lifetimeSeconds: credentialLifetimeSeconds });
  /** Each service's CORS headers, by its signing name. */
  const CORS = Object.fromEntries(Object.entries(SERVICES).map(([name, { service }]) => [name, { service, headers: corsHeaders({ strict: strictCors, service }) }]));
  let seq = 0;
  /** Every resource of both services, in creation order: { seq, kind, arn, account, links, phase, values }. */
  const resources = [];
  /**
   * A resource's status now, from when its phase began ({ path, since }): one status a pace.
   * Computed when read, so that no timer runs and a test at a fast pace sees every step.
   */
  const statusOf = (r) => (r.phase.path.length ? r.phase.path[Math.min(Math.floor((worldNow() - r.phase.since) / paceMs), r.phase.path.length - 1)] : undefined);
  /** The resources not gone: a deletion that has run its course takes the resource away. */
  const live = () => {
    for (const gone of resources.filter((r) => statusOf(r) === GONE)) resources.splice(resources.indexOf(gone), 1);
    return resources;
  };
  const byArn = (arn) => live().find((r) => r.arn !== undefined && r.arn === arn);
  const membershipOf = (id) => live().find((r) => r.kind.name === 'Membership' && r.values.id === id);
  const collaborationOf = (id) => live().find((r) => r.kind.name === 'Collaboration' && r.values.id === id);
  /** The caller's member record in a collaboration. */
  const memberIn = (collaboration, account) => collaboration?.values.members.find((m) => m.accountId === account);

  /** A resource's values as its answers show them: its status now, a failure's message. */
  const view = (r) => {
    const status = statusOf(r);
    const values = { ...r.values, ...(status ? { status } : {}) };
    if (status === 'CREATE_FAILED') values.statusDetails = { statusCode: FAIL_TAG, message: r.failure };
    if (r.kind.name === 'AudienceGenerationJob' && status === 'ACTIVE') values.metrics = audienceMetrics(r.arn, byArn(r.values.configuredAudienceModelArn)?.values.audienceSizeConfig);
    if (r.kind.name === 'Collaboration') {
      const member = memberIn(r, ACCOUNT);
      values.memberStatus = member?.status;
      const membership = live().find((m) => m.kind.name === 'Membership' && m.account === ACCOUNT && m.values.collaborationId === r.values.id);
      Object.assign(values, membership ? { membershipId: membership.values.id, membershipArn: membership.values.arn } : {});
    }
    return values;
  };

  /**
   * An error of the first of `types` that the operation declares. `about` ({ kind, id,
   * membership }) gives the members some error shapes have (Clean Rooms' resourceId and
   * resourceType: the kind where the enum has it, else the membership it is in).
   */
  const refuse = (service, operationName, types, message, about) => {
    const type = types.find((t) => declaredErrors(service, operationName).includes(t));
    if (!type) throw new Error(`${operationName} declares none of ${types.join(', ')}`);
    const members = service.model.shapes[type].members;
    const extra = {};
    if (about && members.resourceType) {
      const resourceTypes = service.model.shapes[members.resourceType.shape].enum;
      const own = about.kind.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
      Object.assign(extra, resourceTypes.includes(own) || !about.membership ? { resourceId: about.id, resourceType: resourceTypes.includes(own) ? own : resourceTypes[0] } : { resourceId: about.membership, resourceType: 'MEMBERSHIP' });
    }
    return new ServiceError(service.model.shapes[type].error.httpStatusCode, type, message, extra);
  };

  /**
   * `value` in the shape `shapeName`: only the shape's members; a missing member derived
   * (`derive`); timestamps in the shape's format. Undefined when a required member cannot be
   * given, so that an optional member that cannot be shown is left out.
   */
  /** The last required member `conform` could not give, for the endpoint's own errors. */
  let unshown;
  const conform = (service, shapeName, value, links = {}) => {
    const shape = service.model.shapes[shapeName];
    switch (shape.type) {
      case 'structure': {
        if (typeof value !== 'object' || value === null) return undefined;
        const out = {};
        for (const [name, member] of Object.entries(shape.members ?? {})) {
          // A required list, structure, enum or flag nothing gives (a table's analysis rule types; a
          // default the service picks; what Entity Resolution, which the endpoint does not play,
          // would say of an ID mapping table) is a fresh one. Ids, names and times must be given.
          const memberShape = service.model.shapes[member.shape];
          const kept = shape.required?.includes(name) && (['list', 'structure', 'boolean'].includes(memberShape.type) || memberShape.enum);
          const given = value[name] ?? derive(name, value, links) ?? (kept ? fresh(service, member.shape) : undefined);
          const shown = given === undefined ? undefined : conform(service, member.shape, given);
          if (shown !== undefined) out[name] = shown;
        }
        const missing = (shape.required ?? []).find((name) => out[name] === undefined);
        if (missing) unshown = `${shapeName}.${missing}`;
        return missing ? undefined : out;
      }
      case 'list': {
        const items = Array.isArray(value) ? value.map((item) => conform(service, shape.member.shape, item)) : [undefined];
        return items.includes(undefined) ? undefined : items;
      }
      case 'map': {
        const entries = typeof value === 'object' && value !== null ? Object.entries(value).map(([k, v]) => [k, conform(service, shape.value.shape, v)]) : [[0, undefined]];
        return entries.some(([, v]) => v === undefined) ? undefined : Object.fromEntries(entries);
      }
      case 'timestamp':
        return service.writeTimestamp(shapeName, value);
      default:
        return value;
    }
  };
  /**
   * A member the values do not have: `<x>Name` the name of the resource `…<X>Arn` names,
   * `<x>Hash` the SHA-256 of `…<X>`; `<link><Member>` the member of a resource this one lives
   * in (membershipArn, collaborationName, collaborationCreatorAccountId); a default.
   */
  const derive = (name, siblings, links) => {
    for (const [prefix, linked] of Object.entries(links)) {
      if (typeof linked !== 'object') continue;
      const m = name.startsWith(prefix) && /^[A-Z]/.test(name.slice(prefix.length)) ? lowerFirst(name.slice(prefix.length)) : undefined;
      if (m && linked.values[m] !== undefined) return linked.values[m];
    }
    if (name === 'types' && siblings.specification) return CHANGE_TYPES[Object.keys(siblings.specification)[0]];
    // Clean Rooms' analysisRulePolicy and analysisRuleType give an analysisRule's policy and type.
    const wrapped = Object.keys(siblings).find((k) => links.wrapper && k === `${links.wrapper}${upperFirst(name)}`);
    if (wrapped) return siblings[wrapped];
    const m = /^(\w+)(Name|Hash)$/.exec(name);
    if (m) {
      const key = Object.keys(siblings).find((k) => k.endsWith(m[2] === 'Name' ? `${upperFirst(m[1])}Arn` : upperFirst(m[1])));
      if (key !== undefined) return m[2] === 'Name' ? byArn(siblings[key])?.values.name : sha256(siblings[key]);
    }
    return DEFAULTS[name];
  };
  /** The resources a resource lives in, by member prefix: { membership, collaboration, configuredTable… }. */
  const linksOf = (r) => (r ? { ...r.links, ...(r.kind?.wrapper ? { wrapper: r.kind.wrapper } : {}) } : {});
  /**
   * A value of a shape for what the endpoint does not keep (a populate job's id, a preview):
   * a UUID where the pattern is one, an enum's first value, a structure's required members (a
   * union's first), an empty list or map.
   */
  const fresh = (service, shapeName) => {
    const shape = service.model.shapes[shapeName];
    switch (shape.type) {
      case 'structure': {
        const names = shape.union ? Object.keys(shape.members).slice(0, 1) : shape.required ?? [];
        return Object.fromEntries(names.map((name) => [name, fresh(service, shape.members[name].shape)]));
      }
      case 'list': return Array.from({ length: shape.min ?? 0 }, () => fresh(service, shape.member.shape));
      case 'map': return {};
      case 'string': return shape.enum ? shape.enum[0] : shape.pattern?.includes('[0-9a-f]{8}') ? randomUUID() : 'local';
      case 'boolean': return false;
      case 'timestamp': return new Date(now());
      default: return shape.min ?? 0;
    }
  };
  /** The answer of `operationName` for a resource: its output shape, or no body. */
  const answer = (plan, operationName, r) => {
    const { service } = plan.kind;
    const output = service.model.operations[operationName].output?.shape;
    if (!output) return undefined;
    const values = view(r);
    // Clean Rooms wraps the resource ({ collaborationAnalysisTemplate: … }, { schema: … }), in its own shape or a view of it.
    const inner = (plan.kind.wrapper || !plan.kind.makes) && Object.entries(service.model.shapes[output].members ?? {}).find(([, m]) => service.model.shapes[m.shape].type === 'structure');
    const shown = inner ? conform(service, output, { [inner[0]]: conformOrThrow(service, inner[1].shape, values, r, operationName) }) : conform(service, output, values, linksOf(r));
    if (!shown) throw new Error(`${operationName}: the state cannot be shown in ${output} (${unshown} missing)`);
    return shown;
  };
  const conformOrThrow = (service, shapeName, values, r, operationName) => {
    const shown = conform(service, shapeName, values, linksOf(r));
    if (!shown) throw new Error(`${operationName}: the state cannot be shown in ${shapeName} (${unshown} missing)`);
    return shown;
  };

  /** Makes a resource from the input of the operation that makes its kind. */
  const make = (kind, input, { region = REGION, account = ACCOUNT, at = new Date(now()), arn, id, links = {} }) => {
    const values = { ...input };
    for (const [i, name] of kind.ids.entries()) values[name] = (i === 0 && id) || randomUUID();
    const ownId = values.id ?? values[`${memberName(kind.name)}Id`] ?? randomUUID();
    if (kind.arn) {
      const membership = links.membership?.values.id ?? input.membershipIdentifier;
      const arnOf = (m, id) => `arn:aws:${kind.service.model.metadata.endpointPrefix}:${region}:${account}:${kind.arn.replace('{membership}', m).replace('{id}', id)}`;
      // Where two UUIDs make an ARN longer than its shape allows (a configured table association's), each is cut to its first group.
      const long = arnOf(membership, ownId);
      values[kind.arnMember] = arn ?? (long.length > (kind.service.model.shapes[kind.arnShape].max ?? Infinity) ? arnOf(membership.slice(0, 8), ownId.slice(0, 8)) : long);
      if (!patternRegExp(kind.service.model.shapes[kind.arnShape].pattern).test(values[kind.arnMember])) throw new Error(`${kind.name}: ${values[kind.arnMember]} is not in the ARN's pattern`);
    }
    if (links.membership) Object.assign(values, { membershipIdentifier: links.membership.values.id, membershipId: links.membership.values.id });
    if (links.collaboration) Object.assign(values, { collaborationIdentifier: links.collaboration.values.id, collaborationId: links.collaboration.values.id });
    for (const name of CREATOR_MEMBERS) values[name] = account;
    values.createTime = values.updateTime = at;
    const failure = input.tags?.[FAIL_TAG];
    const phase = { path: pathOf(kind, failure === undefined ? 'create' : 'fail'), since: worldNow() };
    // A resource without an ARN of its own (a policy, an export job, an analysis rule) lives under the one it names, or
    // the innermost one it lives in, and goes with it.
    const parent = kind.arn ? undefined : Object.values(input).find((value) => typeof value === 'string' && byArn(value)) ?? Object.values(links).at(-1)?.arn;
    const resource = { seq: ++seq, kind, arn: values[kind.arnMember], account, parent, links, phase, failure, values };
    resources.push(resource);
    return resource;
  };

  /** Clean Rooms: a collaboration with its members, the creator first. */
  const makeCollaboration = (input, { id, account = ACCOUNT, at } = {}) => {
    const kind = SERVICES.cleanrooms.kinds.get('Collaboration');
    const collaboration = make(kind, input, { account, id, at });
    const when = collaboration.values.createTime;
    collaboration.values.members = [
      { accountId: account, displayName: input.creatorDisplayName, abilities: input.creatorMemberAbilities, mlAbilities: input.creatorMLMemberAbilities, paymentConfiguration: input.creatorPaymentConfiguration ?? PAYS },
      ...input.members.map((m) => ({ accountId: m.accountId, displayName: m.displayName, abilities: m.memberAbilities, mlAbilities: m.mlMemberAbilities, paymentConfiguration: m.paymentConfiguration ?? { queryCompute: { isResponsible: false } } })),
    ].map((m) => ({ ...m, status: 'INVITED', createTime: when, updateTime: when }));
    return collaboration;
  };
  /** Clean Rooms: `account` joins a collaboration it is invited to (CreateMembership). */
  const join = (collaboration, input, { account = ACCOUNT, id } = {}) => {
    const member = memberIn(collaboration, account);
    const kind = SERVICES.cleanrooms.kinds.get('Membership');
    const membership = make(kind, { ...input, memberAbilities: member.abilities, mlMemberAbilities: member.mlAbilities, paymentConfiguration: { queryCompute: { isResponsible: member.paymentConfiguration.queryCompute.isResponsible } } },
      { account, id, links: { collaboration } });
    Object.assign(member, { status: 'ACTIVE', membershipId: membership.values.id, membershipArn: membership.values.arn, updateTime: membership.values.createTime });
    return membership;
  };

  // The demo world, made as the operations make it.
  const SEED_TIME = new Date(Date.UTC(2026, 10, 1, 9, 0));
  for (const [id, creator, input, joined] of SEEDED_COLLABORATIONS) {
    const collaboration = makeCollaboration(input, { id, account: creator, at: SEED_TIME });
    for (const [account, membershipId] of joined) {
      const membership = join(collaboration, { queryLogStatus: input.queryLogStatus }, { account, id: membershipId });
      membership.phase.since = SEED_TIME.getTime();
    }
  }
  const ml = SERVICES['cleanrooms-ml'];
  for (const { createTime, updateTime, ...algorithm } of SEEDED_ALGORITHMS) {
    const { configuredModelAlgorithmArn: arn, ...input } = algorithm;
    make(ml.kinds.get('ConfiguredModelAlgorithm'), input, { at: new Date(createTime), arn });
  }
  const partnerMembership = membershipOf(PARTNER_MEMBERSHIP);
  const partnerAssociation = make(ml.kinds.get('ConfiguredModelAlgorithmAssociation'), {
    membershipIdentifier: PARTNER_MEMBERSHIP,
    configuredModelAlgorithmArn: SEEDED_ALGORITHMS[1].configuredModelAlgorithmArn,
    name: 'partner-lookalike',
    description: 'The partner\'s association',
  }, { account: PARTNER_ACCOUNT, at: SEED_TIME, links: { membership: partnerMembership, collaboration: collaborationOf(COLLABORATION) } });
  partnerAssociation.phase.since = SEED_TIME.getTime();
  const demoMembership = membershipOf(DEMO_MEMBERSHIP);
  const demoLinks = { membership: demoMembership, collaboration: collaborationOf(COLLABORATION) };
  const table = make(SERVICES.cleanrooms.kinds.get('ConfiguredTable'), {
    name: 'customers', description: 'The demo company\'s customers',
    tableReference: { glue: { tableName: 'customers', databaseName: 'demo_db' } },
    allowedColumns: ['customer_id', 'segment', 'region'], analysisMethod: 'DIRECT_QUERY',
  }, { at: SEED_TIME });
  table.phase.since = SEED_TIME.getTime();
  make(SERVICES.cleanrooms.kinds.get('AnalysisTemplate'), {
    membershipIdentifier: DEMO_MEMBERSHIP, name: 'segment-counts', description: 'Customers per segment',
    format: 'SQL', source: { text: 'SELECT segment, COUNT(*) FROM customers GROUP BY segment' },
    schema: { referencedTables: ['customers'] },
  }, { at: SEED_TIME, links: demoLinks });

  /**
   * Whether the caller may act in a membership or collaboration: its own membership, ACTIVE
   * (a partner's, a removed one or one that does not exist is the operation's declared "not
   * found", ResourceNotFoundException where declared, else AccessDeniedException).
   */
  const scope = (plan, operationName, input, account) => {
    const { service } = plan.kind;
    const notMember = (what) => {
      const [kind, id] = what.split(' ');
      const error = refuse(service, operationName, ['ResourceNotFoundException', 'AccessDeniedException'], `${what} not found.`, { kind, id });
      if (error.type === 'AccessDeniedException') error.message = `The caller is not a member of ${lowerFirst(what)}.`;
      return error;
    };
    const links = {};
    if (input.membershipIdentifier !== undefined) {
      const membership = membershipOf(input.membershipIdentifier);
      if (!membership || membership.account !== account || statusOf(membership) !== 'ACTIVE') throw notMember(`Membership ${input.membershipIdentifier}`);
      Object.assign(links, { membership, collaboration: collaborationOf(membership.values.collaborationId) });
    }
    const collaborationId = input.collaborationIdentifier ?? input.collaborationId;
    if (collaborationId !== undefined) {
      const collaboration = collaborationOf(collaborationId);
      const member = memberIn(collaboration, account);
      // Joining needs an invitation only; everything else, an active membership.
      const joining = operationName === 'CreateMembership';
      if (!member || (joining ? member.status !== 'INVITED' && member.status !== 'ACTIVE' : member.status !== 'ACTIVE')) throw notMember(`Collaboration ${collaborationId}`);
      if (links.collaboration && links.collaboration !== collaboration) throw notMember(`Collaboration ${collaborationId}`);
      links.collaboration = collaboration;
    }
    return links;
  };

  /**
   * Every resource the input names by ARN (any member, at any depth, whose shape is the ARN of
   * a kind the endpoint holds) must exist and be the caller's to use: account-wide, or in the
   * same collaboration. Else the operation's declared not-found (ResourceNotFoundException,
   * else ValidationException).
   */
  const checkReferences = (service, operationName, input, links) => {
    const identifying = identifyingMembers(service, operationName);
    const refused = (message, about) => refuse(service, operationName, ['ResourceNotFoundException', 'ValidationException'], message, about);
    const visit = (shapeName, value, top) => {
      const shape = service.model.shapes[shapeName];
      if (value === undefined || value === null) return;
      if (shape.type === 'structure') {
        for (const [name, member] of Object.entries(shape.members ?? {})) if (!(top && identifying.includes(name))) visit(member.shape, value[name], false);
      } else if (shape.type === 'list') {
        for (const item of value) visit(shape.member.shape, item, false);
      } else if (shape.type === 'map') {
        for (const item of Object.values(value)) visit(shape.value.shape, item, false);
      } else if (shape.type === 'string' && kindOfArnShape(service, shapeName)) {
        const kind = kindOfArnShape(service, shapeName);
        const named = byArn(value);
        const about = { kind: kind.name, id: value, membership: input.membershipIdentifier };
        if (!named || named.kind !== kind) throw refused(`${kind.label} ${value} not found.`, about);
        const where = named.links.collaboration;
        if (where && links.collaboration && where !== links.collaboration) throw refused(`${kind.label} ${value} is not in collaboration ${links.collaboration.values.id}.`, about);
        if (!where && named.account !== ACCOUNT) throw refused(`${kind.label} ${value} not found.`, about);
        if (['CREATE_FAILED', 'DELETE_PENDING', 'DELETE_IN_PROGRESS'].includes(statusOf(named))) throw refused(`${kind.label} ${value} is ${statusOf(named)}.`, about);
      }
    };
    visit(service.model.operations[operationName].input.shape, input, true);
  };

  /** The schemas every collaboration sees (SCHEMA_KIND), or with `part` their analysis rules, as resources to read. */
  const schemas = (part) => live().filter((r) => r.kind.name === 'ConfiguredTableAssociation').flatMap((association) => {
    const table = association.links.configuredTable;
    const schema = {
      ...association.values, type: 'TABLE', schemaType: 'TABLE', creatorAccountId: association.account, description: association.values.description ?? '',
      columns: table.values.allowedColumns.map((name) => ({ name, type: 'string' })), partitionKeys: [], schemaStatusDetails: [],
    };
    const rules = live().filter((r) => r.kind.name === 'ConfiguredTableAnalysisRule' && r.links.configuredTable === table);
    schema.analysisRuleTypes = rules.map((r) => r.values.analysisRuleType);
    const made = (values) => ({ seq: association.seq, kind: association.kind, links: association.links, account: association.account, phase: { path: [] }, values });
    if (!part) return [made(schema)];
    return rules.map((rule) => made({ ...rule.values, name: association.values.name, type: rule.values.analysisRuleType, policy: rule.values.analysisRulePolicy, collaborationId: schema.collaborationId }));
  });

  /** Whether resource `r` matches the input member `name` = `value`: by its own value, or, for `<x>Identifier`, by the id or ARN of the <x> it is or lives in. */
  const matches = (r, name, value) => {
    if (r.values[name] === value) return true;
    const [, x, by] = /^(\w+)(Identifier|Arn)$/.exec(name) ?? [];
    if (!x) return false;
    if (memberName(r.kind.name) === x) return (by === 'Identifier' && (r.values.id ?? r.values[`${x}Id`]) === value) || r.arn === value;
    return r.links[x] !== undefined && (r.links[x].values.id === value || r.links[x].arn === value);
  };

  /** The operation's answer to a valid input. */
  function perform(service, operationName, input, { region, account }) {
    const planned = SERVICES[service.model.metadata.signingName];
    const plan = planned.plans[operationName];
    const kindName = plan.kind?.name;
    const notFound = (what, kind = plan.kind?.name ?? 'Resource', id = Object.values(input).findLast((v) => typeof v === 'string')) => refuse(service, operationName, ['ResourceNotFoundException', 'AccessDeniedException'], `${what} not found.`, { kind, id, membership: input.membershipIdentifier });
    const links = ['tag', 'untag', 'listTags'].includes(plan.action) ? {} : scope(plan, operationName, input, account);
    checkReferences(service, operationName, input, links);
    // A resource named in the URI must exist, where the operation declares ResourceNotFoundException
    // (elsewhere, in ListCollaborationTrainedModelExportJobs, it only filters).
    for (const [name, member] of uriMembers(service, operationName)) {
      const kind = kindOfArnShape(service, member.shape);
      if (kind && !byArn(input[name]) && declaredErrors(service, operationName).includes('ResourceNotFoundException')) throw notFound(`${kind.label} ${input[name]}`, kind.name, input[name]);
    }
    const ofKind = kindName === SCHEMA_KIND ? schemas(plan.part) : live().filter((r) => r.kind === plan.kind);
    const matching = (names) => (r) => names.every((name) => matches(r, name, input[name]));
    const identity = identifyingMembers(service, operationName).filter((name) => input[name] !== undefined);
    const find = (names = identity) => ofKind.find(matching(names));
    const inMembership = input.membershipIdentifier ? ` in membership ${input.membershipIdentifier}` : '';
    const what = () => [plan.kind.label, ...identity.filter((name) => name !== 'membershipIdentifier').map((name) => input[name])].join(' ') + inMembership;
    const found = () => {
      const resource = find();
      if (!resource) throw notFound(what(), plan.kind.name, identity.map((name) => input[name]).at(-1));
      return resource;
    };

    switch (plan.action) {
      case 'create': {
        // A name is taken within the same parent (the URI's members), or the account.
        const names = [...uriMembers(service, operationName).map(([name]) => name), 'name'];
        if (input.name !== undefined && find(names)) {
          throw refuse(service, operationName, ['ConflictException'], `A ${lowerFirst(plan.kind.label)} named "${input.name}" already exists${inMembership}.`);
        }
        if (kindName === 'Collaboration') return answer(plan, operationName, makeCollaboration(input));
        if (kindName === 'Membership') {
          if (memberIn(links.collaboration, account).status === 'ACTIVE') throw refuse(service, operationName, ['ConflictException'], `The caller is already a member of collaboration ${input.collaborationIdentifier}.`);
          return answer(plan, operationName, join(links.collaboration, input, { account }));
        }
        // A Clean Rooms resource under another it names by identifier (a configured table's analysis rule, a configured table's association) lives in it.
        for (const name of Object.keys(input).filter((n) => n.endsWith('Identifier') && n !== 'collaborationIdentifier')) {
          const x = /^(\w+)Identifier$/.exec(name)?.[1];
          const parent = x && x !== 'membership' && live().find((r) => r.kind.service === service && memberName(r.kind.name) === x && (r.values.id === input[name] || r.arn === input[name]));
          if (x && x !== 'membership' && !parent) throw notFound(`${label(upperFirst(x))} ${input[name]}`, upperFirst(x), input[name]);
          if (parent) links[x] = parent;
        }
        return answer(plan, operationName, make(plan.kind, input, { region, account, links }));
      }
      case 'put': {
        const existing = find();
        // Preconditions: an enum value …_MUST_EXIST / …_MUST_NOT_EXIST, and `previous<X>` equal to the present <x>.
        const unmet = (message) => refuse(service, operationName, ['ConflictException', 'ValidationException'], message);
        for (const [name, value] of Object.entries(input)) {
          if (/_MUST_EXIST$/.test(value) && !existing) throw notFound(what());
          if (/_MUST_NOT_EXIST$/.test(value) && existing) throw unmet(`${what()} already exists.`);
          const previous = /^previous(\w+)$/.exec(name);
          if (previous && value !== (existing && derive(lowerFirst(previous[1]), existing.values, {}))) {
            throw unmet(`The ${lowerFirst(previous[1])} ${value} is not the present one.`);
          }
        }
        if (!existing) return answer(plan, operationName, make(plan.kind, input, { region, account, links }));
        Object.assign(existing.values, input, { updateTime: new Date(now()) });
        return answer(plan, operationName, existing);
      }
      case 'get':
        return answer(plan, operationName, found());
      case 'list': {
        const { input_token: token, limit_key: limit, result_key: items, output_token: next } = service.paginators[operationName];
        const outputShape = service.model.operations[operationName].output.shape;
        const itemShape = service.model.shapes[planned.membersOf(outputShape)[items].shape].member.shape;
        const invalidToken = () => refuse(service, operationName, ['ValidationException'], 'The nextToken is not valid: use the token of the page before.');
        // Every other input member filters by equality: the membership, the collaboration, a status…
        const filters = Object.keys(input).filter((name) => name !== token && name !== limit);
        let listed;
        if (kindName === MEMBER_KIND) {
          listed = links.collaboration.values.members.map((m, i) => ({ seq: i + 1, values: m, links: {} }));
        } else if (plan.part && planned.membersOf(itemShape).versionId) {
          // The versions a Populate… made of one resource.
          listed = (found().versions ?? []).map((v, i) => ({ seq: i + 1, values: v, links: {} }));
        } else {
          // Memberships and collaborations are the caller's: those it is (or was invited to be) a member of.
          const mine = (r) => (kindName === 'Membership' ? r.account === account : kindName === 'Collaboration' ? memberIn(r, account) !== undefined : true);
          listed = ofKind.filter(mine).filter((r) => filters.every((name) => (name === 'status' ? statusOf(r) === input.status : name === 'memberStatus' ? memberIn(r, account)?.status === input.memberStatus : matches(r, name, input[name]))));
        }
        const { shown, nextToken } = page(listed, { maxResults: input[limit], nextToken: input[token] }, invalidToken);
        return { [items]: shown.map((r) => conformOrThrow(service, itemShape, r.kind ? view(r) : r.values, r, operationName)), ...(nextToken ? { [next]: nextToken } : {}) };
      }
      case 'update': {
        const resource = found();
        // A targetStatus (UpdateProtectedQuery's CANCELLED) is a change of status by the lifecycle that ends there.
        const lifecycle = input.targetStatus && Object.keys(LIFECYCLES).find((name) => pathOf(plan.kind, name).at(-1) === input.targetStatus);
        if (lifecycle) {
          if (pathOf(plan.kind, lifecycle).includes(statusOf(resource))) throw refuse(service, operationName, ['ConflictException', 'ValidationException'], `${plan.kind.label} is already ${statusOf(resource)}.`);
          resource.phase = { path: pathOf(plan.kind, lifecycle), since: worldNow() };
          delete input.targetStatus;
        }
        const changes = Object.entries(input).filter(([name]) => !identifyingMembers(service, operationName).includes(name));
        Object.assign(resource.values, Object.fromEntries(changes), { updateTime: new Date(now()) });
        return answer(plan, operationName, resource);
      }
      case 'transition': {
        const resource = found();
        const path = pathOf(plan.kind, plan.lifecycle);
        const status = statusOf(resource);
        if (path.includes(status)) throw refuse(service, operationName, ['ConflictException', 'ValidationException'], `${plan.kind.label} is already ${status}.`);
        if (path.length) resource.phase = { path, since: worldNow() };
        resource.values.updateTime = new Date(now());
        const output = service.model.operations[operationName].output?.shape;
        // What the change starts (a populate job) has ids of its own.
        if (!output || Object.values(planned.membersOf(output)).some((m) => m.shape === plan.kind.shape)) return answer(plan, operationName, resource);
        const started = conform(service, output, { ...fresh(service, output), ...view(resource) });
        // A populate makes a version of the table (ListIntermediateTableVersions).
        if (started.versionId) (resource.versions ??= []).push({ ...started, status: statusOf(resource), createTime: new Date(now()), updateTime: new Date(now()) });
        return started;
      }
      case 'delete': {
        if (kindName === MEMBER_KIND) {
          // DeleteMember: the creator removes a member, whose membership is then REMOVED.
          const member = memberIn(links.collaboration, input.accountId);
          if (!member || member.status === 'REMOVED' || member.status === 'LEFT') throw notFound(`Member ${input.accountId} in collaboration ${input.collaborationIdentifier}`, 'Collaboration', input.collaborationIdentifier);
          if (links.collaboration.account !== account || input.accountId === account) {
            throw refuse(service, operationName, ['ConflictException'], 'Only the collaboration\'s creator removes a member, and not itself.', { kind: 'Collaboration', id: input.collaborationIdentifier });
          }
          member.status = 'REMOVED';
          const removed = live().find((r) => r.kind.name === 'Membership' && r.values.id === member.membershipId);
          if (removed) removed.phase = { path: ['REMOVED'], since: worldNow() };
          return service.model.operations[operationName].output ? {} : undefined;
        }
        const resource = found();
        if (kindName === 'Collaboration' && resource.account !== account) throw refuse(service, operationName, ['AccessDeniedException'], 'Only the collaboration\'s creator deletes it.');
        if (kindName === 'Membership' && links.collaboration.account === account) {
          throw refuse(service, operationName, ['ConflictException'], 'The collaboration\'s creator cannot leave it: DeleteCollaboration ends it.', { kind: 'Membership', id: input.membershipIdentifier });
        }
        if (kindName === 'Membership') memberIn(links.collaboration, account).status = 'LEFT';
        if (kindName === 'Collaboration') {
          for (const m of live().filter((r) => r.kind.name === 'Membership' && r.values.collaborationId === resource.values.id)) m.phase = { path: ['COLLABORATION_DELETED'], since: worldNow() };
        }
        if (statusOf(resource)?.startsWith('DELETE_')) throw refuse(service, operationName, ['ConflictException', 'ResourceNotFoundException'], `${what()} is already ${statusOf(resource)}.`);
        // One that another resource names cannot go ("You can't delete a training dataset if there are any audience models that depend on it").
        // A job that has ended (SUCCESS, CANCELLED, INACTIVE…) names it no more; nor does what it lives in (a membership's collaboration lists its members).
        const user = resource.arn && live().find((r) => r !== resource && r.parent !== resource.arn && !ENDED.includes(statusOf(r))
          && !Object.values(resource.links).includes(r) && mentions(r.values, resource.arn));
        if (user) throw refuse(service, operationName, ['ConflictException', 'ValidationException'], `${what()} is in use by ${lowerFirst(user.kind.label)} ${user.arn ?? user.values.id}.`);
        const shown = answer(plan, operationName, resource);
        const path = pathOf(plan.kind, 'delete');
        for (const gone of live().filter((r) => r === resource || (resource.arn && r.parent === resource.arn))) {
          if (path.length > 1 && gone === resource) gone.phase = { path, since: worldNow() };
          else resources.splice(resources.indexOf(gone), 1);
        }
        return shown;
      }
      case 'preview':
        return conform(service, service.model.operations[operationName].output.shape, fresh(service, service.model.operations[operationName].output.shape));
      case 'batchGet': {
        // Each identifier asked for: the resource, or an error entry naming it.
        const inputMembers = planned.membersOf(service.model.operations[operationName].input.shape);
        const [asked] = Object.entries(inputMembers).filter(([, m]) => service.model.shapes[m.shape].type === 'list').map(([name]) => name);
        const outputMembers = Object.entries(planned.membersOf(service.model.operations[operationName].output.shape));
        const [[itemsName, itemsMember], [errorsName, errorsMember]] = [outputMembers.find(([name]) => name !== 'errors'), outputMembers.find(([name]) => name === 'errors')];
        const itemShape = service.model.shapes[itemsMember.shape].member.shape;
        const errorShape = service.model.shapes[service.model.shapes[errorsMember.shape].member.shape];
        const idMember = (errorShape.required ?? []).find((name) => !['code', 'message'].includes(name));
        const items = [];
        const errors = [];
        for (const id of input[asked]) {
          const key = typeof id === 'string' ? id : id[idMember];
          // An identifier, or a structure of them ({ name, type } of a schema's analysis rule).
          const resource = ofKind.find((r) => r.links.collaboration === links.collaboration
            && (typeof id === 'string' ? [r.arn, r.values.name, r.values.id].includes(id) : Object.entries(id).every(([name, value]) => r.values[name] === value)));
          if (resource) items.push(conformOrThrow(service, itemShape, view(resource), resource, operationName));
          else errors.push({ ...(typeof id === 'string' ? { [idMember]: id } : id), code: 'ResourceNotFound', message: `${plan.kind.label} ${key} not found.` });
        }
        return { [itemsName]: items, [errorsName]: errors };
      }
      case 'tag':
      case 'untag':
      case 'listTags': {
        const resource = byArn(input.resourceArn);
        if (!resource || resource.kind.service !== service) throw notFound(`Resource ${input.resourceArn}`);
        const tags = { ...resource.values.tags };
        if (plan.action === 'tag') Object.assign(tags, input.tags);
        if (plan.action === 'untag') for (const key of input.tagKeys) delete tags[key];
        // The tags a resource has stay within the bounds its kind's input has for them (TagMap: at most 200).
        const problems = service.violations(planned.membersOf(service.model.operations[resource.kind.makes].input.shape).tags.shape, tags);
        if (problems.length) throw refuse(service, operationName, ['ValidationException'], `The resource's tags would not satisfy constraint: ${problems[0].message}`);
        if (plan.action !== 'listTags') resource.values.tags = tags;
        return service.model.operations[operationName].output ? conform(service, service.model.operations[operationName].output.shape, { tags }) : undefined;
      }
      default:
        throw new Error(`${operationName}: no action ${plan.action}`);
    }
  }

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
    let service = services.cleanroomsml;
    try {
      if (req.method === 'OPTIONS') {
        status = 204;
        const requested = (req.headers['access-control-request-headers'] ?? '').toLowerCase().split(',').map((h) => h.trim());
        // A preflight names no service: the trait of the services with an operation at this method and path (the two services' traits are equal).
        const method = req.headers['access-control-request-method'] ?? 'GET';
        const at = Object.values(CORS).filter(({ service }) => service.routeRequest(method, url.pathname));
        res.writeHead(204, requested.includes('x-amz-target') ? IDENTITY_CORS.preflight : (at[0] ?? CORS['cleanrooms-ml']).headers.preflight);
        return res.end();
      }
      // The identity provider's routes: Cognito Identity (awsJson1_1) and STS (awsQuery), unsigned.
      const target = req.headers['x-amz-target'];
      const form = /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '');
      if (req.method === 'POST' && url.pathname === '/' && (target?.startsWith('AWSCognitoIdentityService.') || (form && new URLSearchParams(body).has('Action')))) {
        const answer = target?.startsWith('AWSCognitoIdentityService.') ? identity.cognito(target, req.headers['content-type'], body) : identity.sts(body, requestId);
        operation = answer.operation;
        status = answer.status;
        outcome = answer.code ?? 'OK';
        res.writeHead(answer.status, { ...IDENTITY_CORS.response, ...answer.headers, 'x-amzn-requestid': requestId, date: new Date(now()).toUTCString() });
        return res.end(answer.text);
      }
      // The two services' paths overlap (/memberships/…): the credential scope's service says which one is asked.
      const scoped = parseAuthorization(req.headers.authorization);
      accessKeyId = scoped.accessKeyId;
      if (!SERVICES[scoped.service]) throw new ServiceError(403, 'InvalidSignatureException', `Credential should be scoped to a service of this endpoint (${Object.keys(SERVICES).join(', ')}).`);
      service = SERVICES[scoped.service].service;
      const route = service.routeRequest(req.method, url.pathname);
      if (!route) throw new ServiceError(404, 'UnknownOperationException', `No operation at ${req.method} ${url.pathname}.`);
      const { name, labels } = route;
      operation = name;
      const auth = await verifySignature(req, url, body, scoped, { credentials, identity, now });
      let input;
      try {
        input = service.readInput(name, labels, url.searchParams, body);
      } catch {
        throw refuse(service, name, ['ValidationException'], 'The request body is not a valid JSON object.');
      }
      const problems = service.violations(service.model.operations[name].input.shape, input);
      if (problems.length) {
        throw refuse(service, name, ['ValidationException'], validationMessage(problems));
      }
      // Every caller is the demo account: the static credentials' and those the identity provider issues.
      const output = perform(service, name, input, { region: auth.region, account: ACCOUNT });
      res.writeHead(200, { ...CORS[service.model.metadata.signingName].headers.response, 'content-type': 'application/json', 'x-amzn-requestid': requestId, date: new Date(now()).toUTCString() });
      const text = output === undefined ? '' : JSON.stringify(output);
      res.end(text);
      onAnswer({ service: service.name, operation, status, body: text ? JSON.parse(text) : undefined });
    } catch (err) {
      const known = err instanceof ServiceError ? err : new ServiceError(500, 'InternalServerException', 'The local endpoint failed.');
      if (!(err instanceof ServiceError)) log(`local-endpoint ${operation}: ${err.stack}`);
      status = known.status;
      outcome = known.type;
      res.writeHead(known.status, {
        ...CORS[service.model.metadata.signingName].headers.response,
        'content-type': 'application/json',
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': `${known.type}:http://internal.amazon.com/coral/com.amazonaws.${service.name}/`,
        date: new Date(now()).toUTCString(),
      });
      const answered = { message: known.message, ...known.extra };
      res.end(JSON.stringify(answered));
      if (operation !== '-') onAnswer({ service: service.name, operation, status, type: known.type, body: answered });
    } finally {
      log(`local-endpoint ${operation} ${req.method} ${url.pathname} ${status} ${outcome} key=${accessKeyId} ${Date.now() - started}ms`);
    }
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
    stats: identity.stats,
    setClockOffsetMs: (ms) => { offsetMs = ms; },
    advance: (ms) => { advancedMs += ms; },
  };
}

/** How the endpoint reads each operation of each service ({ action, kind, part }), by model folder, for the tests. */
export const OPERATION_PLANS = Object.fromEntries(Object.values(SERVICES).map(({ service, plans }) => [service.name,
  Object.fromEntries(Object.entries(plans).map(([name, { action, kind, part }]) => [name, { action, kind: kind?.name, part }]))]));

/** The pace the demo runs at: LOCAL_ENDPOINT_PACE_MS, else DEFAULT_PACE_MS. */
export const demoPaceMs = () => Number(process.env.LOCAL_ENDPOINT_PACE_MS ?? DEFAULT_PACE_MS);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.ENDPOINT_PORT ?? 8081);
  startLocalEndpoint({ port, paceMs: demoPaceMs() }).then(({ url }) => console.log(`local Clean Rooms and Clean Rooms ML endpoint: ${url}`));
}
