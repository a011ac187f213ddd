// The local endpoint is one world of both services, no more generous than AWS: Clean Rooms'
// collaborations, memberships and members; Clean Rooms ML only in a membership the caller is
// an active member of; every resource an input names by ARN there, in the same collaboration;
// statuses that move by themselves at the endpoint's pace; a tag that makes a create fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startLocalEndpoint, DEMO_CREDENTIALS, UNKNOWN_MEMBERSHIP, DEMO_MEMBERSHIP, EXAMPLE_MEMBERSHIP, PARTNER_MEMBERSHIP, COLLABORATION,
  EXAMPLE_COLLABORATION, INVITING_COLLABORATION, CALLER_ACCOUNT, PARTNER_ACCOUNT, SEEDED_ALGORITHMS, FAIL_TAG, corsHeaders,
} from '../../scripts/local-endpoint.mjs';
import { services } from '../../scripts/service-model.mjs';
import { modelClient } from './model-client.mjs';
import { answerProblems } from './tour.mjs';
import { cleanRoomsTour } from './cleanrooms-tour.mjs';
import { rng, modelInput } from './generate.mjs';

/** Slow enough that a status outlasts a request or two on a busy machine, so that every one is seen. */
const PACE_MS = 300;
const ROLE = `arn:aws:iam::${CALLER_ACCOUNT}:role/world`;
const ALGORITHM = SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn;
const NOTHING = (type) => `arn:aws:cleanrooms-ml:us-east-1:${CALLER_ACCOUNT}:membership/${DEMO_MEMBERSHIP}/${type}/not-there`;
const channelInput = (membershipIdentifier, associations, name, tags) => ({
  membershipIdentifier, name, configuredModelAlgorithmAssociations: associations, retentionInDays: 1, ...(tags ? { tags } : {}),
  inputChannel: { dataSource: { protectedQueryInputParameters: { sqlParameters: { queryString: 'SELECT 1' } } }, roleArn: ROLE },
});
let endpoint;
let ml;
let cr;
const answers = [];
const logs = [];

before(async () => {
  endpoint = await startLocalEndpoint({ port: 0, log: (line) => logs.push(line), onAnswer: (answer) => answers.push(answer), paceMs: PACE_MS });
  ml = modelClient(endpoint.url, DEMO_CREDENTIALS);
  cr = modelClient(endpoint.url, DEMO_CREDENTIALS, 'us-east-1', 'cleanrooms');
});
after(() => endpoint?.close());

