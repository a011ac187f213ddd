// This module's whole API bundled by esbuild (every operation, the paginators): the size to
// set beside the SDK's eight commands.
export * from '../../pkg/cleanroomsml_wasm.js';
export { default } from '../../pkg/cleanroomsml_wasm.js';
