// Answers read as botocore reads them: for every operation of the model, bodies its answer
// may have (generate.mjs's modelOutput: every member the model gives, timestamps in ISO 8601
// with 0 to 9 fractional digits, longs, doubles, booleans, unions, nested lists and maps;
// `{}` and no body for the operations without output) are given to the client through a
// stub `fetch`, and to botocore's own restJson1 parser (botocore_answers.py) with the
// operation's output shape; the two readings are compared value by value.
//
// How the two readings are compared:
// - a timestamp: our `Date` against botocore's datetime, in epoch milliseconds (the bodies'
//   digits past the millisecond are below 5, so truncating and rounding agree);
// - an unknown union member: botocore keeps its name only, `{'SDK_UNKNOWN_MEMBER': {'name':
//   n}}`; the AWS SDK for JavaScript gives `{ $unknown: [n, value] }` with the member's JSON
//   value, which is what the client must give: the name is botocore's, the value the body's;
// - `$metadata.httpStatusCode` and `$metadata.requestId` against botocore's
//   `ResponseMetadata.HTTPStatusCode` and `RequestId` (from `x-amzn-requestid`, or
//   `x-amz-request-id` when that is the only one, as botocore and the JS SDK read them);
// - everything else as JSON values: the same members, no more, no fewer.
// Every mismatch is listed (the first few in full) before the test fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import wasm from './wasm.mjs';
import { rng, MODEL_OPERATIONS, modelInput, modelOutput, visit } from './generate.mjs';
import { model, outputViolations } from '../../scripts/service-model.mjs';

const PER_OPERATION = 7;
const python = new URL('../../.venv/bin/python', import.meta.url).pathname;
const parser = new URL('./botocore_answers.py', import.meta.url).pathname;

const lowerFirst = (name) => name[0].toLowerCase() + name.slice(1);
const hasTimestamps = (shapeName, seen = new Set()) => {
  if (!shapeName || seen.has(shapeName)) return false;
  seen.add(shapeName);
  const s = model.shapes[shapeName];
  if (s.type === 'timestamp') return true;
  const next = [...Object.values(s.members ?? {}).map((m) => m.shape), s.member?.shape, s.value?.shape];
  return next.some((n) => hasTimestamps(n, seen));
};

/**
 * The answers for one operation: [{ body (text), headers, note }]. Bodies 0–1 hold every
 * optional member / none; 2 has every union reached answer with an unknown member; 3 some,
 * with members unknown to the model in structures too; 4 has timestamps as epoch seconds
 * (not the model's format, but botocore reads them) where the output has timestamps; 5 has
 * unknown members in the unions nested in another union's member; 6 is at random.
 */
function answers(r, operation) {
  const output = model.operations[operation].output?.shape;
  const requestIds = (k) => (k === 5 ? {} : k === 6 ? { 'x-amz-request-id': `amz-${k}-${r.int(0, 1e6)}` } : { [k % 2 ? 'x-amzn-RequestId' : 'x-amzn-requestid']: `${operation}-${k}-${r.text([...'abcdef0123456789-'], 24)}` });
  return Array.from({ length: PER_OPERATION }, (_, k) => {
    const headers = { 'content-type': 'application/json', ...requestIds(k) };
    if (!output) {
      const body = ['{}', '', '{}', '{"someFutureMember":{"a":1}}', '', '{ }', '{}'][k];
      return { body, headers, note: body === '' ? 'no body' : body, unknowns: [] };
    }
    const unknowns = [];
    const opts = [
      { optional: 1 },
      { optional: 0 },
      { optional: 1, unknownUnion: 1 },
      { optional: 1, unknownUnion: 0.5, extraMembers: 0.5 },
      { optional: 1, epochSeconds: hasTimestamps(output) },
      { optional: 1, unknownUnion: 'inner' },
      { optional: 0.5 },
    ][k];
    const value = modelOutput(r, operation, { ...opts, unknowns });
    const note = Object.entries(opts).map(([o, v]) => `${o}=${v}`).join(' ');
    // The generator's own check: a body with nothing unknown and ISO 8601 timestamps
    // conforms to the output shape as the local endpoint's reading of the model says.
    const modelValid = !opts.unknownUnion && !opts.extraMembers && !opts.epochSeconds;
    if (modelValid) assert.deepEqual(outputViolations(output, value), [], `${operation} body ${k} conforms to ${output}`);
    return { body: JSON.stringify(value), headers, note, unknowns };
  });
}

