// A tour of the whole Clean Rooms ML API against the local endpoint: each of the model's
// operations at least once, through a training dataset, an audience model with a configured
// audience model and its policy, an audience generation and export, a configured model
// algorithm and its association, an ML input channel, a trained model with an inference job
// and an export, the ML configuration, and tags. Each resource is made, read, listed,
// changed and removed, and then not found. The tour takes a `call(operationName, input)`
// resolving to { status, type, body }, so that the same tour runs in-process and through the
// AWS CLI, and `settle()`, which lets every status run its course (the endpoint's advance,
// at a pace slow enough that no status moves by itself during the tour). Calls in one step do
// not depend on each other and run together. It works in the demo world's membership of the
// caller (DEMO_MEMBERSHIP), which has no Clean Rooms ML resources to start with.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { COLLABORATION, DEMO_MEMBERSHIP, SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import { services } from '../../scripts/service-model.mjs';

export const TOUR_MEMBERSHIP = DEMO_MEMBERSHIP;
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/cleanrooms-ml-tour`;
const OTHER_COLLABORATION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const arnOf = (type) => new RegExp(`^arn:aws:cleanrooms-ml:us-east-1:${ACCOUNT}:${type}/[-a-zA-Z0-9_/.]+$`);
const inMembership = (type) => arnOf(`membership/${TOUR_MEMBERSHIP}/${type}`);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const s3 = (path) => ({ s3Destination: { s3Uri: `s3://cleanrooms-ml-tour/${path}/` } });

/** The pace a tour's endpoint runs at: no status moves by itself while a tour runs. */
export const TOUR_PACE_MS = 3_600_000;

