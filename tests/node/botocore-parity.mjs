// botocore as the oracle of every operation of a service, shared by the tests of the package's
// two entries (parity.test.mjs and answers.test.mjs: Clean Rooms ML's; cleanrooms-parity.test.mjs:
// Clean Rooms'). Both take `service` (a folder of model/, botocore's name of the service) and
// `entry` (the loaded entry: tests/node/wasm.mjs or tests/node/cleanrooms-wasm.mjs).
// - `requestParity`: inputs generated from the model alone (generate.mjs) each validate, and
//   our `createSignedRequest` has the method, the URL (the query in botocore's order) and a
//   body JSON-equal to what botocore's client of the service builds (botocore_oracle.py,
//   captured before sending), and the authorization header botocore's SigV4Auth and the JS
//   SDK's signer (@smithy/signature-v4) give the same request.
// - `answerParity`: answer bodies the model allows are read by the entry's client (through a
//   stub `fetch`) and by botocore's restJson1 parser (botocore_answers.py) with the
//   operation's output shape, and the two readings compared value by value:
//   - a timestamp: our `Date` against botocore's datetime, in epoch milliseconds (the bodies'
//     digits past the millisecond are below 5, so truncating and rounding agree);
//   - an unknown union member: botocore keeps its name only, `{'SDK_UNKNOWN_MEMBER': {'name':
//     n}}`; the AWS SDK for JavaScript gives `{ $unknown: [n, value] }` with the member's JSON
//     value, which is what the client must give: the name is botocore's, the value the body's;
//   - `$metadata.httpStatusCode` and `$metadata.requestId` against botocore's
//     `ResponseMetadata.HTTPStatusCode` and `RequestId` (from `x-amzn-requestid`, or
//     `x-amz-request-id` when that is the only one, as botocore and the JS SDK read them);
//   - everything else as JSON values: the same members, no more, no fewer.
// Each gathers every mismatch and what its cases covered; `failOnMismatches` lists every
// mismatch by kind (the first few in full) and fails.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { rng, modelInput, modelOutput, visit } from './generate.mjs';
import { services } from '../../scripts/service-model.mjs';

export const python = new URL('../../.venv/bin/python', import.meta.url).pathname;
const requestOracle = new URL('./botocore_oracle.py', import.meta.url).pathname;
const answerOracle = new URL('./botocore_answers.py', import.meta.url).pathname;
const REGIONS = ['us-east-1', 'eu-west-2', 'ap-southeast-1', 'us-gov-west-1', 'cn-north-1'];

/** What botocore's script `script` answers for `cases`, run for `service`. */
const botocore = (script, service, cases) => JSON.parse(execFileSync(python, [script, service], { input: JSON.stringify(cases), maxBuffer: 256 << 20 }));

/** The authorization header the JS SDK's signer gives our request `request`. */
export async function smithyAuthorization({ request, region, credentials, signingDateMs }, signingName) {
  const url = new URL(request.url);
  const headers = { ...request.headers };
  for (const computed of ['authorization', 'x-amz-date', 'x-amz-security-token']) delete headers[computed];
  // applyChecksum: false — the same headers as ours; x-amz-content-sha256 is for S3, these
  // services do not need it (botocore does not send it either).
  const signer = new SignatureV4({ service: signingName, region, credentials, sha256: Sha256, applyChecksum: false });
  const query = {};
  for (const [name, value] of url.searchParams) {
    // A repeated parameter (UntagResource's tagKeys) as the list smithy takes.
    if (name in query) query[name] = [query[name]].flat().concat(value);
    else query[name] = value;
  }
  const signed = await signer.sign(
    { method: request.method, protocol: url.protocol, hostname: url.hostname, path: url.pathname, query, headers, body: request.body },
    { signingDate: new Date(signingDateMs) },
  );
  return signed.headers.authorization;
}

/** The input as botocore's oracle reads it: each Date as {"$date": epoch ms}. */
function toOracle(value) {
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(toOracle);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toOracle(v)]));
  return value;
}

const shuffle = (r, items) => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

