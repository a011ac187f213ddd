// Cold start floor: a page with no library.
import { nothing } from '/bench/dist/empty.js';
import { credentials } from './inputs.mjs';
import { done } from './timing.mjs';

void [nothing, credentials];
done();
