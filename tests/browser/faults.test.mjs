// The page when a send's first attempt is applied but its answer lost, in headless Chromium:
// the page's endpoint is a fault proxy (tests/client/fault-proxy.mjs) in front of the local
// endpoint that resets the connection halfway through the create's answer (after its status
// and headers: a connection lost before any byte of an answer is retried by Chromium's network
// stack itself, unseen by the client); the client retries, meets ConflictException, and the page shows that the earlier attempt may have created the
// association, as a note beside the error, in the create form and in the operations view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from '../../scripts/demo.mjs';
import { SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import { startFaultProxy } from '../client/fault-proxy.mjs';
import { launchChromium } from './chromium.mjs';

let demo, proxy, browser, page;
const problems = [];
const NOTE = 'An earlier attempt of this send got no answer and may have succeeded: what it created or started may already exist. Check before sending again.';

before(async () => {
  demo = await startDemo({ pagePort: 0, endpointPort: 0, log: () => {} });
  proxy = await startFaultProxy(demo.endpointUrl);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The lost connection and the 409 are logged by the browser itself.
  page.on('console', (m) => m.type() === 'error' && !/status of 409|ERR_EMPTY_RESPONSE|Failed to load resource/.test(m.text()) && problems.push(m.text()));
  await page.goto(`${demo.pageUrl}#list`);
  await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15000 });
  await page.getByLabel(/^Endpoint/).fill(proxy.url);
});
after(async () => {
  await browser?.close();
  await proxy?.close();
  await demo?.close();
});

test('a create whose answer was lost: the conflict its retry meets is shown with the note', async () => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'New association' }).click();
  const form = page.locator('#view-new');
  await form.getByLabel('Algorithm', { exact: false }).first().selectOption({ label: SEEDED_ALGORITHMS[0].name });
  await form.getByLabel(/^Name/).fill('answer-lost');
  proxy.plan(['resetDuring']);
  const from = proxy.exchanges.length;
  await form.getByRole('button', { name: 'Sign and send' }).click();
  const result = page.locator('#result');
  await result.locator('text=ConflictException').first().waitFor({ timeout: 15000 });
  assert.deepEqual(proxy.exchanges.slice(from).filter((e) => e.method === 'POST').map((e) => e.fault), ['resetDuring', 'pass']);
  const note = result.getByRole('note');
  assert.equal(await note.textContent(), NOTE);
  assert.equal(await note.isVisible(), true);
  assert.match(await result.innerText(), /already exists/);

  // Sent again: every attempt answered, no note.
  await form.getByRole('button', { name: 'Sign and send' }).click();
  await page.waitForFunction(() => /ConflictException/.test(document.getElementById('result').textContent) && !document.querySelector('#result [role=note]'), null, { timeout: 15000 });
});

test('the operations view shows the same note with an error that carries the property, and none without', async () => {
  const shown = await page.evaluate(async () => {
    const { errorView } = await import('./answer.js');
    const conflict = Object.assign(new Error('already exists'), { name: 'ConflictException', $metadata: { httpStatusCode: 409, attempts: 2 } });
    const withNote = errorView(Object.assign(Object.create(conflict), { earlierAttemptMayHaveSucceeded: true }));
    return { note: withNote.querySelector('[role=note]')?.textContent, none: errorView(conflict).querySelector('[role=note]') };
  });
  assert.equal(shown.note, NOTE);
  assert.equal(shown.none, null);
  assert.deepEqual(problems, []);
});
