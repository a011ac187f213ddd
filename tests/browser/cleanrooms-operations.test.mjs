// Clean Rooms' operations in the console's generic view, in headless Chromium against the
// local endpoint (which serves Clean Rooms too), by labels and roles: the operations view
// lists both services' operations and filters across both; Clean Rooms' ListMemberships opened
// from it (`#cleanrooms/ListMemberships`), its CLI line Clean Rooms', sent with the page's
// connection, answered with the demo's memberships; a bad field of a Clean Rooms form disables
// Send; an item of an answer links to its Get… in Clean Rooms; an operation whose name both
// services have keeps each service's form; a Delete… asks first; axe-core finds no violation
// in the view at 1280 and 400 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from '../../scripts/demo.mjs';
import { DEMO_MEMBERSHIP, EXAMPLE_MEMBERSHIP, UNKNOWN_MEMBERSHIP, DEMO_CREDENTIALS } from '../../scripts/local-endpoint.mjs';
import { launchChromium } from './chromium.mjs';
import { assertAccessible } from './accessibility.mjs';

let demo, browser, page;
const problems = [];
const requests = [];

before(async () => {
  demo = await startDemo({ pagePort: 0, endpointPort: 0, log: (line) => requests.push(line) });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`.slice(0, 300)));
  // The endpoint's 4xx answers (a membership that does not exist) are logged by the browser itself.
  page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && problems.push(m.text().slice(0, 300)));
  await page.goto(`${demo.pageUrl}#operations`);
  await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15000 });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

const ops = () => page.locator('#view-operations');
const view = () => page.locator('#view-operation');
const answer = () => page.locator('#op-answer');
const sendButton = () => view().getByRole('button', { name: 'Send', exact: true });
const title = (name) => page.waitForFunction((n) => document.getElementById('operation-title').textContent === n, name);

async function go(hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
}

async function answered() {
  await answer().locator('.answer').waitFor({ timeout: 15000 });
  return answer().innerText();
}


test('the operations view lists both services\' operations; the filter runs across both', async () => {
  const clean = ops().getByRole('region', { name: 'Clean Rooms: 103 operations' });
  const ml = ops().getByRole('region', { name: 'Clean Rooms ML: 59 operations' });
  assert.equal(await clean.getByRole('link', { name: 'ListMemberships', exact: true }).count(), 1);
  assert.equal(await ml.getByRole('link', { name: 'ListTrainingDatasets', exact: true }).count(), 1);
  assert.equal(await clean.getByRole('link', { name: 'ListTrainingDatasets', exact: true }).count(), 0);
  assert.equal(await clean.getByRole('link').count(), 103);
  // Every Clean Rooms operation is in one of its resource groups.
  assert.equal(await clean.getByRole('region').getByRole('link').count(), 103);
  assert.deepEqual(await clean.getByRole('region', { name: 'Memberships and members', exact: true }).getByRole('link').allInnerTexts(),
    ['CreateMembership', 'DeleteMember', 'DeleteMembership', 'GetMembership', 'ListMembers', 'ListMemberships', 'UpdateMembership']);
  const filter = ops().getByLabel('Filter operations');
  await filter.fill('tag-resource');
  assert.deepEqual(await ops().getByRole('link').allInnerTexts(), ['TagResource', 'UntagResource', 'TagResource', 'UntagResource'], 'both services\' tag operations');
  await filter.fill('cleanrooms tag-resource');
  // "cleanrooms" is Clean Rooms' CLI name; Clean Rooms ML's is "cleanroomsml", which contains it.
  assert.equal(await page.locator('#operations-status').textContent(), '4 of 162 operations match.');
  await filter.fill('list-memberships');
  assert.deepEqual(await ops().getByRole('link').allInnerTexts(), ['ListMemberships']);
  assert.equal(await ml.isVisible(), false, 'a service with no match is hidden');
  await filter.fill('');
});

test('Clean Rooms\' ListMemberships from the list: its CLI line, sent on the page\'s connection, the demo\'s memberships in the answer', async () => {
  await ops().getByRole('link', { name: 'ListMemberships', exact: true }).click();
  await title('ListMemberships');
  assert.equal(await page.evaluate(() => location.hash), '#cleanrooms/ListMemberships');
  assert.equal(await page.title(), 'ListMemberships · Clean Rooms');
  assert.equal(await view().locator('#op-cli-command').innerText(), 'aws cleanrooms list-memberships --cli-input-json file://list-memberships.json');
  // The form is built from Clean Rooms' shapes: its status is an enum of Clean Rooms' membership statuses.
  const status = view().getByLabel(/^Status/);
  assert.ok((await status.locator('option').allInnerTexts()).includes('COLLABORATION_DELETED'));
  // The preview is signed by Clean Rooms' entry: its path and signing name.
  await page.waitForFunction(() => /\/memberships/.test(document.getElementById('op-preview').textContent));
  const preview = await page.locator('#op-preview').innerText();
  assert.match(preview, /GET \S*\/memberships/);
  assert.match(preview, /\/us-east-1\/cleanrooms\/aws4_request/);
  const before = requests.length;
  await sendButton().click();
  const text = await answered();
  assert.match(text, /Demo collaboration/);
  assert.match(text, /Retail insights/);
  assert.ok(text.includes(DEMO_MEMBERSHIP) || await answer().locator(`text=${DEMO_MEMBERSHIP.slice(0, 8)}`).count() > 0, text);
  assert.ok(requests.slice(before).some((line) => /GET \/memberships/.test(line)), requests.slice(before).join('\n'));
  await assertAccessible(page, 'ListMemberships');
});

