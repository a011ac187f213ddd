// Seeded generators of test data (xorshift32: the same seed gives the same data).
// - `validInput`, `operationInput`, `OPERATIONS`: hand-written inputs of the first eight
//   operations (CreateConfiguredModelAlgorithmAssociation: unicode names and descriptions,
//   every optional member on and off, 0–50 tags).
// - `MODEL_OPERATIONS`, `modelInput`, `modelOutput`, `shapeValue`, `patternGenerator`:
//   inputs and answer bodies of every operation, from the model alone (below): Clean Rooms
//   ML's by default, another service's with the option `model` (`services.cleanrooms.model`
//   of scripts/service-model.mjs).

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function rng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    // xorshift32
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (items) => items[int(0, items.length - 1)];
  const chance = () => next() < 0.5;
  const text = (pool, n) => Array.from({ length: n }, () => pick(pool)).join('');
  return { next, int, pick, chance, text };
}

// Names and descriptions hold no character above U+FFFF (the model's class, read over code points).
const TEXT = ['a', 'Z', '7', ' ', '\t', 'é', 'ß', '中', '文', '\u{FFFD}', '-', '"', '\\', '/', '\u{E000}', 'ф'];
const TAG = ['a', 'Z', '7', ' ', 'é', '中', '_', '.', ':', '/', '=', '+', '-', '@'];
const HEX = [...'0123456789abcdef'];
const DIGITS = [...'0123456789'];
const ID = [...'aZ0_#=@/;,- ^$?[]{}|\\*+.()'];

function logs(r) {
  return Array.from({ length: r.int(1, 5) }, (_, i) => {
    const accounts = [...new Set(Array.from({ length: r.int(1, 5) }, () => r.text(DIGITS, 12)))];
    accounts[0] = String(i) + accounts[0].slice(1);
    const policy = { allowedAccountIds: accounts };
    if (r.chance()) policy.filterPattern = r.pick(['', 'ERROR', '^WARN.*$', '(a|b)+', '[0-9]{3,4}']);
    if (r.chance()) policy.logType = r.pick(['ALL', 'ERROR_SUMMARY']);
    if (r.chance()) {
      const entities = ['ALL_PERSONALLY_IDENTIFIABLE_INFORMATION', 'NUMBERS', 'CUSTOM'].filter(() => r.chance());
      if (entities.length === 0) entities.push('NUMBERS');
      policy.logRedactionConfiguration = { entitiesToRedact: entities };
      if (entities.includes('CUSTOM')) {
        const ids = [...new Set(Array.from({ length: r.int(1, 10) }, () => r.text(ID, r.int(1, 40))))];
        policy.logRedactionConfiguration.customEntityConfig = { customDataIdentifiers: ids };
      }
    }
    return policy;
  });
}

const size = (r, max) => ({ unit: 'GB', value: Math.round((0.01 + r.next() * (max - 0.01)) * 1000) / 1000 });

export function validInput(r) {
  const input = {
    membershipIdentifier: [8, 4, 4, 4, 12].map((n) => r.text(HEX, n)).join('-'),
    configuredModelAlgorithmArn: `arn:aws:cleanrooms-ml:us-east-1:${r.text(DIGITS, 12)}:configured-model-algorithm/${r.text([...'aZ0-_/.'], r.int(1, 40))}`,
    name: 'n' + r.text(TEXT, r.int(0, 62)),
  };
  if (r.chance()) input.description = r.text([...TEXT, '\r', '\n'], r.int(0, 255));
  if (r.chance()) {
    const policies = {};
    if (r.chance()) {
      policies.trainedModels = {};
      if (r.chance()) policies.trainedModels.containerLogs = logs(r);
      if (r.chance()) policies.trainedModels.containerMetrics = { noiseLevel: r.pick(['HIGH', 'MEDIUM', 'LOW', 'NONE']) };
      if (r.chance()) policies.trainedModels.maxArtifactSize = size(r, 10);
    }
    if (r.chance()) {
      const files = ['MODEL', 'OUTPUT'].filter(() => r.chance());
      policies.trainedModelExports = { maxSize: size(r, 10), filesToExport: files.length ? files : ['MODEL'] };
    }
    if (r.chance()) {
      policies.trainedModelInferenceJobs = {};
      if (r.chance()) policies.trainedModelInferenceJobs.containerLogs = logs(r);
      if (r.chance()) policies.trainedModelInferenceJobs.maxOutputSize = size(r, 50);
    }
    input.privacyConfiguration = { policies };
  }
  if (r.chance()) {
    input.tags = {};
    const n = r.int(0, 50);
    while (Object.keys(input.tags).length < n) input.tags['k' + r.text(TAG, r.int(0, 60))] = r.text(TAG, r.int(0, 256));
  }
  return input;
}

