// The page's main flows in each engine, Chromium, Firefox and WebKit (tests/browser/engines.mjs),
// against `make demo`'s world (scripts/demo.mjs), each engine with a demo of its own: sign-in
// through the demo Cognito identity pool; the associations' list, create and delete; a field
// error shown before sending; the operations view and its filter; a union member chosen in a
// generated form; a call sent from the operations view, one of Clean Rooms ML's and one of
// Clean Rooms'. Clicks and keys are the engine's own; the fuller Chromium-only suites are
// tests/browser/{demo,console,credentials-panel,operations,cleanrooms-operations}.test.mjs.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../scripts/demo.mjs';
import { DEMO_MEMBERSHIP, SEEDED_ALGORITHMS } from '../../scripts/local-endpoint.mjs';
import { ENGINES, engineTitle, launch } from '../browser/engines.mjs';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const ARN = /^arn:aws:cleanrooms-ml:us-east-1:\d{12}:membership\/[0-9a-f-]{36}\/configured-model-algorithm-association\/[-\w/.]+$/;
const field = (path, control = 'input') => `#request-form [data-path="${path}"] ${control}`;
const opField = (path, control = 'input') => `#op-fields [data-path="${path}"] ${control}`;

for (const name of ENGINES) {
  const title = engineTitle(name);
  describe(title, () => {
    let demo, browser, page;
    const requests = [];

    before(async () => {
      demo = await startDemo({ pagePort: 0, endpointPort: 0, log: (line) => requests.push(line) });
      browser = await launch(name);
      page = await browser.newPage();
      await page.goto(`${demo.pageUrl}#list`);
      await page.waitFor(() => !!document.querySelector('#status[data-state="ready"]'), null, { what: 'the module to load' });
    });
    after(async () => {
      await browser?.close();
      await demo?.close();
    });

    /** Replaces the value of the input `css` by typing `text` into it. */
    async function retype(css, text) {
      await page.evaluate((s) => { document.querySelector(s).value = ''; }, css);
      await page.type(css, text);
    }
    const listSettled = () => page.waitFor(() => !['', 'Loading…'].includes(document.getElementById('list-status').textContent), null, { what: 'the list' });
    const textIs = (css, pattern) => page.waitFor(([s, p]) => new RegExp(p).test(document.querySelector(s)?.innerText ?? ''), [css, pattern.source], { what: `${css} to show ${pattern}` });

    test(`${title}: signs in through the demo Cognito identity pool, with no key typed`, async () => {
      assert.ok(title.includes(browser.version), `${browser.version} is the engine named`);
      assert.equal(await page.evaluate(() => document.getElementById('credentialsMode').value), 'cognito');
      await page.evaluate(() => { for (const id of ['accessKeyId', 'secretAccessKey', 'sessionToken']) document.getElementById(id).value = ''; });
      await page.waitFor(() => !!document.querySelector('#credentials-status time'), null, { what: 'the identity pool\'s credentials' });
      const shown = await page.text('#credentials-status');
      assert.match(shown, /Identity ID\s+us-east-1:[0-9a-f-]{36}/);
      assert.match(shown, /Access key ID\s+ASIA[A-Z2-7]{16}/);
      assert.equal(demo.stats().getId, 1);
    });

    test(`${title}: the associations: the list, create one, it is listed, open it, delete it, gone`, async () => {
      await listSettled();
      assert.equal(await page.text('#list-status'), 'No associations in this membership yet.');
      assert.equal(await page.evaluate(() => document.getElementById('membership').value), DEMO_MEMBERSHIP);
      await page.click('#nav-new');
      await page.waitFor(() => !document.getElementById('view-new').hidden, null, { what: 'the form' });
      await page.select('#algorithm-choice', SEEDED_ALGORITHMS[1].configuredModelAlgorithmArn);
      await page.waitFor((arn) => document.querySelector('#request-form [data-path="configuredModelAlgorithmArn"] input').value === arn,
        SEEDED_ALGORITHMS[1].configuredModelAlgorithmArn, { what: 'the choice to fill the ARN' });
      await retype(field('name'), 'engines-e2e');
      await textIs('#preview', /Credential=ASIA[^]*"name":"engines-e2e"/);
      await page.click('#send');
      await textIs('#result', /^Created\./);
      const arn = await page.text('#result dd');
      assert.match(arn, ARN);

      await page.click('#result a[href^="#list/"]');
      await listSettled();
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#associations tbody tr')].map((row) => row.cells[0].innerText.trim())), ['engines-e2e']);
      await mkdir(artifacts, { recursive: true });
      await page.screenshot(join(artifacts, `engines-list-${name}.png`));
      await page.click('#associations tbody a');
      await textIs('#details-title', /^Association engines-e2e$/);
      assert.ok((await page.text('#details')).includes(arn), 'the details show its ARN');
      await page.click('#delete');
      await page.waitFor(() => document.getElementById('confirm-delete').open, null, { what: 'the confirmation' });
      await page.click('#confirm-delete button[value="delete"]');
      await textIs('#list-status', /Deleted engines-e2e\./);
      assert.equal(await page.evaluate(() => document.querySelectorAll('#associations tbody tr').length), 0);
      assert.equal(demo.stats().getId, 1, 'the same identity throughout');
    });

    test(`${title}: a field error shows as you type, and Send stays disabled; nothing is sent`, async () => {
      await page.click('#nav-new');
      await page.waitFor(() => !document.getElementById('view-new').hidden, null, { what: 'the form' });
      const sent = requests.length;
      await retype(field('membershipIdentifier'), 'not-a-membership');
      await textIs('#request-form [data-path="membershipIdentifier"] .issues li.error', /must be exactly 36 characters long/);
      assert.equal(await page.evaluate(() => document.querySelector('#request-form [data-path="membershipIdentifier"] input').getAttribute('aria-invalid')), 'true');
      assert.equal(await page.evaluate(() => document.getElementById('send').disabled), true);
      const result = await page.text('#result');
      await page.press(field('membershipIdentifier'), 'Enter');
      await new Promise((r) => setTimeout(r, 500)); // time for a request, were one sent
      assert.equal(requests.length, sent, 'nothing was sent, by typing or by Enter');
      assert.equal(await page.text('#result'), result);
      await retype(field('membershipIdentifier'), DEMO_MEMBERSHIP);
      await page.waitFor(() => !document.getElementById('send').disabled, null, { what: 'Send to be enabled again' });
      assert.equal(await page.evaluate(() => document.querySelectorAll('#request-form [data-path="membershipIdentifier"] .issues li').length), 0);
    });

    test(`${title}: the operations view and its filter`, async () => {
      await page.click('#nav-operations');
      await textIs('#operations-status', /^162 operations\.$/);
      assert.equal(await page.evaluate(() => document.querySelectorAll('#view-operations a').length), 59 + 103);
      await page.type('#operation-filter', 'inference job');
      await textIs('#operations-status', /^5 of 162 operations match\.$/);
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#view-operations a')].filter((a) => a.offsetParent).map((a) => a.textContent)), [
        'CancelTrainedModelInferenceJob', 'GetTrainedModelInferenceJob', 'ListCollaborationTrainedModelInferenceJobs', 'ListTrainedModelInferenceJobs', 'StartTrainedModelInferenceJob',
      ]);
    });

    test(`${title}: a generated form: choosing a union member shows its fields`, async () => {
      await retype('#operation-filter', 'create-ml-input');
      await textIs('#operations-status', /^1 of 162 operations match\.$/);
      await page.click('#view-operations a[href="#op/CreateMLInputChannel"]');
      await textIs('#operation-title', /^CreateMLInputChannel$/);
      const union = 'inputChannel.dataSource';
      assert.match(await page.text(`#op-fields [data-path="${union}"] label`), /^Data source: one of/);
      assert.equal(await page.evaluate((p) => document.querySelectorAll(`#op-fields [data-path^="${p}."]`).length, union), 0, 'no member chosen yet');
      await page.select(opField(union, 'select'), 'protectedQueryInputParameters');
      const query = `${union}.protectedQueryInputParameters.sqlParameters.queryString`;
      await page.waitFor((p) => !!document.querySelector(`#op-fields [data-path="${p}"] input, #op-fields [data-path="${p}"] textarea`), query, { what: 'the member\'s fields' });
      const control = await page.evaluate((p) => document.querySelector(`#op-fields [data-path="${p}"] textarea`) ? 'textarea' : 'input', query);
      await page.type(opField(query, control), 'SELECT user FROM interactions');
      await textIs('#op-cli', /"dataSource": \{\s+"protectedQueryInputParameters": \{\s+"sqlParameters": \{\s+"queryString": "SELECT user FROM interactions"/);
    });

    test(`${title}: a call sent from the operations view gets its answer`, async () => {
      await page.evaluate(() => { location.hash = '#op/ListConfiguredModelAlgorithms'; });
      await textIs('#operation-title', /^ListConfiguredModelAlgorithms$/);
      await page.click('#op-send');
      await textIs('#op-answer', /ListConfiguredModelAlgorithms: answered\.\s+Status\s+200/);
      const answer = await page.text('#op-answer');
      for (const algorithm of SEEDED_ALGORITHMS) assert.ok(answer.includes(algorithm.name), algorithm.name);
    });

    test(`${title}: a Clean Rooms operation from the operations view: its CLI line, sent with Clean Rooms' client`, async () => {
      await page.evaluate(() => { location.hash = '#operations'; });
      await retype('#operation-filter', 'list-memberships');
      await textIs('#operations-status', /^1 of 162 operations match\.$/);
      await page.click('#view-operations a[href="#cleanrooms/ListMemberships"]');
      await textIs('#operation-title', /^ListMemberships$/);
      assert.equal(await page.text('#op-cli-command'), 'aws cleanrooms list-memberships --cli-input-json file://list-memberships.json');
      await page.click('#op-send');
      await textIs('#op-answer', /ListMemberships: answered\.\s+Status\s+200/);
      assert.match(await page.text('#op-answer'), /Demo collaboration[^]*Retail insights|Retail insights[^]*Demo collaboration/);
    });
  });
}
