// The release package, loaded in Node 20 the way a Node user would: `initSync` with the bytes.
import { readFileSync } from 'node:fs';
import * as wasm from '../../pkg/cleanroomsml_wasm.js';

wasm.initSync({ module: readFileSync(new URL('../../pkg/cleanroomsml_wasm_bg.wasm', import.meta.url)) });

export default wasm;
