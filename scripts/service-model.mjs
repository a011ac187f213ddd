// The local endpoint's own reading of a service model: it checks an operation's input as
// the service does, straight from a service folder's service-2.json (model/cleanroomsml/,
// model/cleanrooms/) — not through the library or its generated tables — so that it stays
// an independent oracle for them. `readService(folder)` reads one folder; `services` has
// every service folder of model/; the plain exports are Clean Rooms ML's, which the tests
// of that service read.
//
// It checks what the model states: required members, types, lengths (in code points),
// patterns (JavaScript's RegExp with the `u` flag: over code points), ranges, enums, list
// and map sizes, unions (exactly one member) and timestamps (in their shape's format).
// Members the model does not have are ignored in an input, as services do; in an answer
// (`outputViolations`, which the tests run on every answer) they are a violation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const readJson = (folder, file) => JSON.parse(readFileSync(new URL(`../model/${folder}/${file}`, import.meta.url), 'utf8'));

const patterns = new Map();

/**
 * The model's pattern as a whole-string RegExp. In `u` mode only syntax characters may be
 * escaped, so the model's needless escapes (`\_`, `\#`, `\ `…) are written as the
 * characters they stand for, which changes nothing they match.
 */
export function patternRegExp(pattern) {
  if (!patterns.has(pattern)) {
    const unicode = pattern.replace(/\\([^A-Za-z0-9^$\\.*+?()[\]{}|/-])/g, '$1');
    patterns.set(pattern, new RegExp(`^(?:${unicode})$`, 'u'));
  }
  return patterns.get(pattern);
}

const codePoints = (s) => [...s].length;
const pathOf = (path, member) => (path ? `${path}.${member}` : member);
/** RFC 3339 date-time, as restJson1 writes an `iso8601` timestamp. */
const ISO8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The violations of an input against another botocore model's shapes (`model/identity/`:
 * Cognito Identity, STS). Each violation also has the `value` and the `shape` it is about.
 */
export function shapeViolations(shapes, shapeName, value) {
  return check(shapeName, value, '', [], false, shapes);
}

/**
 * The services' message for the violations `problems`: "2 validation errors detected: Value
 * at 'name' failed to satisfy constraint: …; …". `valueText(problem)` is what stands after
 * "Value" (Coral's ` 'x'` or ` null`; nothing by default), `pathOf(path)` how a path is written.
 */
export function validationMessage(problems, { valueText = () => '', pathOf = (path) => path } = {}) {
  const list = problems.map((p) => `Value${valueText(p)} at '${pathOf(p.path)}' failed to satisfy constraint: ${p.message}`);
  return `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: ${list.join('; ')}`;
}

