// The module's exports, guarded: a trap (the release build turns a Rust panic into one;
// an out-of-bounds access or a failed allocation is one too) leaves the module's memory
// in an unknown state, so it becomes an `InternalError` and every later call throws one,
// rather than risk a wrong signature. scripts/package.mjs appends this file to the glue
// and wraps the instance's exports with it.

const RELOAD = 'reload it (the page, or the module) before calling it again';
let trapped; // the first trap's message, once there was one

function unusable(message) {
  const error = new Error(message);
  error.name = 'InternalError';
  error.code = 'unusable';
  error.path = '';
  return error;
}

export function guarded(exports) {
  const wrapped = {};
  for (const [name, value] of Object.entries(exports)) {
    wrapped[name] = typeof value !== 'function' ? value : (...args) => {
      if (trapped) throw unusable(`cleanroomsml-wasm: an earlier internal error (${trapped}) left the module unusable: ${RELOAD}`);
      try {
        return value(...args);
      } catch (err) {
        if (!(err instanceof WebAssembly.RuntimeError)) throw err;
        trapped = err.message || 'a trap';
        throw unusable(`cleanroomsml-wasm: internal error (${trapped}). The module is unusable now: ${RELOAD}. Please report this.`);
      }
    };
  }
  return wrapped;
}
