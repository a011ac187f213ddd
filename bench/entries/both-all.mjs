// A page using both services: both entries' whole APIs in one bundle, one runtime (the size
// to set beside the SDK's two whole clients in one bundle, `sdk-both-whole.js`).
export * as cleanRoomsMl from '../../pkg/cleanroomsml_wasm.js';
export * as cleanRooms from '../../pkg/cleanrooms.js';
export { default } from '../../pkg/cleanroomsml_wasm.js';
