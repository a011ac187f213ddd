// The demo page: loads the module and reports that it is usable.
import init, { version } from '/pkg/cleanroomsml_wasm.js';

const status = document.getElementById('status');
try {
  await init();
  status.textContent = `cleanroomsml-wasm ${version()} loaded.`;
  status.dataset.state = 'ready';
} catch (err) {
  status.textContent = `The WebAssembly module failed to load: ${err.message}`;
  status.dataset.state = 'failed';
}
