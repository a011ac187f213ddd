// The demo page's create form end to end in headless Chromium, against the local endpoint,
// used as a person would: keyboard and mouse, field errors appearing and clearing, sending,
// a conflict, a wrong secret, a CLI JSON import, and no secret left in any storage. (The
// console around it: console.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../scripts/demo.mjs';
import { DEMO_CREDENTIALS, DEMO_OIDC_PROVIDER, DEMO_OIDC_TOKEN, EXAMPLE_MEMBERSHIP, SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import { launchChromium } from './chromium.mjs';

const ARN = /^arn:aws:cleanrooms-ml:us-east-1:\d{12}:membership\/[0-9a-f-]{36}\/configured-model-algorithm-association\/[-\w/.]+$/;
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
let demo, browser, page;
const endpointLog = [];
const consoleLog = [];
/** The secret keys and session tokens Cognito and STS issued to the page, as the browser received them. */
const issued = [];
const reading = [];

function readIssued(response) {
  const request = response.request();
  if (!/GetCredentialsForIdentity$/.test(request.headers()['x-amz-target'] ?? '') && !/Action=AssumeRoleWithWebIdentity/.test(request.postData() ?? '')) return;
  reading.push(response.text().then((text) => {
    for (const m of text.matchAll(/"(?:SecretKey|SessionToken)":"([^"]+)"|<(?:SecretAccessKey|SessionToken)>([^<]+)</g)) issued.push(m[1] ?? m[2]);
  }, () => {}));
}

before(async () => {
  demo = await startDemo({ pagePort: 0, endpointPort: 0, log: (line) => endpointLog.push(line) });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  page.on('console', (m) => consoleLog.push(m.text()));
  page.on('pageerror', (e) => consoleLog.push(`pageerror: ${e.message}`));
  page.on('response', readIssued);
  await page.goto(`${demo.pageUrl}#new`);
  await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15000 });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

const field = (path) => page.locator(`#request-form [data-path="${path}"]`);
const resultText = () => page.locator('#result').innerText();

async function sendAndWait() {
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await page.locator('#result:not(:has-text("Sending…")) dl').waitFor({ timeout: 15000 }).catch(async (e) => {
    throw new Error(`no result: ${await resultText()} | log: ${endpointLog.join(' / ')} | console: ${consoleLog.join(' / ')}`);
  });
  return resultText();
}

test('the page comes prefilled for the local endpoint', async () => {
  assert.match(await page.textContent('#status'), /Sending to the local endpoint http:\/\/127\.0\.0\.1:\d+ with demo credentials/);
  // It opens with the demo identity pool (credentials-panel.test.mjs); these tests use the demo's access keys.
  const mode = page.getByLabel('Credentials', { exact: true });
  assert.equal(await mode.inputValue(), 'cognito');
  await mode.selectOption({ label: 'Access keys' });
  assert.equal(await page.inputValue('#accessKeyId'), DEMO_CREDENTIALS.accessKeyId);
  assert.equal(await page.getByRole('button', { name: 'Sign and send' }).isEnabled(), true);
});

test('the hints and choices are the model\'s (model/cleanroomsml/service-2.json)', async () => {
  const { shapes } = JSON.parse(await readFile(new URL('../../model/cleanroomsml/service-2.json', import.meta.url), 'utf8'));
  const P = 'privacyConfiguration.policies';
  const sizes = [
    [`${P}.trainedModels.maxArtifactSize.value`, 'TrainedModelArtifactMaxSizeValue'],
    [`${P}.trainedModelExports.maxSize.value`, 'TrainedModelExportsMaxSizeValue'],
    [`${P}.trainedModelInferenceJobs.maxOutputSize.value`, 'TrainedModelInferenceMaxOutputSizeValue'],
  ];
  for (const [path, shape] of sizes) {
    const { min, max } = shapes[shape];
    assert.ok(max >= 50, `${shape}: the current model's range`);
    assert.match(await field(path).locator('label').innerText(), new RegExp(`\\(GB, ${min}–${max}\\)`));
    assert.equal(await field(path).locator('input').getAttribute('max'), String(max));
  }
  assert.match(await field('name').locator('label').innerText(), new RegExp(`\\(${shapes.NameString.min}–${shapes.NameString.max} characters\\)`));
  const noise = field(`${P}.trainedModels.containerMetrics.noiseLevel`).locator('option');
  assert.deepEqual((await noise.allInnerTexts()).slice(1), shapes.NoiseLevelType.enum);
});

test('a field error appears as you type and clears when fixed', async () => {
  const membership = field('membershipIdentifier').locator('input');
  await membership.click();
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await assert.doesNotReject(field('membershipIdentifier').locator('.issues li.error').first().waitFor());
  assert.match(await field('membershipIdentifier').locator('.issues').innerText(), /must be exactly 36 characters long/);
  assert.equal(await membership.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Sign and send' }).isDisabled(), true, 'send is disabled while there are errors');
  await page.keyboard.press('Backspace');
  assert.equal(await field('membershipIdentifier').locator('.issues li').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Sign and send' }).isEnabled(), true);
});

test('fill the form with keyboard and mouse, then send and see the ARN', async () => {
  const name = field('name').locator('input');
  await name.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('e2e-model');
  await page.keyboard.press('Tab'); // to the description
  await page.keyboard.type('Made by the end-to-end test');
  // Another log entry, with two accounts and redaction.
  await page.getByRole('button', { name: 'Add log entry' }).first().click();
  const second = 'privacyConfiguration.policies.trainedModels.containerLogs[1]';
  await page.keyboard.type('111122223333, 444455556666'); // focus moved to the new entry's first input
  await field(`${second}.filterPattern`).locator('input').fill('WARN(ING)?');
  await field(`${second}.logType`).locator('select').selectOption('ERROR_SUMMARY');
  await page.locator(`[data-path="${second}"]`).getByText('Redact log contents').click();
  await page.locator(`[data-path="${second}.logRedactionConfiguration.entitiesToRedact"]`).getByText('CUSTOM').click();
  // CUSTOM without identifiers is a warning, which does not block sending.
  const identifiers = field(`${second}.logRedactionConfiguration.customEntityConfig`);
  assert.match(await identifiers.locator('.issues li.warning').innerText(), /no custom data identifiers will be redacted/);
  assert.equal(await page.getByRole('button', { name: 'Sign and send' }).isEnabled(), true);
  await identifiers.locator('textarea').fill('[0-9]{4}-[0-9]{4}');
  assert.equal(await identifiers.locator('.issues li').count(), 0, 'the warning clears');
  // Inference jobs with an output size.
  await page.getByText('Trained model inference jobs').click();
  await field('privacyConfiguration.policies.trainedModelInferenceJobs.maxOutputSize.value').locator('input').fill('25');
  // A tag.
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.keyboard.type('cost-center');
  await page.keyboard.press('Tab');
  await page.keyboard.type('42');
  assert.equal(await page.locator('#form-issues li').count(), 0);
  assert.equal(await page.locator('.issues li.error').count(), 0, await page.locator('.issues li.error').allInnerTexts().then(String));

  const preview = await page.textContent('#preview');
  assert.match(preview, /^POST http:\/\/127\.0\.0\.1:\d+\/memberships\/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9\/configured-model-algorithm-associations\n/);
  assert.match(preview, /authorization: AWS4-HMAC-SHA256 Credential=AKIADEMOCLEANROOMSML\//);
  assert.match(preview, /"name":"e2e-model"/);

  const result = await sendAndWait();
  assert.match(result, /^Created\./);
  const arn = await page.locator('#result dd').first().innerText();
  assert.match(arn, ARN);
  const sent = JSON.parse(await page.textContent('#cli-json'));
  assert.deepEqual(sent.privacyConfiguration.policies.trainedModels.containerLogs[1], {
    allowedAccountIds: ['111122223333', '444455556666'],
    filterPattern: 'WARN(ING)?',
    logType: 'ERROR_SUMMARY',
    logRedactionConfiguration: { entitiesToRedact: ['CUSTOM'], customEntityConfig: { customDataIdentifiers: ['[0-9]{4}-[0-9]{4}'] } },
  });
  assert.deepEqual(sent.tags, { team: 'data-science', 'cost-center': '42' });
});

test('the same name again: ConflictException', async () => {
  const result = await sendAndWait();
  assert.match(result, /^ConflictException/);
  assert.match(result, /Status\s+409/);
  assert.match(result, /Request ID\s+[0-9a-f-]{36}/);
});

test('a wrong secret: the authentication error', async () => {
  await page.fill('#secretAccessKey', 'not-the-demo-secret');
  const result = await sendAndWait();
  assert.match(result, /^InvalidSignatureException/);
  assert.match(result, /Status\s+403/);
  await page.fill('#secretAccessKey', DEMO_CREDENTIALS.secretAccessKey);
});

test('import a CLI JSON file and send it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cli-json-'));
  const file = join(dir, 'cli-input.json');
  await writeFile(file, JSON.stringify({
    membershipIdentifier: EXAMPLE_MEMBERSHIP,
    configuredModelAlgorithmArn: SEEDED_ALGORITHMS[2].configuredModelAlgorithmArn,
    name: 'imported-from-cli',
    privacyConfiguration: { policies: { trainedModelExports: { maxSize: { unit: 'GB', value: 1.5 }, filesToExport: ['OUTPUT'] } } },
    tags: { source: 'cli' },
  }));
  await page.setInputFiles('#import', file);
  await page.locator('#import-status:has-text("Imported")').waitFor();
  assert.equal(await field('name').locator('input').inputValue(), 'imported-from-cli');
  assert.equal(await field('privacyConfiguration.policies.trainedModelExports.maxSize.value').locator('input').inputValue(), '1.5');
  const result = await sendAndWait();
  assert.match(result, /^Created\./);
  assert.ok((await page.locator('#result dd').first().innerText()).includes(`membership/${EXAMPLE_MEMBERSHIP}/`));
});

test('export gives the CLI JSON of the form', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CLI JSON' }).click()]);
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assert.equal(exported.name, 'imported-from-cli');
  assert.deepEqual(exported.tags, { source: 'cli' });
});

