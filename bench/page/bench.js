// Runs in one headless Chromium page (cross-origin isolated, so performance.now() is fine
// grained). Every measured function: warm-up, then 2,000 calls timed in batches of 10,
// the functions taking turns batch by batch so that a busy moment of this shared machine
// falls on all of them alike; the per-call figure of each batch gives the median and p95.
import init, { validate, createSignedRequest, CleanRoomsMlClient } from '/pkg/cleanroomsml_wasm.js';
// The SDK's smallest bundle, whose command gives its `send` as such; every bundle runs the
// same runtime (/sdk/ is ../shared/data/sdk-cleanroomsml/).
import * as sdkOne from '/sdk/sdk-one.js';
import { AwsClient } from '/bench/dist/aws4fetch.js';
import { realistic, maximal, credentials, successBody } from './inputs.mjs';
import { BATCH, batch, median, sdkCall, sdkFetch } from './timing.mjs';

const CALLS = 2000;
const WARMUP = 300;

/** `functions`: [name, fn] pairs. Returns, in order, { name, medianUs, p95Us, sample }. */
async function measureInTurns(functions) {
  const runs = [];
  for (const [name, fn] of functions) {
    const probe = fn();
    const isAsync = probe instanceof Promise;
    const sample = isAsync ? await probe : probe;
    for (let i = 0; i < WARMUP / BATCH; i++) await batch(fn, isAsync);
    runs.push({ name, fn, isAsync, sample, perCall: [] });
  }
  for (let b = 0; b < CALLS / BATCH; b++) {
    for (const run of runs) run.perCall.push(await batch(run.fn, run.isAsync));
  }
  return runs.map(({ name, sample, perCall }) => {
    const p95Us = [...perCall].sort((a, b) => a - b)[Math.floor(perCall.length * 0.95)];
    return { name, medianUs: median(perCall), p95Us, sample };
  });
}

export async function run() {
  await init();
  const config = { region: 'us-east-1', credentials };
  const answer = async () => new Response(successBody, { status: 200, headers: { 'content-type': 'application/json' } });
  const client = new CleanRoomsMlClient({ ...config, fetch: answer });
  // The same operation and input as ours, through a handler that answers at once.
  const sdk = sdkCall(sdkOne);
  // The SDK through its own FetchHttpHandler over a stub fetch answering a Response, as our client.
  const sdkThroughFetch = sdkCall(sdkOne, sdkFetch);
  const utf8 = new TextEncoder();
  const aws = new AwsClient({ ...credentials, service: 'cleanrooms-ml', region: 'us-east-1' });
  const unsigned = createSignedRequest(realistic, config);

  const results = await measureInTurns([
    ['validate (realistic input)', () => validate(realistic)],
    ['validate (maximal input)', () => validate(maximal)],
    ['createSignedRequest (validate + build + sign)', () => createSignedRequest(realistic, config)],
    ['client call (validate, build, sign, send, parse)', () => client.createConfiguredModelAlgorithmAssociation(realistic)],
    ['AWS SDK v3: client.send (the same create, a handler that answers at once)', sdk],
    ['aws4fetch: sign the same POST', () => aws.sign(unsigned.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: unsigned.body })],
    // The part of the client call that is the page's: the fetch above and reading its body.
    ['floor of the client call: its fetch alone (Response + text())', async () => (await answer()).text()],
    ['AWS SDK v3: client.send through its FetchHttpHandler (stub fetch, a Response)', sdkThroughFetch],
    // What the engine needs before Rust reads a byte of the maximal input.
    ['floor of validate (maximal): JSON.stringify + TextEncoder.encode', () => utf8.encode(JSON.stringify(maximal))],
  ]);
  // Each measured call must have done its work.
  const check = {
    validateOk: results[0].sample.ok && results[1].sample.ok,
    signed: /^AWS4-HMAC-SHA256 /.test(results[2].sample.headers.authorization),
    clientArn: results[3].sample.configuredModelAlgorithmAssociationArn.startsWith('arn:aws:cleanrooms-ml:'),
    sdkOutput: results[4].sample.configuredModelAlgorithmAssociationArn === JSON.parse(successBody).configuredModelAlgorithmAssociationArn,
    aws4fetchSigned: /^AWS4-HMAC-SHA256 /.test(results[5].sample.headers.get('authorization')),
    fetchAnswered: results[6].sample === successBody,
    sdkThroughFetch: results[7].sample.configuredModelAlgorithmAssociationArn === JSON.parse(successBody).configuredModelAlgorithmAssociationArn,
    floorEncoded: results[8].sample.length > 50_000,
  };
  return { results: results.map(({ sample, ...r }) => r), check, userAgent: navigator.userAgent, crossOriginIsolated };
}
