// The local endpoint's own reading of the service model: it checks an operation's input as
// the service does, straight from model/cleanroomsml/service-2.json — not through the
// library or its generated tables — so that it stays an independent oracle for them.
//
// It checks what the model states: required members, types, lengths (in code points),
// patterns (JavaScript's RegExp with the `u` flag: over code points), ranges, enums, and
// list and map sizes. Members the model does not have are ignored, as services do.
import { readFileSync } from 'node:fs';

/** The model, read once. */
export const model = JSON.parse(readFileSync(new URL('../model/cleanroomsml/service-2.json', import.meta.url), 'utf8'));

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

/**
 * The violations of `value` against the shape `shapeName`, as `[{ path, message }]` in
 * the service's wording ("Member must have length less than or equal to 63").
 */
export function violations(shapeName, value, path = '', out = []) {
  const shape = model.shapes[shapeName];
  const fail = (message) => out.push({ path, message });
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('Member must be an object'), out;
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null) out.push({ path: pathOf(path, name), message: 'Member must not be null' });
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (value[name] !== undefined && value[name] !== null) violations(member.shape, value[name], pathOf(path, name), out);
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail('Member must be a list'), out;
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => violations(shape.member.shape, item, `${path}[${i}]`, out));
      return out;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('Member must be a map'), out;
      const entries = Object.entries(value);
      if (shape.min !== undefined && entries.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      for (const [key, item] of entries) {
        violations(shape.key.shape, key, `${path}.key(${key})`, out);
        violations(shape.value.shape, item, `${path}.value(${key})`, out);
      }
      return out;
    }
    case 'string': {
      if (typeof value !== 'string') return fail('Member must be a string'), out;
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
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('Member must be a number'), out;
      if (shape.type !== 'double' && shape.type !== 'float' && !Number.isInteger(value)) fail('Member must be an integer');
      if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return out;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('Member must be a boolean');
      return out;
    default:
      return fail(`Member has the type ${shape.type}, which this endpoint does not check`), out;
  }
}

/**
 * The URI labels of a request to `operationName` (`{ membershipIdentifier: '…' }`), or
 * null when the method and path are not the operation's.
 */
export function matchOperation(operationName, method, pathname) {
  const { http } = model.operations[operationName];
  if (method !== http.method) return null;
  const names = [];
  const source = http.requestUri.split('?')[0].split(/(\{\w+\+?\})/).map((part) => {
    const label = /^\{(\w+)(\+)?\}$/.exec(part);
    if (!label) return part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
    names.push(label[1]);
    return label[2] ? '(.+)' : '([^/]+)';
  }).join('');
  const match = new RegExp(`^${source}$`).exec(pathname);
  return match && Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
}

/**
 * The operation's input from its URI labels, query and JSON body, as the input's member
 * locations say. Throws a SyntaxError when the body is not JSON.
 */
export function readInput(operationName, labels, query, body) {
  const operation = model.operations[operationName];
  const input = body === '' ? {} : JSON.parse(body);
  for (const [name, member] of Object.entries(model.shapes[operation.input.shape].members ?? {})) {
    if (member.location === 'uri') input[name] = labels[member.locationName ?? name];
    if (member.location === 'querystring' && query.has(member.locationName)) {
      const raw = query.get(member.locationName);
      input[name] = ['integer', 'long', 'double', 'float'].includes(model.shapes[member.shape].type) ? Number(raw) : raw;
    }
  }
  return input;
}