function check(shapeName, value, path, out, answer, shapes) {
  const shape = shapes[shapeName];
  const fail = (message) => (out.push({ path, message, value, shape: shapeName }), out);
  switch (shape.type) {
    case 'structure': {
      if (!isObject(value)) return fail('Member must be an object');
      const members = shape.members ?? {};
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null) out.push({ path: pathOf(path, name), message: 'Member must not be null', value: null });
      }
      const present = Object.keys(value).filter((name) => value[name] !== undefined && value[name] !== null);
      if (shape.union && present.filter((name) => members[name]).length !== 1) fail('Member must have exactly one member set');
      for (const name of present) {
        if (members[name]) check(members[name].shape, value[name], pathOf(path, name), out, answer, shapes);
        else if (answer) out.push({ path: pathOf(path, name), message: 'Member is not in the shape' });
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail('Member must be a list');
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => check(shape.member.shape, item, `${path}[${i}]`, out, answer, shapes));
      return out;
    }
    case 'map': {
      if (!isObject(value)) return fail('Member must be a map');
      const entries = Object.entries(value);
      if (shape.min !== undefined && entries.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      for (const [key, item] of entries) {
        check(shape.key.shape, key, `${path}.key(${key})`, out, answer, shapes);
        check(shape.value.shape, item, `${path}.value(${key})`, out, answer, shapes);
      }
      return out;
    }
    case 'string': {
      if (typeof value !== 'string') return fail('Member must be a string');
      if (shape.enum) {
        if (!shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
        return out;
      }
      const n = codePoints(value);
      if (shape.min !== undefined && n < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && n > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !patternRegExp(shape.pattern).test(value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      return out;
    }
    case 'double':
    case 'float':
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('Member must be a number');
      if (shape.type !== 'double' && shape.type !== 'float' && !Number.isInteger(value)) fail('Member must be an integer');
      if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return out;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('Member must be a boolean');
      return out;
    case 'timestamp': {
      const format = shape.timestampFormat ?? 'epoch-seconds';
      const valid = format === 'iso8601' ? typeof value === 'string' && ISO8601.test(value) && !Number.isNaN(Date.parse(value))
        : format === 'epoch-seconds' ? typeof value === 'number' && Number.isFinite(value)
          : typeof value === 'string' && !Number.isNaN(Date.parse(value));
      if (!valid) fail(`Member must be a timestamp in the ${format} format`);
      return out;
    }
    case 'document':
      // Any JSON value (the SDK's __DocumentType).
      return out;
    default:
      return fail(`Member has the type ${shape.type}, which this endpoint does not check`);
  }
}

/** A time (a Date, or a timestamp as a wire carries it) in the wire format of the timestamp shape `shapeName`. */
function writeTimestamp(model, shapeName, time) {
  const date = time instanceof Date ? time : new Date(typeof time === 'number' ? time * 1000 : time);
  switch (model.shapes[shapeName].timestampFormat ?? 'epoch-seconds') {
    case 'iso8601': return date.toISOString();
    case 'rfc822': return date.toUTCString();
    default: return date.getTime() / 1000;
  }
}

/** Each operation's method, and its URI as a RegExp with the names of its labels. */
const routesOf = (model) => Object.entries(model.operations).map(([name, { http }]) => {
  const labels = [];
  const source = http.requestUri.split('?')[0].split(/(\{\w+\+?\})/).map((part) => {
    const label = /^\{(\w+)(\+)?\}$/.exec(part);
    if (!label) return part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
    labels.push(label[1]);
    return label[2] ? '(.+)' : '([^/]+)';
  }).join('');
  return { name, method: http.method, uri: new RegExp(`^${source}$`), labels };
});

/**
 * The operation a request is for, and its URI labels (`{ membershipIdentifier: '…' }`),
 * as `{ name, labels }`; null when no operation has this method and path.
 */
function routeRequest(routes, method, pathname) {
  for (const route of routes) {
    const match = route.method === method && route.uri.exec(pathname);
    if (match) return { name: route.name, labels: Object.fromEntries(route.labels.map((label, i) => [label, decodeURIComponent(match[i + 1])])) };
  }
  return null;
}

const operationRequires = (model, operation, member) => (model.shapes[operation.input.shape].required ?? []).includes(member);

/**
 * The operation's input from its URI labels, query and JSON body, as the input's member
 * locations say (a query-string list from the name's every occurrence). Throws a
 * SyntaxError when the body is not a JSON object.
 */
function readInput(model, operationName, labels, query, body) {
  const operation = model.operations[operationName];
  const input = body === '' ? {} : JSON.parse(body);
  if (!isObject(input)) throw new SyntaxError('The body is not a JSON object.');
  for (const [name, member] of Object.entries(model.shapes[operation.input.shape].members ?? {})) {
    if (member.location === 'uri') input[name] = labels[member.locationName ?? name];
    const shape = model.shapes[member.shape];
    if (member.location === 'querystring' && shape.type === 'list') {
      // An empty list is no name at all on the wire (botocore and the library send nothing for it).
      if (query.has(member.locationName) || operationRequires(model, operation, name)) input[name] = query.getAll(member.locationName);
    } else if (member.location === 'querystring' && query.has(member.locationName)) {
      const raw = query.get(member.locationName);
      input[name] = ['integer', 'long', 'double', 'float'].includes(shape.type) ? Number(raw) : raw;
    }
  }
  return input;
}

/**
 * The service of a model folder (`cleanroomsml`, `cleanrooms`): `name` (the folder), `model`
 * (service-2.json), its checks (`violations`, `outputViolations`), `writeTimestamp`,
 * `routeRequest`, `readInput`, `cors` (the service's Smithy trait `smithy.api#cors`,
 * smithy-cors.json, copied from the Smithy model because botocore's format drops it:
 * `additionalAllowedHeaders`, `additionalExposedHeaders`, `maxAge`) and `paginators`
 * (paginators-1.json: each List operation's token, limit and result members).
 */
export function readService(folder) {
  const model = readJson(folder, 'service-2.json');
  const routes = routesOf(model);
  return {
    name: folder,
    model,
    /**
     * The violations of an input `value` against the shape `shapeName`, as `[{ path, message }]`
     * in the service's wording ("Member must have length less than or equal to 63"). Members
     * the shape does not have are ignored, as the service ignores them.
     */
    violations: (shapeName, value) => check(shapeName, value, '', [], false, model.shapes),
    /**
     * The violations of an answer `value` against the output (or error) shape `shapeName`:
     * everything `violations` checks, and also that the answer has only the shape's members
     * and that timestamps are in the shape's wire format.
     */
    outputViolations: (shapeName, value) => check(shapeName, value, '', [], true, model.shapes),
    /** A time (a Date, or a timestamp as a wire carries it) in the wire format of the timestamp shape `shapeName`. */
    writeTimestamp: (shapeName, time) => writeTimestamp(model, shapeName, time),
    /**
     * The operation a request is for, and its URI labels (`{ membershipIdentifier: '…' }`),
     * as `{ name, labels }`; null when no operation has this method and path.
     */
    routeRequest: (method, pathname) => routeRequest(routes, method, pathname),
    /**
     * The operation's input from its URI labels, query and JSON body, as the input's member
     * locations say. Throws a SyntaxError when the body is not a JSON object.
     */
    readInput: (operationName, labels, query, body) => readInput(model, operationName, labels, query, body),
    cors: readJson(folder, 'smithy-cors.json')['smithy.api#cors'],
    paginators: readJson(folder, 'paginators-1.json').pagination,
  };
}

/**
 * The services the local endpoint serves, by their model folder: every folder of model/ with a
 * service-2.json (the folders codegen's list of services names), so a new service needs no
 * second list here.
 */
const MODELS = new URL('../model/', import.meta.url);
export const services = Object.fromEntries(readdirSync(MODELS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/service-2.json`, MODELS)))
  .map((entry) => [entry.name, readService(entry.name)]));

/** Clean Rooms ML's, which most tests read. */
export const { model, violations, outputViolations, cors } = services.cleanroomsml;
