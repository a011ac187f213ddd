// Clean Rooms' entry (pkg/cleanrooms.js) against moto_server's Clean Rooms (moto in the
// project's .venv: moto.mjs), driven by CleanRoomsClient: collaborations with members,
// memberships, members, configured tables and their tags are created, read, updated,
// paginated with small pages (paginateList…), untagged and deleted, in Node and once in a
// headless Chromium page. botocore is the oracle twice over: every answer the client got is
// read by botocore's restJson1 parser too (the same bytes), and the reads (Get…, List…, every
// page of the paginators) are made again by botocore's own client against the same server;
// the client's readings must equal botocore's (times: the millisecond nearest botocore's
// microseconds, as the JS SDK rounds epoch seconds).
//
// What moto 5.2.5 does, asserted where the tests meet it:
// - it serves 19 of the 103 operations, those of collaborations, members, memberships,
//   configured tables and tags (MOTO_OPERATIONS); the others (analysis rules, associations,
//   templates, schemas, queries…) have no route: a 404 HTML page; every resource lands in
//   its default account 123456789012, whatever the credentials; no signature is checked;
// - JSON answers come as `text/html; charset=utf-8`, times as epoch seconds with microseconds;
// - a collaboration's creator is INVITED until a membership is made (then ACTIVE), LEFT once
//   it is deleted; the members it was created with stay INVITED; ListMemberships ignores `status`;
// - an unknown id is a 404 ResourceNotFoundException with the model's resourceId and resourceType;
// - CORS: moto answers a preflight on a Clean Rooms path (OPTIONS /collaborations) with 403
//   and exposes no answer header, so a page on another origin cannot call it. The page and
//   moto are therefore given one origin by a small proxy (`sameOriginProxy`), which forwards
//   /pkg/ and /tests/ to the project's static server and everything else to moto.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import cleanrooms from './cleanrooms-wasm.mjs';
import { startMoto } from './moto.mjs';
import { python, botocoreReads, readingDifferences } from './botocore-parity.mjs';
import { rng, modelInput } from './generate.mjs';
import { services } from '../../scripts/service-model.mjs';
import { serve } from '../../scripts/serve.mjs';
import { launchChromium } from '../browser/chromium.mjs';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012'; // moto's default account
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const calls = new URL('./botocore_calls.py', import.meta.url).pathname;
const lowerFirst = (name) => name[0].toLowerCase() + name.slice(1);
const MOTO_OPERATIONS = ['CreateCollaboration', 'GetCollaboration', 'ListCollaborations', 'UpdateCollaboration', 'DeleteCollaboration',
  'ListMembers', 'CreateMembership', 'GetMembership', 'ListMemberships', 'UpdateMembership', 'DeleteMembership',
  'CreateConfiguredTable', 'GetConfiguredTable', 'ListConfiguredTables', 'UpdateConfiguredTable', 'DeleteConfiguredTable',
  'TagResource', 'UntagResource', 'ListTagsForResource'];

let moto;
before(async () => { moto = await startMoto(); });
after(() => moto?.close());

/** What botocore's client reads for `list` ([{ operation, input, pageSize? }]) from `endpoint`. */
const botocoreCalls = (endpoint, list) => JSON.parse(execFileSync(python, [calls, 'cleanrooms', endpoint, REGION], { input: JSON.stringify(list), maxBuffer: 64 << 20 })).results;

/**
 * A client of moto whose every answer is kept: `readings` gets { operation, output, answer }
 * for each call and each page, `answer` being { status, headers, body } as the wire gave it.
 */
