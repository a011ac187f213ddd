// What the page tests ask of every view: axe-core finds no violation, and nothing scrolls
// sideways, at each width (1280 and 400 px unless said).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations in `page` as it is now (run in the page; the CSP is left as it is). */
async function axeViolations(page) {
  return page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source); // eslint-disable-line no-eval -- the test's evaluation, not the page's
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, axeSource);
}

/** No axe violation and no horizontal scrolling in `view` at each width; the viewport is 1280 px again after. */
export async function assertAccessible(page, view, widths = [1280, 400]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await axeViolations(page), [], `${view} at ${width} px`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `${view}: ${wide} px wide at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