const uuid = (r) => [8, 4, 4, 4, 12].map((n) => r.text(HEX, n)).join('-');
const RESOURCE_ID = [...'aZ0-_/.'];
// Page tokens are opaque: any characters, reserved ones and unicode included.
const TOKEN = ['a', 'Z', '7', ' ', '+', '/', '=', '&', '?', '#', '%', 'é', '中', '😀', '~', '.'];

/** A valid input of any selected operation but the create (`validInput` is that one's). */
export function operationInput(r, operation) {
  const membership = uuid(r);
  const collaboration = uuid(r);
  const association = `arn:aws:cleanrooms-ml:${r.pick(['us-east-1', 'eu-west-2'])}:${r.text(DIGITS, 12)}:membership/${membership}/configured-model-algorithm-association/${r.text(RESOURCE_ID, r.int(1, 40))}`;
  const algorithm = `arn:aws:cleanrooms-ml:us-east-1:${r.text(DIGITS, 12)}:configured-model-algorithm/${r.text(RESOURCE_ID, r.int(1, 40))}`;
  const page = () => ({
    ...(r.chance() ? { maxResults: r.int(1, 100) } : {}),
    ...(r.chance() ? { nextToken: r.text(TOKEN, r.int(1, 60)) } : {}),
  });
  switch (operation) {
    case 'CreateConfiguredModelAlgorithmAssociation': return validInput(r);
    case 'GetConfiguredModelAlgorithmAssociation':
    case 'DeleteConfiguredModelAlgorithmAssociation':
      return { membershipIdentifier: membership, configuredModelAlgorithmAssociationArn: association };
    case 'ListConfiguredModelAlgorithmAssociations': return { membershipIdentifier: membership, ...page() };
    case 'ListConfiguredModelAlgorithms': return page();
    case 'GetConfiguredModelAlgorithm': return { configuredModelAlgorithmArn: algorithm };
    case 'GetCollaborationConfiguredModelAlgorithmAssociation':
      return { collaborationIdentifier: collaboration, configuredModelAlgorithmAssociationArn: association };
    case 'ListCollaborationConfiguredModelAlgorithmAssociations': return { collaborationIdentifier: collaboration, ...page() };
    default: throw new Error(`no generator for ${operation}`);
  }
}

export const OPERATIONS = [
  'CreateConfiguredModelAlgorithmAssociation',
  'GetConfiguredModelAlgorithmAssociation',
  'ListConfiguredModelAlgorithmAssociations',
  'DeleteConfiguredModelAlgorithmAssociation',
  'ListConfiguredModelAlgorithms',
  'GetConfiguredModelAlgorithm',
  'GetCollaborationConfiguredModelAlgorithmAssociation',
  'ListCollaborationConfiguredModelAlgorithmAssociations',
];

// ---------------------------------------------------------------------------------------
// Every operation, from the model alone: `modelInput(r, operation)` is a valid input of any
// operation of model/cleanroomsml/service-2.json (of another service's model with
// `{ model }`), and `modelOutput(r, operation)` a body its answer may have. Strings are drawn from the model's own patterns (`patternGenerator`, a
// small generator over the regex subset the model uses), each checked with JavaScript's
// RegExp (the `u` flag, as scripts/service-model.mjs reads the model) and by length in code
// points before it is used.

import { model, patternRegExp } from '../../scripts/service-model.mjs';

/** Clean Rooms ML's operation names, all of them, in the model's order. */
export const MODEL_OPERATIONS = Object.keys(model.operations);

