// Two builds of this module in one page (`/a/` and `/b/`), the same calls timed in turns
// batch by batch, so that the machine's noise falls on both alike: how a change moved a
// figure. Run by bench/ab.mjs. Each call is timed for a few seconds, in batches of at
// least 2 ms (so the timer's 5 µs steps are a quarter of a percent): a fixed number of
// short rounds left a 20 µs call at the mercy of one busy moment (±8 % run to run).
import { realistic, maximal, credentials, successBody } from './inputs.mjs';
import { batch, median } from './timing.mjs';

const WARMUP_BATCHES = 30;
const BATCH_MS = 2;
const largeRequest = {
  method: 'POST',
  url: 'https://cleanrooms-ml.us-east-1.amazonaws.com/memberships/m/configured-model-algorithm-associations',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ description: 'x'.repeat(54 * 1024) }),
};

/** Per build, each measured call as a function that times one batch of it. */
async function calls(base) {
  const module = await import(`${base}cleanroomsml_wasm.js`);
  await module.default();
  const config = { region: 'us-east-1', credentials };
  const client = new module.CleanRoomsMlClient({ ...config, fetch: async () => new Response(successBody, { status: 200 }) });
  const functions = {
    'validate (realistic)': () => module.validate(realistic),
    'validate (maximal)': () => module.validate(maximal),
    createSignedRequest: () => module.createSignedRequest(realistic, config),
    // Hashing's share: a body as large as a request of this service gets.
    'signRequest (54 KB body)': () => module.signRequest(largeRequest, config),
    'client call': () => client.createConfiguredModelAlgorithmAssociation(realistic),
  };
  // Only calls that return a promise are awaited (awaiting a plain result would be timed too).
  return Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, ((isAsync) => (count) => batch(fn, isAsync, count))(fn() instanceof Promise)]));
}

window.__results = (async () => {
  const timed = { a: await calls('/a/'), b: await calls('/b/') };
  const seconds = Number(new URLSearchParams(location.search).get('seconds') ?? 3);
  const rows = [];
  for (const name of Object.keys(timed.a)) {
    const times = { a: [], b: [] };
    for (let i = 0; i < WARMUP_BATCHES; i++) await timed.a[name](), await timed.b[name]();
    const count = Math.max(1, Math.ceil((BATCH_MS * 1000) / Math.min(await timed.a[name](), await timed.b[name]())));
    const end = performance.now() + seconds * 1000;
    for (let i = 0; i < 20 || performance.now() < end; i++) {
      // Which goes first alternates, so neither always runs right after the other.
      for (const which of i % 2 ? ['b', 'a'] : ['a', 'b']) times[which].push(await timed[which][name](count));
    }
    rows.push({ name, a: median(times.a), b: median(times.b) });
  }
  return rows;
})().catch((e) => ({ error: String(e?.stack ?? e) }));
