// The local endpoint answers every operation of the model, from state it derives from the
// model, and every answer is the model's: the tour (tour.mjs) in-process, each answer checked
// against its output shape or the operation's declared errors; the checker itself; paging,
// membership and collaboration errors on operations beyond the first eight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLocalEndpoint, DEMO_CREDENTIALS, UNKNOWN_MEMBERSHIP, COLLABORATION, DEMO_MEMBERSHIP, OPERATION_PLANS as PLANS } from '../../scripts/local-endpoint.mjs';
import { model, outputViolations } from '../../scripts/service-model.mjs';
import { modelClient } from './model-client.mjs';
import { tour, answerProblems, TOUR_PACE_MS } from './tour.mjs';
import { rng, modelInput, modelOutput } from './generate.mjs';

const OPERATIONS = Object.keys(model.operations);
const OPERATION_PLANS = PLANS.cleanroomsml;
let endpoint;
let call;
const answers = [];

before(async () => {
  endpoint = await startLocalEndpoint({ port: 0, log: () => {}, onAnswer: (answer) => answers.push(answer), paceMs: TOUR_PACE_MS });
  call = modelClient(endpoint.url, DEMO_CREDENTIALS);
});
after(() => endpoint?.close());

test('the model has 59 operations, and the endpoint reads an action and a kind of resource from each name', () => {
  assert.equal(OPERATIONS.length, 59);
  assert.deepEqual(Object.keys(OPERATION_PLANS).sort(), [...OPERATIONS].sort());
  const kinds = [...new Set(Object.values(OPERATION_PLANS).map((p) => p.kind).filter(Boolean))].sort();
  assert.deepEqual(kinds, [
    'AudienceExportJob', 'AudienceGenerationJob', 'AudienceModel', 'ConfiguredAudienceModel', 'ConfiguredAudienceModelPolicy',
    'ConfiguredModelAlgorithm', 'ConfiguredModelAlgorithmAssociation', 'MLConfiguration', 'MLInputChannel', 'TrainedModel',
    'TrainedModelExportJob', 'TrainedModelInferenceJob', 'TrainingDataset',
  ]);
  assert.deepEqual(OPERATION_PLANS.DeleteTrainedModelOutput, { action: 'transition', kind: 'TrainedModel', part: 'Output' });
  assert.deepEqual(OPERATION_PLANS.ListTrainedModelVersions, { action: 'list', kind: 'TrainedModel', part: 'Version' });
  assert.deepEqual(OPERATION_PLANS.UntagResource, { action: 'untag', kind: undefined, part: undefined });
});

