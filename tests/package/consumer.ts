// A strict TypeScript consumer of the packed package: what must compile does, and each
// mistake marked @ts-expect-error must be a compile error (tsc fails on an unused one).
import init, {
  validate,
  buildRequest,
  createSignedRequest,
  paginateListConfiguredModelAlgorithmAssociations,
  paginateListTrainingDatasets,
  paginate,
  CleanRoomsMlClient,
  type ComputeConfiguration,
  type InputChannelDataSource,
  type GetMLInputChannelOutput,
  type CreateAudienceModelRequest,
  type TrainingDatasetSummary,
  type GetConfiguredModelAlgorithmAssociationOutput,
  type ListConfiguredModelAlgorithmAssociationsOutput,
  type DeleteConfiguredModelAlgorithmAssociationOutput,
  type ConfiguredModelAlgorithmAssociationSummary,
  type CreateConfiguredModelAlgorithmAssociationRequest,
  type CreateConfiguredModelAlgorithmAssociationOutput,
  type ValidationReport,
  type Issue,
  type IssueCode,
  type HttpRequest,
  type ServiceError,
  type CleanRoomsMlError,
  type NoiseLevelType,
} from 'cleanroomsml-wasm';
import {
  fromCognitoIdentityPool,
  fromCognitoIdentity,
  fromWebToken,
  IndexedDbStorage,
  type CognitoIdentityCredentials,
} from 'cleanroomsml-wasm/credential-providers';

