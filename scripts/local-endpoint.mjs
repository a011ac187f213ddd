// A local Clean Rooms ML endpoint for the demo and the tests, bound to 127.0.0.1.
//
// It answers every operation of model/cleanroomsml/service-2.json from in-memory state, and
// the state is driven by the model, not by a handler per operation:
// - An operation's name gives its action and the kind of resource it acts on. The nouns of
//   the Create…, Start… and Put… operations are the kinds (TrainingDataset, MLInputChannel,
//   MLConfiguration…); a longer noun names a part of one (DeleteTrainedModelOutput,
//   ListTrainedModelVersions). Create… and Start… make a resource, Put… makes or replaces
//   one, Get… reads it, List… pages through them, Update… changes one, Cancel… and the
//   Delete… of a part move its status, Delete… removes it. GetCollaboration… and
//   ListCollaboration… are the same reads, selected by the collaboration. The operations
//   under /tags/ tag any resource the endpoint knows by its ARN.
// - A request names its resource by its URI and query-string members; a List… filters by
//   every member but its paginator's token and limit.
// - A new resource keeps its input and gets what its Create… output declares (an ARN built
//   from the ARN shape's pattern, in its membership where the pattern says so; a version id),
//   its times, its first status, its creator's account and its membership's collaboration.
//   Every answer is that state in the output shape: only the shape's members, timestamps in
//   the shape's format.
// - Errors are those the operation declares, with their error shape's status: a resource not
//   found, or not a member (ResourceNotFoundException where declared, else
//   AccessDeniedException), a name taken or a resource still named by another
//   (ConflictException), an input the model refuses (ValidationException). Only routing and
//   authentication, which come before the operation is known, answer the service's common
//   errors (UnknownOperationException, InvalidSignatureException…).
//
// Inputs are checked with the endpoint's own reading of the model (service-model.mjs, not
// the library's); lists page with `maxResults` and an opaque `nextToken` in creation order.
// Every signature is checked with the AWS SDK for JavaScript's own signer
// (@smithy/signature-v4), not with this project's, so a signing bug cannot hide either. One
// log line per request, without secrets.
//
// CORS is the service's Smithy trait `smithy.api#cors` (model/cleanroomsml/smithy-cors.json):
// a preflight allows the trait's headers and SigV4's, answers carry `access-control-allow-
// origin: *` and expose exactly the trait's headers (not `date`). A request signed more than
// 5 minutes from the endpoint's clock is refused with AWS's own messages.
//
// The same port is the demo's identity provider (scripts/identity-provider.mjs): Cognito
// Identity (`X-Amz-Target: AWSCognitoIdentityService.*`) and STS's AssumeRoleWithWebIdentity
// (a form body with `Action=`). The Clean Rooms ML operations take the credentials these issue
// (signed with their session token) until they expire, and the static DEMO_CREDENTIALS.
import { createServer } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { cors, model, paginators, patternRegExp, readInput, routeRequest, validationMessage, violations, writeTimestamp } from './service-model.mjs';
import { createIdentityProvider } from './identity-provider.mjs';

export {
  DEMO_IDENTITY_POOL, DEMO_AUTHENTICATED_IDENTITY_POOL, DEMO_OIDC_PROVIDER, DEMO_OIDC_TOKEN, DEMO_ROLE_ARN, DEMO_ROLE_MAX_SESSION_SECONDS,
} from './identity-provider.mjs';


/** The demo credentials the page comes prefilled with. They open nothing but this server. */
export const DEMO_CREDENTIALS = { accessKeyId: 'AKIADEMOCLEANROOMSML', secretAccessKey: 'demo/secret/key/for/the/local/endpoint/only' };
/** A membership the endpoint reports as unknown unless told otherwise. */
export const UNKNOWN_MEMBERSHIP = '00000000-0000-4000-8000-000000000000';
const ACCOUNT = '123456789012';
const MAX_SKEW_MS = 5 * 60 * 1000;
/** The headers SigV4 adds, which a browser sends only when a preflight allows them by name (`*` does not cover `authorization`). */
const SIGV4_HEADERS = ['authorization', 'x-amz-date', 'x-amz-security-token'];
/** The methods the model's operations use. */
const METHODS = [...new Set(Object.values(model.operations).map((op) => op.http.method))].sort();

