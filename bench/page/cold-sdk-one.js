// Cold start: navigation to the first completed call of the AWS SDK v3's Clean Rooms ML
// client as built (/sdk/ is ../shared/data/sdk-cleanroomsml/): its smallest bundle
// (`sdk-one.js`: one client and one command).
import * as sdk from '/sdk/sdk-one.js';
import { firstSdkCall } from './timing.mjs';

await firstSdkCall(sdk);
