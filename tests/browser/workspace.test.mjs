// The member's workspace in headless Chromium, against `make demo`'s world, by labels and
// roles: the membership picker (a mistyped or unknown membership refused), the membership's
// home, and the custom-model workflow from an algorithm to an inference job ACTIVE, each step
// offered from the resource before it and prefilled, with a screenshot of each step
// (tests/artifacts/workspace/); then the workflow again by keyboard only; a resource made to
// fail shows its message; a Delete… asks first and shows its outcome beside it; axe-core finds
// no violation in the new views at 1280 and 400 px. The endpoint's statuses move only when a
// test advances its clock (a pace of an hour), so that "not ACTIVE yet" is seen for certain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../scripts/demo.mjs';
import { DEMO_MEMBERSHIP, COLLABORATION, UNKNOWN_MEMBERSHIP, PARTNER_ACCOUNT, CALLER_ACCOUNT, FAIL_TAG } from '../../scripts/local-endpoint.mjs';
import { launchChromium } from './chromium.mjs';
import { assertAccessible } from './accessibility.mjs';

const PACE_MS = 3_600_000;
const artifacts = fileURLToPath(new URL('../artifacts/workspace/', import.meta.url));
let demo, browser, page;
const problems = [];
let shot = 0;

before(async () => {
  await rm(artifacts, { recursive: true, force: true }); // this run's screenshots only
  await mkdir(artifacts, { recursive: true });
  demo = await startDemo({ pagePort: 0, endpointPort: 0, log: () => {}, endpointOptions: { paceMs: PACE_MS } });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The refusals the tests ask for (an unknown membership, a conflict) are logged by the browser itself.
  page.on('console', (m) => m.type() === 'error' && !/status of (403|404|409)/.test(m.text()) && problems.push(m.text()));
  await page.goto(demo.pageUrl);
  await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15000 });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

/** Moves the endpoint's statuses on by `paces` paces. */
const advance = (paces = 1) => demo.advance(paces * PACE_MS);

