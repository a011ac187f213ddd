// The backoff of this package's client and of the AWS SDK for JavaScript v3 (its Clean Rooms ML
// client, ../shared/data/sdk-cleanroomsml/sdk-whole.js), side by side, in the same run and
// through the same fault proxy (tests/client/fault-proxy.mjs) in front of the local endpoint:
// a ListTrainingDatasets answered 429 twice then 200, and 500 twice then 200, with
// Math.random fixed (both clients draw their full jitter from it), so both should wait
// ⌊0.999 × 500⌋ then ⌊0.999 × 1000⌋ ms after a throttling error and 99 then 199 ms after
// a 500. The gaps are measured at the proxy: from the end of one attempt to the next's arrival.
//   node bench/retry-gaps.mjs    (after `make build`)
// tests/client/faults.test.mjs runs `measureGaps` too and asserts that both clients agree.
import { fileURLToPath } from 'node:url';
import wasm from '../tests/node/wasm.mjs';
import { startLocalEndpoint, DEMO_CREDENTIALS } from '../scripts/local-endpoint.mjs';
import { startFaultProxy, gapsOf } from '../tests/client/fault-proxy.mjs';

export const SDK_BUNDLE = new URL('../../shared/data/sdk-cleanroomsml/sdk-whole.js', import.meta.url);
export const RANDOM = 0.999;
export const SCENARIOS = [['429, 429, 200', ['throttle429', 'throttle429']], ['500, 500, 200', ['status500', 'status500']]];

/** Rows { scenario, client, attempts, gaps, totalRetryDelay } for each scenario and client. */
export async function measureGaps() {
  const sdk = await import(SDK_BUNDLE);
  const endpoint = await startLocalEndpoint({ port: 0, log: () => {} });
  const proxy = await startFaultProxy(endpoint.url);
  const config = { region: 'us-east-1', endpoint: proxy.url, credentials: DEMO_CREDENTIALS, maxAttempts: 3 };
  const clients = [['cleanroomsml-wasm', new wasm.CleanRoomsMlClient(config)], ['AWS SDK v3', new sdk.CleanRoomsML(config)]];
  const random = Math.random;
  Math.random = () => RANDOM;
  const rows = [];
  try {
    for (const [scenario, faults] of SCENARIOS) {
      for (const [name, client] of clients) {
        proxy.plan(faults);
        const from = proxy.exchanges.length;
        const output = await client.listTrainingDatasets({});
        const exchanges = proxy.exchanges.slice(from);
        rows.push({ scenario, client: name, attempts: exchanges.length, gaps: gapsOf(exchanges), totalRetryDelay: output.$metadata.totalRetryDelay });
      }
    }
  } finally {
    Math.random = random;
    await proxy.close();
    await endpoint.close();
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await measureGaps();
  console.log(`ListTrainingDatasets through the fault proxy, Math.random = ${RANDOM}, Node ${process.version}`);
  console.log('| answers | client | attempts at the proxy | gaps measured (ms) | $metadata.totalRetryDelay |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.client} | ${r.attempts} | ${r.gaps.map((g) => g.toFixed(1)).join(', ')} | ${r.totalRetryDelay} |`);
}
