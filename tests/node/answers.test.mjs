// Answers read as botocore reads them: for every operation of the model, bodies its answer
// may have (generate.mjs's modelOutput: every member the model gives, timestamps in ISO 8601
// with 0 to 9 fractional digits and as epoch seconds, longs, doubles, booleans, unions,
// nested lists and maps; `{}` and no body for the operations without output) are given to
// the client through a stub `fetch`, and to botocore's own restJson1 parser
// (botocore_answers.py) with the operation's output shape; the two readings are compared
// value by value (botocore-parity.mjs's answerParity, which Clean Rooms' entry shares, says
// how). Every mismatch is listed (the first few in full) before the test fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import wasm from './wasm.mjs';
import { MODEL_OPERATIONS } from './generate.mjs';
import { answerParity, failOnMismatches } from './botocore-parity.mjs';

const PER_OPERATION = 7;

test(`every operation of the model: ${PER_OPERATION} answer bodies each are read by the client as botocore's restJson1 parser reads them`, async () => {
  assert.equal(MODEL_OPERATIONS.length, 59, 'the model has 59 operations');
  const result = await answerParity({ service: 'cleanroomsml', newClient: (config) => new wasm.CleanRoomsMlClient(config), perOperation: PER_OPERATION, seed: 20261204 });
  const { perOperation, seen, unions } = result;
  failOnMismatches(result);
  const thin = Object.entries(perOperation).filter(([, n]) => n < 5);
  assert.deepEqual(thin, [], `at least 5 answers for every operation: ${JSON.stringify(perOperation)}`);
  assert.equal(Object.keys(perOperation).length, 59);
  assert.deepEqual([...unions.known].sort(), result.allUnionMembers, 'every union answered with each of its members at least once');
  assert.deepEqual([...unions.unknown].sort(), result.allUnions, 'every union answered with an unknown member at least once');
  assert.ok(seen.dates > 200 && seen.fractionalDates > 100 && seen.epochDates > 20 && seen.unions > 20 && seen.unknownUnions > 5 && seen.longs > 5 && seen.doubles > 50
    && seen.booleans > 5 && seen.maps > 20 && seen.lists > 50 && seen.emptyOutputs > 40 && seen.noBody > 10 && seen.requestIds > 200, `covered: ${JSON.stringify(seen)}`);
  console.log(`# ${result.cases} answers, ${Object.keys(perOperation).length} operations (${Math.min(...Object.values(perOperation))} each), botocore ${result.botocore} in ${Math.round(result.oracleMs)} ms; covered ${JSON.stringify(seen)}`);
});
