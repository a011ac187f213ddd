// Values across the boundary, each in one crossing.
//
// In: any JavaScript value reaches Rust as one JSON text (see src/json.rs for the tags):
// one crossing instead of one per member. Whatever JSON.stringify cannot take as it is
// (a cycle, a getter or proxy trap that throws, a `toJSON` of its own, nesting too deep)
// returns undefined, and Rust reads the value member by member instead.
const TAG = '\u0000';
const MAX_ITEMS = 100; // no list of the model is checked further (model::List::checked_items)
const SLOW = Symbol('read member by member');

const kinds = [
  [Map, 'a Map'], [Set, 'a Set'], [Date, 'a Date'], [RegExp, 'a RegExp'],
  [Promise, 'a Promise'], [Error, 'an Error'], [ArrayBuffer, 'an ArrayBuffer'],
];

/**
 * What a built-in object that is not plain data is, for messages ('a Map', …); undefined
 * for others, and for a proxy whose traps throw (read member by member, where each read is
 * caught).
 */
export function builtinKind(value) {
  try {
    for (const [type, kind] of kinds) if (value instanceof type) return kind;
    return ArrayBuffer.isView(value) ? 'a typed array' : undefined;
  } catch {
    return undefined;
  }
}

/** A `Date`'s milliseconds (NaN when invalid); undefined for anything else, a proxy included. */
export function dateTime(value) {
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
}

function replacer(key, value) {
  const original = this[key]; // before any toJSON
  switch (typeof original) {
    case 'string':
    case 'boolean':
      return original;
    case 'number':
      return Number.isFinite(original) && !Object.is(original, -0) ? original : { [TAG]: 'number', v: Object.is(original, -0) ? '-0' : String(original) };
    case 'undefined':
      return { [TAG]: 'undefined' };
    case 'bigint':
      return { [TAG]: 'other', v: 'a bigint' };
    case 'symbol':
      return { [TAG]: 'other', v: 'a symbol' };
    case 'function':
      return { [TAG]: 'other', v: 'a function' };
  }
  if (original === null) return null;
  if (Array.isArray(original)) {
    return original.length > MAX_ITEMS ? { [TAG]: 'array', n: original.length, items: Array.from(original.slice(0, MAX_ITEMS)) } : original;
  }
  const time = dateTime(original);
  if (time !== undefined) return { [TAG]: 'date', v: String(time) };
  const kind = builtinKind(original);
  if (kind) return { [TAG]: 'other', v: kind };
  if (Object.hasOwn(original, TAG) || typeof original.toJSON === 'function') throw SLOW;
  return original;
}

/** Whether plain JSON.stringify says everything about `value` (the common case, and fast). */
function plain(value, depth) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth > 64) return false;
      if (Array.isArray(value)) {
        if (value.length > MAX_ITEMS) return false;
        for (let i = 0; i < value.length; i++) if (!(i in value) || !plain(value[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || Object.hasOwn(value, TAG)) return false;
      // Own enumerable values, as JSON.stringify reads them (faster than a keyed read each).
      for (const member of Object.values(value)) if (!plain(member, depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

// The JSON text. JSON.stringify escapes lone surrogates, so its UTF-8 loses nothing.
export function encode(value) {
  try {
    return plain(value, 0) ? JSON.stringify({ v: value }) : JSON.stringify({ v: value }, replacer);
  } catch {
    return undefined;
  }
}

/**
 * Out: an `HttpRequest` from `[method, url, headers]` as JSON, a newline, then the body
 * as it is (JSON text holds no raw newline), so the body is neither escaped nor parsed.
 */
export function httpRequest(text) {
  const cut = text.indexOf('\n');
  const [method, url, headers] = JSON.parse(text.slice(0, cut));
  return { method, url, headers, body: text.slice(cut + 1) };
}

/**
 * The code point of the first character of `s` outside AWS tagging's class
 * `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, or -1 (see src/validate/patterns.rs).
 */
export function firstOutsideTag(s) {
  const outside = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/u.exec(s);
  return outside ? outside[0].codePointAt(0) : -1;
}

/** Numbers as JavaScript reads and prints them (see src/number.rs). */
export function numberFromText(text) {
  return Number(text);
}

export function numberText(n) {
  return String(n);
}

/** `globalThis.fetch`, read at each call (a page may set it late); undefined if reading it throws. */
export function platformFetch() {
  try {
    return globalThis.fetch;
  } catch {
    return undefined;
  }
}