function recordingClient(endpoint) {
  const readings = [];
  let last;
  const fetch_ = async (input, init) => {
    const res = await fetch(input, init);
    const body = await res.text();
    last = { status: res.status, headers: Object.fromEntries(res.headers), body };
    return new Response(body, { status: res.status, headers: res.headers });
  };
  const client = new cleanrooms.CleanRoomsClient({ region: REGION, endpoint, credentials: CREDENTIALS, fetch: fetch_ });
  return {
    client,
    readings,
    async call(operation, input) {
      last = undefined;
      const output = await client[lowerFirst(operation)](input);
      readings.push({ operation, input, output, answer: last });
      return output;
    },
    async pages(operation, input, pageSize) {
      const out = [];
      for await (const page of cleanrooms[`paginate${operation}`]({ client, pageSize }, input)) {
        readings.push({ operation, input, output: page, answer: last });
        out.push(page);
      }
      return out;
    },
  };
}

const collaborationInput = (i, members) => ({
  name: `collaboration ${i}`,
  description: `the collaboration number ${i} — é 中`,
  creatorDisplayName: `owner ${i}`,
  creatorMemberAbilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'],
  queryLogStatus: i % 2 ? 'DISABLED' : 'ENABLED',
  members: Array.from({ length: members }, (_, k) => ({
    accountId: String(111111111111 * (k + 1)),
    memberAbilities: k % 2 ? ['CAN_QUERY'] : ['CAN_RECEIVE_RESULTS'],
    displayName: `member ${k}`,
  })),
  tags: { project: 'oracles', index: String(i) },
});

const tableInput = (i) => ({
  name: `table_${i}`,
  description: `configured table ${i}`,
  tableReference: { glue: { databaseName: `db${i}`, tableName: `t${i}` } },
  allowedColumns: [`c${i}`, 'id', 'email'],
  analysisMethod: 'DIRECT_QUERY',
  tags: { owner: `team-${i}` },
});

/** Every difference between our readings and botocore's, as lines; [] when they agree. */
function compare(label, ours, theirs, options) {
  if (theirs?.error) return [`${label}: botocore got an error, ${JSON.stringify(theirs.error)}`];
  return readingDifferences(ours, theirs, '', { nearestMillisecond: true, requestId: false, ...options })
    .map(([what, o, b]) => `${label}: ${what}: ours ${JSON.stringify(o)}, botocore ${JSON.stringify(b)}`);
}

/** Our readings of the pages of a paginator against botocore's paginator's pages. */
function comparePages(label, ours, theirs) {
  if (theirs?.error) return [`${label}: botocore got an error, ${JSON.stringify(theirs.error)}`];
  if (ours.length !== theirs.length) return [`${label}: ${ours.length} pages, botocore ${theirs.length}`];
  return ours.flatMap((page, k) => compare(`${label} page ${k}`, page, theirs[k]));
}

/** An error our client threw against botocore's ClientError for the same call. */
function compareError(label, ours, theirs) {
  const problems = [];
  if (!theirs?.error) return [`${label}: botocore got no error: ${JSON.stringify(theirs).slice(0, 200)}`];
  if (ours?.name !== theirs.error.code) problems.push(`${label}: name ${ours?.name}, botocore ${theirs.error.code}`);
  if (ours?.message !== theirs.error.message) problems.push(`${label}: message ${JSON.stringify(ours?.message)}, botocore ${JSON.stringify(theirs.error.message)}`);
  const status = ours?.$metadata?.httpStatusCode ?? ours?.status;
  if (status !== theirs.error.status) problems.push(`${label}: status ${status}, botocore ${theirs.error.status}`);
  return problems;
}

