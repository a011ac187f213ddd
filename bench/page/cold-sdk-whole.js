// Cold start: navigation to the first completed call of the AWS SDK v3's Clean Rooms ML
// client as built (/sdk/ is ../shared/data/sdk-cleanroomsml/): the whole client
// (`sdk-whole.js`: `CleanRoomsML`, all 59 operations and 16 paginators), the fair
// comparison for a module with every operation.
import * as sdk from '/sdk/sdk-whole.js';
import { firstSdkCall } from './timing.mjs';

await firstSdkCall(sdk);