/** botocore's reading in the JS SDK's form (see the file's comment), with `raw` the body's JSON. */
function fromBotocore(value, raw) {
  if (Array.isArray(value)) return value.map((v, i) => fromBotocore(v, raw?.[i]));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$date_us') return { $date: Math.floor(value.$date_us / 1000) };
    if (keys.length === 1 && keys[0] === 'SDK_UNKNOWN_MEMBER') {
      const name = value.SDK_UNKNOWN_MEMBER.name;
      return { $unknown: [name, raw?.[name]] };
    }
    return Object.fromEntries(keys.map((k) => [k, fromBotocore(value[k], raw?.[k])]));
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

/** Every difference between our reading and botocore's: [path, ours, botocore]. */
function differences(ours, theirs, path = '', out = []) {
  if (Object.is(ours, theirs)) return out;
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
    else differences(ours[k], theirs[k], at, out);
  }
  return out;
}

const short = (v) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 240 ? `${text.slice(0, 240)}… (${text.length} chars)` : text;
};

/** A client whose `fetch` answers every request with `answer`. */
function clientAnswering(answer) {
  const fetch = async () => new Response(answer.body, { status: 200, headers: answer.headers });
  return new wasm.CleanRoomsMlClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    fetch,
    jitter: () => 0,
  });
}