/**
 * The CORS headers, from the service's Smithy trait: `preflight` answers an OPTIONS,
 * `response` goes on every answer. With `strict`, the allowed headers are listed without the
 * trait's `*`, so that a browser proves the client sends only listed ones.
 */
export function corsHeaders({ strict = false } = {}) {
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
 * session token sent, signed, and not expired).
 */
async function verifySignature(req, url, body, { credentials, identity, now }) {
  const auth = parseAuthorization(req.headers.authorization);
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
  if (auth.service !== 'cleanrooms-ml' || !auth.signedHeaders.includes('host')) {
    throw new ServiceError(403, 'InvalidSignatureException', 'Credential should be scoped to the service cleanrooms-ml and sign the host header.');
  }
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
  createTime: new Date(Date.UTC(2026, 10, 1 + i, 9, 30)).toISOString(),
  updateTime: new Date(Date.UTC(2026, 10, 1 + i, 9, 30)).toISOString(),
}));

// ---- What the model cannot say: the whole table of facts not derived from it ----

/** Output members that name the account that made the resource. */
const CREATOR_MEMBERS = ['creatorAccountId', 'startedBy'];
/** A new resource's status: the first of these that its status enum has (all of them have one). */
const INITIAL_STATUSES = ['CREATE_PENDING', 'ACTIVE'];
/** Cancel… and the Delete… of a part (DeleteTrainedModelOutput) move the status to the enum's first value with this prefix. */
const TRANSITION_PREFIXES = { Cancel: 'CANCEL_', Delete: 'DELETE_' };

// ---- The model's resources, read from its operations ----

const membersOf = (shapeName) => (shapeName ? model.shapes[shapeName].members ?? {} : {});
const declaredErrors = (operationName) => (model.operations[operationName].errors ?? []).map((e) => e.shape);
const upperFirst = (s) => s[0].toUpperCase() + s.slice(1);
/** "Trained model" → "trained model"; "ML input channel" stays. */
const lowerFirst = (s) => s.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
/** "MLInputChannel" → "ML input channel", for messages. */
const label = (kind) => upperFirst(kind.match(/[A-Z]{2,}(?![a-z])|[A-Z][a-z0-9]*/g).map((word) => (/^[A-Z]{2,}$/.test(word) ? word : word.toLowerCase())).join(' '));

/** The pattern of membership ids, and of the other ids the service gives (versionIdentifier): the UUID shape. */
const UUID_PATTERN = model.shapes[Object.values(model.shapes).flatMap((s) => Object.entries(s.members ?? {}))
  .find(([name]) => name === 'membershipIdentifier')[1].shape].pattern;

/**
 * The ARN a shape's pattern describes, as `{ service, path }` with `{membership}` where the
 * pattern has a membership id (`membership/{membership}/trained-model`); null for other
 * strings and for patterns that are not one resource type (TaggableArn).
 */
function arnFormat(shapeName) {
  const m = /^arn:aws\[-a-z\]\*:([a-z-]+):\[-a-z0-9\]\+:\[0-9\]\{12\}:(.+)\/\[[^\]]+\]\+$/.exec(model.shapes[shapeName].pattern ?? '');
  if (!m || m[1] !== model.metadata.endpointPrefix) return null;
  const path = m[2].replaceAll(UUID_PATTERN, '{membership}');
  return /[\\[\]()*+?|]/.test(path) ? null : { service: m[1], path };
}

/**
 * Splits an operation's name into its verb and noun (singular for a List). A Collaboration…
 * view is the same action on the same kind: its collaborationIdentifier selects.
 */