const MAX_CODE_POINT = 0x10ffff;
const SURROGATES = [0xd800, 0xdfff];
// JavaScript's \s (what `(?!\s*$)` and \S mean with the `u` flag).
const WHITESPACE = [[0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
const LINE_TERMINATORS = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];
const DIGIT_RANGES = [[0x30, 0x39]];
const WORD_RANGES = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];

function normalise(ranges) {
  const sorted = ranges.map(([a, b]) => [a, b]).sort((x, y) => x[0] - y[0]);
  const out = [];
  for (const [a, b] of sorted) {
    if (out.length && a <= out.at(-1)[1] + 1) out.at(-1)[1] = Math.max(out.at(-1)[1], b);
    else out.push([a, b]);
  }
  return out;
}
const complement = (ranges) => {
  const out = [];
  let next = 0;
  for (const [a, b] of normalise(ranges)) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
};
const subtract = (ranges, minus) => {
  const out = [];
  for (const [a, b] of normalise(ranges)) {
    let pieces = [[a, b]];
    for (const [c, d] of minus) {
      pieces = pieces.flatMap(([x, y]) => (d < x || c > y ? [[x, y]] : [...(c > x ? [[x, c - 1]] : []), ...(d < y ? [[d + 1, y]] : [])]));
    }
    out.push(...pieces);
  }
  return out;
};
const inRanges = (ranges, cp) => ranges.some(([a, b]) => cp >= a && cp <= b);

// Characters tried first where a class allows them: the ones that break encoders.
const INTERESTING = [...' aZ7-_./:~"\\\'&=+?#%@!$*,;()[]{}|^`<>\t\r\n'].concat(
  ['\u0001', '\u001f', '\u007f', '\u0085', '\u00a0', 'é', 'ß', 'ф', '中', '文', '\u2028', '\u2029', '\u200b',
    '\ufeff', '\ufffd', '\ue000', '\ud7ff', '😀', '\u{10ffff}', '\u{1d11e}'],
).map((c) => c.codePointAt(0));
const ASCII = Array.from({ length: 0x5f }, (_, i) => 0x20 + i);

const properties = new Map();
/**
 * The code point ranges of a Unicode property (`L`, `Pd`…): those both the platform's RegExp
 * and the library count in it, read once. The library's patterns are compiled with the
 * Unicode tables of the generator (`--unicode-property`: Unicode 16.0), Node 20's RegExp has
 * Unicode 17.0's (CJK Extension J and other new letters): inputs are drawn where the two
 * versions agree, since which one the service uses is not known.
 */
function propertyRanges(name) {
  if (!properties.has(name)) {
    const re = new RegExp(`^\\p{${name}}$`, 'u');
    const manifest = fileURLToPath(new URL('../../codegen/Cargo.toml', import.meta.url));
    const library = JSON.parse(execFileSync('cargo', ['run', '-q', '--manifest-path', manifest, '--', '--unicode-property', name], { encoding: 'utf8' }));
    const inLibrary = (cp) => library.some(([a, b]) => cp >= a && cp <= b);
    const ranges = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (!re.test(String.fromCodePoint(cp)) || !inLibrary(cp)) continue;
      if (ranges.length && ranges.at(-1)[1] === cp - 1) ranges.at(-1)[1] = cp;
      else ranges.push([cp, cp]);
    }
    properties.set(name, ranges);
  }
  return properties.get(name);
}

/**
 * Parses a model pattern into a small tree: {t:'seq',items}, {t:'alt',options}, {t:'set',
 * ranges}, {t:'rep',node,min,max}, {t:'look'} (a zero-width look-ahead or anchor, left to
 * the final RegExp check). Anything outside the subset the model uses is refused by name.
 */