export async function consumer(): Promise<void> {
  await init();

  const full: CreateConfiguredModelAlgorithmAssociationRequest = {
    membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
    configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc',
    name: 'churn model',
    description: 'weekly',
    privacyConfiguration: {
      policies: {
        trainedModels: {
          containerLogs: [
            {
              allowedAccountIds: ['123456789012'],
              filterPattern: 'ERROR.*',
              logType: 'ERROR_SUMMARY',
              logRedactionConfiguration: {
                entitiesToRedact: ['CUSTOM', 'NUMBERS'],
                customEntityConfig: { customDataIdentifiers: ['[0-9]{4}'] },
              },
            },
          ],
          containerMetrics: { noiseLevel: 'MEDIUM' },
          maxArtifactSize: { unit: 'GB', value: 1.5 },
        },
        trainedModelExports: { maxSize: { unit: 'GB', value: 2 }, filesToExport: ['MODEL', 'OUTPUT'] },
        trainedModelInferenceJobs: { maxOutputSize: { unit: 'GB', value: 10 } },
      },
    },
    tags: { team: 'ml' },
  };

  const misspelled: CreateConfiguredModelAlgorithmAssociationRequest = {
    ...full,
    privacyConfiguration: {
      policies: {
        // @ts-expect-error a misspelled member
        trainedModel: {},
      },
    },
  };

  const noise: NoiseLevelType = 'HIGH';
  // @ts-expect-error a wrong enum string
  const wrongNoise: NoiseLevelType = 'high';

  const wrongNumber: CreateConfiguredModelAlgorithmAssociationRequest = {
    ...full,
    // @ts-expect-error a string where a number belongs
    privacyConfiguration: { policies: { trainedModels: { maxArtifactSize: { unit: 'GB', value: '1.5' } } } },
  };

  // @ts-expect-error a missing required member (name)
  const missing: CreateConfiguredModelAlgorithmAssociationRequest = {
    membershipIdentifier: full.membershipIdentifier,
    configuredModelAlgorithmArn: full.configuredModelAlgorithmArn,
  };

  // The report is typed: codes and severities are unions.
  const report: ValidationReport = validate({ anything: true });
  const first: Issue | undefined = report.issues[0];
  const code: IssueCode | undefined = first?.code;
  // @ts-expect-error not an issue code
  const badCode: IssueCode = 'tooLong';
  const severity: 'error' | 'warning' | undefined = first?.severity;

  const signed: HttpRequest = createSignedRequest(full, {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    signingDate: new Date(),
  });
  const headers: Record<string, string> = signed.headers;

  const client = new CleanRoomsMlClient({
    region: 'us-east-1',
    credentials: async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret', expiration: new Date() }),
    maxAttempts: 3,
    requestTimeoutMs: 5000,
  });
  // @ts-expect-error the client wants a region
  new CleanRoomsMlClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  try {
    const output: CreateConfiguredModelAlgorithmAssociationOutput = await client.createConfiguredModelAlgorithmAssociation(full, {
      abortSignal: new AbortController().signal,
    });
    const arn: string = output.configuredModelAlgorithmAssociationArn;
    const attempts: number = output.$metadata.attempts;
    // As the SDK's `send(command, options?)`: the options may be left out.
    const withoutOptions: CreateConfiguredModelAlgorithmAssociationOutput = await client.createConfiguredModelAlgorithmAssociation(full);
    // @ts-expect-error the options are an object with abortSignal, not a signal
    await client.createConfiguredModelAlgorithmAssociation(full, new AbortController().signal);
    void [arn, attempts, withoutOptions];
  } catch (err) {
    const failure = err as ServiceError;
    const fault: 'client' | 'server' = failure.$fault;
    const status: number | undefined = failure.$metadata.httpStatusCode;
    const local = err as CleanRoomsMlError;
    const path: string = local.path;
    void [fault, status, path];
  }
  // Every operation: the functions that take its name check the input's type by that name.
  const byName: HttpRequest = buildRequest('GetConfiguredModelAlgorithm', { configuredModelAlgorithmArn: 'arn' }, { region: 'us-east-1' });
  const listReport: ValidationReport = validate('ListConfiguredModelAlgorithms', {});
  // @ts-expect-error a member of another operation's input
  buildRequest('GetConfiguredModelAlgorithm', { membershipIdentifier: 'm' }, { region: 'us-east-1' });
  // @ts-expect-error not an operation of the module
  validate('DeleteEverything', {});
  const membership = { membershipIdentifier: full.membershipIdentifier };
  const association = { ...membership, configuredModelAlgorithmAssociationArn: 'arn' };
  const got: GetConfiguredModelAlgorithmAssociationOutput = await client.getConfiguredModelAlgorithmAssociation(association);
  const created: Date = got.createTime;
  const gone: DeleteConfiguredModelAlgorithmAssociationOutput = await client.deleteConfiguredModelAlgorithmAssociation(association);
  const page: ListConfiguredModelAlgorithmAssociationsOutput = await client.listConfiguredModelAlgorithmAssociations({ ...membership, maxResults: 10 });
  for await (const each of paginateListConfiguredModelAlgorithmAssociations({ client, pageSize: 25 }, membership, { abortSignal: new AbortController().signal })) {
    const items: ConfiguredModelAlgorithmAssociationSummary[] = each.configuredModelAlgorithmAssociations;
    const token: string | undefined = each.nextToken;
    void [items, token];
  }
  // @ts-expect-error the paginator wants the client in its configuration
  paginateListConfiguredModelAlgorithmAssociations({ pageSize: 25 }, membership);
  // The whole API: `send` by name, unions as the SDK types them, Dates in inputs.
  const sent: GetMLInputChannelOutput = await client.send('GetMLInputChannel', { membershipIdentifier: 'm', mlInputChannelArn: 'arn' });
  const source: InputChannelDataSource = sent.inputChannel.dataSource;
  if (source.$unknown) {
    const [member, value]: [string, unknown] = source.$unknown;
    void [member, value];
  } else {
    const query: string = source.protectedQueryInputParameters.sqlParameters.queryString ?? '';
    void query;
  }
  const worker: ComputeConfiguration = { worker: { type: 'CR.1X', number: 16 } };
  // @ts-expect-error a union member this version does not have
  const wrongWorker: ComputeConfiguration = { gpu: {} };
  // @ts-expect-error a member of another operation's input, through send
  await client.send('GetMLInputChannel', { trainingDatasetArn: 'arn' });
  const audience: CreateAudienceModelRequest = { name: 'a', trainingDatasetArn: 'arn', trainingDataStartTime: new Date() };
  // @ts-expect-error a time is a Date, not a string
  const stringTime: CreateAudienceModelRequest = { name: 'a', trainingDatasetArn: 'arn', trainingDataStartTime: '2026-01-01' };
  for await (const each of paginateListTrainingDatasets({ client }, {})) {
    const datasets: TrainingDatasetSummary[] = each.trainingDatasets;
    void datasets;
  }
  for await (const each of paginate('ListTrainingDatasets', { client }, {})) {
    const datasets: TrainingDatasetSummary[] = each.trainingDatasets;
    void datasets;
  }
  // @ts-expect-error GetTrainingDataset has no paginator
  paginate('GetTrainingDataset', { client }, { trainingDatasetArn: 'arn' });
  void [misspelled, noise, wrongNoise, wrongNumber, missing, code, badCode, severity, headers, byName, listReport, created, gone.$metadata, page, worker, wrongWorker, audience, stringTime];

  // The credential providers: each is what the client, the paginators and createSignedRequest take.
  const pool = fromCognitoIdentityPool({
    identityPoolId: 'us-east-1:0d2cfb2d-b678-4edc-8e6b-6f325d93c188',
    logins: { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc': async () => 'id-token' },
    userIdentifier: 'ana',
    cache: new IndexedDbStorage(),
    clientConfig: { region: 'us-east-1' },
  });
  const fromPool: CognitoIdentityCredentials = await pool({ forceRefresh: true });
  const identityId: string = fromPool.identityId;
  const known = fromCognitoIdentity({ identityId, clientConfig: { region: 'us-east-1', endpoint: 'http://127.0.0.1:8081' } });
  const web = fromWebToken({ roleArn: 'arn:aws:iam::123456789012:role/web', webIdentityToken: () => 'oidc', durationSeconds: 900, clientConfig: { region: 'eu-west-1', fetch } });
  const pooled = new CleanRoomsMlClient({ region: 'us-east-1', credentials: pool });
  const webClient = new CleanRoomsMlClient({ region: 'us-east-1', credentials: web });
  for await (const each of paginateListTrainingDatasets({ client: webClient }, {})) void each;
  const later: HttpRequest = await createSignedRequest('ListTrainingDatasets', {}, { region: 'us-east-1', credentials: known });
  // @ts-expect-error a provider's request is a promise
  const notYet: HttpRequest = createSignedRequest('ListTrainingDatasets', {}, { region: 'us-east-1', credentials: known });
  // @ts-expect-error the client configuration names the region
  fromWebToken({ roleArn: 'arn', webIdentityToken: 'oidc', clientConfig: {} });
  // @ts-expect-error logins are strings or functions giving them
  fromCognitoIdentity({ identityId, logins: { idp: 42 }, clientConfig: { region: 'us-east-1' } });
  void [pooled, later, notYet];
}

// The Clean Rooms entry: the same runtime, its own client and types, as @aws-sdk/client-cleanrooms names them.
import {
  CleanRoomsClient,
  paginateListMemberships,
  validate as validateCleanRooms,
  type MembershipSummary,
  type ListMembershipsOutput,
  type MemberAbility,
} from 'cleanroomsml-wasm/cleanrooms';

export async function cleanRooms(): Promise<MembershipSummary[]> {
  const client = new CleanRoomsClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
  const page: ListMembershipsOutput = await client.listMemberships({ status: 'ACTIVE', maxResults: 5 });
  const abilities: MemberAbility[] = page.membershipSummaries[0]?.memberAbilities ?? [];
  const report: ValidationReport = validateCleanRooms('ListMemberships', { status: 'ACTIVE' });
  // @ts-expect-error a membership's status is one of the model's values
  await client.listMemberships({ status: 'LIVE' });
  // @ts-expect-error Clean Rooms ML's client is not a Clean Rooms client
  for await (const each of paginateListMemberships({ client: new CleanRoomsMlClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }) }, {})) void each;
  void [abilities, report];
  return page.membershipSummaries;
}
