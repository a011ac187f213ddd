// What the benchmark pages and runners share: timing a batch of calls, the median, and
// the cold-start pages' first call, this module's client or the SDK's.
import { realistic, credentials, successBody } from './inputs.mjs';

export const BATCH = 10;

/** Microseconds per call over one batch of `count`; async calls are awaited one after another. */
export async function batch(fn, isAsync, count = BATCH) {
  const started = performance.now();
  if (isAsync) for (let i = 0; i < count; i++) await fn();
  else for (let i = 0; i < count; i++) fn();
  return ((performance.now() - started) / count) * 1000;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Marks a cold-start page done. Every cold page imports it from here, so that each loads
 * the same module graph around its library (this file, then inputs.mjs).
 */
export function done() {
  window.__done = performance.now();
}

/** A cold-start page's measured work once the module is initialised: one client call. */
export async function firstClientCall(CleanRoomsMlClient) {
  const client = new CleanRoomsMlClient({ region: 'us-east-1', credentials, fetch: async () => new Response(successBody, { status: 200 }) });
  await client.createConfiguredModelAlgorithmAssociation(realistic);
  done();
}

// The SDK's answer: the same body as ours, with the headers its deserializer reads.
const sdkHeaders = { 'content-type': 'application/json', 'x-amzn-requestid': 'r' };
const sdkAnswer = new TextEncoder().encode(successBody);
/** The SDK's request handler that answers at once, with no `Response` at all. */
const sdkRequestHandler = { handle: async () => ({ response: { statusCode: 200, headers: sdkHeaders, body: sdkAnswer } }) };
/** A stub `fetch` for the SDK's own FetchHttpHandler, answering a `Response` as ours gets. */
export const sdkFetch = async () => new Response(successBody, { status: 200, headers: sdkHeaders });

/**
 * The AWS SDK for JavaScript v3's Clean Rooms ML client, from one of the bundles in
 * ../shared/data/sdk-cleanroomsml/ (`sdk`: the imported module), making the same
 * `CreateConfiguredModelAlgorithmAssociation` call as ours with the same input. Returns
 * a function that makes one call. With `fetchStub`, through the SDK's own
 * FetchHttpHandler (the browser default, which calls the global `fetch`: it is set to the
 * stub); without, through a request handler that answers at once. The bundles that export
 * the command (`sdk-one.js`, `sdk-eight.js`, `sdk-all.js`) call `client.send(command)`;
 * `sdk-whole.js` exports only the aggregated `CleanRoomsML`, whose method calls `send`.
 */
export function sdkCall(sdk, fetchStub) {
  if (fetchStub) globalThis.fetch = fetchStub;
  const config = { region: 'us-east-1', credentials, maxAttempts: 1, ...(fetchStub ? {} : { requestHandler: sdkRequestHandler }) };
  if (sdk.CreateConfiguredModelAlgorithmAssociationCommand) {
    const client = new sdk.CleanRoomsMLClient(config);
    return () => client.send(new sdk.CreateConfiguredModelAlgorithmAssociationCommand(realistic));
  }
  const client = new sdk.CleanRoomsML(config);
  return () => client.createConfiguredModelAlgorithmAssociation(realistic);
}

/** A cold-start page's measured work once the SDK is loaded: one call. */
export async function firstSdkCall(sdk) {
  await sdkCall(sdk)();
  done();
}