test('no storage, URL, console or log holds the secret', async () => {
  await page.fill('#sessionToken', 'SESSION-TOKEN-SECRET-VALUE');
  await page.locator('#preview:has-text("masked")').waitFor();
  // The providers' modes too: the web identity token (the demo's), then the identity pool with a login token.
  const mode = page.getByLabel('Credentials', { exact: true });
  const credentialsShown = page.getByRole('status', { name: 'Credentials in use' });
  await mode.selectOption({ label: 'Web identity token' });
  await credentialsShown.locator('time').waitFor({ timeout: 15000 });
  await mode.selectOption({ label: 'Cognito identity pool' });
  await page.getByLabel('Login provider').fill(DEMO_OIDC_PROVIDER);
  await page.getByLabel('Login token').fill(DEMO_OIDC_TOKEN);
  await page.getByLabel('Login token').press('Tab');
  await page.waitForFunction(() => /Identity ID/.test(document.getElementById('credentials-status').textContent));
  for (let i = 0; i < 100 && (demo.stats().getCredentialsForIdentity < 2 || demo.stats().assumeRoleWithWebIdentity < 1); i++) await new Promise((r) => setTimeout(r, 50));
  await page.locator('#preview:has-text("Credential=ASIA")').waitFor();
  await page.locator('#preview:has-text("masked")').waitFor();
  await Promise.all(reading);
  assert.ok(issued.length >= 6, `the secrets of three issues of credentials were read (${issued.length})`);
  const stored = await page.evaluate(async () => JSON.stringify({
    local: { ...localStorage },
    session: { ...sessionStorage },
    cookies: document.cookie,
    indexedDb: (await indexedDB.databases()).map((db) => db.name),
    url: location.href,
    dom: document.documentElement.outerHTML,
    text: document.body.innerText,
  }));
  for (const secret of [DEMO_CREDENTIALS.secretAccessKey, 'SESSION-TOKEN-SECRET-VALUE', DEMO_OIDC_TOKEN, ...issued]) {
    assert.ok(!stored.includes(secret), 'storage, the URL or the DOM holds a secret');
    assert.ok(!consoleLog.join('\n').includes(secret), 'the console holds a secret');
    assert.ok(!endpointLog.join('\n').includes(secret), 'the endpoint log holds a secret');
    assert.ok(!(await page.textContent('#preview')).includes(secret), 'the preview shows a secret');
  }
  assert.ok(stored.includes('imported-from-cli'), 'other fields are remembered');
  assert.ok(stored.includes(DEMO_OIDC_PROVIDER), 'the login provider, not its token, is remembered');
  assert.deepEqual(consoleLog.filter((l) => l.startsWith('pageerror')), []);
  // Last, since a full-page screenshot resizes the page under later clicks.
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'demo-filled.png'), fullPage: true });
});
