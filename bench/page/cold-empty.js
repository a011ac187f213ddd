// Cold start floor: a page with no library.
import { nothing } from '/bench/dist/empty.js';
import { credentials } from './inputs.mjs';

window.__done = performance.now() + nothing * credentials.accessKeyId.length;
