// Cold start of pkg/ as published, no bundler (the glue, then the wasm): navigation to
// the first completed client call.
import init, { CleanRoomsMlClient } from '/pkg/cleanroomsml_wasm.js';
import { realistic, credentials, successBody } from './inputs.mjs';

await init();
const client = new CleanRoomsMlClient({ region: 'us-east-1', credentials, fetch: async () => new Response(successBody, { status: 200 }) });
await client.createConfiguredModelAlgorithmAssociation(realistic);
window.__done = performance.now();
