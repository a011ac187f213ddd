// The client under injected faults, in Node 20: a fault proxy (fault-proxy.mjs) in front of
// the local endpoint, which applies what reaches it (a Create… creates) and answers a second
// create of the same name with ConflictException. For each fault, a List… and a Create…:
// attempts counted at the proxy, the gaps between them measured there with the jitter fixed
// at 1 (throttling backs off 500 then 1000 ms, other errors 100 then 200 ms, as the AWS SDK's
// standard mode); an operation whose output has no members reads no body, so a broken 2xx
// answer is a success; a conflict after an attempt that got no answer says the call may have
// made the resource itself; and the SDK's own gaps through the same proxy, beside ours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import wasm from '../node/wasm.mjs';
import { startLocalEndpoint, DEMO_CREDENTIALS, DEMO_MEMBERSHIP, SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import { startFaultProxy, gapsOf } from './fault-proxy.mjs';
import { measureGaps, RANDOM } from '../../bench/retry-gaps.mjs';

const TIMEOUT_MS = 300;
/** How far a gap measured at the proxy may be from the backoff: timers fire late, never early (a few ms of socket events aside). */
const EARLY_MS = 15;
const LATE_MS = 90;
const ALGORITHM = SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn;
const NOTE = /An earlier attempt of this call got no answer, a timeout or a lost connection, and may have succeeded/;

/** Faults answered with an error: nothing reached the endpoint, or it is known to have failed. */
const KNOWN_OUTCOME = ['status500', 'html503', 'throttle429', 'resetBefore'];
/** Faults after which the endpoint has applied the request but the client has no answer. */
const UNKNOWN_OUTCOME = ['lost', 'resetDuring', 'slow'];
/** 2xx answers whose body is not the output: not retried. */
const BROKEN_SUCCESS = ['truncated200', 'garbage200'];

let endpoint, proxy;
before(async () => {
  endpoint = await startLocalEndpoint({ port: 0, log: () => {} });
  proxy = await startFaultProxy(endpoint.url, { slowMs: TIMEOUT_MS + 400 });
});
after(async () => {
  await proxy?.close();
  await endpoint?.close();
});

/** A new client each time: the retry quota of one client is not what a scenario measures. */
const newClient = () => new wasm.CleanRoomsMlClient({
  region: 'us-east-1', endpoint: proxy.url, credentials: DEMO_CREDENTIALS, maxAttempts: 3, requestTimeoutMs: TIMEOUT_MS, jitter: () => 1,
});

/** Runs `call` with `faults` planned for its first attempts: { output | error, exchanges, gaps }. */
async function underFaults(faults, call) {
  proxy.plan(faults);
  const from = proxy.exchanges.length;
  const outcome = {};
  try {
    outcome.output = await call(newClient());
  } catch (error) {
    outcome.error = error;
  }
  assert.equal(proxy.pending(), 0, 'every planned fault was met');
  const exchanges = proxy.exchanges.slice(from);
  return { ...outcome, exchanges, gaps: gapsOf(exchanges) };
}

function assertGaps(gaps, expected) {
  assert.equal(gaps.length, expected.length, `gaps ${gaps}`);
  gaps.forEach((gap, i) => assert.ok(gap >= expected[i] - EARLY_MS && gap <= expected[i] + LATE_MS, `gap ${i + 1}: ${gap.toFixed(1)} ms, expected ${expected[i]} ms (all: ${gaps.map(Math.round)})`));
}

const expectedGaps = (fault) => (fault === 'throttle429' ? [500, 1000] : [100, 200]);
const list = (client) => client.listTrainingDatasets({});
const create = (name) => (client) => client.createConfiguredModelAlgorithmAssociation({ membershipIdentifier: DEMO_MEMBERSHIP, configuredModelAlgorithmArn: ALGORITHM, name });

/** How many associations of the demo membership are named `name`, read past the proxy. */
async function associationsNamed(name) {
  const { configuredModelAlgorithmAssociations } = await newClient().listConfiguredModelAlgorithmAssociations({ membershipIdentifier: DEMO_MEMBERSHIP });
  return configuredModelAlgorithmAssociations.filter((a) => a.name === name).length;
}

for (const fault of [...KNOWN_OUTCOME, ...UNKNOWN_OUTCOME]) {
  test(`${fault} twice: a List… is retried after the SDK's backoff and succeeds`, async () => {
    const { output, error, exchanges, gaps } = await underFaults([fault, fault], list);
    assert.equal(error, undefined, error?.message);
    assert.equal(exchanges.length, 3);
    assert.deepEqual(exchanges.map((e) => e.fault), [fault, fault, 'pass']);
    assert.equal(output.$metadata.attempts, 3);
    assertGaps(gaps, expectedGaps(fault));
    assert.equal(output.$metadata.totalRetryDelay, expectedGaps(fault)[0] + expectedGaps(fault)[1]);
  });
}

for (const fault of KNOWN_OUTCOME) {
  test(`${fault} twice: a Create… is retried and creates once, as if nothing had failed`, async () => {
    const name = `known ${fault}`;
    const { output, error, exchanges, gaps } = await underFaults([fault, fault], create(name));
    assert.equal(error, undefined, error?.message);
    assert.equal(exchanges.length, 3);
    assert.equal(output.$metadata.attempts, 3);
    assert.match(output.configuredModelAlgorithmAssociationArn, /configured-model-algorithm-association\//);
    assertGaps(gaps, expectedGaps(fault));
    assert.equal(await associationsNamed(name), 1);
  });
}

for (const fault of UNKNOWN_OUTCOME) {
  test(`${fault} twice: a Create… applied by its first attempt ends in a ConflictException that says so`, async () => {
    const name = `unknown ${fault}`;
    const { error, exchanges, gaps } = await underFaults([fault, fault], create(name));
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ConflictException');
    assert.equal(error.earlierAttemptMayHaveSucceeded, true);
    assert.match(error.message, /already exists/);
    assert.match(error.message, NOTE);
    assert.equal(error.$metadata.attempts, 3);
    assert.equal(error.$metadata.httpStatusCode, 409);
    assert.equal(exchanges.length, 3);
    assertGaps(gaps, [100, 200]);
    assert.equal(await associationsNamed(name), 1, 'the first attempt created it');
  });
}

for (const fault of BROKEN_SUCCESS) {
  for (const [what, call] of [['List…', list], ['Create…', create(`broken ${fault}`)]]) {
    test(`${fault}: a ${what} is not retried and fails with InvalidResponseError`, async () => {
      const { error, exchanges } = await underFaults([fault], call);
      assert.equal(error?.name, 'InvalidResponseError');
      assert.match(error.message, /^HTTP 200 OK with a body that is not JSON/);
      assert.equal(error.$metadata.attempts, 1);
      assert.equal(error.$metadata.httpStatusCode, 200);
      assert.equal(error.earlierAttemptMayHaveSucceeded, undefined);
      assert.equal(exchanges.length, 1);
    });
  }
}

test('an operation whose output has no members reads no body: a broken 200 to TagResource and UntagResource is a success', async () => {
  const resourceArn = SEEDED_ALGORITHMS[1].configuredModelAlgorithmArn;
  for (const fault of ['garbage200', 'truncated200', 'resetDuring']) {
    const { output, error, exchanges } = await underFaults([fault], (client) => client.tagResource({ resourceArn, tags: { [fault]: 'applied' } }));
    assert.equal(error, undefined, `${fault}: ${error?.name} ${error?.message}`);
    assert.deepEqual(output.$metadata, { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0, ...(output.$metadata.requestId ? { requestId: output.$metadata.requestId } : {}) });
    assert.equal(exchanges.length, 1, `${fault}: not retried`);
  }
  const untagged = await underFaults(['garbage200'], (client) => client.untagResource({ resourceArn, tagKeys: ['garbage200'] }));
  assert.equal(untagged.error, undefined, untagged.error?.message);
  const { tags } = await newClient().listTagsForResource({ resourceArn });
  assert.deepEqual(tags, { team: 'data-science', truncated200: 'applied', resetDuring: 'applied' });
  // The same broken answers to an operation with output members are still failures.
  const read = await underFaults(['garbage200'], (client) => client.listTagsForResource({ resourceArn }));
  assert.equal(read.error?.name, 'InvalidResponseError');
});

test('a conflict after attempts answered with errors (a 500, a 429) does not claim an earlier attempt may have succeeded', async () => {
  const name = 'conflict after known outcomes';
  assert.equal((await underFaults([], create(name))).error, undefined);
  const { error, exchanges, gaps } = await underFaults(['status500', 'throttle429'], create(name));
  assert.equal(error?.name, 'ConflictException');
  assert.equal(error.$metadata.attempts, 3);
  assert.equal(exchanges.length, 3);
  assert.equal('earlierAttemptMayHaveSucceeded' in error, false);
  assert.doesNotMatch(error.message, NOTE);
  // 100 ms after the 500 (retry 1), then 1000 ms after the 429 (retry 2, throttling base).
  assertGaps(gaps, [100, 1000]);
  const first = await underFaults([], create(name));
  assert.equal(first.error?.name, 'ConflictException');
  assert.equal('earlierAttemptMayHaveSucceeded' in first.error, false, 'a conflict at the first attempt');
  assert.equal(await associationsNamed(name), 1);
});

test('a timeout, then a 500, then a conflict: the unanswered first attempt still counts', async () => {
  const name = 'conflict after a timeout and a 500';
  const { error, exchanges } = await underFaults(['slow', 'status500'], create(name));
  assert.equal(error?.name, 'ConflictException');
  assert.equal(error.earlierAttemptMayHaveSucceeded, true);
  assert.equal(exchanges.length, 3);
});

test(`the AWS SDK's gaps through the same proxy agree with ours (Math.random = ${RANDOM})`, async () => {
  const rows = await measureGaps();
  for (const scenario of new Set(rows.map((r) => r.scenario))) {
    const [ours, sdk] = ['cleanroomsml-wasm', 'AWS SDK v3'].map((client) => rows.find((r) => r.scenario === scenario && r.client === client));
    assert.equal(ours.attempts, 3, scenario);
    assert.equal(sdk.attempts, 3, scenario);
    assert.equal(ours.totalRetryDelay, sdk.totalRetryDelay, `${scenario}: the same computed waits`);
    const expected = scenario.startsWith('429') ? [499, 999] : [99, 199];
    assert.equal(ours.totalRetryDelay, expected[0] + expected[1], scenario);
    assertGaps(ours.gaps, expected);
    assertGaps(sdk.gaps, expected);
  }
});
