// Every selected operation through the client and the functions that take an operation's
// name, against a stub `fetch` (Node 20): the request each method sends, outputs with their
// timestamps as `Date`s, the operation without output members, and the paginators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import wasm from '../node/wasm.mjs';

const MEMBERSHIP = '0d0a0c1e-1111-4222-8333-944455556666';
const COLLABORATION = '1d0a0c1e-1111-4222-8333-944455556666';
const ASSOCIATION = `arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/${MEMBERSHIP}/configured-model-algorithm-association/a1`;
const ALGORITHM = 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/alg1';
const ENCODED = (arn) => encodeURIComponent(arn);

const summary = { createTime: 1767225600.25, updateTime: 1767225601, configuredModelAlgorithmAssociationArn: ASSOCIATION, configuredModelAlgorithmArn: ALGORITHM, name: 'a', membershipIdentifier: MEMBERSHIP, collaborationIdentifier: COLLABORATION };
const association = { ...summary, privacyConfiguration: { policies: { trainedModels: { containerMetrics: { noiseLevel: 'LOW' } } } }, tags: { team: 'ml' } };

/** Each operation: its input, what the service answers, and the request it must make. */
const CASES = {
  CreateConfiguredModelAlgorithmAssociation: {
    input: { membershipIdentifier: MEMBERSHIP, configuredModelAlgorithmArn: ALGORITHM, name: 'a' },
    answer: { configuredModelAlgorithmAssociationArn: ASSOCIATION },
    method: 'POST', path: `/memberships/${MEMBERSHIP}/configured-model-algorithm-associations`,
  },
  GetConfiguredModelAlgorithmAssociation: {
    input: { membershipIdentifier: MEMBERSHIP, configuredModelAlgorithmAssociationArn: ASSOCIATION },
    answer: association,
    method: 'GET', path: `/memberships/${MEMBERSHIP}/configured-model-algorithm-associations/${ENCODED(ASSOCIATION)}`,
  },
  ListConfiguredModelAlgorithmAssociations: {
    input: { membershipIdentifier: MEMBERSHIP, maxResults: 2 },
    answer: { configuredModelAlgorithmAssociations: [summary, summary], nextToken: 'next' },
    method: 'GET', path: `/memberships/${MEMBERSHIP}/configured-model-algorithm-associations?maxResults=2`,
  },
  DeleteConfiguredModelAlgorithmAssociation: {
    input: { membershipIdentifier: MEMBERSHIP, configuredModelAlgorithmAssociationArn: ASSOCIATION },
    answer: {},
    method: 'DELETE', path: `/memberships/${MEMBERSHIP}/configured-model-algorithm-associations/${ENCODED(ASSOCIATION)}`,
  },
  ListConfiguredModelAlgorithms: {
    input: {},
    answer: { configuredModelAlgorithms: [{ createTime: 1767225600, updateTime: 1767225600, configuredModelAlgorithmArn: ALGORITHM, name: 'alg' }] },
    method: 'GET', path: '/configured-model-algorithms',
  },
  GetConfiguredModelAlgorithm: {
    input: { configuredModelAlgorithmArn: ALGORITHM },
    answer: { createTime: 1767225600, updateTime: 1767225600, configuredModelAlgorithmArn: ALGORITHM, name: 'alg', roleArn: 'arn:aws:iam::123456789012:role/r', trainingContainerConfig: { imageUri: 'i', metricDefinitions: [{ name: 'm', regex: '.+' }] } },
    method: 'GET', path: `/configured-model-algorithms/${ENCODED(ALGORITHM)}`,
  },
  GetCollaborationConfiguredModelAlgorithmAssociation: {
    input: { collaborationIdentifier: COLLABORATION, configuredModelAlgorithmAssociationArn: ASSOCIATION },
    answer: { ...summary, creatorAccountId: '123456789012' },
    method: 'GET', path: `/collaborations/${COLLABORATION}/configured-model-algorithm-associations/${ENCODED(ASSOCIATION)}`,
  },
  ListCollaborationConfiguredModelAlgorithmAssociations: {
    input: { collaborationIdentifier: COLLABORATION },
    answer: { collaborationConfiguredModelAlgorithmAssociations: [{ ...summary, creatorAccountId: '123456789012' }] },
    method: 'GET', path: `/collaborations/${COLLABORATION}/configured-model-algorithm-associations`,
  },
};

const lowerFirst = (name) => name[0].toLowerCase() + name.slice(1);

