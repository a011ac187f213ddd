// Runs the client scenarios inside a module Web Worker (no window, no document).
import { execute } from './execute.mjs';

const ready = import('/pkg/cleanroomsml_wasm.js').then(async (mod) => {
  await mod.default();
  return mod;
});

self.onmessage = async ({ data: { id, spec } }) => {
  const mod = await ready;
  self.postMessage({ id, outcome: await execute(mod, spec), hasWindow: typeof window !== 'undefined' });
};
