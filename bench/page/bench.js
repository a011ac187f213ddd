// Runs in one headless Chromium page (cross-origin isolated, so performance.now() is fine
// grained). Each measurement: warm-up, then 2,000 calls timed in batches of 10; the
// per-call figure of each batch gives the median and p95.
import init, { validate, createSignedRequest, CleanRoomsMlClient } from '/pkg/cleanroomsml_wasm.js';
import { sdkCall } from '/bench/dist/sdk.js';
import { AwsClient } from '/bench/dist/aws4fetch.js';
import { realistic, maximal, credentials, realisticTags, successBody } from './inputs.mjs';

const CALLS = 2000;
const BATCH = 10;
const WARMUP = 300;

async function measure(name, fn) {
  const probe = fn();
  const isAsync = probe instanceof Promise;
  const sample = isAsync ? await probe : probe;
  for (let i = 0; i < WARMUP; i++) isAsync ? await fn() : fn();
  const perCall = [];
  for (let b = 0; b < CALLS / BATCH; b++) {
    const started = performance.now();
    if (isAsync) for (let i = 0; i < BATCH; i++) await fn();
    else for (let i = 0; i < BATCH; i++) fn();
    perCall.push(((performance.now() - started) / BATCH) * 1000);
  }
  perCall.sort((a, b) => a - b);
  return { name, medianUs: perCall[Math.floor(perCall.length / 2)], p95Us: perCall[Math.floor(perCall.length * 0.95)], sample };
}

export async function run() {
  await init();
  const config = { region: 'us-east-1', credentials };
  const client = new CleanRoomsMlClient({
    ...config,
    fetch: async () => new Response(successBody, { status: 200, headers: { 'content-type': 'application/json' } }),
  });
  const sdk = sdkCall(credentials, realisticTags);
  const aws = new AwsClient({ ...credentials, service: 'cleanrooms-ml', region: 'us-east-1' });
  const unsigned = createSignedRequest(realistic, config);

  const results = [
    await measure('validate (realistic input)', () => validate(realistic)),
    await measure('validate (maximal input)', () => validate(maximal)),
    await measure('createSignedRequest (validate + build + sign)', () => createSignedRequest(realistic, config)),
    await measure('client call (validate, build, sign, send, parse)', () => client.createConfiguredModelAlgorithmAssociation(realistic)),
    await measure('AWS SDK v3: client.send (restJson1 create)', sdk),
    await measure('aws4fetch: sign the same POST', () => aws.sign(unsigned.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: unsigned.body })),
  ];
  // Each measured call must have done its work.
  const check = {
    validateOk: results[0].sample.ok && results[1].sample.ok,
    signed: /^AWS4-HMAC-SHA256 /.test(results[2].sample.headers.authorization),
    clientArn: results[3].sample.configuredModelAlgorithmAssociationArn.startsWith('arn:aws:cleanrooms-ml:'),
    sdkOutput: Boolean(results[4].sample.configuredTableAssociation?.arn),
    aws4fetchSigned: /^AWS4-HMAC-SHA256 /.test(results[5].sample.headers.get('authorization')),
  };
  return { results: results.map(({ sample, ...r }) => r), check, userAgent: navigator.userAgent, crossOriginIsolated };
}
