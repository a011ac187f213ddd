// Parity with the SDKs users trust, on generated inputs: the authorization header equals
// botocore's and the JS SDK signer's (@smithy/signature-v4) for the same request; the
// method and the URL (the query in botocore's order) equal those botocore's cleanroomsml
// client builds, and the body is JSON-equal to what that client serializes (captured before
// sending). The second test does this for every operation of the model, from inputs
// generated from the model alone (botocore-parity.mjs's requestParity, which Clean Rooms'
// entry shares), and lists every mismatch before failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import wasm from './wasm.mjs';
import { rng, validInput, MODEL_OPERATIONS } from './generate.mjs';
import { python, smithyAuthorization, requestParity, failOnMismatches } from './botocore-parity.mjs';

const CASES = 300;
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

test(`${CASES} generated inputs sign, route and serialize as botocore and the JS SDK do`, async () => {
  const all = cases();
  const boto = JSON.parse(execFileSync(python, [oracle], { input: JSON.stringify(all), maxBuffer: 64 << 20 }));
  assert.equal(boto.results.length, all.length);
  let sessionTokens = 0;
  for (const [i, c] of all.entries()) {
    const ours = c.request;
    const expect = boto.results[i];
    assert.equal(ours.headers.authorization, expect.authorization, `case ${i}: authorization vs botocore`);
    assert.equal(ours.headers.authorization, await smithyAuthorization(c, 'cleanrooms-ml'), `case ${i}: authorization vs @smithy/signature-v4`);
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

test(`every operation of the model: ${PER_OPERATION} generated inputs each validate, sign, route and serialize as botocore and the JS SDK do`, async () => {
  assert.equal(MODEL_OPERATIONS.length, 59, 'the model has 59 operations');
  const result = await requestParity({ service: 'cleanroomsml', entry: wasm, perOperation: PER_OPERATION, seed: 20261203 });
  const { perOperation, seen } = result;
  failOnMismatches(result);
  const counts = Object.entries(perOperation);
  const thin = counts.filter(([, n]) => n < 20);
  assert.deepEqual(thin, [], `at least 20 cases for every operation: ${JSON.stringify(perOperation)}`);
  assert.equal(counts.length, 59);
  assert.ok(seen.query > 200 && seen.repeatedQuery > 5 && seen.emptyTagKeys > 0 && seen.noBody > 300 && seen.shuffledQueries > 10, `covered: ${JSON.stringify(seen)}`);
  assert.ok(seen.dates > 10 && seen.millisecondDates > 3 && seen.unions > 20 && seen.sessionTokens > 500, `covered: ${JSON.stringify(seen)}`);
  console.log(`# ${result.cases} cases, ${Object.keys(perOperation).length} operations (${Math.min(...Object.values(perOperation))}–${Math.max(...Object.values(perOperation))} each), botocore ${result.botocore} in ${Math.round(result.oracleMs)} ms; covered ${JSON.stringify(seen)}`);
});
