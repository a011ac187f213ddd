// A tour of the whole Clean Rooms API against the local endpoint, generated from the model
// rather than written per operation: every operation is called at least once with an input
// the model's generator makes (required members only) and put into the tour's world — a
// collaboration it makes with a partner, its membership of it, and whatever it made before
// named where a member names a resource (`<x>Identifier`, an ARN of a kind the endpoint
// holds). Creates run until what they name exists; then every read, list, change and
// status change; then deletes, children first, each then not found. Like tour.mjs, it
// takes `call(operationName, input)` resolving to { status, type, body } and `settle()`,
// so that the same tour runs in-process and through the AWS CLI, and `callMl`, the same for
// Clean Rooms ML: a configured audience model association names one of that service's.
import assert from 'node:assert/strict';
import { OPERATION_PLANS, PARTNER_ACCOUNT, CALLER_ACCOUNT, INVITING_COLLABORATION } from '../../scripts/local-endpoint.mjs';
import { services } from '../../scripts/service-model.mjs';
import { rng, modelInput } from './generate.mjs';

const { model } = services.cleanrooms;
const PLANS = OPERATION_PLANS.cleanrooms;
const memberName = (kind) => kind.replace(/^[A-Z]+(?![a-z])|^[A-Z]/, (c) => c.toLowerCase());