/** A client whose `fetch` answers from `answers` (a function of the request) and records each call. */
function client(answers) {
  const requests = [];
  const fetch = async (url, init) => {
    requests.push({ url, ...init });
    const { status = 200, body } = answers({ url, ...init }, requests.length);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'x-amzn-requestid': `req-${requests.length}` } });
  };
  const c = new wasm.CleanRoomsMlClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, fetch, jitter: () => 0 });
  return { client: c, requests };
}

test('each operation has a client method named as the SDK names it, which sends the modelled request', async () => {
  assert.equal(Object.keys(CASES).length, 8);
  for (const [operation, c] of Object.entries(CASES)) {
    const { client: cl, requests } = client(() => ({ body: c.answer }));
    const method = lowerFirst(operation);
    assert.equal(typeof cl[method], 'function', method);
    const output = await cl[method](c.input);
    const [sent] = requests;
    assert.equal(sent.method, c.method, operation);
    assert.equal(sent.url, `http://127.0.0.1:9${c.path}`, operation);
    if (c.method === 'POST') assert.equal(typeof sent.body, 'string');
    else assert.equal(sent.body, undefined, `${operation}: fetch refuses a body with GET`);
    assert.match(sent.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cleanrooms-ml\/aws4_request/);
    assert.equal(output.$metadata.httpStatusCode, 200);
    assert.equal(output.$metadata.requestId, 'req-1');
    // The same request as the function that takes the operation's name builds.
    const built = wasm.buildRequest(operation, c.input, { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
    assert.equal(built.url, sent.url);
    assert.deepEqual(wasm.validate(operation, c.input), { ok: true, issues: [] });
  }
});

test('outputs: timestamps are Dates (seconds on the wire, milliseconds kept), nested ones too; no output members gives $metadata alone', async () => {
  const get = CASES.GetConfiguredModelAlgorithmAssociation;
  const out = await client(() => ({ body: get.answer })).client.getConfiguredModelAlgorithmAssociation(get.input);
  assert.ok(out.createTime instanceof Date);
  assert.equal(out.createTime.getTime(), 1767225600250);
  assert.equal(out.updateTime.toISOString(), '2026-01-01T00:00:01.000Z');
  assert.deepEqual(out.privacyConfiguration, association.privacyConfiguration);
  assert.deepEqual(out.tags, { team: 'ml' });

  const list = CASES.ListConfiguredModelAlgorithmAssociations;
  const page = await client(() => ({ body: list.answer })).client.listConfiguredModelAlgorithmAssociations(list.input);
  assert.equal(page.configuredModelAlgorithmAssociations.length, 2);
  for (const item of page.configuredModelAlgorithmAssociations) {
    assert.ok(item.createTime instanceof Date && item.updateTime instanceof Date);
    assert.equal(item.createTime.getTime(), 1767225600250);
  }
  assert.equal(page.nextToken, 'next');

  const del = CASES.DeleteConfiguredModelAlgorithmAssociation;
  for (const body of ['{}', '']) {
    const gone = await client(() => ({ body })).client.deleteConfiguredModelAlgorithmAssociation(del.input);
    assert.deepEqual(Object.keys(gone), ['$metadata']);
  }
  const missing = await client(() => ({ status: 404, body: { message: 'no such association' } })).client
    .deleteConfiguredModelAlgorithmAssociation(del.input).catch((e) => e);
  assert.equal(missing.name, 'UnknownError', 'a 404 without an error type');
  assert.equal(missing.$metadata.httpStatusCode, 404);
  assert.equal(missing.message, 'no such association');

  // A wrong type where the output has a timestamp is an invalid response, not a Date of NaN.
  const bad = await client(() => ({ body: { ...get.answer, createTime: 'yesterday' } })).client.getConfiguredModelAlgorithmAssociation(get.input).catch((e) => e);
  assert.equal(bad.name, 'InvalidResponseError');
  assert.match(bad.message, /createTime/);
});

test('the functions that take an operation name it first; the create form without it keeps working', () => {
  const config = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, signingDate: 0 };
  const create = CASES.CreateConfiguredModelAlgorithmAssociation.input;
  assert.deepEqual(wasm.createSignedRequest(create, config), wasm.createSignedRequest('CreateConfiguredModelAlgorithmAssociation', create, config));
  assert.deepEqual(wasm.validate(create), wasm.validate('CreateConfiguredModelAlgorithmAssociation', create));
  const report = wasm.validate('GetConfiguredModelAlgorithmAssociation', { membershipIdentifier: 'x' });
  assert.equal(report.ok, false);
  assert.deepEqual(report.issues.map((i) => [i.path, i.code]), [['membershipIdentifier', 'length'], ['membershipIdentifier', 'pattern'], ['configuredModelAlgorithmAssociationArn', 'required']]);
  const list = wasm.validate('ListConfiguredModelAlgorithms', { maxResults: 0, nextToken: '' });
  assert.deepEqual(list.issues.map((i) => [i.path, i.code]), [['maxResults', 'range'], ['nextToken', 'length']]);
  for (const call of [() => wasm.validate('Nope', {}), () => wasm.buildRequest('Nope', {}, config), () => wasm.createSignedRequest('getConfiguredModelAlgorithm', {}, config)]) {
    const err = (() => { try { call(); } catch (e) { return e; } })();
    assert.equal(err?.name, 'ConfigurationError');
    assert.equal(err.path, 'operation');
    assert.match(err.message, /is not an operation of this module/);
  }
  const typo = (() => { try { wasm.validate('getConfiguredModelAlgorithm', {}); } catch (e) { return e; } })();
  assert.match(typo.message, /did you mean "GetConfiguredModelAlgorithm"\?$/);
  const unknown = (() => { try { wasm.validate('Nope', {}); } catch (e) { return e; } })();
  assert.match(unknown.message, /its 59 operations have the model's names/);
  // A string alone is still a (wrong) create input: a report, not an error.
  assert.equal(wasm.validate('{}').issues[0].code, 'type');
  // An operation's name alone is that operation with no input.
  assert.equal(wasm.validate('GetConfiguredModelAlgorithm').issues[0].code, 'type');
});

test('paginators: every page until no token, pageSize and startingToken, the input left alone, abort between pages', async () => {
  const tokens = [undefined, 't1', 't2'];
  const answers = (req, n) => ({ body: { configuredModelAlgorithmAssociations: [{ ...summary, name: `p${n}` }], ...(n < 3 ? { nextToken: `t${n}` } : {}) } });
  const { client: cl, requests } = client(answers);
  const input = { membershipIdentifier: MEMBERSHIP };
  const pages = [];
  for await (const page of wasm.paginateListConfiguredModelAlgorithmAssociations({ client: cl, pageSize: 1 }, input)) pages.push(page);
  assert.deepEqual(pages.map((p) => p.configuredModelAlgorithmAssociations[0].name), ['p1', 'p2', 'p3']);
  assert.ok(pages[0].configuredModelAlgorithmAssociations[0].createTime instanceof Date);
  assert.deepEqual(requests.map((r) => new URL(r.url).searchParams.get('nextToken') ?? undefined), tokens);
  assert.ok(requests.every((r) => new URL(r.url).searchParams.get('maxResults') === '1'));
  assert.deepEqual(input, { membershipIdentifier: MEMBERSHIP }, 'the caller\'s input is not changed');

  const from = client(answers);
  const rest = [];
  for await (const page of wasm.paginateListConfiguredModelAlgorithmAssociations({ client: from.client, startingToken: 'start' }, { ...input, maxResults: 5 })) rest.push(page);
  assert.equal(new URL(from.requests[0].url).searchParams.get('nextToken'), 'start');
  assert.equal(new URL(from.requests[0].url).searchParams.get('maxResults'), '5', 'the input\'s page size wins');

  const same = client(() => ({ body: { configuredModelAlgorithms: [], nextToken: 'loop' } }));
  let n = 0;
  for await (const _ of wasm.paginateListConfiguredModelAlgorithms({ client: same.client, startingToken: 'loop', stopOnSameToken: true }, {})) n++;
  assert.equal(n, 1, 'stopOnSameToken stops at a repeated token');

  const controller = new AbortController();
  const aborting = client(answers);
  const seen = [];
  const failure = await (async () => {
    for await (const page of wasm.paginateListConfiguredModelAlgorithmAssociations({ client: aborting.client }, input, { abortSignal: controller.signal })) {
      seen.push(page);
      controller.abort();
    }
  })().catch((e) => e);
  assert.equal(seen.length, 1);
  assert.equal(failure?.name, 'AbortError');
  assert.equal(aborting.requests.length, 1, 'nothing sent after the abort');

  const collab = client(() => ({ body: CASES.ListCollaborationConfiguredModelAlgorithmAssociations.answer }));
  const all = [];
  for await (const p of wasm.paginateListCollaborationConfiguredModelAlgorithmAssociations({ client: collab.client }, { collaborationIdentifier: COLLABORATION })) all.push(p);
  assert.equal(all.length, 1);
});

test('paginators refuse wrong arguments at once, with structured errors', () => {
  const { client: cl } = client(() => ({ body: {} }));
  const cases = [
    [() => wasm.paginateListConfiguredModelAlgorithms(undefined, {}), 'ConfigurationError', 'config'],
    [() => wasm.paginateListConfiguredModelAlgorithms({}, {}), 'ConfigurationError', 'config.client'],
    [() => wasm.paginateListConfiguredModelAlgorithms({ client: {} }, {}), 'ConfigurationError', 'config.client'],
    [() => wasm.paginateListConfiguredModelAlgorithms({ client: cl, pageSize: 0 }, {}), 'ConfigurationError', 'config.pageSize'],
    [() => wasm.paginateListConfiguredModelAlgorithms({ client: cl, startingToken: 5 }, {}), 'ConfigurationError', 'config.startingToken'],
    [() => wasm.paginateListConfiguredModelAlgorithmAssociations({ client: cl }, {}), 'ValidationError', 'input'],
    [() => wasm.paginateListConfiguredModelAlgorithms({ client: cl }, { maxResults: 1000 }), 'ValidationError', 'input'],
  ];
  for (const [call, name, path] of cases) {
    const err = (() => { try { call(); } catch (e) { return e; } })();
    assert.equal(err?.name, name, String(call));
    assert.equal(err.path, path, String(call));
  }
});

// ---- The whole API: `send`, every operation's method, and what the 51 operations beyond
// the association's life need (unions, times in inputs, a list in the query, PATCH and PUT).

const model = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('../../model/cleanroomsml/service-2.json', import.meta.url), 'utf8'));
const ROLE = 'arn:aws:iam::123456789012:role/ml';
const DATASET = 'arn:aws:cleanrooms-ml:us-east-1:123456789012:training-dataset/ds1';
const AUDIENCE = 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-audience-model/cam1';
const CHANNEL = `arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/${MEMBERSHIP}/ml-input-channel/ch1`;
const rejection = (promise) => promise.then(() => assert.fail('resolved'), (e) => e);