const ok = async (call, operation, input) => {
  const answer = await call(operation, input);
  assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer)}`);
  return answer.body;
};
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });
/** The statuses `read()` shows, each once in the order seen, until one of `last` (or the resource is gone: GONE). */
async function watch(read, last) {
  const seen = [];
  for (let i = 0; i < 400; i++) {
    const answer = await read();
    const status = answer.status === 404 ? 'GONE' : answer.body.status;
    if (seen.at(-1) !== status) seen.push(status);
    if (last.includes(status)) return seen;
    await sleep(PACE_MS / 8);
  }
  throw new Error(`no end: ${seen.join(' → ')}`);
}

test('Clean Rooms: the caller\'s memberships, the collaborations it is in or invited to, their members with their abilities', async () => {
  const memberships = (await ok(cr, 'ListMemberships', {})).membershipSummaries;
  assert.deepEqual(memberships.map((m) => [m.id, m.collaborationId, m.status]).sort(), [
    [DEMO_MEMBERSHIP, COLLABORATION, 'ACTIVE'], [EXAMPLE_MEMBERSHIP, EXAMPLE_COLLABORATION, 'ACTIVE'],
  ].sort(), 'not the partner\'s');
  const demo = memberships.find((m) => m.id === DEMO_MEMBERSHIP);
  assert.deepEqual([demo.collaborationName, demo.collaborationCreatorAccountId, demo.memberAbilities], ['Demo collaboration', CALLER_ACCOUNT, ['CAN_QUERY', 'CAN_RECEIVE_RESULTS']]);
  assert.deepEqual(demo.mlMemberAbilities, { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT', 'CAN_RECEIVE_INFERENCE_OUTPUT'] });
  const collaborations = (await ok(cr, 'ListCollaborations', {})).collaborationList;
  assert.deepEqual(collaborations.map((c) => [c.id, c.memberStatus]), [[COLLABORATION, 'ACTIVE'], [EXAMPLE_COLLABORATION, 'ACTIVE'], [INVITING_COLLABORATION, 'INVITED']]);
  const invited = (await ok(cr, 'ListCollaborations', { memberStatus: 'INVITED' })).collaborationList;
  assert.deepEqual(invited.map((c) => c.id), [INVITING_COLLABORATION]);
  const members = (await ok(cr, 'ListMembers', { collaborationIdentifier: COLLABORATION })).memberSummaries;
  assert.deepEqual(members.map((m) => [m.accountId, m.displayName, m.status, m.membershipId]), [
    [CALLER_ACCOUNT, 'Demo company', 'ACTIVE', DEMO_MEMBERSHIP], [PARTNER_ACCOUNT, 'Partner', 'ACTIVE', PARTNER_MEMBERSHIP],
  ]);
  assert.deepEqual(members[1].mlAbilities, { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] });
  const membership = (await ok(cr, 'GetMembership', { membershipIdentifier: EXAMPLE_MEMBERSHIP })).membership;
  assert.deepEqual([membership.collaborationName, membership.collaborationCreatorAccountId, membership.paymentConfiguration], ['Retail insights', PARTNER_ACCOUNT, { queryCompute: { isResponsible: false } }]);
  const partner = await cr('GetMembership', { membershipIdentifier: PARTNER_MEMBERSHIP });
  assert.deepEqual([partner.status, partner.type], [404, 'ResourceNotFoundException'], 'the partner\'s membership is not the caller\'s');
  const outsider = await cr('GetCollaboration', { collaborationIdentifier: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' });
  assert.deepEqual([outsider.status, outsider.type], [403, 'AccessDeniedException'], 'GetCollaboration declares no ResourceNotFoundException');
  const tables = (await ok(cr, 'ListConfiguredTables', {})).configuredTableSummaries;
  assert.deepEqual(tables.map((t) => [t.name, t.analysisMethod]), [['customers', 'DIRECT_QUERY']]);
  const templates = (await ok(cr, 'ListAnalysisTemplates', { membershipIdentifier: DEMO_MEMBERSHIP })).analysisTemplateSummaries;
  assert.deepEqual(templates.map((t) => [t.name, t.membershipId, t.collaborationId]), [['segment-counts', DEMO_MEMBERSHIP, COLLABORATION]]);
  const template = (await ok(cr, 'GetAnalysisTemplate', { membershipIdentifier: DEMO_MEMBERSHIP, analysisTemplateIdentifier: templates[0].id })).analysisTemplate;
  assert.equal(template.source.text, 'SELECT segment, COUNT(*) FROM customers GROUP BY segment');
});

test('Clean Rooms: a collaboration made, joined with CreateMembership, and its resources made, listed and deleted', async () => {
  const made = (await ok(cr, 'CreateCollaboration', {
    name: 'Made here', creatorDisplayName: 'Demo company', creatorMemberAbilities: ['CAN_QUERY'], queryLogStatus: 'DISABLED',
    creatorMLMemberAbilities: { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] },
    members: [{ accountId: PARTNER_ACCOUNT, displayName: 'Partner', memberAbilities: ['CAN_RECEIVE_RESULTS'] }],
  })).collaboration;
  assert.deepEqual([made.creatorAccountId, made.memberStatus, made.membershipId], [CALLER_ACCOUNT, 'INVITED', undefined], 'the creator joins with CreateMembership, as in AWS');
  // Not a member yet: Clean Rooms ML refuses the collaboration.
  const early = await ml('ListCollaborationTrainedModels', { collaborationIdentifier: made.id });
  assert.deepEqual([early.status, early.type], [403, 'AccessDeniedException']);
  const joined = (await ok(cr, 'CreateMembership', { collaborationIdentifier: made.id, queryLogStatus: 'DISABLED' })).membership;
  assert.deepEqual([joined.status, joined.collaborationId, joined.memberAbilities, joined.mlMemberAbilities], ['ACTIVE', made.id, ['CAN_QUERY'], { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] }]);
  const again = await cr('CreateMembership', { collaborationIdentifier: made.id, queryLogStatus: 'DISABLED' });
  assert.deepEqual([again.status, again.type], [409, 'ConflictException']);
  const uninvited = await cr('CreateMembership', { collaborationIdentifier: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', queryLogStatus: 'DISABLED' });
  assert.deepEqual([uninvited.status, uninvited.type], [404, 'ResourceNotFoundException']);
  assert.equal((await ok(cr, 'GetCollaboration', { collaborationIdentifier: made.id })).collaboration.memberStatus, 'ACTIVE');
  // The new membership is real for Clean Rooms ML at once.
  const association = await ok(ml, 'CreateConfiguredModelAlgorithmAssociation', { membershipIdentifier: joined.id, configuredModelAlgorithmArn: ALGORITHM, name: 'in-the-new-one' });
  assert.ok(association.configuredModelAlgorithmAssociationArn.includes(`membership/${joined.id}/`));
  const members = (await ok(cr, 'ListMembers', { collaborationIdentifier: made.id })).memberSummaries;
  assert.deepEqual(members.map((m) => [m.accountId, m.status]), [[CALLER_ACCOUNT, 'ACTIVE'], [PARTNER_ACCOUNT, 'INVITED']]);

  const template = (await ok(cr, 'CreateAnalysisTemplate', { membershipIdentifier: joined.id, name: 'counts', format: 'SQL', source: { text: 'SELECT 1' } })).analysisTemplate;
  assert.match(template.arn, new RegExp(`^arn:aws:cleanrooms:us-east-1:${CALLER_ACCOUNT}:membership/${joined.id}/analysistemplate/${template.id}$`));
  const twice = await cr('CreateAnalysisTemplate', { membershipIdentifier: joined.id, name: 'counts', format: 'SQL', source: { text: 'SELECT 1' } });
  assert.deepEqual([twice.status, twice.type], [409, 'ConflictException']);
  const table = (await ok(cr, 'CreateConfiguredTable', { name: 'orders', tableReference: { glue: { tableName: 'orders', databaseName: 'db' } }, allowedColumns: ['id'], analysisMethod: 'DIRECT_QUERY' })).configuredTable;
  assert.equal((await ok(cr, 'GetConfiguredTable', { configuredTableIdentifier: table.id })).configuredTable.name, 'orders');
  await ok(cr, 'DeleteConfiguredTable', { configuredTableIdentifier: table.id });
  const gone = await cr('GetConfiguredTable', { configuredTableIdentifier: table.id });
  assert.deepEqual([gone.status, gone.type], [404, 'ResourceNotFoundException']);
  await ok(cr, 'DeleteAnalysisTemplate', { membershipIdentifier: joined.id, analysisTemplateIdentifier: template.id });
  assert.deepEqual((await ok(cr, 'ListAnalysisTemplates', { membershipIdentifier: joined.id })).analysisTemplateSummaries, []);
});

test('memberships are real: every Clean Rooms ML operation on a membership that does not exist or is not the caller\'s gets its declared error', async () => {
  const model = services.cleanroomsml.model;
  const r = rng(20261207);
  let checked = 0;
  for (const [operation, { input, errors }] of Object.entries(model.operations)) {
    if (!model.shapes[input.shape].members.membershipIdentifier) continue;
    const declared = errors.map((e) => e.shape);
    const expected = declared.includes('ResourceNotFoundException') ? 'ResourceNotFoundException' : 'AccessDeniedException';
    for (const membership of [UNKNOWN_MEMBERSHIP, PARTNER_MEMBERSHIP, '3a2b1c0d-5b6a-4978-8695-a4b3c2d1e0f9']) {
      // The required members only: a generated optional query-string member may be longer than a request line may be.
      const generated = modelInput(r, operation);
      const required = Object.fromEntries((model.shapes[input.shape].required ?? []).map((name) => [name, generated[name]]));
      const answer = await ml(operation, JSON.parse(JSON.stringify({ ...required, membershipIdentifier: membership })));
      assert.equal(answer.type, expected, `${operation} in ${membership}: ${JSON.stringify(answer)}`);
      checked++;
    }
  }
  assert.equal(checked, 22 * 3, 'the 22 operations with a membershipIdentifier, 3 memberships each');
});

test('references are checked: a resource named by ARN must exist, in the same collaboration; one still named cannot be deleted', async () => {
  const refused = async (operation, input, type = 'ResourceNotFoundException') => {
    const answer = await ml(operation, input);
    assert.deepEqual([answer.status, answer.type], [services.cleanroomsml.model.shapes[type].error.httpStatusCode, type], `${operation}: ${JSON.stringify(answer)}`);
    return answer.body.message;
  };
  assert.match(await refused('CreateConfiguredModelAlgorithmAssociation', { membershipIdentifier: DEMO_MEMBERSHIP, name: 'none', configuredModelAlgorithmArn: `${ALGORITHM}-not-there` }), /Configured model algorithm .* not found/);
  const association = (await ok(ml, 'CreateConfiguredModelAlgorithmAssociation', { membershipIdentifier: DEMO_MEMBERSHIP, name: 'referenced', configuredModelAlgorithmArn: ALGORITHM })).configuredModelAlgorithmAssociationArn;
  await refused('CreateMLInputChannel', channelInput(DEMO_MEMBERSHIP, [NOTHING('configured-model-algorithm-association')], 'not-there'));
  // The case: CreateTrainedModel with a well-formed ARN of nothing.
  const trained = {
    membershipIdentifier: DEMO_MEMBERSHIP, name: 'model', configuredModelAlgorithmAssociationArn: association,
    resourceConfig: { instanceType: 'ml.m5.xlarge', volumeSizeInGB: 10 }, dataChannels: [{ mlInputChannelArn: NOTHING('ml-input-channel'), channelName: 'train' }],
  };
  assert.match(await refused('CreateTrainedModel', trained), /ML input channel .* not found/);
  await refused('StartTrainedModelInferenceJob', {
    membershipIdentifier: DEMO_MEMBERSHIP, name: 'job', trainedModelArn: NOTHING('trained-model'), resourceConfig: { instanceType: 'ml.m5.xlarge' },
    outputConfiguration: { members: [{ accountId: CALLER_ACCOUNT }] }, dataSource: { mlInputChannelArn: NOTHING('ml-input-channel') },
  });
  await refused('StartTrainedModelExportJob', { membershipIdentifier: DEMO_MEMBERSHIP, name: 'export', trainedModelArn: NOTHING('trained-model'), outputConfiguration: { members: [{ accountId: CALLER_ACCOUNT }] } });
  // Cross-membership: the caller's association in the demo collaboration, named from its membership of another collaboration.
  assert.match(await refused('CreateMLInputChannel', channelInput(EXAMPLE_MEMBERSHIP, [association], 'elsewhere')), /is not in collaboration/);
  // The partner's association is in the same collaboration: it may be named.
  const partners = (await ok(ml, 'ListCollaborationConfiguredModelAlgorithmAssociations', { collaborationIdentifier: COLLABORATION })).collaborationConfiguredModelAlgorithmAssociations;
  const partner = partners.find((a) => a.name === 'partner-lookalike').configuredModelAlgorithmAssociationArn;
  assert.equal((await ok(ml, 'CreateMLInputChannel', channelInput(DEMO_MEMBERSHIP, [partner], 'partners'))).mlInputChannelArn.includes(DEMO_MEMBERSHIP), true);
  const channel = (await ok(ml, 'CreateMLInputChannel', channelInput(DEMO_MEMBERSHIP, [association], 'ours'))).mlInputChannelArn;
  const model = (await ok(ml, 'CreateTrainedModel', { ...trained, dataChannels: [{ mlInputChannelArn: channel, channelName: 'train' }] })).trainedModelArn;
  assert.ok(model.includes(`membership/${DEMO_MEMBERSHIP}/trained-model/`));
  const conflict = await ml('DeleteMLInputChannelData', { membershipIdentifier: DEMO_MEMBERSHIP, mlInputChannelArn: channel });
  assert.equal(conflict.status, 200, 'deleting a channel\'s data is a change of status, not a deletion');
  await refused('DeleteConfiguredModelAlgorithmAssociation', { membershipIdentifier: DEMO_MEMBERSHIP, configuredModelAlgorithmAssociationArn: association }, 'ConflictException');
  await refused('DeleteConfiguredModelAlgorithm', { configuredModelAlgorithmArn: ALGORITHM }, 'ConflictException');
  assert.deepEqual(answerProblems(answers), []);
});

test('statuses move by themselves at the endpoint\'s pace: created, cancelled, deleted', async () => {
  const association = (await ok(ml, 'CreateConfiguredModelAlgorithmAssociation', { membershipIdentifier: DEMO_MEMBERSHIP, name: 'paced', configuredModelAlgorithmArn: ALGORITHM })).configuredModelAlgorithmAssociationArn;
  const channel = (await ok(ml, 'CreateMLInputChannel', channelInput(DEMO_MEMBERSHIP, [association], 'paced'))).mlInputChannelArn;
  const readChannel = () => ml('GetMLInputChannel', { membershipIdentifier: DEMO_MEMBERSHIP, mlInputChannelArn: channel });
  assert.deepEqual(await watch(readChannel, ['ACTIVE']), ['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'ACTIVE']);
  const trained = (await ok(ml, 'CreateTrainedModel', {
    membershipIdentifier: DEMO_MEMBERSHIP, name: 'paced', configuredModelAlgorithmAssociationArn: association,
    resourceConfig: { instanceType: 'ml.m5.xlarge', volumeSizeInGB: 10 }, dataChannels: [{ mlInputChannelArn: channel, channelName: 'train' }],
  })).trainedModelArn;
  const readModel = () => ml('GetTrainedModel', { membershipIdentifier: DEMO_MEMBERSHIP, trainedModelArn: trained });
  assert.deepEqual(await watch(readModel, ['ACTIVE']), ['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'ACTIVE']);
  const job = (await ok(ml, 'StartTrainedModelInferenceJob', {
    membershipIdentifier: DEMO_MEMBERSHIP, name: 'paced', trainedModelArn: trained, resourceConfig: { instanceType: 'ml.m5.xlarge' },
    outputConfiguration: { members: [{ accountId: CALLER_ACCOUNT }] }, dataSource: { mlInputChannelArn: channel },
  })).trainedModelInferenceJobArn;
  await ok(ml, 'CancelTrainedModelInferenceJob', { membershipIdentifier: DEMO_MEMBERSHIP, trainedModelInferenceJobArn: job });
  const again = await ml('CancelTrainedModelInferenceJob', { membershipIdentifier: DEMO_MEMBERSHIP, trainedModelInferenceJobArn: job });
  assert.deepEqual([again.status, again.type], [409, 'ConflictException']);
  const readJob = () => ml('GetTrainedModelInferenceJob', { membershipIdentifier: DEMO_MEMBERSHIP, trainedModelInferenceJobArn: job });
  assert.deepEqual(await watch(readJob, ['INACTIVE']), ['CANCEL_PENDING', 'CANCEL_IN_PROGRESS', 'INACTIVE'], 'the enum has no CANCELLED: INACTIVE ends a cancel');
  // A deleted audience model passes through DELETE_PENDING and DELETE_IN_PROGRESS, then is gone.
  const dataset = (await ok(ml, 'CreateTrainingDataset', { name: 'paced', roleArn: ROLE, trainingData: [{ type: 'INTERACTIONS', inputConfig: { schema: [{ columnName: 'u', columnTypes: ['USER_ID'] }], dataSource: { glueDataSource: { tableName: 't', databaseName: 'd' } } } }] })).trainingDatasetArn;
  const audienceModel = (await ok(ml, 'CreateAudienceModel', { name: 'paced', trainingDatasetArn: dataset })).audienceModelArn;
  await ok(ml, 'DeleteAudienceModel', { audienceModelArn: audienceModel });
  const [deleting, inUse, seen] = await Promise.all([
    ml('DeleteAudienceModel', { audienceModelArn: audienceModel }),
    ml('DeleteTrainingDataset', { trainingDatasetArn: dataset }),
    watch(() => ml('GetAudienceModel', { audienceModelArn: audienceModel }), ['GONE']),
  ]);
  assert.equal(deleting.type, 'ConflictException', 'already being deleted');
  assert.equal(inUse.type, 'ConflictException', 'the audience model names it until it is gone');
  assert.deepEqual(seen, ['DELETE_PENDING', 'DELETE_IN_PROGRESS', 'GONE']);
  await ok(ml, 'DeleteTrainingDataset', { trainingDatasetArn: dataset });
  assert.deepEqual(answerProblems(answers), []);
});

test(`the tag ${FAIL_TAG} makes a create fail: CREATE_FAILED with the tag's value as its message, and it cannot be named`, async () => {
  const association = (await ok(ml, 'CreateConfiguredModelAlgorithmAssociation', { membershipIdentifier: DEMO_MEMBERSHIP, name: 'for-failure', configuredModelAlgorithmArn: ALGORITHM })).configuredModelAlgorithmAssociationArn;
  const channel = (await ok(ml, 'CreateMLInputChannel', channelInput(DEMO_MEMBERSHIP, [association], 'failing', { [FAIL_TAG]: 'The query found no rows.' }))).mlInputChannelArn;
  const read = () => ml('GetMLInputChannel', { membershipIdentifier: DEMO_MEMBERSHIP, mlInputChannelArn: channel });
  assert.deepEqual(await watch(read, ['CREATE_FAILED', 'ACTIVE']), ['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'CREATE_FAILED']);
  const failed = (await read()).body;
  assert.deepEqual(failed.statusDetails, { statusCode: FAIL_TAG, message: 'The query found no rows.' });
  const listed = (await ok(ml, 'ListMLInputChannels', { membershipIdentifier: DEMO_MEMBERSHIP })).mlInputChannelsList.find((c) => c.mlInputChannelArn === channel);
  assert.equal(listed.status, 'CREATE_FAILED');
  const named = await ml('CreateTrainedModel', {
    membershipIdentifier: DEMO_MEMBERSHIP, name: 'on-failure', configuredModelAlgorithmAssociationArn: association,
    resourceConfig: { instanceType: 'ml.m5.xlarge', volumeSizeInGB: 10 }, dataChannels: [{ mlInputChannelArn: channel, channelName: 'train' }],
  });
  assert.deepEqual([named.type, named.body.message], ['ResourceNotFoundException', `ML input channel ${channel} is CREATE_FAILED.`]);
  assert.deepEqual(answerProblems(answers), []);
});