export async function cleanRoomsTour(call, settle, callMl) {
  const r = rng(20261208);
  /** What the tour made, by kind as members name it (membership, configuredTable…): { id, arn, name, values }. */
  const made = {};
  const madeArns = new Map();
  const order = [];
  const ok = async (operation, input) => {
    const answer = await call(operation, input);
    assert.equal(answer.status, 200, `${operation} ${JSON.stringify(input).slice(0, 300)}: ${JSON.stringify(answer).slice(0, 400)}`);
    return answer.body;
  };
  /** The input members put into the world, at any depth. */
  const intoWorld = (shapeName, value) => {
    const shape = model.shapes[shapeName];
    if (shape.type === 'structure' && value && typeof value === 'object') {
      const out = { ...value };
      for (const [name, member] of Object.entries(shape.members)) {
        if (out[name] === undefined) continue;
        const x = /^(\w+)Identifier$/.exec(name)?.[1];
        if (x && made[x]) out[name] = made[x].id;
        else out[name] = intoWorld(member.shape, out[name]);
      }
      return out;
    }
    if (shape.type === 'list' && Array.isArray(value)) return value.map((item) => intoWorld(shape.member.shape, item));
    return madeArns.get(shapeName) ?? value;
  };
  /** An operation's input: generated, into the world, and naming its resource as it was made (an analysis rule's type). */
  const input = (operation, overrides = {}) => {
    const shape = model.shapes[model.operations[operation].input.shape];
    const value = intoWorld(model.operations[operation].input.shape, JSON.parse(JSON.stringify(modelInput(r, operation, { model, optional: 0 }))));
    const resource = made[memberName(PLANS[operation].kind ?? 'None')];
    for (const [name, member] of Object.entries(shape.members)) {
      if (member.location && resource?.input[name] !== undefined && !name.endsWith('Identifier')) value[name] = resource.input[name];
    }
    return { ...value, ...overrides };
  };
  /** Keeps what a create answered: the resource inside its wrapper ({ collaboration: … }). */
  const keep = (operation, body, given) => {
    const kind = PLANS[operation].kind;
    const [[wrapper, resource]] = Object.entries(body);
    const shape = model.shapes[model.shapes[model.operations[operation].output.shape].members[wrapper].shape];
    const id = resource.id ?? resource[`${memberName(kind)}Id`];
    made[memberName(kind)] = { id, arn: resource.arn, name: resource.name, values: resource, input: given };
    if (resource.arn) madeArns.set(shape.members.arn.shape, resource.arn);
    order.push(kind);
  };

  // A Clean Rooms ML configured audience model, which a Clean Rooms association names.
  const mlOk = async (operation, input) => {
    const answer = await callMl(operation, input);
    assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer).slice(0, 400)}`);
    return answer.body;
  };
  const role = `arn:aws:iam::${CALLER_ACCOUNT}:role/cleanrooms-tour`;
  const { trainingDatasetArn } = await mlOk('CreateTrainingDataset', {
    name: 'cleanrooms-tour', roleArn: role,
    trainingData: [{ type: 'INTERACTIONS', inputConfig: { schema: [{ columnName: 'user_id', columnTypes: ['USER_ID'] }], dataSource: { glueDataSource: { tableName: 't', databaseName: 'd' } } } }],
  });
  const { audienceModelArn } = await mlOk('CreateAudienceModel', { name: 'cleanrooms-tour', trainingDatasetArn });
  const { configuredAudienceModelArn } = await mlOk('CreateConfiguredAudienceModel', {
    name: 'cleanrooms-tour', audienceModelArn, outputConfig: { destination: { s3Destination: { s3Uri: 's3://cleanrooms-tour/out/' } }, roleArn: role }, sharedAudienceMetrics: ['ALL'],
  });
  madeArns.set('ConfiguredAudienceModelArn', configuredAudienceModelArn);

  // The collaboration, with the partner invited; its creator joins it.
  const creation = input('CreateCollaboration', {
    members: [{ accountId: PARTNER_ACCOUNT, displayName: 'Partner', memberAbilities: [] }], creatorMemberAbilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'], creatorDisplayName: 'Tour',
  });
  const collaboration = await ok('CreateCollaboration', creation);
  keep('CreateCollaboration', collaboration, creation);
  assert.equal(collaboration.collaboration.memberStatus, 'INVITED');
  const joining = input('CreateMembership', { collaborationIdentifier: made.collaboration.id });
  keep('CreateMembership', await ok('CreateMembership', joining), joining);
  assert.equal(made.membership.values.status, 'ACTIVE');

  // Every other create, until what it names exists.
  let pending = Object.keys(PLANS).filter((name) => PLANS[name].action === 'create' && !(memberName(PLANS[name].kind) in made));
  for (let round = 0; pending.length && round < 5; round++) {
    const next = [];
    for (const operation of pending) {
      const given = input(operation);
      const answer = await call(operation, given);
      if (answer.type === 'ResourceNotFoundException') next.push(operation);
      else {
        assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer).slice(0, 400)}`);
        keep(operation, answer.body, given);
      }
    }
    pending = next;
  }
  assert.deepEqual(pending, [], 'every create found what it names');

  // Every read, list, change and change of status, in the world.
  const special = {
    DisallowIntermediateTable: { intermediateTableName: made.intermediateTable?.name },
    // The configured table's ARN: those in a membership are longer than TagResource's 100 characters.
    TagResource: { resourceArn: made.configuredTable.arn, tags: { stage: 'tour' } },
    UntagResource: { resourceArn: made.configuredTable.arn, tagKeys: ['stage'] },
    ListTagsForResource: { resourceArn: made.configuredTable.arn },
    UpdateProtectedQuery: { targetStatus: 'CANCELLED' },
    // The schema of the tour's configured table association, and its table's analysis rule.
    GetSchema: { name: made.configuredTableAssociation.name },
    BatchGetSchema: { names: [made.configuredTableAssociation.name, 'not_there'] },
    GetSchemaAnalysisRule: { name: made.configuredTableAssociation.name, type: made.configuredTableAnalysisRule.input.analysisRuleType },
    BatchGetSchemaAnalysisRule: { schemaAnalysisRuleRequests: [{ name: made.configuredTableAssociation.name, type: made.configuredTableAnalysisRule.input.analysisRuleType }] },
    UpdateProtectedJob: { targetStatus: 'CANCELLED' },
  };
  const reads = Object.keys(PLANS).filter((name) => !['create', 'delete'].includes(PLANS[name].action) && !['TagResource', 'UntagResource', 'ListTagsForResource'].includes(name));
  const read = {};
  for (const operation of reads) {
    const given = input(operation, special[operation]);
    const answer = await call(operation, given);
    assert.equal(answer.status, 200, `${operation} ${JSON.stringify(given).slice(0, 300)}: ${JSON.stringify(answer).slice(0, 400)}`);
    read[operation] = answer.body;
  }
  assert.deepEqual([read.GetSchema.schema.type, read.GetSchema.schema.columns.map((c) => c.name)], ['TABLE', made.configuredTable.values.allowedColumns]);
  assert.deepEqual([read.BatchGetSchema.schemas.length, read.BatchGetSchema.errors.map((e) => [e.name, e.code])], [1, [['not_there', 'ResourceNotFound']]]);
  assert.equal(read.GetSchemaAnalysisRule.analysisRule.policy !== undefined, true);
  assert.equal(read.BatchGetSchemaAnalysisRule.analysisRules.length, 1);
  for (const operation of ['TagResource', 'ListTagsForResource', 'UntagResource', 'ListTagsForResource']) {
    const body = await ok(operation, special[operation]);
    if (operation === 'ListTagsForResource') assert.ok(body.tags.stage === 'tour' || body.tags.stage === undefined);
  }
  const query = await ok('GetProtectedQuery', input('GetProtectedQuery'));
  assert.equal(query.protectedQuery.status, 'CANCELLING', 'a cancelled query passes through CANCELLING');
  settle();
  assert.equal((await ok('GetProtectedQuery', input('GetProtectedQuery'))).protectedQuery.status, 'CANCELLED');

  // Across the services: Clean Rooms ML cannot delete what a Clean Rooms association names.
  const held = await callMl('DeleteConfiguredAudienceModel', { configuredAudienceModelArn });
  assert.equal(held.type, 'ConflictException', JSON.stringify(held));

  // Deletes, children first (the collaboration last, after its member): then each is not found.
  const rank = (operation) => (PLANS[operation].kind === 'Collaboration' ? -2 : order.lastIndexOf(PLANS[operation].kind));
  const deletes = Object.keys(PLANS).filter((name) => PLANS[name].action === 'delete' && name !== 'DeleteMembership')
    .sort((a, b) => rank(b) - rank(a));
  for (const operation of deletes) {
    const kind = PLANS[operation].kind;
    const given = input(operation, kind === 'Member' ? { accountId: PARTNER_ACCOUNT } : {});
    await ok(operation, given);
    const getter = Object.keys(PLANS).find((name) => PLANS[name].kind === kind && PLANS[name].action === 'get' && !name.startsWith('GetCollaboration'));
    if (getter && kind !== 'Membership' && kind !== 'Collaboration') {
      const gone = await call(getter, input(getter));
      assert.equal(gone.type, 'ResourceNotFoundException', `${getter} after ${operation}: ${JSON.stringify(gone).slice(0, 300)}`);
    }
  }
  // The Clean Rooms association named the configured audience model; gone, it no longer holds it.
  await mlOk('DeleteConfiguredAudienceModel', { configuredAudienceModelArn });
  const ended = (await ok('ListMemberships', { status: 'COLLABORATION_DELETED' })).membershipSummaries;
  assert.deepEqual(ended.map((m) => m.id), [made.membership.id], 'the deleted collaboration\'s membership');
  assert.equal(made.collaboration.values.creatorAccountId, CALLER_ACCOUNT);
  // A member that is not the creator leaves: the demo world's invitation, joined and left.
  const invited = (await ok('ListCollaborations', { memberStatus: 'INVITED' })).collaborationList.map((c) => c.id);
  assert.deepEqual(invited, [INVITING_COLLABORATION]);
  const joined = (await ok('CreateMembership', { collaborationIdentifier: INVITING_COLLABORATION, queryLogStatus: 'DISABLED' })).membership;
  await ok('DeleteMembership', { membershipIdentifier: joined.id });
  const left = await call('GetMembership', { membershipIdentifier: joined.id });
  assert.equal(left.type, 'ResourceNotFoundException');
  const outside = await call('ListMembers', { collaborationIdentifier: INVITING_COLLABORATION });
  assert.equal(outside.type, 'ResourceNotFoundException', 'who has left is no member');
}