test('the checker finds what an answer must not have', () => {
  const valid = { membershipIdentifier: COLLABORATION, defaultOutputLocation: { roleArn: 'arn:aws:iam::123456789012:role/r' }, createTime: '2026-01-01T00:00:00.5Z', updateTime: '2026-01-01T00:00:00Z' };
  assert.deepEqual(outputViolations('GetMLConfigurationResponse', valid), []);
  const problems = (value) => outputViolations('GetMLConfigurationResponse', value).map((p) => `${p.path}: ${p.message}`);
  assert.deepEqual(problems({ ...valid, extra: 1 }), ['extra: Member is not in the shape']);
  assert.deepEqual(problems({ ...valid, createTime: 1767225600 }), ['createTime: Member must be a timestamp in the iso8601 format']);
  assert.deepEqual(problems({ ...valid, updateTime: '2026-01-01 00:00:00' }), ['updateTime: Member must be a timestamp in the iso8601 format']);
  assert.deepEqual(problems({ ...valid, defaultOutputLocation: {} }), ['defaultOutputLocation.roleArn: Member must not be null']);
  assert.deepEqual(problems({ ...valid, membershipIdentifier: COLLABORATION.toUpperCase() }), ['membershipIdentifier: Member must satisfy regular expression pattern: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}']);
  assert.deepEqual(outputViolations('TrainingDatasetSummary', { createTime: valid.createTime, updateTime: valid.createTime, trainingDatasetArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:training-dataset/x', name: 'n', status: 'CREATE_PENDING' })
    .map((p) => p.message), ['Member must satisfy enum value set: [ACTIVE]']);
  // A union has exactly one member.
  assert.deepEqual(outputViolations('ComputeConfiguration', {}).map((p) => p.message), ['Member must have exactly one member set']);
  assert.deepEqual(outputViolations('ComputeConfiguration', { worker: { type: 'CR.1X' } }), []);
  assert.deepEqual(answerProblems([
    { operation: 'ListTrainedModels', status: 404, type: 'ResourceNotFoundException', body: { message: 'm' } },
    { operation: 'GetTrainedModel', status: 400, type: 'ResourceNotFoundException', body: { message: 'm' } },
    { operation: 'DeleteMLConfiguration', status: 200, body: {} },
  ]), [
    'ListTrainedModels 404 ResourceNotFoundException: an error the operation does not declare',
    'GetTrainedModel 400 ResourceNotFoundException: the error shape\'s status is 404',
    'DeleteMLConfiguration 200: a body, but the operation has no output',
  ]);
});

test('the checker takes every body the model allows: generated answers of all 59 operations', () => {
  const r = rng(20261205);
  const answering = OPERATIONS.filter((name) => model.operations[name].output);
  assert.equal(answering.length, 44, 'the other 15 have no output');
  for (const operation of answering) {
    for (let i = 0; i < 5; i++) {
      const body = modelOutput(r, operation);
      assert.deepEqual(outputViolations(model.operations[operation].output.shape, body), [], `${operation}: ${JSON.stringify(body).slice(0, 200)}`);
    }
  }
});

test('the tour: each of the 59 operations answers, and every answer is the model\'s', async () => {
  const started = answers.length;
  await tour(call, () => endpoint.advance(10 * TOUR_PACE_MS));
  const toured = answers.slice(started);
  const answered = new Set(toured.filter((a) => a.status === 200).map((a) => a.operation));
  assert.deepEqual([...answered].sort(), [...OPERATIONS].sort());
  assert.deepEqual(answerProblems(toured), []);
  assert.ok(toured.some((a) => a.status !== 200), 'errors were checked too');
});

/** The ARN shapes of the kinds of resource: TrainedModelArn → the Create… output member that gives one (trainedModelArn). */
const ARN_SHAPES = new Map(Object.entries(OPERATION_PLANS).filter(([, p]) => p.action === 'create' || p.action === 'put').flatMap(([operation]) => {
  const output = model.operations[operation].output?.shape;
  return Object.entries(output ? model.shapes[output].members : {}).filter(([name]) => name.endsWith('Arn')).map(([name, m]) => [m.shape, name]);
}));

/**
 * A generated input put into the demo world: its membership the caller's demo membership, its
 * collaboration that membership's, and each resource it names by ARN one made before (`made`:
 * the latest ARN of each shape; Clean Rooms' analysis template), or left as generated when none is.
 */
function intoWorld(shapeName, value, made) {
  const shape = model.shapes[shapeName];
  if (shape.type === 'structure' && value && typeof value === 'object') {
    const out = { ...value };
    for (const [name, member] of Object.entries(shape.members)) {
      if (out[name] === undefined) continue;
      if (name === 'membershipIdentifier') out[name] = DEMO_MEMBERSHIP;
      else if (name === 'collaborationIdentifier' || name === 'collaborationId') out[name] = COLLABORATION;
      else out[name] = intoWorld(member.shape, out[name], made);
    }
    return out;
  }
  if (shape.type === 'list' && Array.isArray(value)) return value.map((item) => intoWorld(shape.member.shape, item, made));
  return made.get(shapeName) ?? value;
}

test('random valid inputs of every Create…, Start… and Put…, in the demo world, read back by every Get… and List… of the kind, answer the model', async () => {
  const r = rng(20261206);
  const started = answers.length;
  const plans = Object.entries(OPERATION_PLANS);
  const made = new Map();
  // A Clean Rooms analysis template of the demo membership, which a channel's protected query may name.
  const cleanRooms = modelClient(endpoint.url, DEMO_CREDENTIALS, 'us-east-1', 'cleanrooms');
  const [template] = (await cleanRooms('ListAnalysisTemplates', { membershipIdentifier: DEMO_MEMBERSHIP })).body.analysisTemplateSummaries;
  made.set('AnalysisTemplateArn', template.arn);
  let read = 0;
  for (const [operation, plan] of plans.filter(([, p]) => p.action === 'create' || p.action === 'put')) {
    for (let i = 0; i < 3; i++) {
      const input = intoWorld(model.operations[operation].input.shape, JSON.parse(JSON.stringify(modelInput(r, operation))), made);
      const answer = await call(operation, input);
      // What it names is of a kind not made yet (a trained model to export, before the first trained model).
      if (answer.type === 'ResourceNotFoundException') continue;
      assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer)}`);
      for (const [shapeName, member] of ARN_SHAPES) if (answer.body?.[member]) made.set(shapeName, answer.body[member]);
      const known = { ...input, ...answer.body, ...(input.membershipIdentifier ? { collaborationIdentifier: COLLABORATION } : {}) };
      for (const [reader, { action }] of plans.filter(([, p]) => p.kind === plan.kind && (p.action === 'get' || p.action === 'list'))) {
        const members = Object.entries(model.shapes[model.operations[reader].input.shape].members);
        if (members.some(([name]) => model.shapes[model.operations[reader].input.shape].required?.includes(name) && known[name] === undefined)) continue;
        const readerInput = Object.fromEntries(members.filter(([name, m]) => m.location && known[name] !== undefined).map(([name]) => [name, known[name]]));
        const answer = await call(reader, readerInput);
        assert.equal(answer.status, 200, `${reader} ${JSON.stringify(readerInput)}: ${JSON.stringify(answer)}`);
        if (action === 'list') assert.ok(Object.values(answer.body).find(Array.isArray).length >= 1, `${reader} lists what ${operation} made`);
        read++;
      }
    }
  }
  assert.ok(read >= 60, `${read} reads`);
  assert.deepEqual(answerProblems(answers.slice(started)), []);
});

test('a new kind of resource pages with maxResults and an opaque nextToken, in creation order', async () => {
  const role = 'arn:aws:iam::123456789012:role/r';
  const created = [];
  for (let i = 1; i <= 5; i++) {
    const answer = await call('CreateConfiguredModelAlgorithm', { name: `paged-${i}`, roleArn: role });
    created.push(answer.body.configuredModelAlgorithmArn);
  }
  const seen = [];
  let nextToken;
  let pages = 0;
  do {
    const { status, body } = await call('ListConfiguredModelAlgorithms', { maxResults: 3, ...(nextToken ? { nextToken } : {}) });
    assert.equal(status, 200);
    assert.ok(body.configuredModelAlgorithms.length <= 3);
    seen.push(...body.configuredModelAlgorithms.map((a) => a.configuredModelAlgorithmArn));
    nextToken = body.nextToken;
    pages++;
  } while (nextToken);
  assert.deepEqual(seen.filter((arn) => created.includes(arn)), created);
  assert.ok(pages >= 2);
  const untagged = await call('ListTagsForResource', { resourceArn: created[0] });
  assert.deepEqual([untagged.status, untagged.body], [200, { tags: {} }], 'a resource made without tags has none');
  const forged = await call('ListConfiguredModelAlgorithms', { nextToken: 'bm90LWEtdG9rZW4' });
  assert.deepEqual([forged.status, forged.type], [400, 'ValidationException']);
  const taken = await call('CreateConfiguredModelAlgorithm', { name: 'paged-1', roleArn: role });
  assert.deepEqual([taken.status, taken.type], [409, 'ConflictException']);
});

test('not a member: ResourceNotFoundException where the operation declares it, AccessDeniedException elsewhere', async () => {
  const listed = await call('ListTrainedModels', { membershipIdentifier: UNKNOWN_MEMBERSHIP });
  assert.deepEqual([listed.status, listed.type], [403, 'AccessDeniedException']);
  const put = await call('PutMLConfiguration', { membershipIdentifier: UNKNOWN_MEMBERSHIP, defaultOutputLocation: { roleArn: 'arn:aws:iam::123456789012:role/r' } });
  assert.deepEqual([put.status, put.type], [403, 'AccessDeniedException']);
  const got = await call('GetMLConfiguration', { membershipIdentifier: UNKNOWN_MEMBERSHIP });
  assert.deepEqual([got.status, got.type], [404, 'ResourceNotFoundException']);
  const collaboration = await call('ListCollaborationTrainedModels', { collaborationIdentifier: UNKNOWN_MEMBERSHIP });
  assert.deepEqual([collaboration.status, collaboration.type], [403, 'AccessDeniedException']);
  // An unknown trained model filters ListCollaborationTrainedModelExportJobs (no ResourceNotFoundException declared)…
  const model = `arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/${UNKNOWN_MEMBERSHIP}/trained-model/none`;
  const exports = await call('ListCollaborationTrainedModelExportJobs', { collaborationIdentifier: COLLABORATION, trainedModelArn: model });
  assert.deepEqual([exports.status, exports.body], [200, { collaborationTrainedModelExportJobs: [] }]);
  // …and is not found by ListTrainedModelVersions, which declares it.
  const versions = await call('ListTrainedModelVersions', { membershipIdentifier: DEMO_MEMBERSHIP, trainedModelArn: model });
  assert.deepEqual([versions.status, versions.type], [404, 'ResourceNotFoundException']);
  assert.deepEqual(answerProblems(answers), []);
});

test('inputs are checked by the model for every operation: unions, timestamps, query-string lists', async () => {
  const union = await call('CreateMLInputChannel', {
    membershipIdentifier: COLLABORATION, configuredModelAlgorithmAssociations: [`arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/${COLLABORATION}/configured-model-algorithm-association/a`],
    inputChannel: { dataSource: {}, roleArn: 'arn:aws:iam::123456789012:role/r' }, name: 'n', retentionInDays: 1,
  });
  assert.deepEqual([union.status, union.type], [400, 'ValidationException']);
  assert.match(union.body.message, /'inputChannel\.dataSource' failed to satisfy constraint: Member must have exactly one member set/);
  const time = await call('CreateAudienceModel', { name: 'n', trainingDatasetArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:training-dataset/x', trainingDataStartTime: 'yesterday' });
  assert.match(time.body.message, /'trainingDataStartTime' failed to satisfy constraint: Member must be a timestamp in the iso8601 format/);
  const untag = await call('UntagResource', { resourceArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:training-dataset/x', tagKeys: ['a', 'b'] });
  assert.deepEqual([untag.status, untag.type], [404, 'ResourceNotFoundException'], 'a repeated query name, signed and read');
});
