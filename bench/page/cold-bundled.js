// Cold start of this module bundled by esbuild, the wasm preloaded: navigation to the
// first completed client call.
import init, { CleanRoomsMlClient } from '/bench/dist/ours.js';
import { realistic, credentials, successBody } from './inputs.mjs';

await init({ module_or_path: '/pkg/cleanroomsml_wasm_bg.wasm' });
const client = new CleanRoomsMlClient({ region: 'us-east-1', credentials, fetch: async () => new Response(successBody, { status: 200 }) });
await client.createConfiguredModelAlgorithmAssociation(realistic);
window.__done = performance.now();
