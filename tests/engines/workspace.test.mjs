// The member's workspace in each engine, Chromium, Firefox and WebKit (tests/browser/engines.mjs):
// the membership picker from Clean Rooms' ListMemberships, the membership's home, and one
// step of the workflow (an algorithm associated from the home, the partner's account chosen by
// name, the association then listed with its next step). The fuller Chromium suite is
// tests/browser/workspace.test.mjs.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../scripts/demo.mjs';
import { DEMO_MEMBERSHIP, PARTNER_ACCOUNT, CALLER_ACCOUNT } from '../../scripts/local-endpoint.mjs';
import { ENGINES, engineTitle, launch } from '../browser/engines.mjs';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const opField = (path, control = 'input') => `#op-fields [data-path="${path}"] > ${control}`;

for (const name of ENGINES) {
  const title = engineTitle(name);
  describe(title, () => {
    let demo, browser, page;

    before(async () => {
      await mkdir(artifacts, { recursive: true });
      demo = await startDemo({ pagePort: 0, endpointPort: 0, log: () => {}, endpointOptions: { paceMs: 3_600_000 } });
      browser = await launch(name);
      page = await browser.newPage();
      await page.goto(demo.pageUrl);
      await page.waitFor(() => !!document.querySelector('#status[data-state="ready"]'), null, { what: 'the module to load' });
    });
    after(async () => {
      await browser?.close();
      await demo?.close();
    });

    const textIs = (css, pattern) => page.waitFor(([s, p]) => new RegExp(p).test(document.querySelector(s)?.innerText ?? ''), [css, pattern.source], { what: `${css} to show ${pattern}` });

    test(`${title}: the membership picker, then the membership's home`, async () => {
      await textIs('#memberships-status', /^2 memberships\.$/);
      const rows = await page.evaluate(() => [...document.querySelectorAll('#memberships tbody tr')].map((tr) => [...tr.cells].map((c) => c.innerText.trim()).slice(0, 3)));
      assert.deepEqual(rows.map((r) => r.slice(0, 3)), [['Demo collaboration', 'ACTIVE', 'Demo company'], ['Retail insights', 'ACTIVE', 'Demo company']]);
      await page.click(`#memberships a[href="#home/${DEMO_MEMBERSHIP}"]`);
      await textIs('#home-refresh', /^Last refreshed at .+\. Every resource is settled: not refreshing\.$/);
      assert.equal(await page.text('#home-title'), 'Demo collaboration: your workspace');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'home-title');
      assert.equal(await page.evaluate(() => localStorage.getItem('cleanroomsml-wasm.membership')), DEMO_MEMBERSHIP);
      assert.match(await page.text('#connection-line'), /^Connected: us-east-1 at http:\/\/127\.0\.0\.1:\d+, cognito identity pool\.$/);
      await page.screenshot(join(artifacts, `engines-workspace-home-${name}.png`));
    });

    test(`${title}: a workflow step: associate an algorithm from the home, the partner chosen by name`, async () => {
      await page.click('a[aria-label="Associate: lookalike-algorithm"]');
      await textIs('#operation-title', /^CreateConfiguredModelAlgorithmAssociation$/);
      assert.equal(await page.evaluate((css) => document.querySelector(css).value, opField('membershipIdentifier')), DEMO_MEMBERSHIP);
      const allowed = 'privacyConfiguration.policies.trainedModels.containerLogs[0].allowedAccountIds';
      assert.equal(await page.evaluate((css) => document.querySelector(css).value, opField(`${allowed}[0]`)), CALLER_ACCOUNT);
      await page.click(`button[aria-label="Add to Allowed account IDs"]`);
      await page.waitFor((css) => !!document.querySelector(css), opField(`${allowed}[1]`, 'select'), { what: 'the new account\'s choice' });
      await page.select(opField(`${allowed}[1]`, 'select'), PARTNER_ACCOUNT);
      await page.waitFor(([css, v]) => document.querySelector(css).value === v, [opField(`${allowed}[1]`), PARTNER_ACCOUNT], { what: 'the choice to fill the account' });
      await page.type(opField('name'), `engines-${name}`);
      await textIs('#op-cli', new RegExp(`"name": "engines-${name}"`));
      await page.click('#op-send');
      await textIs('#op-answer', /CreateConfiguredModelAlgorithmAssociation: answered\./);
      await page.click('#op-home');
      await page.waitFor((n) => !!document.querySelector(`a[aria-label="Create ML input channel: ${n}"]`), `engines-${name}`, { what: 'the association and its next step' });
      await page.screenshot(join(artifacts, `engines-workspace-step-${name}.png`));
    });
  });
}
