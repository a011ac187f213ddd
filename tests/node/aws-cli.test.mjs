// The real AWS CLI (awscli from PyPI, in the project's .venv) against the local endpoint:
// the endpoint answers a real AWS client as the service would — the tour of all 59
// Clean Rooms ML operations (tour.mjs) and of all 103 Clean Rooms operations (cleanrooms-tour.mjs), the current model's ranges, pagination with the CLI's own
// --max-items / --page-size / --starting-token — every answer is the model's, and the
// endpoint verifies the CLI's own signatures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startLocalEndpoint, DEMO_CREDENTIALS, COLLABORATION, DEMO_MEMBERSHIP, EXAMPLE_MEMBERSHIP, SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import { model, services } from '../../scripts/service-model.mjs';
import { tour, answerProblems, TOUR_PACE_MS } from './tour.mjs';
import { cleanRoomsTour } from './cleanrooms-tour.mjs';

const AWS = fileURLToPath(new URL('../../.venv/bin/aws', import.meta.url));
const PYTHON = fileURLToPath(new URL('../../.venv/bin/python', import.meta.url));
const MEMBERSHIP = EXAMPLE_MEMBERSHIP;
const ALGORITHM = SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn;
const ASSOCIATION_ARN = new RegExp(`^arn:aws:cleanrooms-ml:us-east-1:\\d{12}:membership/${MEMBERSHIP}/configured-model-algorithm-association/[-\\w/.]+$`);
let endpoint;
const logs = [];
const answers = [];

before(async () => {
  assert.ok(existsSync(AWS), `the AWS CLI is installed by scripts/bootstrap.sh at ${AWS}`);
  endpoint = await startLocalEndpoint({ port: 0, log: (line) => logs.push(line), onAnswer: (answer) => answers.push(answer) });
});
after(() => endpoint?.close());

/** Runs `aws cleanroomsml …args` against the endpoint; resolves to { code, stdout, stderr, json }. */
function aws(...args) {
  return awsAt(endpoint.url, 'cleanroomsml', ...args);
}

/** Runs `aws SERVICE …args` against the endpoint at `url`. */
function awsAt(url, service, ...args) {
  const env = cliEnv();
  const all = [service, ...args, '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'];
  return new Promise((resolve) => {
    execFile(AWS, all, { env, timeout: 120000 }, (error, stdout, stderr) => {
      let json;
      try { json = stdout.trim() ? JSON.parse(stdout) : undefined; } catch { json = undefined; }
      resolve({ code: error ? error.code : 0, stdout, stderr, json });
    });
  });
}

/** The CLI's environment: the demo credentials, no configuration files, no retries. */
function cliEnv() {
  return {
    PATH: process.env.PATH,
    AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
}

/** An operation's command, as botocore's xform_name writes it ("CreateMLInputChannel" → "create-ml-input-channel"). */
const command = (operationName) => operationName
  .replace(/[A-Z]{2,}s$/, (acronym) => `_${acronym.toLowerCase()}`)
  .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
  .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
  .toLowerCase().replaceAll('_', '-');

/**
 * The tour's `call` through the CLI: the input as --cli-input-json (the model's member names),
 * the answer as { status, type, body } from what the CLI prints. The CLI prints nothing for
 * an empty structure, and follows a List's nextToken itself.
 */
const cliCall = (url, service = 'cleanroomsml') => async (operationName, input) => {
  const { model } = services[service];
  if (!CLI_OPERATIONS[service].includes(operationName)) return botocoreCall(url, service, operationName, input);
  const { code, stderr, json } = await awsAt(url, service, command(operationName), '--cli-input-json', JSON.stringify(input));
  if (code === 0) return { status: 200, body: json ?? (model.operations[operationName].output ? {} : undefined) };
  const error = /An error occurred \((\w+)\) when calling the (\w+) operation/.exec(stderr);
  assert.equal(error?.[2], operationName, stderr);
  return { status: model.shapes[error[1]].error.httpStatusCode, type: error[1] };
};

/**
 * The operations the CLI has: awscli 1 carries its own botocore (awscli/botocore), older
 * than the project's, without Clean Rooms' three analysis-log-export operations.
 */
const CLI_OPERATIONS = JSON.parse(execFileSync(PYTHON, ['-c', 'import json, awscli.botocore.session as s; g = s.get_session(); print(json.dumps({n: g.get_service_model(n).operation_names for n in ("cleanrooms", "cleanroomsml")}))']).toString());

/** One call through the project's botocore (tests/node/botocore_world.py), for an operation the CLI lacks. */
function botocoreCall(url, service, operationName, input) {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, [fileURLToPath(new URL('./botocore_world.py', import.meta.url)), url, 'call', service, operationName], { env: cliEnv() }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr));
      else resolve(JSON.parse(stdout));
    });
    child.stdin.end(JSON.stringify(input));
  });
}