/** JSON text of a request body, parsed; a note on what went wrong otherwise. */
const parsed = (text) => {
  try { return text === '' ? '(no body)' : JSON.parse(text); } catch { return `(not JSON) ${text.slice(0, 80)}`; }
};

const short = (v, n = 300) => {
  const text = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text;
};

/** Where two JSON values first differ: [path, ours, theirs], or null. */
function firstDifference(ours, theirs, path = '') {
  if (Object.is(ours, theirs)) return null;
  if (typeof ours !== typeof theirs || ours === null || theirs === null || typeof ours !== 'object' || Array.isArray(ours) !== Array.isArray(theirs)) {
    return [path || '(root)', ours, theirs];
  }
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
  if (Array.isArray(ours) && ours.length !== theirs.length) return [`${path}.length`, ours.length, theirs.length];
  for (const k of keys) {
    const d = firstDifference(ours[k], theirs[k], Array.isArray(ours) ? `${path}[${k}]` : `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/**
 * Fails, listing every mismatch of `result` by kind and the first 12 in full, when there is
 * any. A mismatch is { operation, where, what, ours, theirs, details: [lines] }.
 */
export function failOnMismatches({ mismatches, botocore: version, cases }) {
  if (!mismatches.length) return;
  const byKind = {};
  for (const { operation, what } of mismatches) {
    const key = `${operation}: ${what.replace(/ at .*/, '').replace(/\[\d+\]/g, '[]')}`;
    byKind[key] = (byKind[key] ?? 0) + 1;
  }
  const kinds = Object.entries(byKind);
  const report = mismatches.slice(0, 12).map(({ operation, where, what, ours, theirs, details = [] }) => [
    `  ${operation} ${where}: ${what}`,
    `      ours:     ${short(ours)}`,
    `      botocore: ${short(theirs)}`,
    ...details.map((line) => `      ${line}`),
  ].join('\n'));
  assert.fail(`${mismatches.length} mismatches with botocore ${version} in ${cases} cases:\n`
    + `${kinds.slice(0, 60).map(([k, n]) => `  ${n} × ${k}`).join('\n')}${kinds.length > 60 ? `\n  … ${kinds.length - 60} more kinds` : ''}\n`
    + `The first ${report.length}:\n${report.join('\n')}`);
}

/**
 * `perOperation` generated inputs of every operation of `service`, each checked as the file's
 * comment says. Resolves to { operations, perOperation: {op: cases}, seen: what was covered,
 * mismatches, cases, botocore: its version, oracleMs }.
 */
export async function requestParity({ service, entry, perOperation, seed }) {
  const { model, violations } = services[service];
  const signingName = model.metadata.signingName;
  const operations = Object.keys(model.operations);
  const r = rng(seed);
  const all = [];
  const mismatches = [];
  const mismatch = (c, what, ours, theirs, details = []) => mismatches.push({
    operation: c.operation, where: `case ${c.case}${c.shuffled ? ' (members shuffled)' : ''}, ${c.region}`, what, ours, theirs,
    details: [...details, `input: ${short(toOracle(c.input), 600)}`],
  });
  for (const operation of operations) {
    for (let i = 0; i < perOperation; i++) {
      const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: r.text([...'abcdefXYZ0123456789/+'], 40) };
      if (i % 2 === 0) credentials.sessionToken = r.text([...'abcdefXYZ0123456789/+='], 80);
      const region = r.pick(REGIONS);
      const signingDateMs = Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23), r.int(0, 59), r.int(0, 59));
      let input = modelInput(r, operation, { model });
      // One input in four with its members in another order: botocore writes the query in
      // the order the input gives its members.
      const shuffled = i % 4 === 3;
      if (shuffled) input = Object.fromEntries(shuffle(r, Object.entries(input)));
      const c = { operation, case: i, shuffled, input, region, credentials, signingDateMs };
      // The generator's own check, by the local endpoint's reading of the model (timestamps
      // as the wire carries them).
      const inputShape = model.operations[operation].input?.shape;
      if (inputShape) {
        const wire = JSON.parse(JSON.stringify(input));
        assert.deepEqual(violations(inputShape, wire), [], `${operation} case ${i}: the generated input is valid by scripts/service-model.mjs`);
      }
      const validation = (() => { try { return entry.validate(operation, input); } catch (e) { return { ok: false, issues: [`${e?.name}: ${e?.message}`] }; } })();
      if (!validation.ok) mismatch(c, 'validate refuses a model-valid input', validation.issues, { ok: true });
      try {
        c.request = entry.createSignedRequest(operation, input, { region, credentials, signingDate: signingDateMs });
      } catch (e) {
        mismatch(c, 'createSignedRequest throws', `${e?.name}: ${e?.message}`, '(a request)');
        continue;
      }
      all.push(c);
    }
  }

  const t0 = performance.now();
  const boto = botocore(requestOracle, service, all.map(({ operation, input, region, credentials, signingDateMs, request }) => ({ operation, input: toOracle(input), region, credentials, signingDateMs, request })));
  const oracleMs = performance.now() - t0;
  assert.equal(boto.results.length, all.length);

  const counts = Object.fromEntries(operations.map((op) => [op, 0]));
  const seen = { query: 0, repeatedQuery: 0, emptyTagKeys: 0, noBody: 0, dates: 0, millisecondDates: 0, unions: 0, shuffledQueries: 0, sessionTokens: 0 };
  for (const [k, c] of all.entries()) {
    const ours = c.request;
    const expect = boto.results[k];
    counts[c.operation]++;
    if (expect.error) { mismatch(c, 'botocore refuses the input', '(accepted)', expect.error); continue; }
    if (ours.method !== expect.method) mismatch(c, 'method', ours.method, expect.method);
    if (ours.url !== expect.url) mismatch(c, 'URL', ours.url, expect.url);
    if (expect.body === '' || ours.body === '') {
      if (ours.body !== expect.body) mismatch(c, 'body (one has none)', ours.body, expect.body);
    } else {
      const d = firstDifference(parsed(ours.body), parsed(expect.body));
      if (d) mismatch(c, `body at ${d[0]}`, d[1], d[2], [`ours: ${short(ours.body)}`, `botocore: ${short(expect.body)}`]);
    }
    if ((ours.headers['content-type'] ?? null) !== (expect.contentType ?? null)) mismatch(c, 'content-type', ours.headers['content-type'], expect.contentType);
    if (ours.headers.authorization !== expect.authorization) mismatch(c, 'authorization vs botocore SigV4Auth', ours.headers.authorization, expect.authorization);
    const smithy = await smithyAuthorization(c, signingName);
    if (ours.headers.authorization !== smithy) mismatch(c, 'authorization vs @smithy/signature-v4', ours.headers.authorization, smithy);
    if (c.credentials.sessionToken) {
      seen.sessionTokens++;
      if (ours.headers['x-amz-security-token'] !== c.credentials.sessionToken) mismatch(c, 'x-amz-security-token', ours.headers['x-amz-security-token'], c.credentials.sessionToken);
    }
    const query = new URL(ours.url).searchParams;
    if ([...query.keys()].length) seen.query++;
    if ([...query.keys()].length > 1 && c.shuffled) seen.shuffledQueries++;
    if (query.getAll('tagKeys').length > 1) seen.repeatedQuery++;
    if (c.operation === 'UntagResource' && c.input.tagKeys.length === 0) seen.emptyTagKeys++;
    if (ours.body === '') seen.noBody++;
    const inputShape = model.operations[c.operation].input?.shape;
    if (inputShape) {
      visit(inputShape, c.input, (shapeName, value) => {
        if (value instanceof Date) {
          seen.dates++;
          if (value.getUTCMilliseconds()) seen.millisecondDates++;
        }
        if (model.shapes[shapeName].union) seen.unions++;
      }, model);
    }
  }
  return { operations, perOperation: counts, seen, mismatches, cases: all.length, botocore: boto.botocore, oracleMs };
}

/** The names of the shapes `shapeName` holds, itself included. */
const reachable = (model, shapeName, seen = new Set()) => {
  if (!shapeName || seen.has(shapeName)) return seen;
  seen.add(shapeName);
  const s = model.shapes[shapeName];
  for (const next of [...Object.values(s.members ?? {}).map((m) => m.shape), s.member?.shape, s.value?.shape]) reachable(model, next, seen);
  return seen;
};
const hasTimestamps = (model, shapeName) => [...reachable(model, shapeName)].some((name) => model.shapes[name].type === 'timestamp');
/** The output shape of `operation` when it has members; none (an operation with no output, or `{}`'s) otherwise. */
const outputWithMembers = (model, operation) => {
  const shape = model.operations[operation].output?.shape;
  return shape && Object.keys(model.shapes[shape].members ?? {}).length ? shape : undefined;
};

/**
 * The answers for one operation: [{ body (text), headers, note, unknowns }], `count` of them
 * (at least 7). An operation without output, or whose output has no member, answers `{}`,
 * no body, `{ }` or a member unknown to the model. For the others, bodies 0–1 hold every
 * optional member / none; 2 has every union reached answer with an unknown member; 3 some, with members unknown to the model in structures
 * too; 4 has timestamps in the format the model does not give them (epoch seconds for ISO
 * 8601 and the other way round: botocore reads both) where the output has timestamps; 5 has
 * unknown members in the unions nested in another union's member; 6 is at random; 7 has
 * unknown members in the unions that hold no other union; 8 and on are at random.
 */
function answers(r, service, operation, count) {
  const { model, outputViolations } = services[service];
  const output = outputWithMembers(model, operation);
  const requestIds = (k) => (k === 5 ? {} : k === 6 ? { 'x-amz-request-id': `amz-${k}-${r.int(0, 1e6)}` } : { [k % 2 ? 'x-amzn-RequestId' : 'x-amzn-requestid']: `${operation}-${k}-${r.text([...'abcdef0123456789-'], 24)}` });
  return Array.from({ length: count }, (_, k) => {
    const headers = { 'content-type': 'application/json', ...requestIds(k) };
    if (!output) {
      const body = ['{}', '', '{}', '{"someFutureMember":{"a":1}}', '', '{ }'][k] ?? '{}';
      return { body, headers, note: body === '' ? 'no body' : body, unknowns: [] };
    }
    const unknowns = [];
    const opts = [
      { optional: 1 },
      { optional: 0 },
      { optional: 1, unknownUnion: 1 },
      { optional: 1, unknownUnion: 0.5, extraMembers: 0.5 },
      { optional: 1, otherTimestampFormat: hasTimestamps(model, output) },
      { optional: 1, unknownUnion: 'inner' },
      { optional: 0.5 },
      { optional: 1, unknownUnion: 'innermost' },
    ][k] ?? { optional: 0.5 };
    const value = modelOutput(r, operation, { model, ...opts, unknowns });
    const note = Object.entries(opts).map(([o, v]) => `${o}=${v}`).join(' ');
    // The generator's own check: a body with nothing unknown and timestamps in the model's
    // format conforms to the output shape as the local endpoint's reading of the model says.
    const modelValid = !opts.unknownUnion && !opts.extraMembers && !opts.otherTimestampFormat;
    if (modelValid) assert.deepEqual(outputViolations(output, value), [], `${operation} body ${k} conforms to ${output}`);
    return { body: JSON.stringify(value), headers, note, unknowns };
  });
}

/**
 * botocore's reading in the JS SDK's form (see the file's comment), with `raw` the body's JSON;
 * a time in whole milliseconds (truncated), or with `fraction` in milliseconds with botocore's
 * microseconds as the fraction.
 */
function fromBotocore(value, raw, fraction = false) {
  if (Array.isArray(value)) return value.map((v, i) => fromBotocore(v, raw?.[i], fraction));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$date_us') return { $date: fraction ? value.$date_us / 1000 : Math.floor(value.$date_us / 1000) };
    if (keys.length === 1 && keys[0] === 'SDK_UNKNOWN_MEMBER') {
      const name = value.SDK_UNKNOWN_MEMBER.name;
      return { $unknown: [name, raw?.[name]] };
    }
    return Object.fromEntries(keys.map((k) => [k, fromBotocore(value[k], raw?.[k], fraction)]));
  }
  return value;
}

/** Our reading as plain JSON values: a Date as { $date: ms }, keys with `undefined` left out. */
function plain(value) {
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/**
 * Every difference between our reading and botocore's: [path, ours, botocore]. With
 * `nearestMillisecond`, a time of ours is the same as botocore's when it is the millisecond
 * nearest to botocore's (either one, half-way).
 */
function differences(ours, theirs, path = '', out = [], nearestMillisecond = false) {
  if (Object.is(ours, theirs)) return out;
  if (nearestMillisecond && path.endsWith('.$date') && typeof ours === 'number' && typeof theirs === 'number') {
    if (!(Math.abs(ours - theirs) <= 0.5)) out.push([path, ours, theirs]);
    return out;
  }
  const isObject = (v) => v !== null && typeof v === 'object';
  if (!isObject(ours) || !isObject(theirs) || Array.isArray(ours) !== Array.isArray(theirs)) {
    // A number JSON wrote as 1.0 is 1 in both; anything else differing is a mismatch.
    if (!(typeof ours === 'number' && typeof theirs === 'number' && ours === theirs)) out.push([path || '(root)', ours, theirs]);
    return out;
  }
  if (Array.isArray(ours) && ours.length !== theirs.length) {
    out.push([`${path}.length`, ours.length, theirs.length]);
    return out;
  }
  for (const k of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const at = Array.isArray(ours) ? `${path}[${k}]` : `${path}.${k}`;
    if (!(k in theirs)) out.push([at, ours[k], '(absent)']);
    else if (!(k in ours)) out.push([at, '(absent)', theirs[k]]);
    else differences(ours[k], theirs[k], at, out, nearestMillisecond);
  }
  return out;
}

/**
 * What botocore reads from `answers` ([{ operation, status, headers, body }]) for `service`:
 * { botocore: version, results: [the parsed dict made JSON, or { error }] }.
 */
export const botocoreReads = (service, list) => botocore(answerOracle, service, list.map(({ operation, status, headers, body }) => ({
  operation,
  status,
  // As botocore's HTTP layer gives them to the parser: names compared without case.
  headers: Object.fromEntries(Object.entries(headers).map(([n, v]) => [n.toLowerCase(), v])),
  body,
})));

/**
 * botocore's reading (`theirs`, from `botocoreReads` or botocore_calls.py) of an answer whose
 * body was `body` against our output (members and `$metadata`): every difference as [what,
 * ours, botocore]. Options: `nearestMillisecond` (times with microseconds, as moto writes
 * them: ours must be the millisecond nearest botocore's, as the JS SDK rounds epoch
 * seconds); `requestId: false` when the two readings are of two answers (a live server's).
 */
export function readingDifferences(output, theirs, body, { nearestMillisecond = false, requestId = true } = {}) {
  const out = [];
  const { $metadata, ...members } = output ?? {};
  const { ResponseMetadata: meta, ...expected } = theirs;
  if ($metadata?.httpStatusCode !== meta.HTTPStatusCode) out.push(['$metadata.httpStatusCode', $metadata?.httpStatusCode, meta.HTTPStatusCode]);
  if (requestId && ($metadata?.requestId ?? null) !== (meta.RequestId ?? null)) out.push(['$metadata.requestId', $metadata?.requestId, meta.RequestId]);
  const raw = body === '' ? {} : JSON.parse(body);
  for (const [path, ours, botocore_] of differences(plain(members), fromBotocore(expected, raw, nearestMillisecond), '', [], nearestMillisecond)) out.push([`output${path}`, ours, botocore_]);
  return out;
}

const lowerFirst = (name) => name[0].toLowerCase() + name.slice(1);

/**
 * `perOperation` answer bodies of every operation of `service` (see `answers`), each read by
 * a client `newClient(config)` of the entry whose `fetch` gives that answer (by the
 * operation's method for even cases, by `send` for odd ones) and by botocore. Resolves to
 * { operations, perOperation: {op: answers}, seen, unions: { known, unknown } (the union
 * members answered, `Shape.member`, and the unions answered with an unknown member),
 * allUnionMembers, allUnions (those of the unions that an answer may hold), mismatches,
 * cases, botocore, oracleMs }.
 */
export async function answerParity({ service, newClient, perOperation, seed }) {
  const { model } = services[service];
  const operations = Object.keys(model.operations);
  const r = rng(seed);
  const cases = [];
  for (const operation of operations) {
    for (const [k, answer] of answers(r, service, operation, perOperation).entries()) {
      cases.push({ operation, case: k, input: modelInput(r, operation, { model }), status: 200, ...answer });
    }
  }

  const t0 = performance.now();
  const boto = botocoreReads(service, cases);
  const oracleMs = performance.now() - t0;
  assert.equal(boto.results.length, cases.length);

  const mismatches = [];
  const counts = Object.fromEntries(operations.map((op) => [op, 0]));
  const unions = { known: new Set(), unknown: new Set() };
  const seen = { dates: 0, fractionalDates: 0, epochDates: 0, unknownUnions: 0, unions: 0, longs: 0, doubles: 0, booleans: 0, maps: 0, lists: 0, emptyOutputs: 0, noBody: 0, requestIds: 0 };
  for (const [i, c] of cases.entries()) {
    const theirs = boto.results[i];
    const fail = (what, ours, botocore_) => mismatches.push({
      operation: c.operation, where: `body ${c.case} (${c.note})`, what, ours, theirs: botocore_,
      details: [`body: ${c.body.length > 400 ? `${c.body.slice(0, 400)}… (${c.body.length} chars)` : JSON.stringify(c.body)}`],
    });
    counts[c.operation]++;
    if (theirs.error) {
      fail('botocore cannot read the body', '', theirs.error);
      continue;
    }
    let output;
    try {
      const client = newClient({
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
        fetch: async () => new Response(c.body, { status: 200, headers: c.headers }),
        jitter: () => 0,
      });
      output = c.case % 2 === 0 ? await client[lowerFirst(c.operation)](c.input) : await client.send(c.operation, c.input);
    } catch (e) {
      fail('the client rejects the answer', `${e?.name}: ${e?.message}`, '(an output)');
      continue;
    }
    for (const [what, ours, botocore_] of readingDifferences(output, theirs, c.body)) fail(what, ours, botocore_);
    if (theirs.ResponseMetadata.RequestId) seen.requestIds++;

    const outputShape = outputWithMembers(model, c.operation);
    if (!outputShape) {
      seen.emptyOutputs++;
      if (c.body === '') seen.noBody++;
      continue;
    }
    visit(outputShape, JSON.parse(c.body), (shapeName, value) => {
      const shape = model.shapes[shapeName];
      if (shape.type === 'timestamp') {
        seen.dates++;
        if (typeof value === 'string' && value.includes('.')) seen.fractionalDates++;
        if (typeof value === 'number') seen.epochDates++;
      }
      if (shape.union) {
        seen.unions++;
        for (const name of Object.keys(value)) if (name in shape.members) unions.known.add(`${shapeName}.${name}`);
      }
      if (shape.type === 'long') seen.longs++;
      if (shape.type === 'double') seen.doubles++;
      if (shape.type === 'boolean') seen.booleans++;
      if (shape.type === 'map') seen.maps++;
      if (shape.type === 'list') seen.lists++;
    }, model);
    seen.unknownUnions += c.unknowns.length;
    for (const [, , , union] of c.unknowns) unions.unknown.add(union);
  }
  const answered = new Set(operations.flatMap((op) => [...reachable(model, model.operations[op].output?.shape)]));
  const allUnions = [...answered].filter((name) => model.shapes[name].union).sort();
  const allUnionMembers = allUnions.flatMap((union) => Object.keys(model.shapes[union].members).map((m) => `${union}.${m}`)).sort();
  return { operations, perOperation: counts, seen, unions, allUnions, allUnionMembers, mismatches, cases: cases.length, botocore: boto.botocore, oracleMs };
}
