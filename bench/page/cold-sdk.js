// Cold start: navigation to the first completed SDK call.
import { sdkCall } from '/bench/dist/sdk.js';
import { credentials, realisticTags } from './inputs.mjs';
import { done } from './timing.mjs';

await sdkCall(credentials, realisticTags)();
done();