test('collaborations, members, memberships, configured tables and tags on moto: the client\'s readings are botocore\'s', async () => {
  const t0 = performance.now();
  await moto.reset();
  const { call, pages, readings } = recordingClient(moto.url);

  // Three collaborations with 1, 2 and 3 invited members; memberships in the first two.
  const collaborations = [];
  for (let i = 0; i < 3; i++) collaborations.push((await call('CreateCollaboration', collaborationInput(i, i + 1))).collaboration);
  for (const [i, c] of collaborations.entries()) {
    assert.match(c.id, /^[0-9a-f-]{36}$/);
    assert.equal(c.arn, `arn:aws:cleanrooms:${REGION}:${ACCOUNT}:collaboration/${c.id}`);
    assert.equal(c.name, `collaboration ${i}`);
    assert.equal(c.creatorAccountId, ACCOUNT);
    assert.equal(c.memberStatus, 'INVITED');
    assert.ok(c.createTime instanceof Date && Math.abs(c.createTime - Date.now()) < 60e3, String(c.createTime));
  }
  const memberships = [];
  for (const c of collaborations.slice(0, 2)) {
    memberships.push((await call('CreateMembership', {
      collaborationIdentifier: c.id, queryLogStatus: 'ENABLED', tags: { membership: c.name },
      paymentConfiguration: { queryCompute: { isResponsible: true } },
    })).membership);
  }
  assert.deepEqual(memberships.map((m) => [m.collaborationId, m.status, m.collaborationName]), collaborations.slice(0, 2).map((c) => [c.id, 'ACTIVE', c.name]));
  assert.equal((await call('GetCollaboration', { collaborationIdentifier: collaborations[0].id })).collaboration.memberStatus, 'ACTIVE');
  assert.equal((await call('GetCollaboration', { collaborationIdentifier: collaborations[2].id })).collaboration.memberStatus, 'INVITED');

  // Five configured tables; updates.
  const tables = [];
  for (let i = 0; i < 5; i++) tables.push((await call('CreateConfiguredTable', tableInput(i))).configuredTable);
  assert.deepEqual(tables.map((t) => t.tableReference), [0, 1, 2, 3, 4].map((i) => ({ glue: { databaseName: `db${i}`, tableName: `t${i}` } })));
  const renamed = await call('UpdateCollaboration', { collaborationIdentifier: collaborations[1].id, name: 'renamed', description: 'new description' });
  assert.equal(renamed.collaboration.name, 'renamed');
  assert.ok(renamed.collaboration.updateTime >= renamed.collaboration.createTime);
  const quiet = await call('UpdateMembership', { membershipIdentifier: memberships[0].id, queryLogStatus: 'DISABLED' });
  assert.equal(quiet.membership.queryLogStatus, 'DISABLED');
  const table = await call('UpdateConfiguredTable', { configuredTableIdentifier: tables[3].id, description: 'described again', analysisMethod: 'MULTIPLE', selectedAnalysisMethods: ['DIRECT_QUERY', 'DIRECT_JOB'] });
  assert.equal(table.configuredTable.analysisMethod, 'MULTIPLE');

  // Tags: on create, then tagged and untagged (two keys: a repeated query parameter).
  assert.deepEqual((await call('ListTagsForResource', { resourceArn: collaborations[0].arn })).tags, { project: 'oracles', index: '0' });
  await call('TagResource', { resourceArn: tables[0].arn, tags: { stage: 'test', 'cost-centre': '42', drop: 'me' } });
  await call('UntagResource', { resourceArn: tables[0].arn, tagKeys: ['drop', 'owner'] });
  assert.deepEqual((await call('ListTagsForResource', { resourceArn: tables[0].arn })).tags, { stage: 'test', 'cost-centre': '42' });
  assert.deepEqual((await call('ListTagsForResource', { resourceArn: memberships[1].arn })).tags, { membership: 'collaboration 1' });

  // Paginated, with small pages; the members of a collaboration: the creator first.
  const collaborationPages = await pages('ListCollaborations', {}, 2);
  assert.deepEqual(collaborationPages.map((p) => p.collaborationList.length), [2, 1]);
  assert.deepEqual(collaborationPages.flatMap((p) => p.collaborationList.map((c) => c.id)), collaborations.map((c) => c.id));
  assert.ok(collaborationPages[0].nextToken && !collaborationPages[1].nextToken);
  const tablePages = await pages('ListConfiguredTables', {}, 2);
  assert.deepEqual(tablePages.map((p) => p.configuredTableSummaries.length), [2, 2, 1]);
  const membershipPages = await pages('ListMemberships', {}, 1);
  assert.deepEqual(membershipPages.map((p) => p.membershipSummaries.map((m) => m.id)), memberships.map((m) => [m.id]));
  const memberPages = await pages('ListMembers', { collaborationIdentifier: collaborations[2].id }, 1);
  assert.deepEqual(memberPages.map((p) => p.memberSummaries.map((m) => [m.accountId, m.status])),
    [[[ACCOUNT, 'INVITED']], [['111111111111', 'INVITED']], [['222222222222', 'INVITED']], [['333333333333', 'INVITED']]]);
  // moto ignores ListMemberships' status (a real service would list none that are REMOVED).
  assert.equal((await call('ListMemberships', { status: 'REMOVED' })).membershipSummaries.length, 2);

  // Reads at rest, by the client and then by botocore's client against the same server.
  const reads = [
    ...collaborations.map((c) => ({ operation: 'GetCollaboration', input: { collaborationIdentifier: c.id } })),
    ...memberships.map((m) => ({ operation: 'GetMembership', input: { membershipIdentifier: m.id } })),
    ...tables.map((t) => ({ operation: 'GetConfiguredTable', input: { configuredTableIdentifier: t.id } })),
    ...[...collaborations, ...memberships, ...tables].map((r) => ({ operation: 'ListTagsForResource', input: { resourceArn: r.arn } })),
    { operation: 'ListCollaborations', input: {}, pageSize: 2 },
    { operation: 'ListMemberships', input: {}, pageSize: 1 },
    { operation: 'ListConfiguredTables', input: {}, pageSize: 2 },
    ...collaborations.map((c) => ({ operation: 'ListMembers', input: { collaborationIdentifier: c.id }, pageSize: 1 })),
    { operation: 'GetCollaboration', input: { collaborationIdentifier: UNKNOWN }, error: true },
    { operation: 'GetConfiguredTable', input: { configuredTableIdentifier: UNKNOWN }, error: true },
  ];
  const ours = [];
  for (const r of reads) {
    if (r.pageSize) ours.push(await pages(r.operation, r.input, r.pageSize));
    else ours.push(await call(r.operation, r.input).catch((error) => error));
  }
  const theirs = botocoreCalls(moto.url, reads);
  const problems = reads.flatMap((r, k) => {
    const label = `${r.operation} ${JSON.stringify(r.input)}${r.pageSize ? ` pages of ${r.pageSize}` : ''}`;
    if (r.error) return compareError(label, ours[k], theirs[k]);
    return r.pageSize ? comparePages(label, ours[k], theirs[k]) : compare(label, ours[k], theirs[k]);
  });
  const notFound = ours.at(-2);
  assert.equal(notFound.name, 'ResourceNotFoundException');
  assert.equal(notFound.$metadata.httpStatusCode, 404);
  assert.deepEqual(theirs.at(-2).error.members, { resourceId: UNKNOWN, resourceType: 'COLLABORATION' });

  // Deletes: the creator LEFT once its membership is deleted; gone resources are 404s.
  await call('DeleteMembership', { membershipIdentifier: memberships[0].id });
  assert.equal((await call('GetCollaboration', { collaborationIdentifier: collaborations[0].id })).collaboration.memberStatus, 'LEFT');
  await call('DeleteConfiguredTable', { configuredTableIdentifier: tables[4].id });
  await call('DeleteCollaboration', { collaborationIdentifier: collaborations[2].id });
  assert.deepEqual((await pages('ListCollaborations', {}, 1)).flatMap((p) => p.collaborationList.map((c) => c.id)), collaborations.slice(0, 2).map((c) => c.id));
  await assert.rejects(call('GetConfiguredTable', { configuredTableIdentifier: tables[4].id }), { name: 'ResourceNotFoundException' });

  // Every answer the client got, read by botocore's parser from the same bytes.
  const answered = readings.filter((r) => r.answer.status === 200);
  assert.ok(readings.every((r) => r.answer), 'every reading has its answer');
  assert.ok(answered.every((r) => r.answer.headers['content-type'] === 'text/html; charset=utf-8'), 'moto answers JSON as text/html');
  const parsed = botocoreReads('cleanrooms', answered.map((r) => ({ operation: r.operation, ...r.answer }))).results;
  for (const [k, r] of answered.entries()) {
    problems.push(...compare(`${r.operation} ${JSON.stringify(r.input).slice(0, 120)} (the same answer)`, r.output, parsed[k], { requestId: true }));
  }
  assert.deepEqual(problems, [], `${problems.length} differences from botocore:\n${problems.slice(0, 30).join('\n')}`);
  const operations = new Set(readings.map((r) => r.operation));
  assert.deepEqual([...operations].sort(), [...MOTO_OPERATIONS].sort());
  assert.ok(answered.length > 70, `${answered.length} answers`);
  console.log(`# ${answered.length} answers of ${operations.size} operations read as botocore reads them; ${reads.length} reads made again by botocore; ${Math.round(performance.now() - t0)} ms`);
});

