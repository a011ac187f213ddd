// Cold start of one of two builds (`?build=a` or `b`, served at /a/ and /b/), as published
// and without a bundler: navigation to the first completed client call. Run by bench/ab.mjs.
import { realistic, credentials, successBody } from './inputs.mjs';

const build = new URLSearchParams(location.search).get('build');
const { default: init, CleanRoomsMlClient } = await import(`/${build}/cleanroomsml_wasm.js`);
await init();
const client = new CleanRoomsMlClient({ region: 'us-east-1', credentials, fetch: async () => new Response(successBody, { status: 200 }) });
await client.createConfiguredModelAlgorithmAssociation(realistic);
window.__done = performance.now();