export function parsePattern(pattern) {
  let i = 0;
  const fail = (what) => { throw new Error(`pattern ${JSON.stringify(pattern)}: ${what} at ${i} is not supported`); };
  const peek = () => pattern[i];
  const codePointAt = () => { const cp = pattern.codePointAt(i); i += cp > 0xffff ? 2 : 1; return cp; };

  function escape(inClass) {
    i++; // the backslash
    const c = pattern[i];
    if (c === undefined) fail('a trailing backslash');
    i++;
    switch (c) {
      case 'd': return { ranges: DIGIT_RANGES };
      case 'D': return { ranges: complement(DIGIT_RANGES) };
      case 'w': return { ranges: WORD_RANGES };
      case 'W': return { ranges: complement(WORD_RANGES) };
      case 's': return { ranges: WHITESPACE };
      case 'S': return { ranges: complement(WHITESPACE) };
      case 't': return { cp: 0x09 };
      case 'n': return { cp: 0x0a };
      case 'r': return { cp: 0x0d };
      case 'f': return { cp: 0x0c };
      case 'v': return { cp: 0x0b };
      case 'p': {
        // A Unicode property (\p{L}), as the platform's RegExp reads it with the `u` flag.
        const m = /^\{(\w+)\}/.exec(pattern.slice(i));
        if (!m) fail('a \\p escape without a {Property}');
        i += m[0].length;
        return { ranges: propertyRanges(m[1]) };
      }
      case 'u': {
        const hex = pattern.slice(i, i + 4);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail('a \\u escape without four hex digits');
        i += 4;
        return { cp: parseInt(hex, 16) };
      }
      default:
        if (/[A-Za-z0-9]/.test(c)) fail(`the escape \\${c}${inClass ? ' in a class' : ''}`);
        return { cp: c.codePointAt(0) };
    }
  }

  function parseClass() {
    i++; // [
    let negated = false;
    if (peek() === '^') { negated = true; i++; }
    const ranges = [];
    while (peek() !== "]") {
      if (peek() === undefined) fail('an unclosed class');
      let lo;
      if (peek() === '\\') {
        const e = escape(true);
        if (e.ranges) { ranges.push(...e.ranges); continue; }
        lo = e.cp;
      } else if (peek() === '[') fail('a nested class');
      else lo = codePointAt();
      if (peek() === '-' && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined) {
        i++;
        let hi;
        if (peek() === '\\') {
          const e = escape(true);
          if (e.ranges) fail('a range ending in a class escape');
          hi = e.cp;
        } else hi = codePointAt();
        if (hi < lo) fail('a reversed range');
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    i++; // ]
    const set = normalise(ranges);
    return { t: 'set', ranges: negated ? complement(set) : set };
  }

  function parseAtom() {
    const c = peek();
    if (c === '(') {
      i++;
      if (pattern.startsWith('?!', i) || pattern.startsWith('?=', i)) {
        i += 2;
        parseAlt();
        if (peek() !== ')') fail('an unclosed look-ahead');
        i++;
        return { t: 'look' };
      }
      if (pattern.startsWith('?:', i)) i += 2;
      else if (peek() === '?') fail('a group modifier');
      const node = parseAlt();
      if (peek() !== ')') fail('an unclosed group');
      i++;
      return node;
    }
    if (c === '[') return parseClass();
    if (c === '.') { i++; return { t: 'set', ranges: complement(LINE_TERMINATORS) }; }
    if (c === '^' || c === '$') { i++; return { t: 'look' }; }
    if (c === '\\') {
      const e = escape(false);
      return { t: 'set', ranges: e.ranges ?? [[e.cp, e.cp]] };
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') fail(`a quantifier ${c} with nothing before it`);
    const cp = codePointAt();
    return { t: 'set', ranges: [[cp, cp]] };
  }

  function parseQuantified() {
    let node = parseAtom();
    for (;;) {
      const c = peek();
      let min, max;
      if (c === '*') { min = 0; max = Infinity; i++; }
      else if (c === '+') { min = 1; max = Infinity; i++; }
      else if (c === '?') { min = 0; max = 1; i++; }
      else if (c === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(pattern.slice(i));
        if (!m) fail('a malformed {n,m}');
        min = Number(m[1]);
        max = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : min;
        i += m[0].length;
      } else return node;
      if (peek() === '?' || peek() === '+') fail('a lazy or possessive quantifier');
      if (node.t === 'look') fail('a quantified look-ahead');
      node = { t: 'rep', node, min, max };
    }
  }

  function parseSeq() {
    const items = [];
    while (i < pattern.length && peek() !== '|' && peek() !== ')') items.push(parseQuantified());
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  function parseAlt() {
    const options = [parseSeq()];
    while (peek() === '|') { i++; options.push(parseSeq()); }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }

  const tree = parseAlt();
  if (i !== pattern.length) fail(`an unexpected ${peek()}`);
  return tree;
}

function bounds(node) {
  if (node.bounds) return node.bounds;
  let b;
  switch (node.t) {
    case 'set': b = [1, 1]; break;
    case 'look': b = [0, 0]; break;
    case 'seq': b = node.items.map(bounds).reduce(([a, c], [x, y]) => [a + x, c + y], [0, 0]); break;
    case 'alt': b = node.options.map(bounds).reduce(([a, c], [x, y]) => [Math.min(a, x), Math.max(c, y)], [Infinity, 0]); break;
    case 'rep': { const [x, y] = bounds(node.node); b = [x * node.min, node.max === 0 ? 0 : y * node.max]; break; }
    default: throw new Error(node.t);
  }
  if (Number.isNaN(b[1])) b[1] = Infinity;
  node.bounds = b;
  return b;
}

/** Spreads `extra` over slots with the given capacities, at random; returns the shares. */
function spread(r, extra, capacities) {
  const shares = capacities.map(() => 0);
  let guard = 0;
  while (extra > 0 && guard++ < 10_000) {
    const open = capacities.map((c, k) => (c - shares[k] > 0 ? k : -1)).filter((k) => k >= 0);
    if (!open.length) break;
    const k = r.pick(open);
    const give = Math.min(extra, capacities[k] - shares[k], r.int(1, Math.max(1, Math.ceil(extra / (r.chance() ? 1 : open.length)))));
    shares[k] += give;
    extra -= give;
  }
  return shares;
}

function drawChar(r, node) {
  if (!node.pool) {
    const ranges = subtract(node.ranges, [SURROGATES]);
    node.usable = ranges;
    node.pool = INTERESTING.filter((cp) => inRanges(ranges, cp));
    node.ascii = ASCII.filter((cp) => inRanges(ranges, cp));
    node.total = ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
    if (node.total === 0) throw new Error('a class with no character that can be sent');
  }
  const roll = r.next();
  let cp;
  if (roll < 0.45 && node.pool.length) cp = r.pick(node.pool);
  else if (roll < 0.85 && node.ascii.length) cp = r.pick(node.ascii);
  else {
    let n = Math.floor(r.next() * node.total);
    for (const [a, b] of node.usable) {
      if (n <= b - a) { cp = a + n; break; }
      n -= b - a + 1;
    }
  }
  return String.fromCodePoint(cp);
}

function emit(r, node, budget) {
  const [lo, hi] = bounds(node);
  budget = Math.max(lo, Math.min(hi, budget));
  switch (node.t) {
    case 'set': return drawChar(r, node);
    case 'look': return '';
    case 'seq': {
      const mins = node.items.map((n) => bounds(n)[0]);
      const shares = spread(r, budget - lo, node.items.map((n) => bounds(n)[1] - bounds(n)[0]));
      return node.items.map((n, k) => emit(r, n, mins[k] + shares[k])).join('');
    }
    case 'alt': {
      const fitting = node.options.filter((o) => bounds(o)[0] <= budget && budget <= bounds(o)[1]);
      return emit(r, r.pick(fitting.length ? fitting : node.options), budget);
    }
    case 'rep': {
      const [cmin, cmax] = bounds(node.node);
      if (cmax === 0) return '';
      let kLow = Math.max(node.min, cmax === Infinity ? node.min : Math.ceil(budget / cmax));
      let kHigh = Math.min(node.max, cmin > 0 ? Math.floor(budget / cmin) : node.min + 3);
      if (kLow > kHigh) kHigh = kLow = Math.max(node.min, Math.min(node.max, kLow));
      // Fixed-width children: as many as the budget; others: a few, a random count.
      const k = cmin === cmax ? kHigh : r.int(kLow, Math.min(kHigh, kLow + 4 + Math.floor(budget / Math.max(1, cmin) / 4)));
      const shares = spread(r, Math.max(0, budget - k * cmin), Array.from({ length: k }, () => cmax - cmin));
      return Array.from({ length: k }, (_, j) => emit(r, node.node, cmin + shares[j])).join('');
    }
    default: throw new Error(node.t);
  }
}

/** The least and greatest length in code points of a string matching `pattern`. */
export const patternLengths = (pattern) => bounds(parsePattern(pattern));

const generators = new Map();
const ANY = { t: 'rep', node: { t: 'set', ranges: [[0, MAX_CODE_POINT]] }, min: 0, max: Infinity };
const LONGEST = 10_240; // the longest string drawn for a member with a larger (or no) maximum

/**
 * A generator of strings that match `pattern` (the model's text; none: any string) with a
 * length in code points within [min, max]: `gen(r, length?)`. Each string is checked with
 * the RegExp the endpoint uses; the generator throws rather than return one that fails.
 */
export function patternGenerator(pattern, min = 0, max = Infinity) {
  const key = `${pattern}\u0000${min}\u0000${max}`;
  if (generators.has(key)) return generators.get(key);
  const tree = pattern === undefined ? ANY : parsePattern(pattern);
  const re = pattern === undefined ? null : patternRegExp(pattern);
  const [plo, phi] = bounds(tree);
  const lo = Math.max(min, plo);
  const hi = Math.min(max, phi, LONGEST);
  if (lo > hi) throw new Error(`pattern ${pattern}: no length in [${min}, ${max}]`);
  const gen = (r, want) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      let length = want;
      if (length === undefined || attempt > 0) {
        const roll = r.next();
        if (roll < 0.04) length = lo;
        else if (roll < 0.07) length = hi;
        else if (roll < 0.8) length = r.int(lo, Math.min(hi, lo + 24));
        else length = r.int(lo, Math.min(hi, lo + 300));
      }
      const s = emit(r, tree, length);
      const n = [...s].length;
      if (n >= min && n <= max && (!re || re.test(s))) return s;
    }
    throw new Error(`pattern ${pattern}: no matching string of ${lo}..${hi} code points in 200 attempts`);
  };
  generators.set(key, gen);
  return gen;
}

const ms = (y0, y1) => (r) => Date.UTC(r.int(y0, y1), r.int(0, 11), r.int(1, 28), r.int(0, 23), r.int(0, 59), r.int(0, 59));

/** A timestamp: a Date in inputs, with and without milliseconds. */
function inputDate(r) {
  const t = ms(1971, 2099)(r);
  return new Date(r.chance() ? t : t + r.int(1, 999));
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
/**
 * A timestamp as an answer writes it: ISO 8601 in UTC with no, 1, 2, 3, 6 or 9 fractional
 * digits. Digits past the millisecond are below 5 so that truncating and rounding agree.
 */
export function wireDate(r) {
  const d = new Date(ms(1971, 2099)(r));
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const digits = r.pick([0, 0, 1, 2, 3, 3, 3, 6, 9]);
  if (digits === 0) return `${base}Z`;
  let fraction = r.text([...'0123456789'], Math.min(digits, 3));
  if (digits > 3) fraction += r.text([...'01234'], 1) + r.text([...'0123456789'], digits - 4);
  return `${base}.${fraction}Z`;
}

/** A timestamp as epoch seconds, a JSON number with 0 to 3 decimals. */
export function epochSeconds(r) {
  const t = ms(1971, 2099)(r) + r.pick([0, 0, 500, 250, r.int(1, 999)]);
  return r.chance() ? Math.floor(t / 1000) : t / 1000;
}

function number(r, shape) {
  const integral = shape.type === 'integer' || shape.type === 'long';
  const lo = shape.min ?? (integral ? 0 : 0);
  const hi = shape.max ?? (shape.type === 'integer' ? 2 ** 31 - 1 : shape.type === 'long' ? Number.MAX_SAFE_INTEGER : 1e9);
  const roll = r.next();
  if (roll < 0.1) return lo;
  if (roll < 0.2) return hi;
  if (integral) {
    if (roll < 0.6) return r.int(lo, Math.min(hi, lo + 100));
    return Math.min(hi, lo + Math.floor(r.next() * (hi - lo + 1)));
  }
  if (roll < 0.35) return Math.min(hi, Math.max(lo, Math.round(lo + r.next() * (hi - lo))));
  if (roll < 0.6) return Math.min(hi, Math.max(lo, Math.round((lo + r.next() * (hi - lo)) * 1000) / 1000));
  return lo + r.next() * (hi - lo); // every digit of a double
}

/**
 * The library's rules beyond the model, as src/model/rules.rs lists them by shape name, in
 * whichever service's model has the shape (those that make an input invalid; its other
 * rules only warn): lists whose items must not repeat (the
 * Smithy model's uniqueItems, which service-2.json does not carry), account IDs of 12
 * digits in `AccountIdList` (the model says strings), and at most 50 tags, none with a key
 * starting `aws:` (AWS tagging; the model's `TagMap` allows 200). Inputs keep to them.
 */
export const LIBRARY_RULES = {
  LogsConfigurationPolicyList: 'uniqueItems',
  EntityTypeList: 'uniqueItems',
  CustomDataIdentifierList: 'uniqueItems',
  TrainedModelExportFileTypeList: 'uniqueItems',
  AccountIdList: 'accountIds',
  TagMap: 'awsTags',
};
const MAX_TAGS = 50;

/** Whether a value of the shape `shapeName` may hold a union below its own level. */
function holdsUnion(shapes, shapeName) {
  const seen = new Set();
  const below = (name) => {
    if (seen.has(name)) return false;
    seen.add(name);
    const s = shapes[name];
    return [...Object.values(s.members ?? {}).map((m) => m.shape), s.member?.shape, s.value?.shape]
      .some((next) => next && (shapes[next].union || below(next)));
  };
  return below(shapeName);
}

/**
 * A value of the shape `shapeName`, valid by the model. Options:
 * - `optional`: the chance each optional member is present (default ½);
 * - `wire`: a JSON answer body rather than an input: timestamps in their shape's format
 *   (`timestampFormat`, or restJson1's epoch seconds when it has none: Clean Rooms'), or
 *   in the other one with `otherTimestampFormat` (botocore reads both);
 * - `unknownUnion`: the chance that a union holds a member the model does not have
 *   (`someNewMember`), as a newer service may answer, or 'inner': each union inside another
 *   union's member does, the outer ones do not, or 'innermost': each union that holds no
 *   other union does, the others do not; `extraMembers`: the chance that a
 *   structure carries a member unknown to the model besides its own;
 * - `unknowns`: collects [path, name, value, union shape] of each unknown union member written;
 * - `libraryRules`: keep to the library's rules beyond the model (`LIBRARY_RULES`);
 * - `model`: another service's model (scripts/service-model.mjs's `services`; Clean Rooms ML's by default).
 */
export function shapeValue(r, shapeName, opts = {}, path = '') {
  const shapes = (opts.model ?? model).shapes;
  const shape = shapes[shapeName];
  const optional = opts.optional ?? 0.5;
  switch (shape.type) {
    case 'structure': {
      const out = {};
      const members = Object.entries(shape.members ?? {});
      if (shape.union) {
        const unknown = opts.unknownUnion === 'inner' ? opts.insideUnion
          : opts.unknownUnion === 'innermost' ? !holdsUnion(shapes, shapeName)
            : opts.unknownUnion && r.next() < opts.unknownUnion;
        if (unknown) {
          const value = r.pick([{ kind: 'new', size: r.int(0, 100) }, 'text', 7, true, ['a', 1]]);
          out.someNewMember = value;
          opts.unknowns?.push([path, 'someNewMember', value, shapeName]);
          return out;
        }
        const [name, member] = r.pick(members);
        out[name] = shapeValue(r, member.shape, opts.insideUnion ? opts : { ...opts, insideUnion: true }, `${path}.${name}`);
        return out;
      }
      const required = new Set(shape.required ?? []);
      for (const [name, member] of members) {
        if (required.has(name) || r.next() < optional) out[name] = shapeValue(r, member.shape, opts, `${path}.${name}`);
      }
      if (opts.extraMembers && r.next() < opts.extraMembers) out.someFutureMember = { added: 'later', n: 1 };
      return out;
    }
    case 'list': {
      const rule = opts.libraryRules && LIBRARY_RULES[shapeName];
      const itemShape = rule === 'accountIds' ? 'AccountId' : shape.member.shape;
      const lo = shape.min ?? 0;
      let hi = Math.min(shape.max ?? Infinity, lo + (r.next() < 0.05 ? 60 : 4));
      const enumSize = shapes[itemShape].enum?.length;
      if (rule === 'uniqueItems' && enumSize) hi = Math.min(hi, enumSize);
      const n = r.int(lo, hi);
      if (rule !== 'uniqueItems') return Array.from({ length: n }, (_, k) => shapeValue(r, itemShape, opts, `${path}[${k}]`));
      const items = new Map();
      for (let guard = 0; items.size < n && guard < n * 50; guard++) {
        const item = shapeValue(r, itemShape, opts, `${path}[${items.size}]`);
        const key = JSON.stringify(item);
        if (!items.has(key)) items.set(key, item);
      }
      return [...items.values()];
    }
    case 'map': {
      const rule = opts.libraryRules && LIBRARY_RULES[shapeName];
      const lo = shape.min ?? 0;
      const hi = Math.min(rule === 'awsTags' ? MAX_TAGS : Infinity, shape.max ?? Infinity, lo + (r.next() < 0.05 ? 60 : 5));
      const n = r.int(lo, hi);
      const out = {};
      for (let guard = 0; Object.keys(out).length < n && guard < n * 20; guard++) {
        const key = shapeValue(r, shape.key.shape, opts, `${path}.key`);
        if (key === '__proto__' || key in out) continue;
        if (rule === 'awsTags' && key.toLowerCase().startsWith('aws:')) continue;
        out[key] = shapeValue(r, shape.value.shape, opts, `${path}.${key}`);
      }
      return out;
    }
    case 'string':
      if (shape.enum) return r.pick(shape.enum);
      return patternGenerator(shape.pattern, shape.min ?? 0, shape.max ?? Infinity)(r);
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return number(r, shape);
    case 'boolean':
      return r.chance();
    case 'timestamp': {
      if (!opts.wire) return inputDate(r);
      const iso = (shape.timestampFormat ?? 'unixTimestamp') === 'iso8601';
      return iso !== Boolean(opts.otherTimestampFormat) ? wireDate(r) : epochSeconds(r);
    }
    default:
      throw new Error(`no generator for the shape type ${shape.type} (${shapeName})`);
  }
}

/**
 * A valid input of any operation of the model (and of the library's rules beyond it). About
 * one input in five has each optional member, one in seven none; the others each optional
 * member at random.
 */
export function modelInput(r, operation, opts = {}) {
  const shape = (opts.model ?? model).operations[operation].input?.shape;
  if (!shape) return {};
  const roll = r.next();
  const optional = roll < 0.2 ? 1 : roll < 0.35 ? 0 : 0.5;
  return shapeValue(r, shape, { optional, libraryRules: true, ...opts });
}

/**
 * A body the operation's answer may have, as JSON text's value: `{}` for an operation with
 * no output. Options as for `shapeValue` (with `wire` set).
 */
export function modelOutput(r, operation, opts = {}) {
  const shape = (opts.model ?? model).operations[operation].output?.shape;
  if (!shape) return {};
  return shapeValue(r, shape, { wire: true, ...opts });
}

/**
 * Calls `fn(shapeName, value, path)` for `value` and each value inside it, by the shapes of
 * `serviceModel` (Clean Rooms ML's by default; members the model does not have are skipped).
 */
export function visit(shapeName, value, fn, serviceModel = model, path = '') {
  const shape = serviceModel.shapes[shapeName];
  fn(shapeName, value, path);
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  if (shape.type === 'structure') {
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      if (value[name] !== undefined) visit(member.shape, value[name], fn, serviceModel, `${path}.${name}`);
    }
  } else if (shape.type === 'list') {
    value.forEach((item, k) => visit(shape.member.shape, item, fn, serviceModel, `${path}[${k}]`));
  } else if (shape.type === 'map') {
    for (const [key, item] of Object.entries(value)) visit(shape.value.shape, item, fn, serviceModel, `${path}.${key}`);
  }
}
