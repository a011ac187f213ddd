// Cold start of pkg/ as published, no bundler (the glue, then the wasm): navigation to
// the first completed client call.
import init, { CleanRoomsMlClient } from '/pkg/cleanroomsml_wasm.js';
import { firstClientCall } from './timing.mjs';

await init();
await firstClientCall(CleanRoomsMlClient);