test('one port, two services: routed by the credential scope\'s service, CORS by each service\'s trait, errors in each service\'s namespace', async () => {
  // GET /memberships/{id} is Clean Rooms' GetMembership; Clean Rooms ML has no operation there.
  const path = `/memberships/${DEMO_MEMBERSHIP}`;
  const asMl = await ml('GetMLConfiguration', { membershipIdentifier: DEMO_MEMBERSHIP });
  assert.equal(asMl.type, 'ResourceNotFoundException', 'the ML configuration is not made yet');
  assert.equal((await ok(cr, 'GetMembership', { membershipIdentifier: DEMO_MEMBERSHIP })).membership.id, DEMO_MEMBERSHIP);
  const before = logs.length;
  await ml('ListTrainedModels', { membershipIdentifier: DEMO_MEMBERSHIP });
  await cr('ListAnalysisTemplates', { membershipIdentifier: DEMO_MEMBERSHIP });
  assert.match(logs.slice(before).join('\n'), /ListTrainedModels GET \/memberships\/\S+\/trained-models 200[^\n]*\n[^\n]*ListAnalysisTemplates GET \/memberships\/\S+\/analysistemplates 200/);
  const unknown = await cr('GetMembership', { membershipIdentifier: UNKNOWN_MEMBERSHIP });
  const response = await fetch(`${endpoint.url}${path}`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'GET' } });
  assert.deepEqual(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-'))), corsHeaders({ service: services.cleanrooms }).preflight);
  assert.equal(unknown.type, 'ResourceNotFoundException');
  const raw = await fetch(`${endpoint.url}/memberships`, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIADEMOCLEANROOMSML/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + '0'.repeat(64), 'x-amz-date': '20260101T000000Z' } });
  assert.equal(raw.status, 403, 'a scope of a service the endpoint does not serve');
  assert.deepEqual(answerProblems(answers), []);
});

test('the Clean Rooms tour: each of the 103 operations answers 200 in the world, and every answer is the model\'s', async (t) => {
  const own = await startLocalEndpoint({ port: 0, log: () => {}, onAnswer: (answer) => answers.push(answer), paceMs: 3_600_000 });
  t.after(() => own.close());
  const started = answers.length;
  await cleanRoomsTour(modelClient(own.url, DEMO_CREDENTIALS, 'us-east-1', 'cleanrooms'), () => own.advance(36_000_000), modelClient(own.url, DEMO_CREDENTIALS));
  const toured = answers.slice(started).filter((a) => a.service === 'cleanrooms');
  const called = new Set(toured.map((a) => a.operation));
  const answered = new Set(toured.filter((a) => a.status === 200).map((a) => a.operation));
  assert.deepEqual([...called].sort(), Object.keys(services.cleanrooms.model.operations).sort());
  assert.deepEqual([...answered].sort(), Object.keys(services.cleanrooms.model.operations).sort());
  assert.equal(answered.size, 103);
  assert.deepEqual(answerProblems(answers.slice(started)), []);
});
