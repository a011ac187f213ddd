// Every operation in the console, end to end in headless Chromium against the local
// endpoint, driven by labels and roles: the operations view and its filter; a training
// dataset created, seen in its list, opened by its ARN link, deleted and gone; an ML input
// channel with a union member chosen; list items and map rows added and removed; a trained
// model, then an inference job started from its page, following ARN links; a resource
// tagged and its tags listed; a wrong value shown at its field before anything is sent;
// and all 59 operations: each form renders, and is sent as it is (no required input) or
// with a generated valid input imported as CLI JSON, and gets its answer. Screenshots of
// the operations view, a form with a union and an answer tree go to tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../scripts/demo.mjs';
import { DEMO_CREDENTIALS, DEMO_MEMBERSHIP, SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import { MODEL_OPERATIONS, modelInput, rng } from '../node/generate.mjs';
import { model } from '../../scripts/service-model.mjs';
import wasm from '../node/wasm.mjs';
import { launchChromium } from './chromium.mjs';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const ROLE = 'arn:aws:iam::123456789012:role/cleanrooms-ml';
let demo, browser, page, association;
const problems = [];
const requests = [];

before(async () => {
  demo = await startDemo({ pagePort: 0, endpointPort: 0, log: (line) => requests.push(line) });
  const client = new wasm.CleanRoomsMlClient({ region: 'us-east-1', endpoint: demo.endpointUrl, credentials: DEMO_CREDENTIALS });
  association = (await client.createConfiguredModelAlgorithmAssociation({
    membershipIdentifier: DEMO_MEMBERSHIP, configuredModelAlgorithmArn: SEEDED_ALGORITHMS[0].configuredModelAlgorithmArn, name: 'operations-e2e',
  })).configuredModelAlgorithmAssociationArn;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`.slice(0, 300)));
  // The endpoint's 4xx answers (resources that do not exist) are logged by the browser itself.
  page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && problems.push(m.text().slice(0, 300)));
  await page.goto(`${demo.pageUrl}#operations`);
  await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15000 });
  await mkdir(artifacts, { recursive: true });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

const view = () => page.locator('#view-operation');
const heading = () => view().getByRole('heading', { level: 2 });
const answer = () => page.locator('#op-answer');
const group = (name, scope = view()) => scope.getByRole('group', { name, exact: true });

/** Opens the form of `operation` through the hash. */
async function open(operation) {
  await page.evaluate((hash) => { location.hash = hash; }, `#op/${operation}`);
  await page.waitForFunction((name) => document.getElementById('operation-title').textContent === name, operation);
}

/** Waits for the answer now on its way (after a Send, or a link to a Get…), and returns its text. */
async function answered() {
  await answer().locator('.answer').waitFor({ timeout: 15000 });
  return answer().innerText();
}

/** Sends the form; a Delete… or Cancel… (and only those) asks first, and is confirmed. */
async function send() {
  const operation = await page.locator('#operation-title').textContent();
  await view().getByRole('button', { name: 'Send', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: `${operation}?` });
  assert.equal(await confirm.isVisible(), /^(Delete|Cancel)/.test(operation), `${operation}: asks first only if it deletes or cancels`);
  if (/^(Delete|Cancel)/.test(operation)) await confirm.getByRole('button', { name: 'Yes, send it' }).click();
  return answered();
}

/** Follows the link of `text` (an ARN or an operation) and waits for that view. */
async function follow(scope, text, operation) {
  await scope.getByRole('link', { name: text, exact: true }).first().click();
  await page.waitForFunction((name) => document.getElementById('operation-title').textContent === name, operation);
}

test('the operations view: the 59 of Clean Rooms ML grouped by resource, then Clean Rooms\', a filter box, links to each form; focus goes to the heading', async () => {
  const ops = page.locator('#view-operations');
  assert.equal(await ops.isVisible(), true);
  assert.deepEqual(await ops.getByRole('heading', { level: 3 }).allInnerTexts(), ['Clean Rooms ML: 59 operations', 'Clean Rooms: 103 operations']);
  const ml = ops.getByRole('region', { name: 'Clean Rooms ML: 59 operations' });
  assert.equal(await ml.getByRole('link').count(), 59);
  assert.equal(await ops.getByRole('link').count(), 59 + 103);
  const groups = await ml.getByRole('heading', { level: 4 }).allInnerTexts();
  assert.deepEqual(groups, ['Training datasets', 'ML input channels', 'Trained models', 'Inference jobs', 'Export jobs', 'Audience models',
    'Configured audience models', 'Configured model algorithms', 'Configured model algorithm associations', 'ML configuration', 'Tags']);
  const inGroup = async (title) => ml.getByRole('region', { name: title, exact: true }).getByRole('link').allInnerTexts();
  assert.deepEqual(await inGroup('Training datasets'), ['CreateTrainingDataset', 'DeleteTrainingDataset', 'GetTrainingDataset', 'ListTrainingDatasets']);
  assert.ok((await inGroup('Audience models')).includes('StartAudienceGenerationJob'), 'audience generation jobs are under audience models');
  assert.deepEqual(await inGroup('Tags'), ['ListTagsForResource', 'TagResource', 'UntagResource']);
  assert.equal(await page.locator('#operations-status').textContent(), '162 operations.');
  await page.screenshot({ path: join(artifacts, 'operations.png'), fullPage: true });

  const filter = ops.getByLabel('Filter operations');
  await filter.fill('inference job');
  assert.deepEqual(await ops.getByRole('link').allInnerTexts(), ['CancelTrainedModelInferenceJob', 'GetTrainedModelInferenceJob',
    'ListCollaborationTrainedModelInferenceJobs', 'ListTrainedModelInferenceJobs', 'StartTrainedModelInferenceJob']);
  assert.equal(await page.locator('#operations-status').textContent(), '5 of 162 operations match.');
  await filter.fill('create-ml-input');
  assert.deepEqual(await ops.getByRole('link').allInnerTexts(), ['CreateMLInputChannel'], 'the CLI command matches too');
  // Keyboard: Tab from the filter to the link, Enter opens the form and focus moves to its heading.
  await filter.focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'CreateMLInputChannel');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'operation-title');
  assert.equal(await heading().innerText(), 'CreateMLInputChannel');
  assert.match(await view().innerText(), /aws cleanroomsml create-ml-input-channel --cli-input-json file:\/\/create-ml-input-channel\.json/);
  assert.equal(await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Operations' }).getAttribute('aria-current'), 'page');
  // Back returns to the operations view, forward to the form.
  await page.goBack();
  await page.locator('#view-operations').waitFor({ state: 'visible' });
  assert.equal(await view().isVisible(), false);
  await page.goForward();
  await view().waitFor({ state: 'visible' });
  assert.equal(await heading().innerText(), 'CreateMLInputChannel');
});