/** `create-configured-model-algorithm-association` in `membership`. */
function create(name, privacyConfiguration, membership = MEMBERSHIP) {
  const args = ['create-configured-model-algorithm-association', '--membership-identifier', membership, '--configured-model-algorithm-arn', ALGORITHM, '--name', name];
  if (privacyConfiguration) args.push('--privacy-configuration', JSON.stringify({ policies: privacyConfiguration }));
  return aws(...args);
}

const size = (value) => ({ unit: 'GB', value });

test('the largest sizes the current model allows are created', async () => {
  const cases = [
    ['cli-artifact-100', { trainedModels: { maxArtifactSize: size(100) } }],
    ['cli-export-50', { trainedModelExports: { maxSize: size(50), filesToExport: ['MODEL'] } }],
    ['cli-output-100', { trainedModelInferenceJobs: { maxOutputSize: size(100) } }],
  ];
  for (const [name, policies] of cases) {
    const { code, stdout, stderr } = await create(name, policies);
    assert.equal(code, 0, `${name}: ${stderr}`);
    assert.match(JSON.parse(stdout).configuredModelAlgorithmAssociationArn, ASSOCIATION_ARN);
  }
});

test('sizes past the model\'s ranges are a ValidationException', async () => {
  const cases = [
    ['cli-artifact-100.5', { trainedModels: { maxArtifactSize: size(100.5) } }, 'privacyConfiguration.policies.trainedModels.maxArtifactSize.value'],
    ['cli-export-50.5', { trainedModelExports: { maxSize: size(50.5), filesToExport: ['MODEL'] } }, 'privacyConfiguration.policies.trainedModelExports.maxSize.value'],
    ['cli-output-100.5', { trainedModelInferenceJobs: { maxOutputSize: size(100.5) } }, 'privacyConfiguration.policies.trainedModelInferenceJobs.maxOutputSize.value'],
  ];
  for (const [name, policies, path] of cases) {
    const { code, stdout, stderr } = await create(name, policies);
    assert.notEqual(code, 0, `${name}: ${stdout}`);
    assert.match(stderr, /\(ValidationException\) when calling the CreateConfiguredModelAlgorithmAssociation operation/, name);
    assert.ok(stderr.includes(`Value at '${path}' failed to satisfy constraint: Member must have value less than or equal to`), stderr);
  }
});

test('a repeated name is a ConflictException', async () => {
  assert.equal((await create('cli-twice')).code, 0);
  const again = await create('cli-twice');
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /\(ConflictException\) when calling the CreateConfiguredModelAlgorithmAssociation operation: .*already exists/);
});

