// Clean Rooms' entry (pkg/cleanrooms.js) against botocore's `cleanrooms` client, for every
// one of the 103 operations of model/cleanrooms/service-2.json, as parity.test.mjs and
// answers.test.mjs do for Clean Rooms ML's (botocore-parity.mjs): inputs generated from the
// model alone each validate, and sign, route and serialize as botocore and the JS SDK's
// signer do; answer bodies the model allows are read by CleanRoomsClient as botocore's
// restJson1 parser reads them. Every mismatch is listed before a test fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import cleanrooms from './cleanrooms-wasm.mjs';
import { requestParity, answerParity, failOnMismatches } from './botocore-parity.mjs';
import { services } from '../../scripts/service-model.mjs';

const OPERATIONS = Object.keys(services.cleanrooms.model.operations);
const INPUTS_PER_OPERATION = 20;
const ANSWERS_PER_OPERATION = 12;
const range = (counts) => `${Math.min(...Object.values(counts))}–${Math.max(...Object.values(counts))}`;

test(`every Clean Rooms operation: ${INPUTS_PER_OPERATION} generated inputs each validate, sign, route and serialize as botocore and the JS SDK do`, async () => {
  assert.equal(OPERATIONS.length, 103, 'the model has 103 operations');
  const result = await requestParity({ service: 'cleanrooms', entry: cleanrooms, perOperation: INPUTS_PER_OPERATION, seed: 20261208 });
  const { perOperation, seen } = result;
  failOnMismatches(result);
  assert.deepEqual(Object.keys(perOperation), OPERATIONS);
  assert.deepEqual(Object.entries(perOperation).filter(([, n]) => n < INPUTS_PER_OPERATION), [], `${INPUTS_PER_OPERATION} cases for every operation: ${JSON.stringify(perOperation)}`);
  assert.ok(seen.query > 300 && seen.repeatedQuery > 10 && seen.emptyTagKeys > 0 && seen.noBody > 1000 && seen.shuffledQueries > 40, `covered: ${JSON.stringify(seen)}`);
  assert.ok(seen.unions > 400 && seen.sessionTokens > 1000, `covered: ${JSON.stringify(seen)}`);
  console.log(`# ${result.cases} cases, ${OPERATIONS.length} operations (${range(perOperation)} each), botocore ${result.botocore} in ${Math.round(result.oracleMs)} ms; covered ${JSON.stringify(seen)}`);
});

test(`every Clean Rooms operation: ${ANSWERS_PER_OPERATION} answer bodies each are read by CleanRoomsClient as botocore's restJson1 parser reads them`, async () => {
  const result = await answerParity({ service: 'cleanrooms', newClient: (config) => new cleanrooms.CleanRoomsClient(config), perOperation: ANSWERS_PER_OPERATION, seed: 20261209 });
  const { perOperation, seen, unions } = result;
  failOnMismatches(result);
  assert.deepEqual(Object.keys(perOperation), OPERATIONS);
  assert.deepEqual(Object.entries(perOperation).filter(([, n]) => n < ANSWERS_PER_OPERATION), [], `${ANSWERS_PER_OPERATION} answers for every operation: ${JSON.stringify(perOperation)}`);
  assert.deepEqual([...unions.known].sort(), result.allUnionMembers, 'every union answered with each of its members at least once');
  assert.deepEqual([...unions.unknown].sort(), result.allUnions, 'every union answered with an unknown member at least once');
  assert.ok(seen.dates > 200 && seen.epochDates > 200 && seen.fractionalDates > 20 && seen.unions > 100 && seen.unknownUnions > 20 && seen.longs > 10 && seen.doubles > 10
    && seen.booleans > 5 && seen.maps > 20 && seen.lists > 200 && seen.emptyOutputs > 50 && seen.noBody > 10 && seen.requestIds > 400, `covered: ${JSON.stringify(seen)}`);
  console.log(`# ${result.cases} answers, ${OPERATIONS.length} operations (${range(perOperation)} each), botocore ${result.botocore} in ${Math.round(result.oracleMs)} ms; covered ${JSON.stringify(seen)}`);
});
