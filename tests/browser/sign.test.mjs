// Signing in a page: the release module in headless Chromium signs exactly as it does in
// Node (where tests/node/parity.test.mjs holds it to botocore and the JS SDK's signer).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './chromium.mjs';
import wasm from '../node/wasm.mjs';
import { rng, validInput } from '../node/generate.mjs';

let session, url, browser;

before(async () => {
  session = await startSession();
  ({ url, browser } = session);
});
after(() => session?.close());

test('createSignedRequest in the page equals Node for 50 generated inputs', async () => {
  const r = rng(7);
  const inputs = Array.from({ length: 50 }, () => validInput(r));
  const config = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token' },
    signingDate: 1_767_225_600_000,
  };
  const page = await browser.newPage();
  await page.goto(url);
  const inPage = await page.evaluate(async ({ inputs, config }) => {
    const mod = await import('/pkg/cleanroomsml_wasm.js');
    await mod.default();
    return inputs.map((input) => mod.createSignedRequest(input, config));
  }, { inputs, config });
  assert.deepEqual(inPage, inputs.map((input) => wasm.createSignedRequest(input, config)));
  assert.match(inPage[0].headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260101\/us-east-1\/cleanrooms-ml\/aws4_request/);
  await page.close();
});