test('every operation of the model has its method, which sends through send(operation, …)', async () => {
  const names = Object.keys(model.operations);
  assert.equal(names.length, 59);
  const { client: cl, requests } = client(() => ({ body: {} }));
  for (const name of names) assert.equal(typeof cl[lowerFirst(name)], 'function', name);
  assert.equal(Object.keys(cl).length, Object.keys(new wasm.CleanRoomsMlClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })).length, 'methods live on the prototype');
  const input = { membershipIdentifier: MEMBERSHIP, configuredModelAlgorithmAssociationArn: ASSOCIATION };
  await cl.deleteConfiguredModelAlgorithmAssociation(input);
  await cl.send('DeleteConfiguredModelAlgorithmAssociation', input);
  assert.equal(requests.length, 2);
  assert.equal(requests[0].url, requests[1].url);
  for (const bad of ['NoSuchOperation', undefined, 42]) {
    const err = await rejection(cl.send(bad, {}));
    assert.equal(err.name, 'ConfigurationError', String(bad));
    assert.equal(err.path, 'operation');
  }
  assert.equal(requests.length, 2, 'nothing sent for an unknown operation');
});

test('times in an input are Dates, sent in ISO 8601 as botocore writes them', async () => {
  const { client: cl, requests } = client(() => ({ body: { audienceModelArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:audience-model/am1' } }));
  const input = { name: 'm', trainingDatasetArn: DATASET, trainingDataStartTime: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), trainingDataEndTime: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 120)) };
  await cl.createAudienceModel(input);
  const body = JSON.parse(requests[0].body);
  assert.equal(body.trainingDataStartTime, '2026-01-02T03:04:05Z');
  assert.equal(body.trainingDataEndTime, '2026-01-02T03:04:05.120000Z');
  assert.ok(input.trainingDataStartTime instanceof Date, 'the input is not changed');
  for (const [value, code] of [['2026-01-02T03:04:05Z', 'type'], [1767323045, 'type'], [new Date(NaN), 'type']]) {
    const err = await rejection(cl.createAudienceModel({ ...input, trainingDataStartTime: value }));
    assert.equal(err.name, 'ValidationError');
    assert.deepEqual(err.report.issues.map((i) => [i.path, i.code]), [['trainingDataStartTime', code]]);
  }
  assert.equal(requests.length, 1);
});

test('a list in the query is the parameter repeated; PATCH and PUT carry their bodies', async () => {
  const { client: cl, requests } = client(() => ({ body: { configuredAudienceModelArn: AUDIENCE } }));
  await cl.untagResource({ resourceArn: DATASET, tagKeys: ['team', 'cost center'] });
  assert.equal(requests[0].method, 'DELETE');
  assert.equal(requests[0].url, `http://127.0.0.1:9/tags/${ENCODED(DATASET)}?tagKeys=team&tagKeys=cost%20center`);
  assert.equal(requests[0].body, undefined);
  await cl.updateConfiguredAudienceModel({ configuredAudienceModelArn: AUDIENCE, minMatchingSeedSize: 500, description: 'd' });
  assert.equal(requests[1].method, 'PATCH');
  assert.deepEqual(JSON.parse(requests[1].body), { minMatchingSeedSize: 500, description: 'd' });
  await cl.putMLConfiguration({ membershipIdentifier: MEMBERSHIP, defaultOutputLocation: { roleArn: ROLE, destination: { s3Destination: { s3Uri: 's3://bucket/out' } } } });
  assert.equal(requests[2].method, 'PUT');
  assert.equal(requests[2].url, `http://127.0.0.1:9/memberships/${MEMBERSHIP}/ml-configurations`);
});

test('a union takes exactly one member; an answer\'s unknown member is kept as $unknown', async () => {
  const answer = {
    membershipIdentifier: MEMBERSHIP, collaborationIdentifier: COLLABORATION, mlInputChannelArn: CHANNEL, name: 'ch',
    configuredModelAlgorithmAssociations: [ASSOCIATION], status: 'ACTIVE', retentionInDays: 7, numberOfRecords: 9007199254740991,
    createTime: '2026-03-01T12:34:56.789Z', updateTime: '2026-03-01T12:34:57Z',
    inputChannel: { roleArn: ROLE, dataSource: { someNewSource: { a: 1 } }, notInTheModel: true },
    privacyBudgets: { accessBudgets: [] },
  };
  const { client: cl, requests } = client(() => ({ body: answer }));
  const out = await cl.getMLInputChannel({ membershipIdentifier: MEMBERSHIP, mlInputChannelArn: CHANNEL });
  assert.deepEqual(out.inputChannel, { roleArn: ROLE, dataSource: { $unknown: ['someNewSource', { a: 1 }] } });
  assert.ok(out.createTime instanceof Date);
  assert.equal(out.createTime.getTime(), Date.UTC(2026, 2, 1, 12, 34, 56, 789));
  assert.equal(out.updateTime.getTime(), Date.UTC(2026, 2, 1, 12, 34, 57));
  assert.equal(out.numberOfRecords, 9007199254740991);
  assert.deepEqual(out.privacyBudgets, { accessBudgets: [] });

  const input = {
    membershipIdentifier: MEMBERSHIP, configuredModelAlgorithmAssociations: [ASSOCIATION], name: 'ch', retentionInDays: 7,
    inputChannel: { roleArn: ROLE, dataSource: { protectedQueryInputParameters: { sqlParameters: { queryString: 'SELECT 1' } } } },
  };
  const err = await rejection(cl.createMLInputChannel({ ...input, inputChannel: { roleArn: ROLE, dataSource: {} } }));
  assert.equal(err.name, 'ValidationError');
  assert.deepEqual(err.report.issues.map((i) => [i.path, i.code]), [['inputChannel.dataSource', 'union']]);
  assert.equal(requests.length, 1);
  await cl.createMLInputChannel(input);
  assert.deepEqual(JSON.parse(requests[1].body).inputChannel, input.inputChannel);
});

test('paginate(operation, …) pages any paginated operation; an operation without a paginator is refused', async () => {
  const { client: cl, requests } = client((req, n) => ({ body: { trainingDatasets: [], ...(n < 2 ? { nextToken: 't' } : {}) } }));
  const pages = [];
  for await (const page of wasm.paginate('ListTrainingDatasets', { client: cl, pageSize: 3 }, {})) pages.push(page);
  assert.equal(pages.length, 2);
  assert.deepEqual(requests.map((r) => new URL(r.url).search), ['?maxResults=3', '?nextToken=t&maxResults=3']);
  for await (const page of wasm.paginateListTrainingDatasets({ client: cl }, {})) pages.push(page);
  assert.equal(pages.length, 3);
  const err = (() => { try { wasm.paginate('GetTrainingDataset', { client: cl }, {}); } catch (e) { return e; } })();
  assert.equal(err?.name, 'ConfigurationError');
  assert.equal(err.path, 'operation');
});