async function screenshot(name) {
  await page.screenshot({ path: join(artifacts, `${String(++shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}


const home = () => page.locator('#view-home');
const operation = () => page.locator('#view-operation');
const section = (title) => home().getByRole('region', { name: new RegExp(`^${title}`) });
const row = (title, name) => section(title).getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

async function homeSettled() {
  await page.waitForFunction(() => /^Last refreshed/.test(document.getElementById('home-refresh').textContent), null, { timeout: 15000 });
}

/** Sends the operation view's form and waits for the answer. */
async function sendOperation() {
  await operation().getByRole('button', { name: 'Send' }).click();
  await page.locator('#op-answer').getByText(/: answered\.$|Exception/).first().waitFor({ timeout: 15000 });
  const answer = await page.locator('#op-answer').innerText();
  assert.match(answer, /: answered\./, answer);
}

async function backHome() {
  await operation().getByRole('link', { name: 'Back to the membership\'s home' }).click();
  await homeSettled();
}

test('make demo opens on the membership picker, from ListMemberships', async () => {
  assert.equal(await page.locator('#view-memberships').isVisible(), true);
  await page.waitForFunction(() => /memberships?\./.test(document.getElementById('memberships-status').textContent));
  const picker = page.getByRole('table', { name: 'Your memberships' });
  assert.deepEqual(await picker.getByRole('columnheader').allInnerTexts(), ['Collaboration', 'Status', 'You are', 'Abilities', 'Membership ID']);
  const demoRow = picker.getByRole('row').filter({ has: page.getByRole('link', { name: 'Demo collaboration' }) });
  assert.match(await demoRow.innerText(), /ACTIVE\s+Demo company\s+CAN_QUERY, CAN_RECEIVE_RESULTS, CAN_RECEIVE_MODEL_OUTPUT, CAN_RECEIVE_INFERENCE_OUTPUT/);
  assert.equal(await picker.getByRole('link', { name: 'Retail insights' }).count(), 1);
  // Connected: the connection panel is one line, and unfolds on demand.
  assert.match(await page.locator('#connection-line').innerText(), /^Connected: us-east-1 at http:\/\/127\.0\.0\.1:\d+, cognito identity pool\.$/);
  assert.equal(await page.getByLabel('Region').isVisible(), false);
  await page.getByRole('button', { name: 'Change connection' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'region');
  await page.getByRole('button', { name: 'Fold the connection' }).click();
  assert.equal(await page.getByLabel('Region').isVisible(), false);
  await screenshot('membership-picker');
  await page.setViewportSize({ width: 400, height: 900 });
  await screenshot('membership-picker-400px');
  await page.setViewportSize({ width: 1280, height: 900 });
  await assertAccessible(page, 'the membership picker');
});

test('a mistyped or unknown membership is refused, never used', async () => {
  const byId = page.getByLabel('Or open a membership by ID');
  const typo = DEMO_MEMBERSHIP.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  await byId.fill(typo);
  await page.getByRole('button', { name: 'Open' }).click();
  assert.equal(await page.locator('#membership-id-issues').innerText(), `${typo} is not one of your memberships: check it, or choose one above.`);
  assert.equal(await byId.getAttribute('aria-invalid'), 'true');
  assert.doesNotMatch(page.url(), /#home/);
  await byId.fill('1f2e3d4c');
  await page.getByRole('button', { name: 'Open' }).click();
  assert.match(await page.locator('#membership-id-issues').innerText(), /^Not a membership ID: /);
  // Typed in the URL: Clean Rooms is asked, and its refusal shown; nothing is remembered.
  await page.goto(`${demo.pageUrl}#home/${UNKNOWN_MEMBERSHIP}`);
  await page.getByRole('heading', { name: 'Membership not opened' }).waitFor();
  assert.match(await home().innerText(), new RegExp(`The membership "${UNKNOWN_MEMBERSHIP}" cannot be used: Clean Rooms answered \\w+Exception`));
  assert.equal(await page.evaluate(() => localStorage.getItem('cleanroomsml-wasm.membership')), null);
  assert.equal(await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Home' }).isVisible(), false);
  await screenshot('unknown-membership-refused');
  await assertAccessible(page, 'a refused membership');
  await page.getByRole('link', { name: 'Choose one of your memberships' }).click();
  await page.getByRole('heading', { name: 'Your memberships' }).waitFor();
});

test('the workflow, by mouse: picker → home → algorithm → association → input channel → trained model → inference job ACTIVE', async () => {
  await page.getByRole('link', { name: 'Demo collaboration' }).click();
  await homeSettled();
  assert.match(page.url(), new RegExp(`#home/${DEMO_MEMBERSHIP}$`));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'home-title', 'focus moves to the view');
  assert.equal(await page.getByRole('heading', { level: 2 }).filter({ visible: true }).innerText(), 'Demo collaboration: your workspace');
  assert.equal(await page.evaluate(() => localStorage.getItem('cleanroomsml-wasm.membership')), DEMO_MEMBERSHIP);
  assert.match(await home().innerText(), /Every resource is settled: not refreshing\./);
  await screenshot('home');
  await assertAccessible(page, 'the home');
  await page.setViewportSize({ width: 400, height: 900 });
  await screenshot('home-400px');
  await page.setViewportSize({ width: 1280, height: 900 });

  // 1. Configure an algorithm: only its name, role and image are typed.
  await section('Configured model algorithms').getByRole('link', { name: 'Configure an algorithm' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'operation-title');
  await operation().getByLabel(/^Name/).fill('wf-algorithm');
  await operation().getByLabel(/^Role ARN/).fill(`arn:aws:iam::${CALLER_ACCOUNT}:role/wf-role`);
  await operation().getByRole('checkbox', { name: 'Training container config' }).check();
  await operation().getByRole('group', { name: 'Training container config' }).getByLabel(/^Image URI/).fill(`${CALLER_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/wf:1`);
  await screenshot('configure-algorithm');
  await sendOperation();
  await backHome();

  // 2. Associate it: membership and algorithm prefilled; a partner chosen by name for the container logs.
  await row('Configured model algorithms', 'wf-algorithm').getByRole('link', { name: 'Associate: wf-algorithm' }).click();
  assert.equal(await operation().getByLabel(/^Membership identifier/).inputValue(), DEMO_MEMBERSHIP);
  assert.match(await operation().getByLabel(/^Configured model algorithm ARN \(/).inputValue(), /configured-model-algorithm\//);
  assert.equal(await operation().getByLabel('Choose Configured model algorithm ARN by name').locator('option:checked').innerText(), 'wf-algorithm (configured model algorithm)');
  assert.equal(await operation().getByLabel(/^Allowed account IDs 1 \(/).inputValue(), CALLER_ACCOUNT);
  await operation().getByRole('button', { name: 'Add to Allowed account IDs' }).click();
  await operation().getByLabel('Choose Allowed account IDs 2 by name').selectOption({ label: 'Partner (member account)' });
  assert.equal(await operation().getByLabel(/^Allowed account IDs 2 \(/).inputValue(), PARTNER_ACCOUNT);
  await operation().getByLabel(/^Name/).fill('wf-association');
  await screenshot('associate');
  await sendOperation();
  await backHome();

  // 3. An ML input channel from the association: the analysis template chosen by name.
  await row('Algorithm associations', 'wf-association').getByRole('link', { name: 'Create ML input channel: wf-association' }).click();
  assert.match(await operation().getByLabel(/^Configured model algorithm associations 1 \(/).inputValue(), /configured-model-algorithm-association\//);
  await operation().getByLabel(/^Name/).fill('wf-channel');
  await operation().getByLabel(/^Role ARN/).fill(`arn:aws:iam::${CALLER_ACCOUNT}:role/wf-role`);
  await operation().getByLabel('Choose Analysis template ARN by name').selectOption({ label: 'segment-counts (analysis template)' });
  assert.match(await operation().getByLabel(/^Analysis template ARN \(/).inputValue(), /analysistemplate\//);
  await screenshot('create-input-channel');
  await sendOperation();
  await backHome();

  // Training waits for the channel: shown disabled with its reason, until the status moves.
  const train = row('ML input channels', 'wf-channel').getByRole('button', { name: 'Train a model: wf-channel' });
  assert.equal(await train.isDisabled(), true);
  assert.match(await row('ML input channels', 'wf-channel').innerText(), /CREATE_PENDING[^]*Cannot run: The ML input channel is not ACTIVE yet \(CREATE_PENDING\)\./);
  assert.match(await home().innerText(), /1 in progress: refreshing again in \d+ s\./);
  await screenshot('channel-pending');
  await advance(2);
  // The home refreshes by itself.
  await row('ML input channels', 'wf-channel').getByRole('link', { name: 'Train a model: wf-channel' }).click({ timeout: 15000 });

  // 4. Train: association and channel prefilled.
  assert.match(await operation().getByLabel(/^ML input channel ARN \(/).inputValue(), /ml-input-channel\//);
  assert.match(await operation().getByLabel(/^Configured model algorithm association ARN \(/).inputValue(), /configured-model-algorithm-association\//);
  await operation().getByLabel(/^Name/).fill('wf-model');
  await screenshot('train');
  await sendOperation();
  await backHome();
  assert.equal(await row('Trained models', 'wf-model').getByRole('button', { name: 'Run inference: wf-model' }).isDisabled(), true);
  assert.equal(await row('Trained models', 'wf-model').getByRole('button', { name: 'Export: wf-model' }).isDisabled(), true);
  // Its export jobs, read in the collaboration: the link carries the collaboration's ID.
  await row('Trained models', 'wf-model').getByRole('link', { name: 'Export jobs: wf-model' }).click();
  assert.match(page.url(), new RegExp(`#op/ListCollaborationTrainedModelExportJobs\\?collaborationIdentifier=${COLLABORATION}&trainedModelArn=`));
  await page.locator('#op-answer').getByText('ListCollaborationTrainedModelExportJobs: answered.').waitFor({ timeout: 15000 });
  await backHome();
  await advance(2);
  await row('Trained models', 'wf-model').getByRole('link', { name: 'Export: wf-model' }).waitFor({ timeout: 15000 });
  await row('Trained models', 'wf-model').getByRole('link', { name: 'Run inference: wf-model' }).click({ timeout: 15000 });

  // 5. Inference: the model and the receivers prefilled; the data's channel chosen by name.
  assert.equal(await operation().getByLabel(/^Account ID \(/).inputValue(), CALLER_ACCOUNT);
  await operation().getByLabel('Choose ML input channel ARN by name').selectOption({ label: 'wf-channel (ML input channel)' });
  await operation().getByLabel(/^Name/).fill('wf-inference');
  await screenshot('run-inference');
  await sendOperation();
  await backHome();
  assert.match(await row('Inference jobs', 'wf-inference').innerText(), /CREATE_PENDING/);
  await advance(2);
  await row('Inference jobs', 'wf-inference').getByText('ACTIVE', { exact: true }).waitFor({ timeout: 15000 });
  await homeSettled();
  await page.waitForFunction(() => /Every resource is settled: not refreshing\./.test(document.getElementById('home-refresh').textContent), null, { timeout: 15000 });
  await screenshot('inference-active');
  await assertAccessible(page, 'the home with the workflow\'s resources');
  // The job's page: its statuses as the home saw them move.
  await row('Inference jobs', 'wf-inference').getByRole('link', { name: 'wf-inference', exact: true }).click();
  const timeline = operation().getByRole('region', { name: 'Statuses seen' });
  await timeline.waitFor();
  assert.deepEqual(await timeline.locator('li .status').allInnerTexts(), ['CREATE_PENDING', 'ACTIVE']);
  await screenshot('inference-job-timeline');
  await assertAccessible(page, 'a resource\'s page with its timeline');
  await backHome();
  assert.deepEqual(problems, []);
});

test('a Delete… asks first, naming the resource, and shows its outcome (a failure included) beside it', async () => {
  await row('Algorithm associations', 'wf-association').getByRole('link', { name: 'wf-association', exact: true }).click();
  await page.locator('#op-answer').getByText('answered').first().waitFor();
  await operation().getByRole('navigation', { name: 'This resource' }).getByRole('link', { name: 'DeleteConfiguredModelAlgorithmAssociation' }).click();
  await operation().getByRole('button', { name: 'Send' }).click();
  const dialog = page.getByRole('dialog', { name: 'DeleteConfiguredModelAlgorithmAssociation?' });
  assert.match(await dialog.innerText(), /will act on the configured model algorithm association "wf-association"\. This cannot be undone\./);
  await screenshot('confirm-delete');
  await assertAccessible(page, 'the confirmation');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#op-outcome').getByText('Not sent.', { exact: true }).waitFor();
  // The channel and the model still name it: the service refuses, and the refusal is shown beside the button.
  await operation().getByRole('button', { name: 'Send' }).click();
  await dialog.getByRole('button', { name: 'Yes, send it' }).click();
  await page.locator('#op-outcome').getByText(/^Failed: /).waitFor({ timeout: 15000 });
  assert.match(await page.locator('#op-outcome').innerText(), /^Failed: DeleteConfiguredModelAlgorithmAssociation for the configured model algorithm association "wf-association": ConflictException: /);
  await screenshot('delete-refused');
});

test('an ARN of the wrong kind is named as such, not only as a pattern', async () => {
  await page.goto(`${demo.pageUrl}#home/${DEMO_MEMBERSHIP}`);
  await homeSettled();
  const channelArn = await row('ML input channels', 'wf-channel').locator('code').getAttribute('title');
  await row('ML input channels', 'wf-channel').getByRole('link', { name: 'Train a model: wf-channel' }).click();
  const association = operation().getByLabel(/^Configured model algorithm association ARN \(/);
  await association.fill(channelArn);
  const issues = await page.locator('[data-path="configuredModelAlgorithmAssociationArn"] .issues').innerText();
  assert.match(issues, /^✖?\s*This is an ML input channel ARN \("wf-channel"\); a configured model algorithm association ARN is expected\. \(It must match the pattern/);
  assert.equal(await operation().getByRole('button', { name: 'Send' }).isDisabled(), true);
});

test('a resource made to fail shows its status message on the home', async () => {
  await page.goto(`${demo.pageUrl}#home/${DEMO_MEMBERSHIP}`);
  await homeSettled();
  await row('Algorithm associations', 'wf-association').getByRole('link', { name: 'Create ML input channel: wf-association' }).click();
  await operation().getByLabel(/^Name/).fill('doomed-channel');
  await operation().getByLabel(/^Role ARN/).fill(`arn:aws:iam::${CALLER_ACCOUNT}:role/wf-role`);
  await operation().getByLabel(/^Query string/).fill('SELECT 1');
  await operation().getByRole('button', { name: 'Add a row to Tags' }).click();
  await operation().getByLabel('Tags key 1').fill(FAIL_TAG);
  await operation().getByLabel('Tags value 1').fill('The query found no rows.');
  await sendOperation();
  await backHome();
  await advance(2);
  await row('ML input channels', 'doomed-channel').getByText('CREATE_FAILED', { exact: true }).waitFor({ timeout: 15000 });
  assert.match(await row('ML input channels', 'doomed-channel').innerText(), /CREATE_FAILED\s+The query found no rows\./);
  assert.equal(await row('ML input channels', 'doomed-channel').getByRole('button', { name: 'Train a model: doomed-channel' }).isDisabled(), true);
  assert.match(await row('ML input channels', 'doomed-channel').innerText(), /Cannot run: The ML input channel failed \(CREATE_FAILED\)\./);
  await screenshot('failed-channel');
  // Its page: the nested answer stays readable (the query string is not squeezed into a narrow column).
  await row('ML input channels', 'doomed-channel').getByRole('link', { name: 'doomed-channel', exact: true }).click();
  const query = operation().locator('#op-answer dt', { hasText: /^Query string$/ }).locator('xpath=following-sibling::dd[1]');
  await query.waitFor({ timeout: 15000 });
  await screenshot('failed-channel-page');
  for (const width of [1280, 400]) {
    await page.setViewportSize({ width, height: 900 });
    const box = await query.boundingBox();
    assert.ok(box.width >= 100 && box.height < 40, `the query string at ${width} px: ${box.width}×${box.height} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.match(await operation().locator('#op-answer').innerText(), /Status details[^]*Message\s+The query found no rows\./);
  assert.deepEqual(problems, []);
});

/** The accessible name of the focused element, as the tests name controls: its aria-label, its label's text, or its text. */
const focusedName = () => page.evaluate(() => {
  const el = document.activeElement;
  return (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent).trim();
});

/** Presses Tab until the focused element's name matches `name` (a string: exactly; a RegExp). */
async function tabTo(name) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName();
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`no control named ${name} within reach of Tab`);
}

/** Waits (watching, not acting) until the home shows a control of `role` named `name`. */
const homeShows = (role, name) => home().getByRole(role, { name, exact: true }).waitFor({ timeout: 15000 });

async function answered() {
  await page.locator('#op-answer').getByText(/: answered\.$|Exception/).first().waitFor({ timeout: 15000 });
  assert.match(await page.locator('#op-answer').innerText(), /: answered\./);
}

test('the workflow by keyboard only: from the picker to an inference job ACTIVE', async () => {
  await page.goto(demo.pageUrl);
  await page.waitForFunction(() => /memberships?\./.test(document.getElementById('memberships-status').textContent));
  await tabTo('Demo collaboration');
  await page.keyboard.press('Enter');
  await homeSettled();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'home-title');

  await tabTo('Associate: lookalike-algorithm');
  await page.keyboard.press('Enter');
  await tabTo(/^Name \(/);
  await page.keyboard.type('kb-association');
  await page.keyboard.press('Enter'); // submits the form
  await answered();
  await tabTo('Back to the membership\'s home');
  await page.keyboard.press('Enter');
  await homeSettled();

  await tabTo('Create ML input channel: kb-association');
  await page.keyboard.press('Enter');
  await tabTo(/^Name \(/);
  await page.keyboard.type('kb-channel');
  await tabTo('Choose Analysis template ARN by name');
  await page.keyboard.type('s'); // the select's own type-ahead: segment-counts
  assert.match(await operation().getByLabel(/^Analysis template ARN \(/).inputValue(), /analysistemplate\//);
  await tabTo(/^Role ARN \(/);
  await page.keyboard.type(`arn:aws:iam::${CALLER_ACCOUNT}:role/kb-role`);
  await tabTo('Send');
  await page.keyboard.press('Enter');
  await answered();
  await tabTo('Back to the membership\'s home');
  await page.keyboard.press('Enter');
  await homeSettled();

  await advance(2);
  await homeShows('link', 'Train a model: kb-channel');
  await tabTo('Train a model: kb-channel');
  await page.keyboard.press('Enter');
  await tabTo(/^Name \(/);
  await page.keyboard.type('kb-model');
  await page.keyboard.press('Enter');
  await answered();
  await tabTo('Back to the membership\'s home');
  await page.keyboard.press('Enter');
  await homeSettled();

  await advance(2);
  await homeShows('link', 'Run inference: kb-model');
  await tabTo('Run inference: kb-model');
  await page.keyboard.press('Enter');
  await tabTo('Choose ML input channel ARN by name');
  await page.keyboard.type('kb'); // type-ahead: kb-channel
  assert.equal(await operation().getByLabel('Choose ML input channel ARN by name').locator('option:checked').innerText(), 'kb-channel (ML input channel)');
  await tabTo(/^Name \(/);
  await page.keyboard.type('kb-inference');
  await page.keyboard.press('Enter');
  await answered();
  await tabTo('Back to the membership\'s home');
  await page.keyboard.press('Enter');
  await homeSettled();
  await advance(2);
  await row('Inference jobs', 'kb-inference').getByText('ACTIVE', { exact: true }).waitFor({ timeout: 15000 });
  await screenshot('keyboard-inference-active');
  assert.deepEqual(problems, []);
});

test('a wrong connection unfolds the panel and says why; "Reset to the demo" brings the demo back', async () => {
  await page.getByRole('button', { name: 'Change connection' }).click();
  await page.getByLabel(/^Endpoint/).fill('http://127.0.0.1:9');
  await page.getByLabel(/^Endpoint/).press('Tab'); // committed: the provider is made again
  await page.reload();
  await page.locator('#status[data-state="ready"], #status[data-state="failed"]').waitFor({ timeout: 30000 });
  await page.locator('#connection-line').getByText(/^Not connected: /).waitFor({ timeout: 30000 });
  assert.equal(await page.getByLabel('Region').isVisible(), true);
  assert.equal(await page.getByRole('heading', { name: 'Demo collaboration: your workspace' }).count(), 0);
  await page.getByRole('button', { name: 'Reset to the demo' }).click();
  // The view shown (the home) loads again, through the demo's connection.
  await page.getByRole('heading', { name: 'Demo collaboration: your workspace' }).waitFor({ timeout: 15000 });
  assert.match(await page.locator('#connection-line').innerText(), /^Connected: us-east-1 at http:\/\/127\.0\.0\.1:\d+, cognito identity pool\.$/);
  assert.match(await page.getByLabel(/^Endpoint/).inputValue(), /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(await page.getByLabel(/^Endpoint/).inputValue(), 'http://127.0.0.1:9');
  // The browser logged the refused port (9 is one it never connects to), and nothing else.
  assert.ok(problems.length > 0 && problems.every((p) => /ERR_UNSAFE_PORT/.test(p)), problems.join(' / '));
  problems.length = 0;
});

test('an audience generation job\'s quality: an SVG chart drawn by the page, its numbers in a table beside it', async () => {
  await page.goto(`${demo.pageUrl}#home/${DEMO_MEMBERSHIP}`);
  await homeSettled();
  // The audience model chain, made through the page's own module (the console's forms are tested above).
  await page.evaluate(async ({ role }) => {
    const { CleanRoomsMlClient } = await import('/pkg/cleanroomsml_wasm.js');
    const endpoint = document.getElementById('endpoint').value;
    const credentials = { accessKeyId: 'AKIADEMOCLEANROOMSML', secretAccessKey: 'demo/secret/key/for/the/local/endpoint/only' };
    const client = new CleanRoomsMlClient({ region: 'us-east-1', endpoint, credentials });
    const { trainingDatasetArn } = await client.send('CreateTrainingDataset', { name: 'chart-data', roleArn: role, trainingData: [{ type: 'INTERACTIONS', inputConfig: { schema: [{ columnName: 'user_id', columnTypes: ['USER_ID'] }], dataSource: { glueDataSource: { tableName: 'events', databaseName: 'demo' } } } }] });
    const { audienceModelArn } = await client.send('CreateAudienceModel', { name: 'chart-model', trainingDatasetArn });
    const { configuredAudienceModelArn } = await client.send('CreateConfiguredAudienceModel', {
      name: 'chart-configured', audienceModelArn, sharedAudienceMetrics: ['ALL'],
      outputConfig: { destination: { s3Destination: { s3Uri: 's3://demo-bucket/audiences/' } }, roleArn: role },
      audienceSizeConfig: { audienceSizeType: 'ABSOLUTE', audienceSizeBins: [5000, 20000, 100000] },
    });
    await client.send('StartAudienceGenerationJob', { name: 'chart-job', configuredAudienceModelArn, seedAudience: { roleArn: role, dataSource: { s3Uri: 's3://demo-bucket/seed.csv' } } });
  }, { role: `arn:aws:iam::${CALLER_ACCOUNT}:role/audience` });
  await advance(2);
  await page.reload();
  await homeSettled();
  await row('Audience generation jobs', 'chart-job').getByRole('link', { name: 'chart-job', exact: true }).click();
  const quality = operation().getByRole('region', { name: 'Audience quality' });
  await quality.waitFor({ timeout: 15000 });
  const rows = await quality.getByRole('table', { name: 'Relevance by audience size' }).getByRole('row').allInnerTexts();
  assert.equal(rows.length, 4);
  const sizes = rows.slice(1).map((r) => r.split('\t')[0]);
  const scores = rows.slice(1).map((r) => Number(r.split('\t')[1]));
  assert.deepEqual(sizes, ['5,000', '20,000', '100,000'], 'the configured audience model\'s sizes');
  assert.ok(scores.every((s, i) => s > 0 && s <= 10 && (i === 0 || s < scores[i - 1])), `scores fall as the audience grows: ${scores}`);
  assert.match(await quality.innerText(), /Recall: 0\.\d+/);
  const drawing = quality.getByRole('img');
  assert.equal(await drawing.getAttribute('aria-label'), `Relevance score by audience size: 5,000: ${scores[0]}; 20,000: ${scores[1]}; 100,000: ${scores[2]}.`);
  const bars = await drawing.locator('rect.bar').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
  assert.equal(bars.length, 3);
  assert.ok(bars[0] > bars[1] && bars[1] > bars[2], `the bars follow the scores: ${bars}`);
  await screenshot('audience-quality-chart');
  await assertAccessible(page, 'the audience generation job with its chart');
  assert.deepEqual(problems, []);
});

test('opened on a form, the page still knows the membership chosen before: it is prefilled', async () => {
  await page.goto(`${demo.pageUrl}#op/CreateMLInputChannel`);
  await page.reload();
  await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15000 });
  assert.equal(await operation().getByLabel(/^Membership identifier/).inputValue(), DEMO_MEMBERSHIP);
  assert.equal(await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Home' }).getAttribute('href'), `#home/${DEMO_MEMBERSHIP}`);
  assert.deepEqual(problems, []);
});
