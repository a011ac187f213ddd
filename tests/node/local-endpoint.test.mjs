// The local endpoint behaves as the service does, and checks signatures independently; its
// reading of the model agrees with the library's on every operation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import wasm from './wasm.mjs';
import { readFile } from 'node:fs/promises';
import { startLocalEndpoint, DEMO_CREDENTIALS, UNKNOWN_MEMBERSHIP, DEMO_MEMBERSHIP, EXAMPLE_MEMBERSHIP, SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import { model, patternRegExp, violations } from '../../scripts/service-model.mjs';
import { rng, validInput, operationInput, OPERATIONS, MODEL_OPERATIONS, modelInput } from './generate.mjs';
import { answerProblems } from './tour.mjs';

const MEMBERSHIP = DEMO_MEMBERSHIP;
const input = (name, membershipIdentifier = MEMBERSHIP) => ({
  membershipIdentifier,
  configuredModelAlgorithmArn: SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn,
  name,
});
const ASSOCIATION_ARN = /^arn:aws[-a-z]*:cleanrooms-ml:[-a-z0-9]+:[0-9]{12}:membership\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/configured-model-algorithm-association\/[-a-zA-Z0-9_/.]+$/;

let endpoint;
const logs = [];
const answers = [];

before(async () => {
  endpoint = await startLocalEndpoint({ port: 0, log: (line) => logs.push(line), onAnswer: (answer) => answers.push(answer) });
});
after(() => endpoint?.close());

async function send(request) {
  const { host, ...headers } = request.headers;
  const response = await fetch(request.url, { method: request.method, headers, body: request.body });
  return { status: response.status, type: response.headers.get('x-amzn-errortype')?.split(':')[0], body: await response.json() };
}

const signed = (value, credentials = DEMO_CREDENTIALS, signingDate = Date.now()) =>
  wasm.createSignedRequest(value, { region: 'us-east-1', endpoint: endpoint.url, credentials, signingDate });

test('creates an association and answers a well-formed ARN', async () => {
  const answer = await send(signed(input('first')));
  assert.equal(answer.status, 200, JSON.stringify(answer));
  assert.match(answer.body.configuredModelAlgorithmAssociationArn, ASSOCIATION_ARN);
  assert.ok(answer.body.configuredModelAlgorithmAssociationArn.includes(`membership/${MEMBERSHIP}/`));
});

test('the same name twice in a membership is a ConflictException', async () => {
  assert.equal((await send(signed(input('twice')))).status, 200);
  const again = await send(signed(input('twice')));
  assert.deepEqual([again.status, again.type], [409, 'ConflictException']);
  assert.match(again.body.message, /already exists/);
  const elsewhere = await send(signed(input('twice', EXAMPLE_MEMBERSHIP)));
  assert.equal(elsewhere.status, 200, 'names are per membership');
});

test('an unknown membership is a ResourceNotFoundException', async () => {
  const answer = await send(signed(input('x', UNKNOWN_MEMBERSHIP)));
  assert.deepEqual([answer.status, answer.type], [404, 'ResourceNotFoundException']);
});

test('invalid input is a ValidationException', async () => {
  const request = wasm.buildRequest(input('ok'), { endpoint: endpoint.url });
  request.body = JSON.stringify({ ...JSON.parse(request.body), name: '', extra: 1 });
  const resigned = wasm.signRequest(request, { region: 'us-east-1', credentials: DEMO_CREDENTIALS });
  const answer = await send(resigned);
  assert.deepEqual([answer.status, answer.type], [400, 'ValidationException']);
  assert.match(answer.body.message, /^2 validation errors detected: Value at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/);
});

test('authentication errors', async () => {
  const wrongSecret = await send(signed(input('a'), { ...DEMO_CREDENTIALS, secretAccessKey: 'not-the-secret' }));
  assert.deepEqual([wrongSecret.status, wrongSecret.type], [403, 'InvalidSignatureException']);
  const unknownKey = await send(signed(input('b'), { ...DEMO_CREDENTIALS, accessKeyId: 'AKIAUNKNOWN' }));
  assert.deepEqual([unknownKey.status, unknownKey.type], [403, 'UnrecognizedClientException']);
  const stale = await send(signed(input('c'), DEMO_CREDENTIALS, Date.now() - 10 * 60 * 1000));
  assert.deepEqual([stale.status, stale.type], [403, 'InvalidSignatureException']);
  assert.match(stale.body.message, /^Signature expired/);
  const tampered = signed(input('d'));
  tampered.body = tampered.body.replace('"d"', '"e"');
  assert.deepEqual((await send(tampered)).type, 'InvalidSignatureException');
  const unsigned = await fetch(`${endpoint.url}/memberships/${MEMBERSHIP}/configured-model-algorithm-associations`, { method: 'POST', body: '{}' });
  assert.equal(unsigned.status, 403);
});

test('accepts a request signed by the AWS SDK for JavaScript signer itself', async () => {
  const url = new URL(`${endpoint.url}/memberships/${MEMBERSHIP}/configured-model-algorithm-associations`);
  const body = JSON.stringify({ configuredModelAlgorithmArn: input('').configuredModelAlgorithmArn, name: 'by-the-sdk-signer' });
  const signer = new SignatureV4({ service: 'cleanrooms-ml', region: 'eu-west-1', credentials: DEMO_CREDENTIALS, sha256: Sha256 });
  const request = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host, 'content-type': 'application/json' }, body });
  const { host, ...headers } = request.headers;
  const response = await fetch(url, { method: 'POST', headers, body });
  assert.equal(response.status, 200);
  assert.match((await response.json()).configuredModelAlgorithmAssociationArn, /^arn:aws:cleanrooms-ml:eu-west-1:/);
});