function nameParts(operationName) {
  const [, verb, noun] = /^(Create|Start|Put|Get|List|Update|Cancel|Delete|Tag|Untag)(?:Collaboration)?(\w+)$/.exec(operationName);
  return { verb, noun: verb === 'List' ? noun.replace(/s$/, '') : noun };
}

/** The kinds of resource: the nouns of the operations that make one. */
const KINDS = new Map();
for (const operationName of Object.keys(model.operations)) {
  const { verb, noun } = nameParts(operationName);
  if (['Create', 'Start', 'Put'].includes(verb)) KINDS.set(noun, { name: noun, label: label(noun), makes: operationName });
}

/** Each operation's plan: { action, kind, part }. */
const PLANS = {};
for (const [operationName, operation] of Object.entries(model.operations)) {
  const { verb, noun } = nameParts(operationName);
  if (operation.http.requestUri.startsWith('/tags/')) {
    PLANS[operationName] = { action: { Tag: 'tag', Untag: 'untag', List: 'listTags' }[verb] };
    continue;
  }
  const kind = KINDS.get(noun) ?? [...KINDS.values()].filter((k) => noun.startsWith(k.name)).sort((a, b) => b.name.length - a.name.length)[0];
  if (!kind) throw new Error(`${operationName}: no kind of resource in its name`);
  const part = noun.slice(kind.name.length);
  const action = { Create: 'create', Start: 'create', Put: 'put', Get: 'get', List: 'list', Update: 'update', Cancel: 'transition', Delete: part ? 'transition' : 'delete' }[verb];
  PLANS[operationName] = { action, kind, part, prefix: action === 'transition' ? TRANSITION_PREFIXES[verb] : undefined };
}

for (const kind of KINDS.values()) {
  const makes = model.operations[kind.makes];
  // The kind's ARN member, as its Create… output names it (trainingDatasetArn).
  const outputs = Object.entries(membersOf(makes.output?.shape));
  const arn = outputs.find(([, m]) => arnFormat(m.shape));
  if (arn) Object.assign(kind, { arnMember: arn[0], arnShape: arn[1].shape, arn: arnFormat(arn[1].shape) });
  // Its other outputs, but those of its input and those derived (<x>Name, <x>Hash), are ids it is given (CreateTrainedModel's versionIdentifier).
  const given = membersOf(makes.input.shape);
  kind.ids = outputs.filter(([name]) => name !== kind.arnMember && !given[name] && !/\w(Name|Hash)$/.test(name)).map(([name, m]) => {
    if (model.shapes[m.shape].pattern !== UUID_PATTERN) throw new Error(`${kind.makes}: cannot make its ${name}`);
    return name;
  });
  // Its status enum, from any output that shows the kind (its Get…, its List…'s items).
  const shown = Object.entries(PLANS).filter(([, p]) => p.kind === kind && (p.action === 'get' || p.action === 'list')).map(([name, p]) => {
    const output = model.operations[name].output.shape;
    return p.action === 'get' ? output : model.shapes[membersOf(output)[paginators[name].result_key].shape].member.shape;
  });
  const status = shown.map((shape) => membersOf(shape).status?.shape).find((shape) => shape && model.shapes[shape].enum);
  if (status) {
    kind.statuses = model.shapes[status].enum;
    kind.initialStatus = INITIAL_STATUSES.find((s) => kind.statuses.includes(s));
    if (!kind.initialStatus) throw new Error(`${kind.name}: none of ${INITIAL_STATUSES} in its status enum`);
  }
}
for (const [name, plan] of Object.entries(PLANS)) {
  if (plan.prefix && !plan.kind.statuses?.some((s) => s.startsWith(plan.prefix))) throw new Error(`${name}: no ${plan.prefix}… status to move to`);
}

