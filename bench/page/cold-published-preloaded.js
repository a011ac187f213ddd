// Cold start of pkg/ as published, no bundler, with the README's preload hint: navigation
// to the first completed client call.
import init, { CleanRoomsMlClient } from '/pkg/cleanroomsml_wasm.js';
import { firstClientCall } from './timing.mjs';

await init({ module_or_path: '/pkg/cleanroomsml_wasm_bg.wasm' });
await firstClientCall(CleanRoomsMlClient);
