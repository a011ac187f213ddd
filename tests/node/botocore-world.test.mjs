// botocore, as a user of both services, drives the whole chain against a started endpoint:
// memberships listed from Clean Rooms, then algorithm → association → input channel →
// trained model → inference job in Clean Rooms ML, each polled until ACTIVE.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startLocalEndpoint, DEMO_CREDENTIALS, DEMO_MEMBERSHIP, EXAMPLE_MEMBERSHIP } from '../../scripts/local-endpoint.mjs';
import { answerProblems } from './tour.mjs';

const PYTHON = fileURLToPath(new URL('../../.venv/bin/python', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./botocore_world.py', import.meta.url));
/** Slow enough that a status outlasts a poll on a busy machine, so that every one is seen. */
const PACE_MS = 500;
let endpoint;
const answers = [];

before(async () => {
  assert.ok(existsSync(PYTHON), `the project's Python with botocore is installed by scripts/bootstrap.sh at ${PYTHON}`);
  endpoint = await startLocalEndpoint({ port: 0, log: () => {}, onAnswer: (answer) => answers.push(answer), paceMs: PACE_MS });
});
after(() => endpoint?.close());

test('botocore: ListMemberships, then association → input channel → trained model → inference job, each polled to ACTIVE', async () => {
  const env = { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' };
  const stdout = await new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, endpoint.url, 'chain'], { env, timeout: 120000 }, (error, out, err) => (error ? reject(new Error(err || error.message)) : resolve(out)));
  });
  const chain = JSON.parse(stdout);
  assert.equal(chain.membership, DEMO_MEMBERSHIP);
  assert.deepEqual(chain.memberships.map((m) => m.id).sort(), [DEMO_MEMBERSHIP, EXAMPLE_MEMBERSHIP].sort());
  assert.deepEqual(chain.steps.map((s) => s.operation), ['CreateConfiguredModelAlgorithmAssociation', 'CreateMLInputChannel', 'CreateTrainedModel', 'StartTrainedModelInferenceJob']);
  for (const step of chain.steps.slice(1)) {
    assert.ok(step.arn.includes(`membership/${DEMO_MEMBERSHIP}/`), step.arn);
    assert.deepEqual(step.statuses, ['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'ACTIVE'], step.operation);
  }
  assert.ok(answers.some((a) => a.service === 'cleanrooms' && a.operation === 'ListMemberships'));
  assert.deepEqual(answerProblems(answers), []);
});
