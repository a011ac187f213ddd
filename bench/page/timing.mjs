// What the benchmark pages and runners share: timing a batch of calls, the median, and
// the cold-start pages' first client call.
import { realistic, credentials, successBody } from './inputs.mjs';

export const BATCH = 10;

/** Microseconds per call over one batch; async calls are awaited one after another. */
export async function batch(fn, isAsync) {
  const started = performance.now();
  if (isAsync) for (let i = 0; i < BATCH; i++) await fn();
  else for (let i = 0; i < BATCH; i++) fn();
  return ((performance.now() - started) / BATCH) * 1000;
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
