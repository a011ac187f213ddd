// `node bench/ab.mjs DIR_A DIR_B`: two builds of the package (wasm-pack output folders,
// e.g. a copy of pkg/ before a change and pkg/ after it) measured side by side: the calls
// in one headless Chromium page, taking turns; then cold starts, a fresh context per load,
// the builds in turn. Prints the medians and B/A. Not part of make test.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { chromiumArgs } from '../tests/browser/chromium.mjs';
import { median } from './page/timing.mjs';

const [dirA, dirB] = process.argv.slice(2).map((d) => resolve(d));
if (!dirB) {
  console.error('usage: node bench/ab.mjs DIR_A DIR_B   (two wasm-pack output folders)');
  process.exit(2);
}
const bench = fileURLToPath(new URL('.', import.meta.url));
const COLD_LOADS = 25;
const { server, url } = await serve({
  port: 0,
  extraMounts: [['/a/', dirA], ['/b/', dirB], ['/bench/', bench]],
  headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.goto(`${url}bench/page/ab.html`);
  const rows = await page.waitForFunction(() => window.__results, null, { timeout: 600_000 }).then((h) => h.jsonValue());
  if (rows.error) throw new Error(rows.error);
  console.log(`A: ${dirA}\nB: ${dirB}\n`);
  for (const { name, a, b } of rows) console.log(`${name.padEnd(22)} A ${a.toFixed(1).padStart(7)} µs   B ${b.toFixed(1).padStart(7)} µs   B/A ${(b / a).toFixed(2)}`);

  const cold = { a: [], b: [] };
  for (let i = 0; i < COLD_LOADS; i++) {
    for (const build of i % 2 ? ['b', 'a'] : ['a', 'b']) {
      const context = await browser.newContext();
      const fresh = await context.newPage();
      await fresh.goto(`${url}bench/page/ab-cold.html?build=${build}`);
      cold[build].push(await fresh.waitForFunction(() => window.__done, null, { timeout: 30_000 }).then((h) => h.jsonValue()));
      await context.close();
    }
  }
  const [a, b] = [median(cold.a), median(cold.b)];
  console.log(`${'cold start'.padEnd(22)} A ${a.toFixed(1).padStart(7)} ms   B ${b.toFixed(1).padStart(7)} ms   B/A ${(b / a).toFixed(2)}`);
} finally {
  await browser.close();
  server.close();
}
