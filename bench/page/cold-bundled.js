// Cold start of this module bundled by esbuild, the wasm preloaded: navigation to the
// first completed client call.
import init, { CleanRoomsMlClient } from '/bench/dist/ours.js';
import { firstClientCall } from './timing.mjs';

await init({ module_or_path: '/pkg/cleanroomsml_wasm_bg.wasm' });
await firstClientCall(CleanRoomsMlClient);
