// This module as an app ships it: the wasm-bindgen glue and its snippets bundled and
// minified by esbuild, like the SDK baseline (the .wasm stays a file of its own).
export { default, CleanRoomsMlClient } from '../../pkg/cleanroomsml_wasm.js';