/**
 * One origin for the page and moto: /pkg/ and /tests/ from the project's static server,
 * everything else forwarded to moto as it is (method, path, headers, body; the answer too).
 */
async function sameOriginProxy(motoPort) {
  const { server: files, url: filesUrl } = await serve({ port: 0, extraMounts: [['/tests/', fileURLToPath(new URL('..', import.meta.url))]] });
  const filesPort = Number(new URL(filesUrl).port);
  const proxy = createServer((req, res) => {
    const port = req.url.startsWith('/pkg/') || req.url.startsWith('/tests/') ? filesPort : motoPort;
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    req.pipe(upstream);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${proxy.address().port}`,
    close: () => { proxy.close(); files.close(); },
  };
}

test('an error\'s members beyond its message (ResourceNotFoundException\'s resourceId and resourceType) are on the client\'s error as botocore reads them', async () => {
  const { call } = recordingClient(moto.url);
  const input = { configuredTableIdentifier: UNKNOWN };
  const ours = await call('GetConfiguredTable', input).then(() => null, (error) => error);
  const [theirs] = botocoreCalls(moto.url, [{ operation: 'GetConfiguredTable', input }]);
  assert.deepEqual(compareError('GetConfiguredTable', ours, theirs), []);
  assert.deepEqual(theirs.error.members, { resourceId: UNKNOWN, resourceType: 'CONFIGURED_TABLE' });
  const members = Object.fromEntries(Object.keys(theirs.error.members).map((name) => [name, ours[name]]));
  assert.deepEqual(members, theirs.error.members, 'the members the AWS SDK for JavaScript puts on the error too');
});

test('moto has no route for the other 84 operations: each, with a valid input, is a 404 HTML page (UnknownError), for botocore too', async () => {
  const { model } = services.cleanrooms;
  const missing = Object.keys(model.operations).filter((name) => !MOTO_OPERATIONS.includes(name));
  assert.equal(missing.length, 84);
  const r = rng(20261210);
  const { call } = recordingClient(moto.url);
  const list = missing.map((operation) => ({ operation, input: modelInput(r, operation, { model }) }));
  const ours = [];
  for (const { operation, input } of list) ours.push(await call(operation, input).then(() => null, (error) => error));
  const theirs = botocoreCalls(moto.url, list.map(({ operation, input }) => ({ operation, input: JSON.parse(JSON.stringify(input)) })));
  const problems = list.flatMap(({ operation }, k) => {
    const e = ours[k];
    const out = [];
    if (e?.name !== 'UnknownError' || e.$metadata?.httpStatusCode !== 404 || !/404 Not Found/.test(e.message)) out.push(`${operation}: ours ${e?.name} ${e?.$metadata?.httpStatusCode} ${e?.message?.slice(0, 120)}`);
    if (theirs[k].error?.status !== 404) out.push(`${operation}: botocore ${JSON.stringify(theirs[k]).slice(0, 160)}`);
    return out;
  });
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('moto refuses a cross-origin page: the preflight of a Clean Rooms call is a 403, and no answer header is exposed', async () => {
  const preflight = await fetch(`${moto.url}/collaborations`, {
    method: 'OPTIONS',
    headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-amz-date' },
  });
  await preflight.arrayBuffer();
  assert.equal(preflight.status, 403); // a browser needs a 2xx here
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://127.0.0.1:1');
  const list = await fetch(`${moto.url}/collaborations`, { headers: { origin: 'http://127.0.0.1:1', authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${REGION}/cleanrooms/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}` } });
  assert.equal(list.status, 200, await list.text());
  assert.equal(list.headers.get('access-control-expose-headers'), null); // x-amzn-requestid stays hidden from a page
});