/** The kinds by their ARN shape, for the members that name a resource. */
const KIND_OF_ARN = new Map([...KINDS.values()].filter((k) => k.arnShape).map((k) => [k.arnShape, k]));
const uriMembers = (operationName) => Object.entries(membersOf(model.operations[operationName].input.shape)).filter(([, m]) => m.location === 'uri');
/** The members that say which resource a request is about: the URI and query-string ones. */
const identifyingMembers = (operationName) => Object.entries(membersOf(model.operations[operationName].input.shape))
  .filter(([, m]) => m.location === 'uri' || m.location === 'querystring').map(([name]) => name);
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
 * Starts the endpoint. Options: port (0 picks one), credentials, unknownMemberships, log,
 * onAnswer (called with { operation, status, type, body } for each answer to a routed request),
 * strictCors (the preflight allows the trait's headers without its `*`), clockOffsetMs (the
 * endpoint's clock is Date.now() + clockOffsetMs), credentialLifetimeSeconds (of the
 * credentials Cognito and STS issue; 3600).
 * Resolves to { url, close, stats, setClockOffsetMs }: stats() counts the identity routes'
 * answers ({ getId, getCredentialsForIdentity, assumeRoleWithWebIdentity }); setClockOffsetMs
 * moves the endpoint's clock.
 */
