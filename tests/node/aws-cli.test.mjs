// The real AWS CLI (awscli from PyPI, in the project's .venv) against the local endpoint:
// the endpoint answers a real AWS client as the service would, with the current model's
// ranges, and verifies the CLI's own signatures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startLocalEndpoint, DEMO_CREDENTIALS } from '../../scripts/local-endpoint.mjs';

const AWS = fileURLToPath(new URL('../../.venv/bin/aws', import.meta.url));
const MEMBERSHIP = '3a2b1c0d-5b6a-4978-8695-a4b3c2d1e0f9';
const ALGORITHM = 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/cli';
const ASSOCIATION_ARN = new RegExp(`^arn:aws:cleanrooms-ml:us-east-1:\\d{12}:membership/${MEMBERSHIP}/configured-model-algorithm-association/[-\\w/.]+$`);
let endpoint;
const logs = [];

before(async () => {
  assert.ok(existsSync(AWS), `the AWS CLI is installed by scripts/bootstrap.sh at ${AWS}`);
  endpoint = await startLocalEndpoint({ port: 0, log: (line) => logs.push(line) });
});
after(() => endpoint?.close());

/** Runs `aws cleanroomsml create-configured-model-algorithm-association` and returns { code, stdout, stderr }. */
function create(name, privacyConfiguration) {
  const args = [
    'cleanroomsml', 'create-configured-model-algorithm-association',
    '--endpoint-url', endpoint.url, '--region', 'us-east-1', '--output', 'json',
    '--membership-identifier', MEMBERSHIP, '--configured-model-algorithm-arn', ALGORITHM, '--name', name,
  ];
  if (privacyConfiguration) args.push('--privacy-configuration', JSON.stringify({ policies: privacyConfiguration }));
  const env = {
    PATH: process.env.PATH,
    AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
  return new Promise((resolve) => {
    execFile(AWS, args, { env, timeout: 60000 }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
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

test('the endpoint verified every CLI signature', () => {
  const lines = logs.filter((l) => l.startsWith('local-endpoint POST'));
  assert.equal(lines.length, 8);
  assert.ok(!lines.some((l) => /Signature|Unrecognized|IncompleteSignature/.test(l)), lines.join('\n'));
  assert.ok(!logs.join('\n').includes(DEMO_CREDENTIALS.secretAccessKey));
});
