// The connection panel's credential providers in headless Chromium, against the local
// endpoint as Cognito Identity and STS, driven by labels and roles: the page opens with the
// demo identity pool and works with no key typed (create → list → delete); the identity ID
// and the expiry are shown; a wrong login token, a wrong web identity token and parameters
// that cannot work show their typed error in the panel; web identity mode works; with
// 4-second credentials the page refreshes them by itself; every mode is labelled, chosen by
// keyboard and fits 400 px. (The secrets: demo.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from '../../scripts/demo.mjs';
import {
  DEMO_IDENTITY_POOL, DEMO_AUTHENTICATED_IDENTITY_POOL, DEMO_OIDC_PROVIDER, DEMO_OIDC_TOKEN, DEMO_ROLE_ARN, SEEDED_ALGORITHMS,
} from '../../scripts/local-endpoint.mjs';
import { launchChromium } from './chromium.mjs';

const IDENTITY_ID = /Identity ID\s+us-east-1:[0-9a-f-]{36}/;
let demo, browser, page;
const problems = [];

/** A page of `demo` in a fresh browser, once the module is ready. */
async function open(target) {
  const opened = await browser.newPage();
  await opened.setViewportSize({ width: 1100, height: 900 });
  opened.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await opened.goto(`${target.pageUrl}#list`); // the associations (the page opens on the membership picker)
  await opened.locator('#status[data-state="ready"]').waitFor({ timeout: 15000 });
  return opened;
}