test('a training dataset: create (adding and removing list items) → in its list → open it → delete it → gone', async () => {
  await open('CreateTrainingDataset');
  await view().getByLabel(/^Name/).fill('dataset-e2e');
  await view().getByLabel(/^Role ARN/).fill(ROLE);
  await group('Training data').getByRole('button', { name: 'Add to Training data' }).click();
  const item = group('Training data 1');
  await item.getByLabel(/^Type/).selectOption('INTERACTIONS');
  // Two columns, the first removed: the second stays, renumbered.
  const schema = group('Schema', item);
  for (const [i, name] of [[1, 'dropped'], [2, 'user']]) {
    await schema.getByRole('button', { name: 'Add to Schema' }).click();
    const column = group(`Schema ${i}`, schema);
    await column.getByLabel(/^Column name/).fill(name);
    await column.getByRole('button', { name: 'Add to Column types' }).click();
    await column.getByLabel(/^Column types 1/).selectOption('USER_ID');
  }
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-path]')?.dataset.path), 'trainingData[0].inputConfig.schema[1].columnTypes[0]', 'focus stays where the edit was');
  await schema.getByRole('button', { name: 'Remove Schema 1' }).click();
  assert.equal(await group('Schema 2', schema).count(), 0);
  assert.equal(await group('Schema 1', schema).getByLabel(/^Column name/).inputValue(), 'user');
  const glue = group('Glue data source', item);
  await glue.getByLabel(/^Table name/).fill('interactions');
  await glue.getByLabel(/^Database name/).fill('ml');
  assert.match(await page.locator('#op-preview').innerText(), /^POST http:\/\/127\.0\.0\.1:\d+\/training-dataset\n[^]*"name":"dataset-e2e"/);
  const created = await send();
  assert.match(created, /CreateTrainingDataset: answered\.\s+Status\s+200/);
  const arn = await answer().getByRole('link').first().innerText();
  assert.match(arn, /^arn:aws:cleanrooms-ml:us-east-1:\d{12}:training-dataset\/[-\w/.]+$/);

  await open('ListTrainingDatasets');
  await send();
  const row = answer().getByRole('row').filter({ hasText: 'dataset-e2e' });
  assert.equal(await row.count(), 1);
  // Name and status lead; the ARN is shortened, its whole in the title, with a copy button.
  const headers = await answer().getByRole('columnheader').allInnerTexts();
  assert.deepEqual(headers.slice(0, 2), ['Name', 'Status']);
  assert.ok(headers.includes('Training dataset ARN'));
  assert.equal(await row.locator(`code[title="${arn}"]`).innerText(), `…${arn.slice(-12)}`);
  assert.equal(await row.getByRole('button', { name: 'Copy the Training dataset ARN' }).count(), 1);
  const created_ = row.locator('time').first();
  assert.match(await created_.getAttribute('datetime'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(await created_.getAttribute('title'), await created_.getAttribute('datetime'), 'the ISO value on hover');

  await follow(row, 'dataset-e2e', 'GetTrainingDataset');
  assert.match(await answered(), /Name\s+dataset-e2e/);
  assert.ok(page.url().includes(`#op/GetTrainingDataset?trainingDatasetArn=${encodeURIComponent(arn)}`), 'the input is in the hash');
  assert.equal(await view().getByLabel(/^Training dataset ARN/).inputValue(), arn, 'the form is prefilled');
  await follow(answer().getByRole('navigation', { name: 'This resource' }), 'DeleteTrainingDataset', 'DeleteTrainingDataset');
  assert.equal(await view().getByLabel(/^Training dataset ARN/).inputValue(), arn);
  // A Delete… asks first, naming the resource (by the name its Get… answered), and says its outcome beside Send.
  await view().getByRole('button', { name: 'Send', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'DeleteTrainingDataset?' });
  assert.equal(await confirm.locator('p').innerText(), 'DeleteTrainingDataset will act on the training dataset "dataset-e2e". This cannot be undone.');
  await confirm.getByRole('button', { name: 'Yes, send it' }).click();
  assert.match(await answered(), /Done: this operation answers with no output/);
  await page.locator('#op-outcome').getByText('Done: DeleteTrainingDataset accepted for the training dataset "dataset-e2e".').waitFor();

  await page.goBack(); // the dataset's view again: read once more, now it is gone
  await page.waitForFunction(() => document.getElementById('operation-title').textContent === 'GetTrainingDataset');
  const gone = await answered();
  assert.match(gone, /Error\s+ResourceNotFoundException[^]*Status\s+404[^]*Request ID\s+[0-9a-f-]{36}/);
  await open('ListTrainingDatasets');
  await send();
  assert.equal(await answer().getByRole('row').filter({ hasText: 'dataset-e2e' }).count(), 0);
});

let channel;

test('an ML input channel, choosing its data source (a union member); map rows added and removed', async () => {
  await open('CreateMLInputChannel');
  await view().getByLabel(/^Membership identifier/).fill(DEMO_MEMBERSHIP);
  await view().getByRole('button', { name: 'Add to Configured model algorithm associations' }).click();
  await view().getByLabel(/^Configured model algorithm associations 1/).fill(association);
  assert.equal(await view().getByRole('button', { name: 'Add to Configured model algorithm associations' }).isDisabled(), true, 'at most 1 item');
  const input = group('Input channel');
  assert.equal(await group('SQL parameters', input).count(), 0, 'no member chosen yet');
  await input.getByLabel(/^Data source: one of/).selectOption({ label: 'Protected query input parameters' });
  const sql = group('SQL parameters', input);
  await sql.getByLabel(/^Query string/).fill('SELECT user, item FROM interactions');
  // Map rows: add two parameters, remove the first.
  const parameters = group('Parameters', sql);
  for (const [i, key, value] of [[1, 'drop', 'x'], [2, 'since', '2024-01-01']]) {
    await parameters.getByRole('button', { name: 'Add a row to Parameters' }).click();
    await parameters.getByLabel(`Parameters key ${i}`).fill(key);
    await parameters.getByLabel(`Parameters value ${i}`).fill(value);
  }
  await parameters.getByRole('button', { name: 'Remove Parameters row 1' }).click();
  assert.equal(await parameters.getByLabel('Parameters key 1').inputValue(), 'since');
  assert.equal(await parameters.getByLabel('Parameters value 1').inputValue(), '2024-01-01');
  assert.equal(await parameters.getByLabel('Parameters key 2').count(), 0);
  await input.getByLabel(/^Compute configuration: one of/).selectOption({ label: 'Worker' });
  await group('Worker', input).getByLabel(/^Number/).fill('4');
  await input.getByLabel(/^Role ARN/).fill(ROLE);
  await view().getByLabel(/^Name/).fill('channel-e2e');
  await view().getByLabel(/^Retention in days/).fill('7');
  assert.match(await page.locator('#op-cli').innerText(), /"dataSource": \{\s+"protectedQueryInputParameters": \{\s+"sqlParameters": \{\s+"queryString": "SELECT user, item FROM interactions",\s+"parameters": \{\s+"since": "2024-01-01"\s+\}/);
  await page.screenshot({ path: join(artifacts, 'operation-form-union.png'), fullPage: true });
  await send();
  channel = await answer().getByRole('link').first().innerText();
  assert.match(channel, /:membership\/[0-9a-f-]{36}\/ml-input-channel\//);
});

test('a trained model, then an inference job started from its page, following ARN links', async () => {
  await open('CreateTrainedModel');
  await view().getByLabel(/^Membership identifier/).fill(DEMO_MEMBERSHIP);
  await view().getByLabel(/^Name/).fill('model-e2e');
  const algorithmAssociation = view().getByLabel(/^Configured model algorithm association ARN/);
  await algorithmAssociation.fill(association);
  const resources = group('Resource config');
  await resources.getByLabel(/^Instance type/).selectOption('ml.m5.xlarge');
  await resources.getByLabel(/^Volume size in GB/).fill('10');
  assert.equal(await resources.getByLabel(/^Volume size in GB/).getAttribute('max'), String(model.shapes.ResourceConfigVolumeSizeInGBInteger.max), 'the model\'s range');
  await view().getByRole('button', { name: 'Add to Data channels' }).click();
  const dataChannel = group('Data channels 1');
  const channelArn = dataChannel.getByLabel(/^ML input channel ARN/);
  // The ARN field offers the ML input channel listed in this session.
  const offered = await channelArn.evaluate((el) => [...el.list.options].map((o) => o.value));
  assert.deepEqual(offered, [channel]);
  await channelArn.fill(channel);
  await dataChannel.getByLabel(/^Channel name/).fill('train');
  await view().getByRole('checkbox', { name: 'Stopping condition' }).check();
  await group('Stopping condition').getByLabel(/^Max runtime in seconds/).fill('3600');
  await send();
  const trainedModel = await answer().getByRole('link').first().innerText();
  assert.match(trainedModel, /\/trained-model\//);

  await follow(answer(), trainedModel, 'GetTrainedModel');
  const got = await answered();
  assert.match(got, /Name\s+model-e2e/);
  assert.match(got, /Data channels\s+ML input channel ARN\s+arn:/);
  const createTime = answer().locator('dt:text-is("Create time") + dd time');
  assert.match(await createTime.getAttribute('datetime'), /Z$/);
  await page.screenshot({ path: join(artifacts, 'answer-tree.png'), fullPage: true });
  // The ISO values by keyboard: a checkbox shows them in place of local time, and back.
  const local = await createTime.innerText();
  const iso = answer().getByLabel('Times in ISO 8601 (UTC)');
  await iso.focus();
  await page.keyboard.press('Space');
  assert.equal(await createTime.innerText(), await createTime.getAttribute('datetime'));
  await page.keyboard.press('Space');
  assert.equal(await createTime.innerText(), local);
  // Its ARN links go to the Get of each resource it names.
  assert.equal(await answer().getByRole('link', { name: channel }).getAttribute('href'),
    `#op/GetMLInputChannel?mlInputChannelArn=${encodeURIComponent(channel)}&membershipIdentifier=${DEMO_MEMBERSHIP}`);

  await follow(answer().getByRole('navigation', { name: 'This resource' }), 'StartTrainedModelInferenceJob', 'StartTrainedModelInferenceJob');
  assert.equal(await view().getByLabel(/^Trained model ARN/).inputValue(), trainedModel);
  assert.equal(await view().getByLabel(/^Membership identifier/).inputValue(), DEMO_MEMBERSHIP);
  await view().getByLabel(/^Name/).fill('inference-e2e');
  await group('Resource config').getByLabel(/^Instance type/).selectOption('ml.m5.xlarge');
  const output = group('Output configuration');
  await output.getByRole('button', { name: 'Add to Members' }).click();
  await group('Members 1', output).getByLabel(/^Account ID/).fill('123456789012');
  await group('Data source').getByLabel(/^ML input channel ARN/).fill(channel);
  await send();
  const job = await answer().getByRole('link').first().innerText();
  assert.match(job, /\/trained-model-inference-job\//);
  await follow(answer(), job, 'GetTrainedModelInferenceJob');
  const jobText = await answered();
  assert.match(jobText, /Name\s+inference-e2e/);
  assert.ok(jobText.includes(trainedModel), 'the job names its trained model');
});

test('tag a resource and list its tags', async () => {
  await page.evaluate((hash) => { location.hash = hash; }, `#op/GetMLInputChannel?mlInputChannelArn=${encodeURIComponent(channel)}&membershipIdentifier=${DEMO_MEMBERSHIP}`);
  await page.waitForFunction(() => document.getElementById('operation-title').textContent === 'GetMLInputChannel');
  await answered();
  await follow(answer().getByRole('navigation', { name: 'This resource' }), 'TagResource', 'TagResource');
  assert.equal(await view().getByLabel(/^Resource ARN/).inputValue(), channel);
  const tags = group('Tags');
  await tags.getByRole('button', { name: 'Add a row to Tags' }).click();
  await tags.getByLabel('Tags key 1').fill('team');
  await tags.getByLabel('Tags value 1').fill('data-science');
  assert.match(await send(), /TagResource: answered\.\s+Status\s+200/);
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('operation-title').textContent === 'GetMLInputChannel');
  await answered();
  await follow(answer().getByRole('navigation', { name: 'This resource' }), 'ListTagsForResource', 'ListTagsForResource');
  assert.match(await answered(), /Tags\s+team\s+data-science/, 'a read with its input in the hash is sent at once');
});

test('a wrong value shows its error at its field before anything is sent', async () => {
  await open('GetTrainingDataset');
  const arnField = view().getByLabel(/^Training dataset ARN/);
  const before = requests.length;
  await arnField.fill('arn:aws:cleanrooms-ml:us-east-1:123456789012:trained-model/not-a-dataset');
  const issues = view().locator('[data-path="trainingDatasetArn"] .issues li.error');
  await issues.first().waitFor();
  assert.match(await issues.first().innerText(), /must match the pattern/);
  assert.equal(await arnField.getAttribute('aria-invalid'), 'true');
  assert.equal(await view().getByRole('button', { name: 'Send', exact: true }).isDisabled(), true);
  await view().getByLabel(/^Training dataset ARN/).press('Enter');
  assert.equal(requests.length, before, 'nothing was sent');
  assert.match(await page.locator('#op-preview').innerText(), /Fix the errors above/);
  // A number out of the model's range, in a nested member.
  await open('CreateMLInputChannel');
  await view().getByLabel(/^Retention in days/).fill('31');
  assert.match(await view().locator('[data-path="retentionInDays"] .issues').innerText(), /must be from 1 to 30; is 31/);
  assert.equal(requests.length, before);
  // The field a service ValidationException names, in the page's path syntax.
  const named = await page.evaluate(async () => (await import('./answer.js')).issuesOf({ message: "1 validation error detected: Value at 'tags.key(aws:x)' failed to satisfy constraint" }));
  assert.deepEqual(named.map((i) => i.path), ['tags["aws:x"]']);
});

test('every one of the 59 operations opens a form without a page error, is sent, and gets its answer', async () => {
  assert.equal(MODEL_OPERATIONS.length, 59);
  const r = rng(22);
  const outcomes = {};
  for (const operation of MODEL_OPERATIONS) {
    await open(operation);
    assert.deepEqual(problems, [], `${operation}: no page error`);
    const required = Object.values(model.shapes[model.operations[operation].input.shape].members ?? {}).length
      && (model.shapes[model.operations[operation].input.shape].required ?? []).length;
    if (required) {
      const input = modelInput(r, operation);
      // A random page token is refused anyway, and the generator's longest ones would pass
      // the 16 KB of URL the endpoint's Node server reads.
      delete input.nextToken;
      await view().locator('#op-import').setInputFiles({ name: 'input.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(input)) });
      await page.locator('#op-import-status:has-text("Imported input.json.")').waitFor();
    }
    const sendButton = view().getByRole('button', { name: 'Send', exact: true });
    assert.equal(await sendButton.isEnabled(), true, `${operation}: ${await view().locator('.issues li.error').allInnerTexts()} in ${await page.locator('#op-cli').innerText()}`);
    const text = await send();
    assert.match(text, /(answered\.|Error\s+\w+Exception[^]*Message)[^]*Status\s+\d{3}[^]*Request ID\s+[0-9a-f-]{36}/, `${operation}: ${text}`);
    outcomes[operation] = /answered/.test(text) ? 'answered' : text.match(/Error\s+(\w+)/)[1];
  }
  assert.equal(Object.keys(outcomes).length, 59);
  console.log(`# outcomes: ${JSON.stringify(outcomes)}`);
});

test('a label on every control; a 400 px screen needs no horizontal scrolling; no error reached the console', async () => {
  await open('CreateTrainedModel');
  await view().getByRole('button', { name: 'Add to Data channels' }).click();
  await view().getByRole('button', { name: 'Add a row to Hyperparameters' }).click();
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => el.type !== 'hidden' && !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
  await page.setViewportSize({ width: 400, height: 800 });
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
  for (const hash of ['#operations', '#op/CreateMLInputChannel', '#op/CreateTrainedModel', `#op/GetTrainedModel?membershipIdentifier=${DEMO_MEMBERSHIP}`, '#op/ListTrainingDatasets']) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForTimeout(100);
    if (hash === '#op/ListTrainingDatasets') await send();
    assert.ok(await wide() <= 400, `${hash}: ${await wide()} px wide`);
  }
  await page.setViewportSize({ width: 1100, height: 900 });
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }) + location.href);
  assert.ok(!stored.includes(DEMO_CREDENTIALS.secretAccessKey), 'no secret in storage or the URL');
  assert.deepEqual(problems, []);
});