export async function tour(call, settle) {
  const M = TOUR_MEMBERSHIP;
  const ok = async (operation, input) => {
    const answer = await call(operation, input);
    assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer)}`);
    return answer.body;
  };
  const fails = async (type, operation, input) => {
    const answer = await call(operation, input);
    assert.equal(answer.type, type, `${operation}: ${JSON.stringify(answer)}`);
  };
  const names = (items) => items.map((item) => item.name);

  // Things that need nothing else.
  const trainingData = [{
    type: 'INTERACTIONS',
    inputConfig: {
      schema: [{ columnName: 'user_id', columnTypes: ['USER_ID'] }, { columnName: 'item_id', columnTypes: ['ITEM_ID'] }, { columnName: 'ts', columnTypes: ['TIMESTAMP'] }],
      dataSource: { glueDataSource: { tableName: 'interactions', databaseName: 'tour_db' } },
    },
  }];
  const container = (tag) => ({ imageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/tour:${tag}` });
  const mlOutput = { destination: s3('ml'), roleArn: ROLE };
  const [dataset, algorithm, spareAlgorithm, mlConfiguration, algorithms, seeded] = await Promise.all([
    ok('CreateTrainingDataset', { name: 'tour-dataset', roleArn: ROLE, trainingData, tags: { stage: 'tour' } }),
    ok('CreateConfiguredModelAlgorithm', { name: 'tour-algorithm', roleArn: ROLE, trainingContainerConfig: container('train'), inferenceContainerConfig: container('infer'), tags: { stage: 'tour' } }),
    ok('CreateConfiguredModelAlgorithm', { name: 'tour-algorithm-spare', roleArn: ROLE, description: 'made to be deleted' }),
    ok('PutMLConfiguration', { membershipIdentifier: M, defaultOutputLocation: mlOutput }),
    ok('ListConfiguredModelAlgorithms', {}),
    ok('GetConfiguredModelAlgorithm', { configuredModelAlgorithmArn: SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn }),
  ]);
  assert.match(dataset.trainingDatasetArn, arnOf('training-dataset'));
  assert.match(algorithm.configuredModelAlgorithmArn, arnOf('configured-model-algorithm'));
  assert.equal(mlConfiguration, undefined, 'PutMLConfiguration has no output');
  assert.deepEqual(names(algorithms.configuredModelAlgorithms).slice(0, 3), SEEDED_ALGORITHMS.map((a) => a.name));
  assert.equal(seeded.roleArn, SEEDED_ALGORITHMS[0].roleArn);
  assert.match(seeded.createTime, ISO, 'timestamps are iso8601 on the wire, as the model says');

  const privacyConfiguration = { policies: { trainedModels: { containerMetrics: { noiseLevel: 'LOW' }, maxArtifactSize: { unit: 'GB', value: 10 } }, trainedModelExports: { maxSize: { unit: 'GB', value: 5 }, filesToExport: ['MODEL'] } } };
  const [gotDataset, datasets, audienceModel, association, spareAssociation, gotConfiguration, gotAlgorithm] = await Promise.all([
    ok('GetTrainingDataset', { trainingDatasetArn: dataset.trainingDatasetArn }),
    ok('ListTrainingDatasets', {}),
    ok('CreateAudienceModel', { name: 'tour-audience-model', trainingDatasetArn: dataset.trainingDatasetArn, trainingDataStartTime: '2026-01-01T00:00:00Z', trainingDataEndTime: '2026-06-30T00:00:00Z' }),
    ok('CreateConfiguredModelAlgorithmAssociation', { membershipIdentifier: M, configuredModelAlgorithmArn: algorithm.configuredModelAlgorithmArn, name: 'tour-association', privacyConfiguration }),
    ok('CreateConfiguredModelAlgorithmAssociation', { membershipIdentifier: M, configuredModelAlgorithmArn: SEEDED_ALGORITHMS[2].configuredModelAlgorithmArn, name: 'tour-association-spare' }),
    ok('GetMLConfiguration', { membershipIdentifier: M }),
    ok('GetConfiguredModelAlgorithm', { configuredModelAlgorithmArn: algorithm.configuredModelAlgorithmArn }),
  ]);
  assert.deepEqual([gotDataset.name, gotDataset.status, gotDataset.roleArn, gotDataset.tags], ['tour-dataset', 'ACTIVE', ROLE, { stage: 'tour' }]);
  assert.deepEqual(gotDataset.trainingData, trainingData);
  assert.ok(datasets.trainingDatasets.some((d) => d.trainingDatasetArn === dataset.trainingDatasetArn));
  assert.match(association.configuredModelAlgorithmAssociationArn, inMembership('configured-model-algorithm-association'));
  assert.deepEqual([gotConfiguration.membershipIdentifier, gotConfiguration.defaultOutputLocation], [M, mlOutput]);
  assert.deepEqual([gotAlgorithm.name, gotAlgorithm.trainingContainerConfig], ['tour-algorithm', container('train')]);

  const outputConfig = { destination: s3('audiences'), roleArn: ROLE };
  const inputChannel = {
    dataSource: { protectedQueryInputParameters: { sqlParameters: { queryString: 'SELECT user_id, item_id, ts FROM interactions' }, computeConfiguration: { worker: { type: 'CR.1X', number: 4 } }, resultFormat: 'PARQUET' } },
    roleArn: ROLE,
  };
  const A = association.configuredModelAlgorithmAssociationArn;
  const [gotAudienceModel, audienceModels, configuredAudienceModel, gotAssociation, associations, collaborationAssociation, collaborationAssociations, channel] = await Promise.all([
    ok('GetAudienceModel', { audienceModelArn: audienceModel.audienceModelArn }),
    ok('ListAudienceModels', {}),
    ok('CreateConfiguredAudienceModel', { name: 'tour-lookalike', audienceModelArn: audienceModel.audienceModelArn, outputConfig, sharedAudienceMetrics: ['ALL'], minMatchingSeedSize: 25, audienceSizeConfig: { audienceSizeType: 'ABSOLUTE', audienceSizeBins: [1000, 5000] }, childResourceTagOnCreatePolicy: 'NONE' }),
    ok('GetConfiguredModelAlgorithmAssociation', { membershipIdentifier: M, configuredModelAlgorithmAssociationArn: A }),
    ok('ListConfiguredModelAlgorithmAssociations', { membershipIdentifier: M }),
    ok('GetCollaborationConfiguredModelAlgorithmAssociation', { collaborationIdentifier: COLLABORATION, configuredModelAlgorithmAssociationArn: A }),
    ok('ListCollaborationConfiguredModelAlgorithmAssociations', { collaborationIdentifier: COLLABORATION }),
    ok('CreateMLInputChannel', { membershipIdentifier: M, configuredModelAlgorithmAssociations: [A], inputChannel, name: 'tour-channel', retentionInDays: 7 }),
  ]);
  assert.deepEqual([gotAudienceModel.status, gotAudienceModel.trainingDataStartTime], ['CREATE_PENDING', '2026-01-01T00:00:00.000Z']);
  assert.deepEqual(names(audienceModels.audienceModels), ['tour-audience-model']);
  assert.match(configuredAudienceModel.configuredAudienceModelArn, arnOf('configured-audience-model'));
  assert.deepEqual(gotAssociation.privacyConfiguration, privacyConfiguration);
  assert.deepEqual(names(associations.configuredModelAlgorithmAssociations).sort(), ['tour-association', 'tour-association-spare']);
  assert.deepEqual([collaborationAssociation.creatorAccountId, collaborationAssociation.membershipIdentifier], [ACCOUNT, M]);
  assert.ok(names(collaborationAssociations.collaborationConfiguredModelAlgorithmAssociations).includes('partner-lookalike'), 'a partner\'s association, in the collaboration\'s view');
  assert.match(channel.mlInputChannelArn, inMembership('ml-input-channel'));

  const CAM = configuredAudienceModel.configuredAudienceModelArn;
  const CH = channel.mlInputChannelArn;
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'cleanrooms-ml:StartAudienceGenerationJob', Resource: CAM }] });
  const [gotCam, cams, putPolicy, generation, gotChannel, channels, collaborationChannel, collaborationChannels, trained] = await Promise.all([
    ok('GetConfiguredAudienceModel', { configuredAudienceModelArn: CAM }),
    ok('ListConfiguredAudienceModels', {}),
    ok('PutConfiguredAudienceModelPolicy', { configuredAudienceModelArn: CAM, configuredAudienceModelPolicy: policy, policyExistenceCondition: 'POLICY_MUST_NOT_EXIST' }),
    ok('StartAudienceGenerationJob', { name: 'tour-generation', configuredAudienceModelArn: CAM, seedAudience: { dataSource: { s3Uri: 's3://cleanrooms-ml-tour/seed.csv' }, roleArn: ROLE }, includeSeedInOutput: false, collaborationId: COLLABORATION, tags: { stage: 'tour' } }),
    ok('GetMLInputChannel', { membershipIdentifier: M, mlInputChannelArn: CH }),
    ok('ListMLInputChannels', { membershipIdentifier: M }),
    ok('GetCollaborationMLInputChannel', { collaborationIdentifier: COLLABORATION, mlInputChannelArn: CH }),
    ok('ListCollaborationMLInputChannels', { collaborationIdentifier: COLLABORATION }),
    ok('CreateTrainedModel', {
      membershipIdentifier: M, name: 'tour-model', configuredModelAlgorithmAssociationArn: A,
      resourceConfig: { instanceType: 'ml.m5.xlarge', volumeSizeInGB: 10, instanceCount: 1 },
      dataChannels: [{ mlInputChannelArn: CH, channelName: 'train' }], hyperparameters: { epochs: '10' },
      stoppingCondition: { maxRuntimeInSeconds: 3600 }, trainingInputMode: 'File', tags: { stage: 'tour' },
    }),
  ]);
  assert.deepEqual([gotCam.status, gotCam.sharedAudienceMetrics, gotCam.minMatchingSeedSize, gotCam.outputConfig], ['ACTIVE', ['ALL'], 25, outputConfig]);
  assert.deepEqual(names(cams.configuredAudienceModels), ['tour-lookalike']);
  const policyHash = createHash('sha256').update(policy).digest('hex');
  assert.deepEqual(putPolicy, { configuredAudienceModelPolicy: policy, policyHash });
  assert.match(generation.audienceGenerationJobArn, arnOf('audience-generation-job'));
  assert.deepEqual([gotChannel.status, gotChannel.inputChannel, gotChannel.retentionInDays, gotChannel.collaborationIdentifier], ['CREATE_PENDING', inputChannel, 7, COLLABORATION]);
  assert.deepEqual(names(channels.mlInputChannelsList), ['tour-channel']);
  assert.equal(collaborationChannel.creatorAccountId, ACCOUNT);
  assert.equal(collaborationChannel.inputChannel, undefined, 'the collaboration\'s view has no input channel');
  assert.deepEqual(names(collaborationChannels.collaborationMLInputChannelsList), ['tour-channel']);
  assert.match(trained.trainedModelArn, inMembership('trained-model'));

  const TM = trained.trainedModelArn;
  const GEN = generation.audienceGenerationJobArn;
  const receivers = { members: [{ accountId: ACCOUNT }] };
  const [gotPolicy, gotGeneration, generations, exported, gotModel, models, versions, collaborationModel, collaborationModels, inference, modelExport, tagged, updated] = await Promise.all([
    ok('GetConfiguredAudienceModelPolicy', { configuredAudienceModelArn: CAM }),
    ok('GetAudienceGenerationJob', { audienceGenerationJobArn: GEN }),
    ok('ListAudienceGenerationJobs', { configuredAudienceModelArn: CAM }),
    ok('StartAudienceExportJob', { name: 'tour-export', audienceGenerationJobArn: GEN, audienceSize: { type: 'ABSOLUTE', value: 1000 } }),
    ok('GetTrainedModel', { membershipIdentifier: M, trainedModelArn: TM }),
    ok('ListTrainedModels', { membershipIdentifier: M }),
    ok('ListTrainedModelVersions', { membershipIdentifier: M, trainedModelArn: TM }),
    ok('GetCollaborationTrainedModel', { collaborationIdentifier: COLLABORATION, trainedModelArn: TM }),
    ok('ListCollaborationTrainedModels', { collaborationIdentifier: COLLABORATION }),
    ok('StartTrainedModelInferenceJob', { membershipIdentifier: M, name: 'tour-inference', trainedModelArn: TM, resourceConfig: { instanceType: 'ml.m5.xlarge', instanceCount: 1 }, outputConfiguration: { ...receivers, accept: 'text/csv' }, dataSource: { mlInputChannelArn: CH }, containerExecutionParameters: { maxPayloadInMB: 6 }, environment: { MODE: 'batch' } }),
    ok('StartTrainedModelExportJob', { membershipIdentifier: M, trainedModelArn: TM, name: 'tour-model-export', outputConfiguration: receivers }),
    ok('TagResource', { resourceArn: TM, tags: { owner: 'tour', cost: 'ml' } }),
    ok('UpdateConfiguredAudienceModel', { configuredAudienceModelArn: CAM, minMatchingSeedSize: 100, description: 'Seeds of 100 at least' }),
  ]);
  assert.deepEqual(gotPolicy, { configuredAudienceModelArn: CAM, configuredAudienceModelPolicy: policy, policyHash });
  assert.deepEqual([gotGeneration.status, gotGeneration.startedBy, gotGeneration.collaborationId, gotGeneration.tags], ['CREATE_PENDING', ACCOUNT, COLLABORATION, { stage: 'tour' }]);
  assert.deepEqual(names(generations.audienceGenerationJobs), ['tour-generation']);
  assert.equal(exported, undefined, 'StartAudienceExportJob has no output');
  assert.deepEqual([gotModel.status, gotModel.versionIdentifier, gotModel.dataChannels], ['CREATE_PENDING', trained.versionIdentifier, [{ mlInputChannelArn: CH, channelName: 'train' }]]);
  assert.deepEqual(names(models.trainedModels), ['tour-model']);
  assert.deepEqual(versions.trainedModels.map((v) => v.versionIdentifier), [trained.versionIdentifier]);
  assert.deepEqual([collaborationModel.creatorAccountId, collaborationModel.hyperparameters], [ACCOUNT, undefined]);
  assert.deepEqual(names(collaborationModels.collaborationTrainedModels), ['tour-model']);
  assert.match(inference.trainedModelInferenceJobArn, inMembership('trained-model-inference-job'));
  assert.equal(modelExport, undefined, 'StartTrainedModelExportJob has no output');
  assert.deepEqual([tagged, updated], [{}, { configuredAudienceModelArn: CAM }]);

  const JOB = inference.trainedModelInferenceJobArn;
  const [exports, gotJob, jobs, collaborationJobs, modelExports, tags, updatedCam, replacedPolicy] = await Promise.all([
    ok('ListAudienceExportJobs', { audienceGenerationJobArn: GEN }),
    ok('GetTrainedModelInferenceJob', { membershipIdentifier: M, trainedModelInferenceJobArn: JOB }),
    ok('ListTrainedModelInferenceJobs', { membershipIdentifier: M, trainedModelArn: TM }),
    ok('ListCollaborationTrainedModelInferenceJobs', { collaborationIdentifier: COLLABORATION }),
    ok('ListCollaborationTrainedModelExportJobs', { collaborationIdentifier: COLLABORATION, trainedModelArn: TM }),
    ok('ListTagsForResource', { resourceArn: TM }),
    ok('GetConfiguredAudienceModel', { configuredAudienceModelArn: CAM }),
    ok('PutConfiguredAudienceModelPolicy', { configuredAudienceModelArn: CAM, configuredAudienceModelPolicy: policy.replace('Allow', 'Deny'), previousPolicyHash: policyHash }),
    fails('ValidationException', 'PutConfiguredAudienceModelPolicy', { configuredAudienceModelArn: CAM, configuredAudienceModelPolicy: policy, policyExistenceCondition: 'POLICY_MUST_NOT_EXIST' }),
    fails('ValidationException', 'PutConfiguredAudienceModelPolicy', { configuredAudienceModelArn: CAM, configuredAudienceModelPolicy: policy, previousPolicyHash: 'ab'.repeat(32) }),
  ]);
  assert.deepEqual(exports.audienceExportJobs.map((j) => [j.name, j.status, j.audienceSize]), [['tour-export', 'CREATE_PENDING', { type: 'ABSOLUTE', value: 1000 }]]);
  assert.deepEqual([gotJob.status, gotJob.trainedModelArn, gotJob.environment], ['CREATE_PENDING', TM, { MODE: 'batch' }]);
  assert.deepEqual(names(jobs.trainedModelInferenceJobs), ['tour-inference']);
  assert.deepEqual(names(collaborationJobs.collaborationTrainedModelInferenceJobs), ['tour-inference']);
  assert.deepEqual(modelExports.collaborationTrainedModelExportJobs.map((j) => [j.name, j.status, j.creatorAccountId]), [['tour-model-export', 'CREATE_PENDING', ACCOUNT]]);
  assert.deepEqual(tags, { tags: { stage: 'tour', owner: 'tour', cost: 'ml' } });
  assert.deepEqual([updatedCam.minMatchingSeedSize, updatedCam.description, updatedCam.name], [100, 'Seeds of 100 at least', 'tour-lookalike']);
  assert.ok(updatedCam.updateTime >= updatedCam.createTime);
  assert.notEqual(replacedPolicy.policyHash, policyHash);

  // Changes of status, and what cannot be removed while another resource names it.
  await Promise.all([
    ok('UntagResource', { resourceArn: TM, tagKeys: ['owner', 'cost'] }),
    ok('CancelTrainedModelInferenceJob', { membershipIdentifier: M, trainedModelInferenceJobArn: JOB }),
    ok('CancelTrainedModel', { membershipIdentifier: M, trainedModelArn: TM }),
    ok('DeleteConfiguredAudienceModelPolicy', { configuredAudienceModelArn: CAM }),
    ok('DeleteAudienceGenerationJob', { audienceGenerationJobArn: GEN }),
    ok('DeleteMLInputChannelData', { membershipIdentifier: M, mlInputChannelArn: CH }),
    ok('DeleteConfiguredModelAlgorithmAssociation', { membershipIdentifier: M, configuredModelAlgorithmAssociationArn: spareAssociation.configuredModelAlgorithmAssociationArn }),
    ok('DeleteConfiguredModelAlgorithm', { configuredModelAlgorithmArn: spareAlgorithm.configuredModelAlgorithmArn }),
    fails('ConflictException', 'DeleteTrainingDataset', { trainingDatasetArn: dataset.trainingDatasetArn }),
    fails('ConflictException', 'DeleteConfiguredModelAlgorithm', { configuredModelAlgorithmArn: algorithm.configuredModelAlgorithmArn }),
    fails('ConflictException', 'DeleteConfiguredModelAlgorithmAssociation', { membershipIdentifier: M, configuredModelAlgorithmAssociationArn: A }),
    fails('ResourceNotFoundException', 'TagResource', { resourceArn: `${TM}-unknown`, tags: { a: 'b' } }),
  ]);
  const [untagged, cancelledJob, dataDeleted, , , , , deletingGeneration] = await Promise.all([
    ok('ListTagsForResource', { resourceArn: TM }),
    ok('GetTrainedModelInferenceJob', { membershipIdentifier: M, trainedModelInferenceJobArn: JOB }),
    ok('GetMLInputChannel', { membershipIdentifier: M, mlInputChannelArn: CH }),
    ok('DeleteTrainedModelOutput', { membershipIdentifier: M, trainedModelArn: TM }),
    ok('DeleteMLConfiguration', { membershipIdentifier: M }),
    fails('ConflictException', 'CancelTrainedModelInferenceJob', { membershipIdentifier: M, trainedModelInferenceJobArn: JOB }),
    fails('ResourceNotFoundException', 'GetConfiguredAudienceModelPolicy', { configuredAudienceModelArn: CAM }),
    ok('GetAudienceGenerationJob', { audienceGenerationJobArn: GEN }),
    // The generation job names the configured audience model until it is gone.
    fails('ConflictException', 'DeleteConfiguredAudienceModel', { configuredAudienceModelArn: CAM }),
    fails('ConflictException', 'DeleteAudienceGenerationJob', { audienceGenerationJobArn: GEN }),
  ]);
  assert.equal(deletingGeneration.status, 'DELETE_PENDING', 'a deleted generation job is DELETE_PENDING before it is gone');
  assert.deepEqual(untagged, { tags: { stage: 'tour' } });
  assert.equal(cancelledJob.status, 'CANCEL_PENDING');
  assert.equal(dataDeleted.status, 'DELETE_PENDING');
  const [modelOutputDeleted, exportsAfter] = await Promise.all([
    ok('GetTrainedModel', { membershipIdentifier: M, trainedModelArn: TM }),
    ok('ListAudienceExportJobs', { audienceGenerationJobArn: GEN }),
    fails('ResourceNotFoundException', 'GetMLConfiguration', { membershipIdentifier: M }),
    fails('ResourceNotFoundException', 'DeleteMLConfiguration', { membershipIdentifier: M }),
  ]);
  assert.equal(modelOutputDeleted.status, 'DELETE_PENDING');
  assert.deepEqual(exportsAfter.audienceExportJobs, [], 'an audience export goes with its generation job');
  // Every status runs its course: the deleted are gone, the cancelled and the emptied inactive.
  settle();
  const [settledJob, settledChannel, settledModel] = await Promise.all([
    ok('GetTrainedModelInferenceJob', { membershipIdentifier: M, trainedModelInferenceJobArn: JOB }),
    ok('GetMLInputChannel', { membershipIdentifier: M, mlInputChannelArn: CH }),
    ok('GetTrainedModel', { membershipIdentifier: M, trainedModelArn: TM }),
    fails('ResourceNotFoundException', 'GetAudienceGenerationJob', { audienceGenerationJobArn: GEN }),
    ok('DeleteConfiguredAudienceModel', { configuredAudienceModelArn: CAM }),
  ]);
  assert.deepEqual([settledJob.status, settledChannel.status, settledModel.status], ['INACTIVE', 'INACTIVE', 'INACTIVE']);
  await Promise.all([
    ok('DeleteAudienceModel', { audienceModelArn: audienceModel.audienceModelArn }),
    fails('ResourceNotFoundException', 'GetConfiguredAudienceModel', { configuredAudienceModelArn: CAM }),
  ]);
  assert.equal((await ok('GetAudienceModel', { audienceModelArn: audienceModel.audienceModelArn })).status, 'DELETE_PENDING');
  // The audience model names the training dataset until it is gone.
  await fails('ConflictException', 'DeleteTrainingDataset', { trainingDatasetArn: dataset.trainingDatasetArn });
  settle();
  await Promise.all([
    ok('DeleteTrainingDataset', { trainingDatasetArn: dataset.trainingDatasetArn }),
    fails('ResourceNotFoundException', 'GetAudienceModel', { audienceModelArn: audienceModel.audienceModelArn }),
    fails('ResourceNotFoundException', 'GetConfiguredModelAlgorithm', { configuredModelAlgorithmArn: spareAlgorithm.configuredModelAlgorithmArn }),
    // Not a member of the collaboration: ListCollaboration… declares AccessDeniedException, not ResourceNotFoundException.
    fails('AccessDeniedException', 'ListCollaborationMLInputChannels', { collaborationIdentifier: OTHER_COLLABORATION }),
    fails('ResourceNotFoundException', 'GetCollaborationMLInputChannel', { collaborationIdentifier: OTHER_COLLABORATION, mlInputChannelArn: CH }),
  ]);
  await Promise.all([
    fails('ResourceNotFoundException', 'GetTrainingDataset', { trainingDatasetArn: dataset.trainingDatasetArn }),
    fails('ResourceNotFoundException', 'DeleteTrainingDataset', { trainingDatasetArn: dataset.trainingDatasetArn }),
    ok('ListTrainingDatasets', {}).then((list) => assert.ok(!list.trainingDatasets.some((d) => d.trainingDatasetArn === dataset.trainingDatasetArn))),
  ]);
}

/**
 * What is wrong, by the model, with the endpoint's answers ({ service, operation, status, type,
 * body }, as its onAnswer option gives them; the service Clean Rooms ML when not given): a
 * success must be its output shape exactly (or have no body when the operation has no output), an error one that the operation declares, with its
 * error shape's status and members.
 */
export function answerProblems(answers) {
  const problems = [];
  for (const { service = 'cleanroomsml', operation, status, type, body } of answers) {
    const { model, outputViolations } = services[service];
    const { output, errors = [] } = model.operations[operation];
    const where = `${operation} ${status}${type ? ` ${type}` : ''}`;
    const shape = status === 200 ? output?.shape : type;
    if (status !== 200 && !errors.some((e) => e.shape === type)) {
      problems.push(`${where}: an error the operation does not declare`);
      continue;
    }
    if (status !== 200 && model.shapes[type].error.httpStatusCode !== status) problems.push(`${where}: the error shape's status is ${model.shapes[type].error.httpStatusCode}`);
    if (!shape) {
      if (body !== undefined) problems.push(`${where}: a body, but the operation has no output`);
      continue;
    }
    for (const v of outputViolations(shape, body)) problems.push(`${where}: '${v.path}' ${v.message}`);
  }
  return problems;
}