test('CORS preflight allows the page to call it', async () => {
  const response = await fetch(`${endpoint.url}/memberships/${MEMBERSHIP}/configured-model-algorithm-associations`, {
    method: 'OPTIONS',
    headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-security-token' },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  for (const header of ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token']) {
    assert.ok(response.headers.get('access-control-allow-headers').includes(header), header);
  }
  // What answers expose is the service's CORS trait (tests/node/local-identity.test.mjs checks it exactly): not `date`.
  assert.equal(response.headers.get('access-control-max-age'), '86400');
});

test('one log line per request, without secrets', () => {
  assert.ok(logs.length >= 10, `${logs.length} lines`);
  for (const line of logs) {
    assert.match(line, /^local-endpoint \S+ (GET|POST|PUT|PATCH|DELETE|OPTIONS) \S+ \d{3} \w+ key=\S+ \d+ms$/);
    assert.ok(!line.includes(DEMO_CREDENTIALS.secretAccessKey) && !line.includes('Signature='), line);
  }
});

test('the endpoint reads the model itself, not through the library', async () => {
  for (const file of ['local-endpoint.mjs', 'service-model.mjs']) {
    const source = await readFile(new URL(`../../scripts/${file}`, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /pkg\/|cleanroomsml_wasm/, file);
  }
});

test('the endpoint\'s reading of the model and the library agree on generated inputs and their edges', () => {
  const shape = model.operations.CreateConfiguredModelAlgorithmAssociation.input.shape;
  const r = rng(20261130);
  const P = ['privacyConfiguration', 'policies'];
  // Single edits at the model's edges: [path, value, valid by the model?]
  const edits = [
    [[...P, 'trainedModels', 'maxArtifactSize'], { unit: 'GB', value: 100 }, true],
    [[...P, 'trainedModels', 'maxArtifactSize'], { unit: 'GB', value: 100.000001 }, false],
    [[...P, 'trainedModelExports'], { maxSize: { unit: 'GB', value: 50 }, filesToExport: ['MODEL'] }, true],
    [[...P, 'trainedModelExports'], { maxSize: { unit: 'GB', value: 50.5 }, filesToExport: ['MODEL'] }, false],
    [[...P, 'trainedModelInferenceJobs', 'maxOutputSize'], { unit: 'GB', value: 0.01 }, true],
    [[...P, 'trainedModelInferenceJobs', 'maxOutputSize'], { unit: 'GB', value: 0.009 }, false],
    [['name'], 'n'.repeat(63), true],
    [['name'], 'n'.repeat(64), false],
    [['name'], 'model \u{1F600}', false],
    [['name'], '   ', false],
    [['description'], 'line\r\nbreak', true],
    [['membershipIdentifier'], '0D0A0C1E-1111-4222-8333-944455556666', false],
    [['configuredModelAlgorithmArn'], 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/a', true],
    [['configuredModelAlgorithmArn'], 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/a b', false],
  ];
  let compared = 0;
  for (let i = 0; i < 200; i++) {
    const input = validInput(r);
    assert.deepEqual(violations(shape, input), [], `generated input ${i} is valid for the endpoint too`);
    assert.equal(wasm.validate(input).ok, true);
    const [path, value, valid] = edits[i % edits.length];
    let target = input;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path.at(-1)] = value;
    const endpointOk = violations(shape, input).length === 0;
    assert.equal(endpointOk, valid, `the endpoint on ${path.join('.')} = ${JSON.stringify(value)}`);
    assert.equal(wasm.validate(input).ok, valid, `the library on ${path.join('.')} = ${JSON.stringify(value)}`);
    compared++;
  }
  assert.equal(compared, 200);
});

test('the endpoint\'s reading of the model and the library agree on every other operation\'s inputs and their edges', () => {
  const r = rng(20261201);
  const membership = '0d0a0c1e-1111-4222-8333-944455556666';
  const association = `arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/${membership}/configured-model-algorithm-association/a`;
  // Single edits at the model's edges: [member, value, valid by the model?], for the operations that have the member.
  const edits = [
    ['maxResults', 1, true], ['maxResults', 100, true], ['maxResults', 0, false], ['maxResults', 101, false], ['maxResults', 2.5, false],
    ['nextToken', 'x', true], ['nextToken', 'x'.repeat(10240), true], ['nextToken', '', false], ['nextToken', 'x'.repeat(10241), false],
    ['membershipIdentifier', membership.toUpperCase(), false], ['collaborationIdentifier', 'not-a-uuid', false],
    ['configuredModelAlgorithmAssociationArn', association, true],
    ['configuredModelAlgorithmAssociationArn', association.replace('membership/', 'membershp/'), false],
    ['configuredModelAlgorithmAssociationArn', `${association}/b c`, false],
    ['configuredModelAlgorithmArn', 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/x', true],
    ['configuredModelAlgorithmArn', 'arn:aws:cleanrooms-ml:us-east-1:12345678901:configured-model-algorithm/x', false],
  ];
  let compared = 0;
  for (const operation of OPERATIONS.filter((op) => op !== 'CreateConfiguredModelAlgorithmAssociation')) {
    const shape = model.operations[operation].input.shape;
    const members = Object.keys(model.shapes[shape].members);
    for (let i = 0; i < 40; i++) {
      const input = operationInput(r, operation);
      assert.deepEqual(violations(shape, input), [], `${operation}: generated input ${i} is valid for the endpoint too`);
      assert.equal(wasm.validate(operation, input).ok, true, `${operation}: generated input ${i}`);
      const applicable = edits.filter(([member]) => members.includes(member));
      const [member, value, valid] = applicable[i % applicable.length];
      const edited = { ...input, [member]: value };
      assert.equal(violations(shape, edited).length === 0, valid, `the endpoint: ${operation}.${member} = ${JSON.stringify(value).slice(0, 40)}`);
      assert.equal(wasm.validate(operation, edited).ok, valid, `the library: ${operation}.${member} = ${JSON.stringify(value).slice(0, 40)}`);
      compared++;
    }
  }
  assert.equal(compared, 7 * 40);
});

/** The input as it goes on the wire (timestamps as ISO 8601 text), which the endpoint reads. */
const onTheWire = (input) => JSON.parse(JSON.stringify(input));

/** Characters that fall outside one pattern or another: upper case in an id, a space, a line break, past U+FFFF, a control. */
const OUTSIDE_CHARACTERS = ['A', ' ', '\n', '\u{1F600}', '\u0000', '%', '/'];

/** Calls `fn(shapeName, value, keys)` for `value` and each value inside it, by the model's shapes. */
function walk(shapeName, value, fn, keys = []) {
  const shape = model.shapes[shapeName];
  fn(shapeName, value, keys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  if (shape.type === 'structure') {
    for (const [name, member] of Object.entries(shape.members ?? {})) if (value[name] !== undefined) walk(member.shape, value[name], fn, [...keys, name]);
  } else if (shape.type === 'list') {
    value.forEach((item, i) => walk(shape.member.shape, item, fn, [...keys, i]));
  } else if (shape.type === 'map') {
    for (const [key, item] of Object.entries(value)) walk(shape.value.shape, item, fn, [...keys, key]);
  }
}

/**
 * Single edits past the model's bounds somewhere inside an input, each invalid by the model:
 * [description, apply(copy)] for every place that has a bound to cross.
 */
function edgeEdits(operation, input) {
  const inputShape = model.shapes[model.operations[operation].input.shape];
  const edits = [];
  const parentOf = (copy, keys) => keys.slice(0, -1).reduce((target, key) => target[key], copy);
  walk(model.operations[operation].input.shape, input, (shapeName, value, keys) => {
    const shape = model.shapes[shapeName];
    const where = keys.join('.');
    if (shape.type === 'structure' && !shape.union) {
      for (const name of shape.required ?? []) {
        // A URI label cannot be left out of a path.
        if (!keys.length && inputShape.members[name].location === 'uri') continue;
        edits.push([`${where}.${name} missing`, (copy) => { delete parentOf(copy, [...keys, name])[name]; }]);
      }
    }
    if (!keys.length) return;
    const set = (description, replacement) => edits.push([`${where} = ${description}`, (copy) => { parentOf(copy, keys)[keys.at(-1)] = replacement; }]);
    if (shape.type === 'string' && shape.pattern !== undefined) {
      // A character the pattern does not take there, in place of the last one (so the length stays).
      const outside = OUTSIDE_CHARACTERS.map((c) => value.slice(0, -1) + c).find((v) => v.length && !patternRegExp(shape.pattern).test(v));
      if (outside !== undefined) set(`${JSON.stringify(outside).slice(0, 40)} (outside the pattern)`, outside);
    }
    if (shape.type === 'string' && shape.enum) set('not in the enum', 'NOT_IN_THE_ENUM');
    else if (shape.type === 'string' && shape.max !== undefined && shape.max < 5000) set('one past the longest', 'a'.repeat(shape.max + 1));
    else if (shape.type === 'string' && shape.min > 0) set('empty', '');
    if (['integer', 'long', 'double'].includes(shape.type) && shape.max !== undefined) set('past the largest', shape.max + (shape.type === 'double' ? 0.5 : 1));
    if (['integer', 'long', 'double'].includes(shape.type) && shape.min !== undefined) set('below the least', shape.min - (shape.type === 'double' ? 0.0001 : 1));
    if (shape.type === 'integer' || shape.type === 'long') set('a fraction', 1.5);
    if (shape.type === 'timestamp') set('not a time', 'yesterday');
    if (shape.type === 'boolean') set('a string', 'true');
  });
  return edits;
}

test('the endpoint\'s reading of the model and the library agree on all 59 operations: generated inputs, and single edits past the model\'s bounds', () => {
  assert.equal(MODEL_OPERATIONS.length, 59);
  const r = rng(20261203);
  let compared = 0;
  for (const operation of MODEL_OPERATIONS) {
    const shape = model.operations[operation].input.shape;
    for (let i = 0; i < 20; i++) {
      const input = modelInput(r, operation);
      assert.deepEqual(violations(shape, onTheWire(input)), [], `${operation}: generated input ${i} is valid for the endpoint`);
      assert.equal(wasm.validate(operation, input).ok, true, `${operation}: generated input ${i} is valid for the library`);
      const edits = edgeEdits(operation, input);
      if (!edits.length) continue;
      const [description, apply] = edits[r.int(0, edits.length - 1)];
      const edited = structuredClone(input);
      apply(edited);
      assert.notDeepEqual(violations(shape, onTheWire(edited)), [], `the endpoint: ${operation}: ${description}`);
      assert.equal(wasm.validate(operation, edited).ok, false, `the library: ${operation}: ${description}`);
      compared++;
    }
  }
  assert.ok(compared >= 59 * 15, `${compared} edits compared`);
});

test('the library\'s signed requests for all 59 operations reach the endpoint: signature verified, input read as valid, answers the model\'s', async () => {
  const r = rng(20261204);
  const seen = new Set();
  const before = answers.length;
  // Inputs the library takes (where it and the endpoint disagree, the test above says so).
  const takenInput = (operation) => {
    for (;;) {
      const input = modelInput(r, operation);
      if (wasm.validate(operation, input).ok) return input;
    }
  };
  for (const operation of MODEL_OPERATIONS) {
    for (let i = 0; i < 3; i++) {
      const request = wasm.createSignedRequest(operation, takenInput(operation), { region: 'us-east-1', endpoint: endpoint.url, credentials: DEMO_CREDENTIALS });
      const { host, ...headers } = request.headers;
      const response = await fetch(request.url, { method: request.method, headers, body: request.body || undefined });
      const type = response.headers.get('x-amzn-errortype')?.split(':')[0];
      const text = await response.text();
      // Signed as the endpoint checks, and read as valid by the model (a random nextToken is still not one of its tokens).
      assert.ok(!/Signature|UnrecognizedClient/.test(type ?? '') && !/validation errors? detected/.test(text), `${operation} ${request.method} ${request.url}: ${response.status} ${type} ${text}`);
      seen.add(operation);
    }
  }
  assert.equal(seen.size, 59);
  assert.deepEqual(answerProblems(answers.slice(before)), []);
});