export async function startLocalEndpoint({
  port = 8081, credentials = DEMO_CREDENTIALS, unknownMemberships = [UNKNOWN_MEMBERSHIP], log = console.log, onAnswer = () => {},
  strictCors = false, clockOffsetMs = 0, credentialLifetimeSeconds = 3600,
} = {}) {
  let offsetMs = clockOffsetMs;
  const now = () => Date.now() + offsetMs;
  const identity = createIdentityProvider({ now, lifetimeSeconds: credentialLifetimeSeconds });
  const CORS = corsHeaders({ strict: strictCors });
  let seq = 0;
  /** Every resource, in creation order: { seq, kind, arn, parent, values }. */
  const resources = [];
  const byArn = (arn) => resources.find((r) => r.arn !== undefined && r.arn === arn);

  /** An error of the first of `types` that the operation declares. */
  const refuse = (operationName, types, message) => {
    const type = types.find((t) => declaredErrors(operationName).includes(t));
    if (!type) throw new Error(`${operationName} declares none of ${types.join(', ')}`);
    return new ServiceError(model.shapes[type].error.httpStatusCode, type, message);
  };

  /**
   * `value` in the shape `shapeName`: only the shape's members; a missing `<x>Name` or
   * `<x>Hash` derived from the sibling `…<X>Arn` (that resource's name) or `…<X>` (its
   * SHA-256); timestamps in the shape's format. Undefined when a required member cannot be
   * given, so that an optional member that cannot be shown is left out.
   */
  const conform = (shapeName, value) => {
    const shape = model.shapes[shapeName];
    switch (shape.type) {
      case 'structure': {
        if (typeof value !== 'object' || value === null) return undefined;
        const out = {};
        for (const [name, member] of Object.entries(shape.members ?? {})) {
          const given = value[name] ?? derive(name, value);
          const shown = given === undefined ? undefined : conform(member.shape, given);
          if (shown !== undefined) out[name] = shown;
        }
        return (shape.required ?? []).every((name) => out[name] !== undefined) ? out : undefined;
      }
      case 'list': {
        const items = Array.isArray(value) ? value.map((item) => conform(shape.member.shape, item)) : [undefined];
        return items.includes(undefined) ? undefined : items;
      }
      case 'map': {
        const entries = typeof value === 'object' && value !== null ? Object.entries(value).map(([k, v]) => [k, conform(shape.value.shape, v)]) : [[0, undefined]];
        return entries.some(([, v]) => v === undefined) ? undefined : Object.fromEntries(entries);
      }
      case 'timestamp':
        return writeTimestamp(shapeName, value);
      default:
        return value;
    }
  };
  const derive = (name, siblings) => {
    const m = /^(\w+)(Name|Hash)$/.exec(name);
    if (!m) return undefined;
    const key = Object.keys(siblings).find((k) => k.endsWith(m[2] === 'Name' ? `${upperFirst(m[1])}Arn` : upperFirst(m[1])));
    if (key === undefined) return undefined;
    return m[2] === 'Name' ? byArn(siblings[key])?.values.name : sha256(siblings[key]);
  };
  /** The answer of `operationName` for a resource's values: its output shape, or no body. */
  const answer = (operationName, values) => {
    const output = model.operations[operationName].output?.shape;
    if (!output) return undefined;
    const shown = conform(output, values);
    if (!shown) throw new Error(`${operationName}: the state cannot be shown in ${output}`);
    return shown;
  };

  /** Makes a resource from the input of the operation that makes its kind. */
  const make = (operationName, input, { region, account, at = new Date(now()), arn }) => {
    const { kind } = PLANS[operationName];
    const values = { ...input };
    if (kind.arn) {
      values[kind.arnMember] = arn ?? `arn:aws:${kind.arn.service}:${region}:${account}:${kind.arn.path.replace('{membership}', input.membershipIdentifier)}/${randomUUID()}`;
      if (!patternRegExp(model.shapes[kind.arnShape].pattern).test(values[kind.arnMember])) throw new Error(`${kind.name}: ${values[kind.arnMember]} is not in the ARN's pattern`);
    }
    for (const name of kind.ids) values[name] = randomUUID();
    if (input.membershipIdentifier) values.collaborationIdentifier = COLLABORATION;
    for (const name of CREATOR_MEMBERS) values[name] = account;
    if (kind.initialStatus) values.status = kind.initialStatus;
    values.createTime = values.updateTime = at;
    // A resource without an ARN of its own (a policy, an export job) lives under the one it names, and goes with it.
    const parent = kind.arn ? undefined : Object.values(input).find((value) => byArn(value));
    const resource = { seq: ++seq, kind, arn: values[kind.arnMember], parent, values };
    resources.push(resource);
    return resource;
  };

  for (const { createTime, updateTime, ...algorithm } of SEEDED_ALGORITHMS) {
    const { configuredModelAlgorithmArn: arn, ...input } = algorithm;
    make('CreateConfiguredModelAlgorithm', input, { account: ACCOUNT, at: new Date(createTime), arn });
  }
  make('CreateConfiguredModelAlgorithmAssociation', {
    membershipIdentifier: PARTNER_MEMBERSHIP,
    configuredModelAlgorithmArn: SEEDED_ALGORITHMS[1].configuredModelAlgorithmArn,
    name: 'partner-lookalike',
    description: 'The partner\'s association',
  }, { region: REGION, account: PARTNER_ACCOUNT });

  /** The operation's answer to a valid input. */
  function perform(operationName, input, { region }) {
    const plan = PLANS[operationName];
    const notFound = (what) => refuse(operationName, ['ResourceNotFoundException'], `${what} not found.`);
    // Not a member: ResourceNotFoundException where the operation declares it, else AccessDeniedException.
    const notMember = (what) => {
      const error = refuse(operationName, ['ResourceNotFoundException', 'AccessDeniedException'], `${what} not found.`);
      if (error.type === 'AccessDeniedException') error.message = `The caller is not a member of ${lowerFirst(what)}.`;
      return error;
    };
    if (unknownMemberships.includes(input.membershipIdentifier)) throw notMember(`Membership ${input.membershipIdentifier}`);
    if (input.collaborationIdentifier !== undefined && input.collaborationIdentifier !== COLLABORATION) throw notMember(`Collaboration ${input.collaborationIdentifier}`);
    // A resource named in the URI must exist, where the operation declares ResourceNotFoundException
    // (elsewhere, in ListCollaborationTrainedModelExportJobs, it only filters).
    for (const [name, member] of uriMembers(operationName)) {
      if (KIND_OF_ARN.has(member.shape) && !byArn(input[name]) && declaredErrors(operationName).includes('ResourceNotFoundException')) {
        throw notFound(`${KIND_OF_ARN.get(member.shape).label} ${input[name]}`);
      }
    }
    const ofKind = resources.filter((r) => r.kind === plan.kind);
    const matching = (names) => (r) => names.every((name) => r.values[name] === input[name]);
    const identity = identifyingMembers(operationName).filter((name) => input[name] !== undefined);
    const find = (names = identity) => ofKind.find(matching(names));
    const inMembership = input.membershipIdentifier ? ` in membership ${input.membershipIdentifier}` : '';
    const what = () => [plan.kind.label, ...identity.filter((name) => name !== 'membershipIdentifier').map((name) => input[name])].join(' ') + inMembership;
    const found = () => {
      const resource = find();
      if (!resource) throw notFound(what());
      return resource;
    };

    switch (plan.action) {
      case 'create': {
        // A name is taken within the same parent (the URI's members), or the account.
        const scope = [...uriMembers(operationName).map(([name]) => name), 'name'];
        if (input.name !== undefined && find(scope)) {
          throw refuse(operationName, ['ConflictException'], `A ${lowerFirst(plan.kind.label)} named "${input.name}" already exists${inMembership}.`);
        }
        return answer(operationName, make(operationName, input, { region, account: ACCOUNT }).values);
      }
      case 'put': {
        const existing = find();
        // Preconditions: an enum value …_MUST_EXIST / …_MUST_NOT_EXIST, and `previous<X>` equal to the present <x>.
        const unmet = (message) => refuse(operationName, ['ConflictException', 'ValidationException'], message);
        for (const [name, value] of Object.entries(input)) {
          if (/_MUST_EXIST$/.test(value) && !existing) throw notFound(what());
          if (/_MUST_NOT_EXIST$/.test(value) && existing) throw unmet(`${what()} already exists.`);
          const previous = /^previous(\w+)$/.exec(name);
          if (previous && value !== (existing && derive(lowerFirst(previous[1]), existing.values))) {
            throw unmet(`The ${lowerFirst(previous[1])} ${value} is not the present one.`);
          }
        }
        if (!existing) return answer(operationName, make(operationName, input, { region, account: ACCOUNT }).values);
        Object.assign(existing.values, input, { updateTime: new Date(now()) });
        return answer(operationName, existing.values);
      }
      case 'get':
        return answer(operationName, found().values);
      case 'list': {
        const { input_token: token, limit_key: limit, result_key: items, output_token: next } = paginators[operationName];
        // Every other input member filters by equality: the membership, the collaboration, a status…
        const filters = Object.keys(input).filter((name) => name !== token && name !== limit);
        const itemShape = model.shapes[membersOf(model.operations[operationName].output.shape)[items].shape].member.shape;
        const invalidToken = () => refuse(operationName, ['ValidationException'], 'The nextToken is not valid: use the token of the page before.');
        const { shown, nextToken } = page(ofKind.filter(matching(filters)), { maxResults: input[limit], nextToken: input[token] }, invalidToken);
        return { [items]: shown.map((r) => conform(itemShape, r.values)), ...(nextToken ? { [next]: nextToken } : {}) };
      }
      case 'update': {
        const resource = found();
        const changes = Object.entries(input).filter(([name]) => !identifyingMembers(operationName).includes(name));
        Object.assign(resource.values, Object.fromEntries(changes), { updateTime: new Date(now()) });
        return answer(operationName, resource.values);
      }
      case 'transition': {
        const resource = found();
        const next = plan.kind.statuses?.find((s) => s.startsWith(plan.prefix));
        if (resource.values.status?.startsWith(plan.prefix)) {
          throw refuse(operationName, ['ConflictException'], `${plan.kind.label} is already ${resource.values.status}.`);
        }
        Object.assign(resource.values, { status: next, updateTime: new Date(now()) });
        return answer(operationName, resource.values);
      }
      case 'delete': {
        const resource = found();
        // One that another resource names cannot go ("You can't delete a training dataset if there are any audience models that depend on it").
        const user = resource.arn && resources.find((r) => r !== resource && r.parent !== resource.arn && mentions(r.values, resource.arn));
        if (user) throw refuse(operationName, ['ConflictException'], `${what()} is in use by ${lowerFirst(user.kind.label)} ${user.arn}.`);
        for (const gone of resources.filter((r) => r === resource || (resource.arn && r.parent === resource.arn))) resources.splice(resources.indexOf(gone), 1);
        return answer(operationName, resource.values);
      }
      case 'tag':
      case 'untag':
      case 'listTags': {
        const resource = byArn(input.resourceArn);
        if (!resource) throw notFound(`Resource ${input.resourceArn}`);
        const tags = { ...resource.values.tags };
        if (plan.action === 'tag') Object.assign(tags, input.tags);
        if (plan.action === 'untag') for (const key of input.tagKeys) delete tags[key];
        // The tags a resource has stay within the bounds its kind's input has for them (TagMap: at most 200).
        const problems = violations(membersOf(model.operations[resource.kind.makes].input.shape).tags.shape, tags);
        if (problems.length) throw refuse(operationName, ['ValidationException'], `The resource's tags would not satisfy constraint: ${problems[0].message}`);
        if (plan.action !== 'listTags') resource.values.tags = tags;
        return answer(operationName, { tags });
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
    try {
      if (req.method === 'OPTIONS') {
        status = 204;
        const requested = (req.headers['access-control-request-headers'] ?? '').toLowerCase().split(',').map((h) => h.trim());
        res.writeHead(204, requested.includes('x-amz-target') ? IDENTITY_CORS.preflight : CORS.preflight);
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
      const route = routeRequest(req.method, url.pathname);
      if (!route) throw new ServiceError(404, 'UnknownOperationException', `No operation at ${req.method} ${url.pathname}.`);
      const { name, labels } = route;
      operation = name;
      accessKeyId = parseAuthorization(req.headers.authorization).accessKeyId;
      const auth = await verifySignature(req, url, body, { credentials, identity, now });
      let input;
      try {
        input = readInput(name, labels, url.searchParams, body);
      } catch {
        throw refuse(name, ['ValidationException'], 'The request body is not a valid JSON object.');
      }
      const problems = violations(model.operations[name].input.shape, input);
      if (problems.length) {
        throw refuse(name, ['ValidationException'], validationMessage(problems));
      }
      const output = perform(name, input, auth);
      res.writeHead(200, { ...CORS.response, 'content-type': 'application/json', 'x-amzn-requestid': requestId, date: new Date(now()).toUTCString() });
      const text = output === undefined ? '' : JSON.stringify(output);
      res.end(text);
      onAnswer({ operation, status, body: text ? JSON.parse(text) : undefined });
    } catch (err) {
      const known = err instanceof ServiceError ? err : new ServiceError(500, 'InternalServerException', 'The local endpoint failed.');
      if (!(err instanceof ServiceError)) log(`local-endpoint ${operation}: ${err.stack}`);
      status = known.status;
      outcome = known.type;
      res.writeHead(known.status, {
        ...CORS.response,
        'content-type': 'application/json',
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': `${known.type}:http://internal.amazon.com/coral/com.amazonaws.cleanroomsml/`,
        date: new Date(now()).toUTCString(),
      });
      const answered = { message: known.message, ...known.extra };
      res.end(JSON.stringify(answered));
      if (operation !== '-') onAnswer({ operation, status, type: known.type, body: answered });
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
  };
}

/** How the endpoint reads each operation ({ action, kind, part }), for the tests. */
export const OPERATION_PLANS = Object.fromEntries(Object.entries(PLANS).map(([name, { action, kind, part }]) => [name, { action, kind: kind?.name, part }]));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.ENDPOINT_PORT ?? 8081);
  startLocalEndpoint({ port }).then(({ url }) => console.log(`local Clean Rooms ML endpoint: ${url}`));
}
