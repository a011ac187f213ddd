// Launches Debian's headless Chromium for the browser tests (never a downloaded browser).
import { chromium } from 'playwright-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Without the background-networking flags Chromium keeps trying hosts this machine
// cannot reach; --no-sandbox because the tests run as root.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launchChromium() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'cleanroomsml-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
  });
}

/**
 * Serves the project on 127.0.0.1 (see scripts/serve.mjs for `serveOptions`) and starts
 * Chromium; `close()` ends both.
 */
export async function startSession(serveOptions = {}) {
  const { serve } = await import('../../scripts/serve.mjs');
  const { server, url } = await serve({ port: 0, ...serveOptions });
  const browser = await launchChromium();
  return {
    url,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
