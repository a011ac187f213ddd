// Two builds of this module in one page (`/a/` and `/b/`), the same calls timed in turns
// batch by batch, so that the machine's noise falls on both alike: how a change moved a
// figure. Run by bench/ab.mjs.
import { realistic, maximal, credentials, successBody } from './inputs.mjs';

const BATCH = 10;
const WARMUP_BATCHES = 30;

async function calls(base) {
  const module = await import(`${base}cleanroomsml_wasm.js`);
  await module.default();
  const config = { region: 'us-east-1', credentials };
  const client = new module.CleanRoomsMlClient({ ...config, fetch: async () => new Response(successBody, { status: 200 }) });
  return {
    'validate (realistic)': () => module.validate(realistic),
    'validate (maximal)': () => module.validate(maximal),
    createSignedRequest: () => module.createSignedRequest(realistic, config),
    'client call': () => client.createConfiguredModelAlgorithmAssociation(realistic),
  };
}

async function batch(fn) {
  const started = performance.now();
  for (let i = 0; i < BATCH; i++) await fn();
  return ((performance.now() - started) / BATCH) * 1000;
}

const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];

window.__results = (async () => {
  const [a, b] = [await calls('/a/'), await calls('/b/')];
  const rounds = Number(new URLSearchParams(location.search).get('rounds') ?? 200);
  const rows = [];
  for (const name of Object.keys(a)) {
    const times = { a: [], b: [] };
    for (let i = 0; i < WARMUP_BATCHES; i++) await batch(a[name]), await batch(b[name]);
    for (let i = 0; i < rounds; i++) {
      // Which goes first alternates, so neither always runs right after the other.
      for (const which of i % 2 ? ['b', 'a'] : ['a', 'b']) times[which].push(await batch((which === 'a' ? a : b)[name]));
    }
    rows.push({ name, a: median(times.a), b: median(times.b) });
  }
  return rows;
})().catch((e) => ({ error: String(e?.stack ?? e) }));
