// The Clean Rooms entry's whole API bundled by esbuild: the size to set beside the SDK's
// whole Clean Rooms client (`sdk-cleanrooms-whole.js`).
export * from '../../pkg/cleanrooms.js';
export { default } from '../../pkg/cleanrooms.js';
