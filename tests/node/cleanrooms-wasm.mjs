// The package's Clean Rooms entry (`cleanroomsml-wasm/cleanrooms`), loaded in Node 20 the way
// a Node user would: `initSync` with the bytes of the wasm it shares with the main entry.
import { readFileSync } from 'node:fs';
import * as cleanrooms from '../../pkg/cleanrooms.js';

cleanrooms.initSync({ module: readFileSync(new URL('../../pkg/cleanroomsml_wasm_bg.wasm', import.meta.url)) });

export default cleanrooms;
