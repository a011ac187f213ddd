// The page as a small console, end to end in headless Chromium against the local endpoint,
// driven by labels and roles: create → appears in the list → open → delete → gone; "Load
// more" while the service returns a token; back and forward through the views; the
// algorithm choice from ListConfiguredModelAlgorithms; keyboard use with visible focus, a
// label on every control, and a 400 px screen without horizontal scrolling. Screenshots
// of the list and the details go to tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../scripts/demo.mjs';
import { DEMO_CREDENTIALS, DEMO_MEMBERSHIP, EXAMPLE_MEMBERSHIP, SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import wasm from '../node/wasm.mjs';
import { launchChromium } from './chromium.mjs';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
let demo, browser, page;
const problems = [];

before(async () => {
  demo = await startDemo({ pagePort: 0, endpointPort: 0, log: () => {} });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The one 404 the tests ask for (a deleted association) is logged by the browser itself.
  page.on('console', (m) => m.type() === 'error' && !/status of 404/.test(m.text()) && problems.push(m.text()));
  // The page opens on the membership picker (workspace.test.mjs); the associations' list is #list.
  await page.goto(`${demo.pageUrl}#list`);
  await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15000 });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

const list = () => page.locator('#view-list');
const details = () => page.locator('#view-details');
const form = () => page.locator('#view-new');
const rows = () => list().getByRole('row').filter({ has: page.getByRole('cell') });
const listStatus = () => page.locator('#list-status');

async function listSettled() {
  await page.waitForFunction(() => !['', 'Loading…'].includes(document.getElementById('list-status').textContent));
}

test('#list opens on the membership\'s associations', async () => {
  assert.equal(await list().isVisible(), true);
  assert.equal(await form().isVisible(), false);
  await listSettled();
  assert.equal(await list().getByLabel('Membership ID').inputValue(), DEMO_MEMBERSHIP);
  assert.equal(await listStatus().textContent(), 'No associations in this membership yet.');
  assert.deepEqual(await list().getByRole('columnheader').allInnerTexts(), ['Name', 'Algorithm', 'Created', 'ARN']);
});

test('create → appears in the list → open → delete (after a cancelled confirmation) → gone', async () => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'New association' }).click();
  assert.equal(await form().isVisible(), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'new-title', 'focus moves to the view');
  const views = page.getByRole('navigation', { name: 'Views' });
  assert.equal(await views.getByRole('link', { name: 'New association' }).getAttribute('aria-current'), 'page');
  assert.equal(await views.getByRole('link', { name: 'Associations' }).getAttribute('aria-current'), null);
  // The algorithms come from ListConfiguredModelAlgorithms; choosing one fills the ARN.
  const choice = form().getByLabel('Algorithm', { exact: false }).first();
  assert.deepEqual((await choice.locator('option').allInnerTexts()).slice(1), SEEDED_ALGORITHMS.map((a) => a.name));
  await choice.selectOption({ label: 'lookalike-algorithm' });
  const arnField = form().getByLabel('Configured model algorithm ARN');
  assert.equal(await arnField.inputValue(), SEEDED_ALGORITHMS[1].configuredModelAlgorithmArn);
  assert.equal(await form().getByLabel('Membership ID').inputValue(), DEMO_MEMBERSHIP, 'the list\'s membership');
  await form().getByLabel(/^Name/).fill('console-e2e');
  await form().getByRole('button', { name: 'Sign and send' }).click();
  await page.locator('#result:has-text("Created.")').waitFor({ timeout: 15000 });
  const arn = await page.locator('#result dd').first().innerText();

  await page.getByRole('link', { name: 'See the list' }).click();
  await listSettled();
  assert.equal(await rows().count(), 1);
  const row = rows().first();
  assert.deepEqual((await row.getByRole('cell').allInnerTexts()).map((t) => t.trim()).filter((t, i) => i !== 2), ['console-e2e', 'lookalike-algorithm', arn]);
  assert.match(await row.getByRole('cell').nth(2).innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'console-list.png'), fullPage: true });

  await row.getByRole('link', { name: 'console-e2e' }).click();
  await details().getByRole('heading', { name: 'Association console-e2e' }).waitFor();
  const text = await details().innerText();
  assert.ok(text.includes(arn), 'the ARN');
  assert.match(text, /Collaboration\s+[0-9a-f-]{36}/);
  assert.match(text, /Privacy configuration\s+\{\s+"policies"/);
  assert.match(text, /"maxArtifactSize": \{\s+"unit": "GB",\s+"value": 5\s+\}/, 'the example\'s privacy configuration, as sent');
  assert.match(text, /Tags\s+team=data-science/);
  await page.screenshot({ path: join(artifacts, 'console-details.png'), fullPage: true });

  await details().getByRole('button', { name: 'Delete association' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this association?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /"console-e2e" will be deleted/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await details().isVisible(), true, 'cancelled: still there');

  await details().getByRole('button', { name: 'Delete association' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('#list-status:has-text("Deleted console-e2e.")').waitFor({ timeout: 15000 });
  assert.equal(await list().isVisible(), true);
  assert.equal(await rows().count(), 0);
  // Opening the deleted one now answers as the service would.
  await page.goto(`${demo.pageUrl}#association/${DEMO_MEMBERSHIP}/${encodeURIComponent(arn)}`);
  await page.locator('#details-status:has-text("ResourceNotFoundException")').waitFor({ timeout: 15000 });
  assert.equal(await details().getByRole('button', { name: 'Delete association' }).isVisible(), false);
});

test('"Load more" while there is a nextToken; back and forward move between the views', async () => {
  const membership = EXAMPLE_MEMBERSHIP;
  const client = new wasm.CleanRoomsMlClient({ region: 'us-east-1', endpoint: demo.endpointUrl, credentials: DEMO_CREDENTIALS });
  for (let i = 1; i <= 12; i++) {
    await client.createConfiguredModelAlgorithmAssociation({ membershipIdentifier: membership, configuredModelAlgorithmArn: SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn, name: `bulk-${String(i).padStart(2, '0')}` });
  }
  await page.goto(`${demo.pageUrl}#list/${membership}`);
  await listSettled();
  assert.equal(await rows().count(), 10);
  assert.equal(await listStatus().textContent(), '10 associations, more to load.');
  await list().getByRole('button', { name: 'Load more' }).click();
  await page.locator('#list-status:has-text("12 associations.")').waitFor();
  assert.equal(await rows().count(), 12);
  assert.equal(await list().getByRole('button', { name: 'Load more' }).isVisible(), false);
  assert.equal(await rows().last().getByRole('link').innerText(), 'bulk-12');

  await rows().nth(2).getByRole('link').click();
  await details().getByRole('heading', { name: 'Association bulk-03' }).waitFor();
  await page.goBack();
  await list().waitFor({ state: 'visible' });
  assert.equal(await details().isVisible(), false);
  await page.goForward();
  await details().getByRole('heading', { name: 'Association bulk-03' }).waitFor();
  await details().getByRole('link', { name: 'Back to the list' }).click();
  await listSettled();
  assert.equal(page.url().endsWith(`#list/${membership}`), true);
});

test('a membership ID that is not one shows the field error and loads nothing', async () => {
  // A fresh load: a mere hash change could leave the previous test's list (and a page it
  // was still loading) on screen after listSettled() had passed.
  await page.goto('about:blank');
  await page.goto(`${demo.pageUrl}#list`);
  await listSettled();
  const input = list().getByLabel('Membership ID');
  await input.fill('not-a-membership');
  await list().getByRole('button', { name: 'Show associations' }).click();
  await page.locator('#membership-issues li.error').first().waitFor();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await rows().count(), 0);
  await input.fill(DEMO_MEMBERSHIP);
  await page.keyboard.press('Enter');
  await listSettled();
  assert.equal(await page.locator('#membership-issues li').count(), 0);
});

test('keyboard only: Tab to a row\'s link, Enter opens it; focus is visible', async () => {
  const membership = EXAMPLE_MEMBERSHIP;
  await page.goto(`${demo.pageUrl}#list/${membership}`);
  await listSettled();
  await page.locator('#list-title').focus();
  let focused = '';
  for (let i = 0; i < 10 && focused !== 'bulk-01'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.textContent);
  }
  assert.equal(focused, 'bulk-01');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused link shows its focus');
  await page.keyboard.press('Enter');
  await details().getByRole('heading', { name: 'Association bulk-01' }).waitFor();
});