test('the associations: create, list with the CLI\'s pagination, get, delete, the algorithms and the collaboration\'s view', async () => {
  // The caller's membership of the demo collaboration, whose view lists the partner's association too.
  const membership = DEMO_MEMBERSHIP;
  const arns = [];
  for (const name of ['cli-a', 'cli-b', 'cli-c']) {
    const made = await create(name, { trainedModels: { containerMetrics: { noiseLevel: 'LOW' } } }, membership);
    assert.equal(made.code, 0, made.stderr);
    arns.push(made.json.configuredModelAlgorithmAssociationArn);
  }
  const list = (...args) => aws('list-configured-model-algorithm-associations', '--membership-identifier', membership, ...args);

  // The CLI follows nextToken itself: with a page size of 1 it asks three times (the last
  // page has no token), and prints every item in creation order.
  const before = logs.length;
  const everything = await list('--page-size', '1');
  assert.equal(everything.code, 0, everything.stderr);
  assert.deepEqual(everything.json.configuredModelAlgorithmAssociations.map((a) => a.name), ['cli-a', 'cli-b', 'cli-c']);
  const pages = logs.slice(before).filter((l) => l.includes('ListConfiguredModelAlgorithmAssociations GET'));
  assert.equal(pages.length, 3, pages.join('\n'));
  // --max-items stops early and hands out a token that --starting-token resumes from.
  const first = await list('--max-items', '2');
  assert.deepEqual(first.json.configuredModelAlgorithmAssociations.map((a) => a.name), ['cli-a', 'cli-b']);
  assert.equal(typeof first.json.NextToken, 'string');
  const rest = await list('--starting-token', first.json.NextToken);
  assert.deepEqual(rest.json.configuredModelAlgorithmAssociations.map((a) => a.name), ['cli-c']);
  assert.equal(rest.json.NextToken, undefined);
  const summary = everything.json.configuredModelAlgorithmAssociations[0];
  assert.equal(summary.configuredModelAlgorithmAssociationArn, arns[0]);
  // awscli 1 prints timestamps as the service sent them (cli_timestamp_format none): iso8601, as the model says.
  assert.match(summary.createTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(Math.abs(Date.parse(summary.createTime) - Date.now()) < 600_000, `the creation time: ${summary.createTime}`);

  const get = (arn) => aws('get-configured-model-algorithm-association', '--membership-identifier', membership, '--configured-model-algorithm-association-arn', arn);
  const got = await get(arns[1]);
  assert.equal(got.code, 0, got.stderr);
  assert.equal(got.json.name, 'cli-b');
  assert.deepEqual(got.json.privacyConfiguration, { policies: { trainedModels: { containerMetrics: { noiseLevel: 'LOW' } } } });

  const collab = await aws('get-collaboration-configured-model-algorithm-association', '--collaboration-identifier', COLLABORATION, '--configured-model-algorithm-association-arn', arns[1]);
  assert.equal(collab.code, 0, collab.stderr);
  assert.equal(collab.json.creatorAccountId, '123456789012');
  const everyone = await aws('list-collaboration-configured-model-algorithm-associations', '--collaboration-identifier', COLLABORATION, '--page-size', '2');
  const names = everyone.json.collaborationConfiguredModelAlgorithmAssociations.map((a) => a.name);
  assert.ok(names.includes('partner-lookalike') && names.includes('cli-b'), names.join(', '));

  const deleted = await aws('delete-configured-model-algorithm-association', '--membership-identifier', membership, '--configured-model-algorithm-association-arn', arns[1]);
  assert.equal(deleted.code, 0, deleted.stderr);
  const gone = await get(arns[1]);
  assert.notEqual(gone.code, 0);
  assert.match(gone.stderr, /\(ResourceNotFoundException\) when calling the GetConfiguredModelAlgorithmAssociation operation/);
  const again = await aws('delete-configured-model-algorithm-association', '--membership-identifier', membership, '--configured-model-algorithm-association-arn', arns[1]);
  assert.match(again.stderr, /\(ResourceNotFoundException\) when calling the DeleteConfiguredModelAlgorithmAssociation operation/);
  assert.deepEqual((await list()).json.configuredModelAlgorithmAssociations.map((a) => a.name), ['cli-a', 'cli-c']);

  const algorithms = await aws('list-configured-model-algorithms', '--max-items', '2');
  assert.deepEqual(algorithms.json.configuredModelAlgorithms.map((a) => a.name), SEEDED_ALGORITHMS.slice(0, 2).map((a) => a.name));
  const algorithm = await aws('get-configured-model-algorithm', '--configured-model-algorithm-arn', SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn);
  assert.equal(algorithm.json.roleArn, SEEDED_ALGORITHMS[0].roleArn);
  const none = await aws('get-configured-model-algorithm', '--configured-model-algorithm-arn', `${SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn}-gone`);
  assert.match(none.stderr, /\(ResourceNotFoundException\)/);
  // The CLI checks a page size out of the model's range itself; the endpoint refuses a forged token.
  const forged = await list('--starting-token', 'bm90LWEtdG9rZW4');
  assert.notEqual(forged.code, 0);
});

test('the tour: the CLI calls each of the 59 operations and gets the service\'s answers', async (t) => {
  // A world of its own, at a pace at which statuses move only when the tour settles them.
  const own = await startLocalEndpoint({ port: 0, log: (line) => logs.push(line), onAnswer: (answer) => answers.push(answer), paceMs: TOUR_PACE_MS });
  t.after(() => own.close());
  const started = answers.length;
  await tour(cliCall(own.url), () => own.advance(10 * TOUR_PACE_MS));
  const toured = answers.slice(started);
  const answered = new Set(toured.filter((a) => a.status === 200).map((a) => a.operation));
  assert.deepEqual([...answered].sort(), Object.keys(model.operations).sort());
  assert.equal(answered.size, 59);
});

test('the Clean Rooms tour: the CLI (aws cleanrooms) calls each of the 103 operations in the world (the three its botocore lacks through botocore), each answering 200', async (t) => {
  assert.deepEqual(Object.keys(services.cleanrooms.model.operations).filter((name) => !CLI_OPERATIONS.cleanrooms.includes(name)), ['GetAnalysisLogExport', 'ListAnalysisLogExports', 'StartAnalysisLogExport']);
  assert.equal(CLI_OPERATIONS.cleanrooms.length, 100);
  const own = await startLocalEndpoint({ port: 0, log: (line) => logs.push(line), onAnswer: (answer) => answers.push(answer), paceMs: TOUR_PACE_MS });
  t.after(() => own.close());
  const started = answers.length;
  await cleanRoomsTour(cliCall(own.url, 'cleanrooms'), () => own.advance(10 * TOUR_PACE_MS), cliCall(own.url));
  const toured = answers.slice(started).filter((a) => a.service === 'cleanrooms');
  const operations = Object.keys(services.cleanrooms.model.operations);
  assert.equal(operations.length, 103);
  assert.deepEqual([...new Set(toured.map((a) => a.operation))].sort(), operations.sort());
  const answered = new Set(toured.filter((a) => a.status === 200).map((a) => a.operation));
  assert.deepEqual([...answered].sort(), operations.sort());
  // The configured audience model a Clean Rooms association names, made and (after it) deleted with Clean Rooms ML.
  assert.deepEqual([...new Set(answers.slice(started).filter((a) => a.service === 'cleanroomsml').map((a) => `${a.operation} ${a.status}`))],
    ['CreateTrainingDataset 200', 'CreateAudienceModel 200', 'CreateConfiguredAudienceModel 200', 'DeleteConfiguredAudienceModel 409', 'DeleteConfiguredAudienceModel 200']);
});

test('every answer the CLI got is the model\'s: the output shape, or an error the operation declares', () => {
  assert.ok(answers.length >= 100, `${answers.length} answers`);
  assert.deepEqual(answerProblems(answers), []);
});

test('the endpoint verified every CLI signature', () => {
  assert.ok(logs.length >= 25, `${logs.length} requests`);
  assert.ok(!logs.some((l) => /Signature|Unrecognized|IncompleteSignature|UnknownOperation/.test(l)), logs.join('\n'));
  assert.ok(!logs.join('\n').includes(DEMO_CREDENTIALS.secretAccessKey));
});