test(`every operation of the model: ${PER_OPERATION} answer bodies each are read by the client as botocore's restJson1 parser reads them`, async () => {
  assert.equal(MODEL_OPERATIONS.length, 59, 'the model has 59 operations');
  const r = rng(20261204);
  const cases = [];
  for (const operation of MODEL_OPERATIONS) {
    for (const [k, answer] of answers(r, operation).entries()) {
      cases.push({ operation, case: k, input: modelInput(r, operation), ...answer });
    }
  }

  const t0 = performance.now();
  const boto = JSON.parse(execFileSync(python, [parser], {
    input: JSON.stringify(cases.map(({ operation, body, headers }) => ({
      operation,
      status: 200,
      // As botocore's HTTP layer gives them to the parser: names compared without case.
      headers: Object.fromEntries(Object.entries(headers).map(([n, v]) => [n.toLowerCase(), v])),
      body,
    }))),
    maxBuffer: 256 << 20,
  }));
  const oracleMs = performance.now() - t0;
  assert.equal(boto.results.length, cases.length);

  const mismatches = [];
  const perOperation = Object.fromEntries(MODEL_OPERATIONS.map((op) => [op, 0]));
  const unions = { known: new Set(), unknown: new Set() };
  const seen = { dates: 0, fractionalDates: 0, unknownUnions: 0, unions: 0, longs: 0, doubles: 0, booleans: 0, maps: 0, lists: 0, emptyOutputs: 0, noBody: 0, requestIds: 0 };
  for (const [i, c] of cases.entries()) {
    const theirs = boto.results[i];
    const fail = (what, ours, botocore) => mismatches.push({ c, what, ours, botocore });
    perOperation[c.operation]++;
    if (theirs.error) {
      fail('botocore cannot read the body', '', theirs.error);
      continue;
    }
    let output;
    try {
      // The named method for even cases, the generic send for odd ones.
      const client = clientAnswering(c);
      output = c.case % 2 === 0 ? await client[lowerFirst(c.operation)](c.input) : await client.send(c.operation, c.input);
    } catch (e) {
      fail('the client rejects the answer', `${e?.name}: ${e?.message}`, '(an output)');
      continue;
    }
    const { $metadata, ...members } = output ?? {};
    const { ResponseMetadata: meta, ...expected } = theirs;
    if ($metadata?.httpStatusCode !== meta.HTTPStatusCode) fail('$metadata.httpStatusCode', $metadata?.httpStatusCode, meta.HTTPStatusCode);
    if (($metadata?.requestId ?? null) !== (meta.RequestId ?? null)) fail('$metadata.requestId', $metadata?.requestId, meta.RequestId);
    if (meta.RequestId) seen.requestIds++;
    const raw = c.body === '' ? {} : JSON.parse(c.body);
    for (const [path, ours, botocore] of differences(plain(members), fromBotocore(expected, raw))) fail(`output${path}`, ours, botocore);

    const output_ = model.operations[c.operation].output?.shape;
    if (!output_) {
      seen.emptyOutputs++;
      if (c.body === '') seen.noBody++;
      continue;
    }
    visit(output_, raw, (shapeName, value) => {
      const type = model.shapes[shapeName].type;
      if (type === 'timestamp') {
        seen.dates++;
        if (typeof value === 'string' && value.includes('.')) seen.fractionalDates++;
      }
      if (model.shapes[shapeName].union) {
        seen.unions++;
        for (const name of Object.keys(value)) if (name in model.shapes[shapeName].members) unions.known.add(`${shapeName}.${name}`);
      }
      if (type === 'long') seen.longs++;
      if (type === 'double') seen.doubles++;
      if (type === 'boolean') seen.booleans++;
      if (type === 'map') seen.maps++;
      if (type === 'list') seen.lists++;
    });
    seen.unknownUnions += c.unknowns.length;
    for (const [, , , union] of c.unknowns) unions.unknown.add(union);
  }

  const byKind = {};
  for (const { c, what } of mismatches) {
    const key = `${c.operation}: ${what.replace(/\[\d+\]/g, '[]')}`;
    byKind[key] = (byKind[key] ?? 0) + 1;
  }
  const report = mismatches.slice(0, 12).map(({ c, what, ours, botocore }) => [
    `  ${c.operation} body ${c.case} (${c.note}): ${what}`,
    `      ours:     ${short(ours)}`,
    `      botocore: ${short(botocore)}`,
    `      body: ${c.body.length > 400 ? `${c.body.slice(0, 400)}… (${c.body.length} chars)` : JSON.stringify(c.body)}`,
  ].join('\n'));
  if (mismatches.length) {
    assert.fail(`${mismatches.length} mismatches with botocore ${boto.botocore}'s parser in ${cases.length} answers:\n`
      + `${Object.entries(byKind).slice(0, 40).map(([k, n]) => `  ${n} × ${k}`).join('\n')}${Object.keys(byKind).length > 40 ? `\n  … ${Object.keys(byKind).length - 40} more kinds` : ''}\n`
      + `The first ${report.length}:\n${report.join('\n')}`);
  }
  const thin = Object.entries(perOperation).filter(([, n]) => n < 5);
  assert.deepEqual(thin, [], `at least 5 answers for every operation: ${JSON.stringify(perOperation)}`);
  assert.equal(Object.keys(perOperation).length, 59);
  const allUnions = Object.keys(model.shapes).filter((name) => model.shapes[name].union).sort();
  const allUnionMembers = allUnions.flatMap((union) => Object.keys(model.shapes[union].members).map((m) => `${union}.${m}`)).sort();
  assert.deepEqual([...unions.known].sort(), allUnionMembers, 'every union answered with each of its members at least once');
  assert.deepEqual([...unions.unknown].sort(), allUnions, 'every union answered with an unknown member at least once');
  assert.ok(seen.dates > 200 && seen.fractionalDates > 100 && seen.unions > 20 && seen.unknownUnions > 5 && seen.longs > 5 && seen.doubles > 50
    && seen.booleans > 5 && seen.maps > 20 && seen.lists > 50 && seen.emptyOutputs > 40 && seen.noBody > 10 && seen.requestIds > 200, `covered: ${JSON.stringify(seen)}`);
  console.log(`# ${cases.length} answers, ${Object.keys(perOperation).length} operations (${Math.min(...Object.values(perOperation))} each), botocore ${boto.botocore} in ${Math.round(oracleMs)} ms; covered ${JSON.stringify(seen)}`);
});