test('in a Chromium page on one origin with moto (a proxy): a collaboration, its membership and members (paginated) and tags read as botocore reads them', async () => {
  await moto.reset();
  const proxy = await sameOriginProxy(moto.port);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${proxy.url}/tests/client/harness.html`);
    const got = await page.evaluate(async ({ region, credentials, input, unknown }) => {
      const mod = await import('/pkg/cleanrooms.js');
      // The entry's initSync (what a Node user calls) with the module compiled off the main thread.
      mod.initSync({ module: await WebAssembly.compileStreaming(fetch('/pkg/cleanroomsml_wasm_bg.wasm')) });
      const client = new mod.CleanRoomsClient({ region, endpoint: location.origin, credentials });
      const created = await client.createCollaboration(input);
      const id = created.collaboration.id;
      const membership = await client.createMembership({ collaborationIdentifier: id, queryLogStatus: 'ENABLED' });
      const pages = [];
      for await (const p of mod.paginateListMembers({ client, pageSize: 1 }, { collaborationIdentifier: id })) pages.push(p);
      const collaboration = await client.getCollaboration({ collaborationIdentifier: id });
      const tags = await client.listTagsForResource({ resourceArn: created.collaboration.arn });
      const error = await client.getMembership({ membershipIdentifier: unknown }).then(() => null, (e) => ({ name: e.name, message: e.message, $metadata: e.$metadata }));
      return { id, arn: created.collaboration.arn, membership, pages, collaboration, tags, error, page: location.origin };
    }, { region: REGION, credentials: CREDENTIALS, input: collaborationInput(7, 2), unknown: UNKNOWN });

    assert.equal(got.page, proxy.url);
    assert.equal(got.collaboration.collaboration.memberStatus, 'ACTIVE');
    assert.ok(got.collaboration.collaboration.createTime instanceof Date);
    assert.match(got.collaboration.$metadata.requestId, /^\w{52}$/, 'the request id, readable from the same origin');
    assert.deepEqual(got.pages.map((p) => p.memberSummaries.map((m) => m.accountId)), [[ACCOUNT], ['111111111111'], ['222222222222']]);
    const theirs = botocoreCalls(moto.url, [
      { operation: 'GetCollaboration', input: { collaborationIdentifier: got.id } },
      { operation: 'GetMembership', input: { membershipIdentifier: got.membership.membership.id } },
      { operation: 'ListMembers', input: { collaborationIdentifier: got.id }, pageSize: 1 },
      { operation: 'ListTagsForResource', input: { resourceArn: got.arn } },
      { operation: 'GetMembership', input: { membershipIdentifier: UNKNOWN } },
    ]);
    const problems = [
      ...compare('GetCollaboration', got.collaboration, theirs[0]),
      ...compare('GetMembership', got.membership, theirs[1]),
      ...comparePages('ListMembers', got.pages, theirs[2]),
      ...compare('ListTagsForResource', got.tags, theirs[3]),
      ...compareError('GetMembership (unknown)', got.error, theirs[4]),
    ];
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.deepEqual(got.tags.tags, { project: 'oracles', index: '7' });
  } finally {
    await browser.close();
    proxy.close();
  }
});
