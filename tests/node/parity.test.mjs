// Parity with the SDKs users trust, on generated inputs: the authorization header equals
// botocore's and the JS SDK signer's (@smithy/signature-v4) for the same request; the
// method and the URL (the query in botocore's order) equal those botocore's cleanroomsml
// client builds, and the body is JSON-equal to what that client serializes (captured before
// sending). The second test does this for every operation of the model, from inputs
// generated from the model alone (generate.mjs), and lists every mismatch before failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import wasm from './wasm.mjs';
import { rng, validInput, MODEL_OPERATIONS, modelInput, visit } from './generate.mjs';
import { model, violations } from '../../scripts/service-model.mjs';

const CASES = 300;
const python = new URL('../../.venv/bin/python', import.meta.url).pathname;
const oracle = new URL('./botocore_oracle.py', import.meta.url).pathname;

function cases() {
  const r = rng(20261127);
  return Array.from({ length: CASES }, (_, i) => {
    const credentials = {
      accessKeyId: 'AKIA' + r.text([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'], 16),
      secretAccessKey: r.text([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+'], 40),
    };
    if (i % 3 === 0) credentials.sessionToken = r.text([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+='], 120);
    const region = r.pick(['us-east-1', 'eu-west-2', 'ap-southeast-1', 'us-gov-west-1', 'cn-north-1']);
    const signingDateMs = Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23), r.int(0, 59), r.int(0, 59));
    const input = validInput(r);
    const request = wasm.createSignedRequest(input, { region, credentials, signingDate: signingDateMs });
    return { input, region, credentials, signingDateMs, request };
  });
}

async function smithyAuthorization({ request, region, credentials, signingDateMs }) {
  const url = new URL(request.url);
  const headers = { ...request.headers };
  for (const computed of ['authorization', 'x-amz-date', 'x-amz-security-token']) delete headers[computed];
  // applyChecksum: false — the same headers as ours; x-amz-content-sha256 is for S3, this
  // service does not need it (botocore does not send it either).
  const signer = new SignatureV4({ service: 'cleanrooms-ml', region, credentials, sha256: Sha256, applyChecksum: false });
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

test(`${CASES} generated inputs sign, route and serialize as botocore and the JS SDK do`, async () => {
  const all = cases();
  const boto = JSON.parse(execFileSync(python, [oracle], { input: JSON.stringify(all), maxBuffer: 64 << 20 }));
  assert.equal(boto.results.length, all.length);
  let sessionTokens = 0;
  for (const [i, c] of all.entries()) {
    const ours = c.request;
    const expect = boto.results[i];
    assert.equal(ours.headers.authorization, expect.authorization, `case ${i}: authorization vs botocore`);
    assert.equal(ours.headers.authorization, await smithyAuthorization(c), `case ${i}: authorization vs @smithy/signature-v4`);
    assert.equal(ours.url, expect.url, `case ${i}: URL vs botocore's client`);
    assert.deepEqual(JSON.parse(ours.body), JSON.parse(expect.body), `case ${i}: body vs botocore's client`);
    if (c.credentials.sessionToken) {
      sessionTokens++;
      assert.equal(ours.headers['x-amz-security-token'], c.credentials.sessionToken);
    }
  }
  assert.ok(sessionTokens > 50, 'some cases carry a session token');
});


const PER_OPERATION = 24;

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

/** The members of `input` (a string of at most `n` characters), for a failure's report. */
const brief = (value, n = 600) => {
  const text = JSON.stringify(toOracle(value));
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

const short = (v) => {
  const text = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
};

test(`every operation of the model: ${PER_OPERATION} generated inputs each validate, sign, route and serialize as botocore and the JS SDK do`, async () => {
  assert.equal(MODEL_OPERATIONS.length, 59, 'the model has 59 operations');
  const r = rng(20261203);
  const all = [];
  const mismatches = [];
  const mismatch = (c, what, ours, theirs, extra = '') => mismatches.push({ c, what, ours, theirs, extra });
  for (const operation of MODEL_OPERATIONS) {
    for (let i = 0; i < PER_OPERATION; i++) {
      const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: r.text([...'abcdefXYZ0123456789/+'], 40) };
      if (i % 2 === 0) credentials.sessionToken = r.text([...'abcdefXYZ0123456789/+='], 80);
      const region = r.pick(['us-east-1', 'eu-west-2', 'ap-southeast-1', 'us-gov-west-1', 'cn-north-1']);
      const signingDateMs = Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23), r.int(0, 59), r.int(0, 59));
      let input = modelInput(r, operation);
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
      const validation = (() => { try { return wasm.validate(operation, input); } catch (e) { return { ok: false, issues: [String(e)] }; } })();
      if (!validation.ok) mismatch(c, 'validate refuses a model-valid input', validation.issues, { ok: true });
      try {
        c.request = wasm.createSignedRequest(operation, input, { region, credentials, signingDate: signingDateMs });
      } catch (e) {
        mismatch(c, 'createSignedRequest throws', `${e.name}: ${e.message}`, '(a request)');
        continue;
      }
      all.push(c);
    }
  }

  const t0 = performance.now();
  const oracleCases = all.map(({ operation, input, region, credentials, signingDateMs, request }) => ({ operation, input: toOracle(input), region, credentials, signingDateMs, request }));
  const boto = JSON.parse(execFileSync(python, [oracle], { input: JSON.stringify(oracleCases), maxBuffer: 256 << 20 }));
  const oracleMs = performance.now() - t0;
  assert.equal(boto.results.length, all.length);

  const perOperation = Object.fromEntries(MODEL_OPERATIONS.map((op) => [op, 0]));
  const seen = { query: 0, repeatedQuery: 0, emptyTagKeys: 0, noBody: 0, dates: 0, millisecondDates: 0, unions: 0, shuffledQueries: 0, sessionTokens: 0 };
  for (const [k, c] of all.entries()) {
    const ours = c.request;
    const expect = boto.results[k];
    perOperation[c.operation]++;
    if (expect.error) { mismatch(c, 'botocore refuses the input', '(accepted)', expect.error); continue; }
    if (ours.method !== expect.method) mismatch(c, 'method', ours.method, expect.method);
    if (ours.url !== expect.url) mismatch(c, 'URL', ours.url, expect.url);
    if (expect.body === '' || ours.body === '') {
      if (ours.body !== expect.body) mismatch(c, 'body (one has none)', ours.body, expect.body);
    } else {
      const d = firstDifference(parsed(ours.body), parsed(expect.body));
      if (d) mismatch(c, `body at ${d[0]}`, d[1], d[2], `ours: ${short(ours.body)}\n      botocore: ${short(expect.body)}`);
    }
    if ((ours.headers['content-type'] ?? null) !== (expect.contentType ?? null)) mismatch(c, 'content-type', ours.headers['content-type'], expect.contentType);
    if (ours.headers.authorization !== expect.authorization) mismatch(c, 'authorization vs botocore SigV4Auth', ours.headers.authorization, expect.authorization);
    const smithy = await smithyAuthorization(c);
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
      });
    }
  }

  const counts = Object.entries(perOperation);
  const thin = counts.filter(([, n]) => n < 20);
  const report = mismatches.slice(0, 12).map(({ c, what, ours, theirs, extra }) => [
    `  ${c.operation} case ${c.case}${c.shuffled ? ' (members shuffled)' : ''}, ${c.region}: ${what}`,
    `      ours:     ${short(ours)}`,
    `      botocore: ${short(theirs)}`,
    ...(extra ? [`      ${extra}`] : []),
    `      input: ${brief(c.input)}`,
  ].join('\n'));
  const byOperation = {};
  for (const { c, what } of mismatches) byOperation[`${c.operation}: ${what.replace(/ at .*/, '')}`] = (byOperation[`${c.operation}: ${what.replace(/ at .*/, '')}`] ?? 0) + 1;
  if (mismatches.length) {
    assert.fail(`${mismatches.length} mismatches with botocore ${boto.botocore} / @smithy/signature-v4 in ${all.length} cases:\n`
      + `${Object.entries(byOperation).map(([k, n]) => `  ${n} × ${k}`).join('\n')}\nThe first ${report.length}:\n${report.join('\n')}`);
  }
  assert.deepEqual(thin, [], `at least 20 cases for every operation: ${JSON.stringify(perOperation)}`);
  assert.equal(counts.length, 59);
  assert.ok(seen.query > 200 && seen.repeatedQuery > 5 && seen.emptyTagKeys > 0 && seen.noBody > 300 && seen.shuffledQueries > 10, `covered: ${JSON.stringify(seen)}`);
  assert.ok(seen.dates > 10 && seen.millisecondDates > 3 && seen.unions > 20 && seen.sessionTokens > 500, `covered: ${JSON.stringify(seen)}`);
  console.log(`# ${all.length} cases, ${Object.keys(perOperation).length} operations (${Math.min(...Object.values(perOperation))}–${Math.max(...Object.values(perOperation))} each), botocore ${boto.botocore} in ${Math.round(oracleMs)} ms; covered ${JSON.stringify(seen)}`);
});