test('a bad membershipIdentifier on Clean Rooms\' GetMembership is shown at its field and disables Send; a good one is answered', async () => {
  await go('#cleanrooms/GetMembership?membershipIdentifier=not-a-membership');
  await title('GetMembership');
  const field = view().getByLabel(/^Membership identifier/);
  assert.equal(await field.inputValue(), 'not-a-membership');
  await view().locator('.issues li.error, [data-path="membershipIdentifier"] .error').first().waitFor();
  assert.match(await view().locator('[data-path="membershipIdentifier"]').innerText(), /must be exactly 36 characters long; is 16/);
  assert.equal(await sendButton().isEnabled(), false);
  assert.equal(await answer().innerText(), 'Nothing sent yet.');
  await field.fill(EXAMPLE_MEMBERSHIP);
  await page.waitForFunction(() => !document.getElementById('op-send').disabled);
  await sendButton().click();
  assert.match(await answered(), /Retail insights/);
  await assertAccessible(page, 'GetMembership with its answer', [400]);
});

test('an ARN in a Clean Rooms answer links to the Get… of the service that reads it', async () => {
  await go(`#cleanrooms/ListAnalysisTemplates?membershipIdentifier=${DEMO_MEMBERSHIP}`);
  await title('ListAnalysisTemplates');
  await sendButton().click();
  assert.match(await answered(), /segment-counts/);
  const link = answer().getByRole('link', { name: 'segment-counts', exact: true });
  assert.match(await link.getAttribute('href'), /^#cleanrooms\/GetCollaborationAnalysisTemplate\?analysisTemplateArn=arn%3Aaws%3Acleanrooms%3A/);
  await link.click();
  await title('GetCollaborationAnalysisTemplate');
  assert.match(await view().getByLabel(/^Analysis template ARN/).inputValue(), /^arn:aws:cleanrooms:[^]*analysistemplate\//);
});

test('a name both services have keeps each service\'s form; Clean Rooms ML\'s #op/ views are unchanged', async () => {
  await go('#cleanrooms/ListTagsForResource');
  await title('ListTagsForResource');
  assert.equal(await view().locator('#op-cli-command').innerText(), 'aws cleanrooms list-tags-for-resource --cli-input-json file://list-tags-for-resource.json');
  const cleanHint = await view().locator('[data-path="resourceArn"]').innerText();
  await go('#op/ListTagsForResource');
  await page.waitForFunction(() => /cleanroomsml list-tags/.test(document.getElementById('op-cli-command').textContent));
  assert.equal(await page.title(), 'ListTagsForResource · Clean Rooms ML');
  const mlHint = await view().locator('[data-path="resourceArn"]').innerText();
  assert.notEqual(cleanHint, mlHint, 'each service\'s ResourceArn shape');
  // An unknown name is said to be unknown to that service.
  await go('#cleanrooms/ListTrainingDatasets');
  await title('Unknown operation');
  assert.equal(await answer().innerText(), 'Clean Rooms has no operation ListTrainingDatasets.');
  // Other views read Clean Rooms ML's model again: the workspace lists the memberships.
  await go('#memberships');
  await page.locator('#view-memberships').waitFor({ state: 'visible' });
  await page.locator('#view-memberships').getByText('Demo collaboration').first().waitFor({ timeout: 15000 });
});

test('a Clean Rooms Delete… asks first; refused, nothing is sent; confirmed, the service\'s answer is beside Send', async () => {
  await go(`#cleanrooms/DeleteMembership?membershipIdentifier=${UNKNOWN_MEMBERSHIP}`);
  await title('DeleteMembership');
  const before = requests.length;
  await sendButton().click();
  const dialog = page.getByRole('dialog', { name: 'DeleteMembership?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#op-outcome', { hasText: 'Not sent.' }).waitFor();
  assert.equal(requests.slice(before).filter((line) => /DELETE/.test(line)).length, 0);
  await sendButton().click();
  await dialog.getByRole('button', { name: 'Yes, send it' }).click();
  await page.waitForFunction(() => /^(Done|Failed)/.test(document.getElementById('op-outcome').textContent));
  assert.match(await page.locator('#op-outcome').innerText(), /^Failed: DeleteMembership for 00000000-0000-4000-8000-000000000000: \w+Exception/);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }) + location.href);
  assert.ok(!stored.includes(DEMO_CREDENTIALS.secretAccessKey), 'no secret in storage or the URL');
  assert.deepEqual(problems, []);
});
