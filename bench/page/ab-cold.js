// Cold start of one of two builds (`?build=a` or `b`, served at /a/ and /b/), as published
// and without a bundler: navigation to the first completed client call. Run by bench/ab.mjs.
import { firstClientCall } from './timing.mjs';

const build = new URLSearchParams(location.search).get('build');
const { default: init, CleanRoomsMlClient } = await import(`/${build}/cleanroomsml_wasm.js`);
await init();
await firstClientCall(CleanRoomsMlClient);