test('every control has a label, and a 400 px screen needs no horizontal scrolling in any view', async () => {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => el.type !== 'hidden' && !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
  await page.setViewportSize({ width: 400, height: 800 });
  const membership = EXAMPLE_MEMBERSHIP;
  for (const hash of [`#list/${membership}`, '#new']) {
    await page.goto(`${demo.pageUrl}${hash}`);
    await page.locator('#status[data-state="ready"]').waitFor();
    if (hash.startsWith('#list')) await listSettled();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 400, `${hash}: ${wide} px wide`);
  }
  await page.goto(`${demo.pageUrl}#list/${membership}`);
  await listSettled();
  await rows().first().getByRole('link').click();
  await details().getByRole('heading', { name: /^Association bulk/ }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 400, 'details');
  await page.screenshot({ path: join(artifacts, 'console-details-400px.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 900 });
});

test('typing an ARN still works beside the choice, and no error reached the console', async () => {
  await page.goto(`${demo.pageUrl}#new`);
  await page.locator('#status[data-state="ready"]').waitFor();
  const arnField = form().getByLabel('Configured model algorithm ARN');
  await arnField.fill('arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/typed-by-hand');
  assert.equal(await form().locator('#algorithm-choice').inputValue(), '', 'no listed algorithm chosen');
  assert.equal(await form().getByRole('button', { name: 'Sign and send' }).isEnabled(), true);
  await arnField.fill(SEEDED_ALGORITHMS[2].configuredModelAlgorithmArn);
  assert.equal(await form().locator('#algorithm-choice').inputValue(), SEEDED_ALGORITHMS[2].configuredModelAlgorithmArn, 'the choice follows a typed ARN it knows');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes(DEMO_CREDENTIALS.secretAccessKey));
  assert.deepEqual(problems, []);
});