before(async () => {
  demo = await startDemo({ pagePort: 0, endpointPort: 0, log: () => {} });
  browser = await launchChromium();
  page = await open(demo);
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

const panel = () => page.getByRole('status', { name: 'Credentials in use' });
const mode = () => page.getByLabel('Credentials', { exact: true });
const list = () => page.locator('#view-list');
const rows = () => list().getByRole('row').filter({ has: page.getByRole('cell') });
/** The expiry shown, as the `time` element's machine-readable value (ms). */
const shownExpiry = async (p = page) => Date.parse(await p.getByRole('status', { name: 'Credentials in use' }).locator('time').getAttribute('dateTime'));

async function listSettled() {
  await page.waitForFunction(() => !['', 'Loading…'].includes(document.getElementById('list-status').textContent));
}

/** Fills a field and leaves it, as a person does (a provider is made again once a field is committed). */
async function commit(label, value) {
  const input = page.getByLabel(new RegExp(`^${label}`));
  await input.fill(value);
  await input.press('Tab');
}

test('the page opens with the demo identity pool and, with no key typed, creates, lists and deletes an association', async () => {
  assert.equal(await mode().inputValue(), 'cognito');
  assert.equal(await page.getByLabel('Identity pool ID').inputValue(), DEMO_IDENTITY_POOL);
  assert.equal(await page.getByLabel('Login token').inputValue(), '', 'unauthenticated');
  assert.equal(await page.getByLabel('Access key ID').isVisible(), false, 'no access key fields');
  // No keys at all: only the identity pool's credentials can sign.
  await page.evaluate(() => { for (const id of ['accessKeyId', 'secretAccessKey', 'sessionToken']) document.getElementById(id).value = ''; });
  await panel().locator('time').waitFor({ timeout: 15000 });
  const shown = await panel().innerText();
  assert.match(shown, IDENTITY_ID);
  assert.match(shown, /Access key ID\s+ASIA[A-Z2-7]{16}/);
  assert.match(shown, /Expires \(local time\)/);
  const expiry = await shownExpiry();
  assert.ok(expiry > Date.now() + 3500_000 && expiry < Date.now() + 3700_000, 'an hour from now');
  assert.equal(await panel().locator('time').innerText(), await page.evaluate((ms) => new Date(ms).toLocaleString(), expiry), 'in local time');

  await listSettled();
  assert.equal(await page.locator('#list-status').textContent(), 'No associations in this membership yet.');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'New association' }).click();
  const form = page.locator('#view-new');
  await form.getByLabel('Algorithm', { exact: false }).first().selectOption({ label: SEEDED_ALGORITHMS[0].name });
  await form.getByLabel(/^Name/).fill('cognito-e2e');
  const preview = page.locator('#preview');
  await page.locator('#preview:has-text("Credential=ASIA")').waitFor();
  assert.match(await preview.innerText(), /x-amz-security-token: •••••• \(masked\)/);
  await form.getByRole('button', { name: 'Sign and send' }).click();
  await page.locator('#result:has-text("Created.")').waitFor({ timeout: 15000 });

  await page.getByRole('link', { name: 'See the list' }).click();
  await listSettled();
  assert.equal(await rows().count(), 1);
  await rows().first().getByRole('link', { name: 'cognito-e2e' }).click();
  const details = page.locator('#view-details');
  await details.getByRole('heading', { name: 'Association cognito-e2e' }).waitFor();
  await details.getByRole('button', { name: 'Delete association' }).click();
  await page.getByRole('dialog', { name: 'Delete this association?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('#list-status:has-text("Deleted cognito-e2e.")').waitFor({ timeout: 15000 });
  assert.equal(await rows().count(), 0);
  assert.deepEqual({ getId: demo.stats().getId, assumeRoleWithWebIdentity: demo.stats().assumeRoleWithWebIdentity }, { getId: 1, assumeRoleWithWebIdentity: 0 }, 'one identity, from the pool');
  assert.equal(demo.stats().getCredentialsForIdentity, 1, 'the credentials were reused for every call');
});

test('a wrong login token in the authenticated pool, and a login without its token, show their errors in the panel', async () => {
  await commit('Identity pool ID', DEMO_AUTHENTICATED_IDENTITY_POOL);
  await commit('Login provider', DEMO_OIDC_PROVIDER);
  await page.locator('#credentials-status:has-text("ValidationError")').waitFor({ timeout: 15000 });
  assert.match(await panel().innerText(), /Could not get credentials: ValidationError\n+logins\["oidc\.local\.test"\] must have 1 to 50000 characters, not 0/);
  assert.match(await page.locator('#preview').innerText(), /^Cannot sign yet: ValidationError: /);

  await commit('Login token', 'not-the-demo-token');
  await page.locator('#credentials-status:has-text("NotAuthorizedException")').waitFor({ timeout: 15000 });
  const shown = await panel().innerText();
  assert.match(shown, /Could not get credentials: NotAuthorizedException \(HTTP 400\)/);
  assert.match(shown, /Invalid login token/);
  assert.doesNotMatch(shown, /not-the-demo-token/);
  assert.equal(await panel().getByRole('listitem').count(), 1);
  assert.match(await page.locator('#preview').innerText(), /^Cannot sign yet: NotAuthorizedException: Invalid login token/);
  // A call asks again, and says it too, beside the panel.
  await page.getByRole('button', { name: 'Show associations' }).click();
  await page.locator('#list-status:has-text("NotAuthorizedException")').waitFor({ timeout: 15000 });
  assert.match(await page.locator('#list-status').textContent(), /^NotAuthorizedException: Invalid login token/);

  await commit('Login token', DEMO_OIDC_TOKEN);
  await page.getByRole('button', { name: 'Show associations' }).click();
  await page.locator('#credentials-status time').waitFor({ timeout: 15000 });
  assert.match(await panel().innerText(), IDENTITY_ID);
  await listSettled();
  assert.match(await page.locator('#list-status').textContent(), /association|No associations/);
});

test('web identity token mode: the demo role with the demo token; a wrong token and a bad role ARN show their errors', async () => {
  await mode().selectOption({ label: 'Web identity token' });
  assert.equal(await page.getByLabel('Identity pool ID').isVisible(), false);
  assert.equal(await page.getByLabel('Role ARN').inputValue(), DEMO_ROLE_ARN, 'prefilled from /demo-config.json');
  await commit('Session name', 'panel-test');
  await page.getByRole('button', { name: 'Show associations' }).click();
  await page.locator('#credentials-status time').waitFor({ timeout: 15000 });
  const shown = await panel().innerText();
  assert.doesNotMatch(shown, /Identity ID/, 'STS has no identity ID');
  assert.match(shown, /Access key ID\s+ASIA/);
  await listSettled();
  assert.doesNotMatch(await page.locator('#list-status').textContent(), /Exception|Error/);
  assert.ok(demo.stats().assumeRoleWithWebIdentity >= 1);

  await commit('Web identity token', 'eyJ.not-the-demo.token');
  await page.locator('#credentials-status:has-text("InvalidIdentityTokenException")').waitFor({ timeout: 15000 });
  assert.match(await panel().innerText(), /Could not get credentials: InvalidIdentityTokenException \(HTTP 400\)\n+.*could not be validated/);

  await commit('Web identity token', DEMO_OIDC_TOKEN);
  await commit('Role ARN', 'not-a-role');
  await page.locator('#credentials-status:has-text("ValidationError")').waitFor({ timeout: 15000 });
  assert.match(await panel().innerText(), /roleArn must/);
  await commit('Role ARN', DEMO_ROLE_ARN);
  await page.locator('#credentials-status time').waitFor({ timeout: 15000 });
  await mode().selectOption({ label: 'Access keys' });
  assert.equal(await panel().innerText(), '', 'nothing to show for access keys');
  assert.deepEqual(problems, []);
});

test('every mode: a label on every control, keyboard choice of the mode, and no horizontal scrolling at 400 px', async () => {
  await page.setViewportSize({ width: 400, height: 800 });
  assert.equal(await mode().inputValue(), 'keys', 'as the test before left it');
  await mode().focus();
  for (const [key, shown] of [['ArrowDown', 'Cognito identity pool'], ['ArrowDown', 'Web identity token'], ['ArrowUp', 'Cognito identity pool'], ['ArrowUp', 'Access keys']]) {
    await page.keyboard.press(key);
    assert.equal(await mode().locator('option:checked').innerText(), shown);
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('#connection input, #connection select')]
      .filter((el) => !el.labels?.length).map((el) => el.id));
    assert.deepEqual(unlabelled, []);
    assert.equal(await page.locator('#connection [data-mode]:not([hidden])').count(), 1, `${shown}: its fields alone`);
    if (shown !== 'Access keys') await page.locator('#credentials-status time').waitFor({ timeout: 15000 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 400, `${shown}: ${wide} px wide`);
  }
  await page.setViewportSize({ width: 1100, height: 900 });
});

test('the page refreshes its credentials by itself: with 4-second credentials the shown expiry moves on', async () => {
  const shortLived = await startDemo({ pagePort: 0, endpointPort: 0, log: () => {}, endpointOptions: { credentialLifetimeSeconds: 4 } });
  try {
    const p = await open(shortLived);
    await p.locator('#credentials-status time').waitFor({ timeout: 15000 });
    const first = await shownExpiry(p);
    assert.ok(first <= Date.now() + 4000);
    // The provider's cache refreshes credentials this short at half their life.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, first - 1000 - Date.now())));
    await p.getByRole('button', { name: 'Show associations' }).click();
    await p.waitForFunction((before) => Date.parse(document.querySelector('#credentials-status time').dateTime) > before, first, { timeout: 15000 });
    assert.ok(await shownExpiry(p) > first);
    await p.waitForFunction(() => !['', 'Loading…'].includes(document.getElementById('list-status').textContent));
    assert.doesNotMatch(await p.locator('#list-status').textContent(), /Exception|Error/);
    assert.equal(shortLived.stats().getId, 1, 'the same identity');
    assert.ok(shortLived.stats().getCredentialsForIdentity >= 2);
    // And with no call at all, the panel's timer keeps them fresh (REREAD_MS: 10 s).
    const second = await shownExpiry(p);
    await p.waitForFunction((before) => Date.parse(document.querySelector('#credentials-status time').dateTime) > before, second, { timeout: 15000 });
    await p.close();
  } finally {
    await shortLived.close();
  }
});
