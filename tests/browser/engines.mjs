// The three browser engines of the cross-engine tests (tests/engines/), behind one small page
// API, all Debian's builds (never a downloaded browser):
//   chromium  /usr/bin/chromium through playwright-core (chromium.mjs's flags);
//   firefox   /usr/bin/firefox-esr through puppeteer-core over WebDriver BiDi, a fresh profile;
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver classic, the small
//             client below), on an Xvfb display of its own: MiniBrowser has no headless mode.
// (puppeteer-core, unlike puppeteer, has no install script: it never downloads a browser.)
// A page offers goto, evaluate (a function of one JSON argument, run in the page, awaited,
// giving a JSON value), click, type and press (the engine's own input events), select and
// screenshot; waitFor and text are built on evaluate, once for all. An engine that cannot
// start throws, so its tests fail.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from './chromium.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** "Chromium 156.0.8078.129", "Firefox 153.8.0esr", "WebKitGTK 2.50.6": what each test's name carries. */
export function engineTitle(name) {
  const read = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    if (name === 'chromium') return `Chromium ${read(CHROMIUM, ['--version']).match(/Chromium (\S+)/)[1]}`;
    if (name === 'firefox') return `Firefox ${read(FIREFOX, ['--version']).match(/Firefox (\S+)/)[1]}`;
    return `WebKitGTK ${read('dpkg-query', ['-W', '-f=${Version}', 'webkit2gtk-driver']).match(/^[\d.]+/)[0]}`;
  } catch (e) {
    return `${name} (not installed: ${e.message.split('\n')[0]})`;
  }
}

/** Starts engine `name`; resolves to { name, version, newPage(), close() }. */
export async function launch(name) {
  if (name === 'chromium') return launchChromium();
  if (name === 'firefox') return launchFirefox();
  if (name === 'webkit') return launchWebKit();
  throw new Error(`no engine ${name}`);
}

/** The page API every engine gives, from its own `goto`, `evaluate`, `click`, `type`, `press` (Enter), `select`, `screenshot`. */
function page(own) {
  const p = {
    ...own,
    /** Resolves once `fn(arg)` in the page is truthy, to its value; fails after `timeout` ms saying `what`. */
    async waitFor(fn, arg = null, { timeout = 15000, what = String(fn) } = {}) {
      const end = Date.now() + timeout;
      for (;;) {
        const value = await p.evaluate(fn, arg);
        if (value) return value;
        if (Date.now() > end) throw new Error(`waited ${timeout} ms for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** The rendered text of the first element that `css` matches ('' when none does). */
    text: (css) => p.evaluate((s) => document.querySelector(s)?.innerText ?? '', css),
  };
  return p;
}

async function launchChromium() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
  return {
    name: 'chromium',
    version: browser.version(),
    async newPage() {
      const pw = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      return page({
        goto: (url) => pw.goto(url),
        evaluate: (fn, arg = null) => pw.evaluate(fn, arg),
        click: (css) => pw.click(css),
        type: (css, text) => pw.locator(css).pressSequentially(text),
        press: (css, key) => pw.locator(css).press(key),
        select: (css, value) => pw.selectOption(css, value),
        screenshot: (path) => pw.screenshot({ path, fullPage: true }),
      });
    },
    close: () => browser.close(),
  };
}

async function launchFirefox() {
  // puppeteer makes a fresh profile and removes it on close.
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, timeout: 60000 });
  return {
    name: 'firefox',
    version: (await browser.version()).replace(/^firefox\//, ''),
    async newPage() {
      const pp = await browser.newPage();
      await pp.setViewport({ width: 1100, height: 900 });
      return page({
        goto: (url) => pp.goto(url),
        evaluate: (fn, arg = null) => pp.evaluate(fn, arg),
        click: (css) => pp.click(css),
        type: (css, text) => pp.type(css, text),
        press: async (css, key) => (await pp.$(css)).press(key),
        select: (css, value) => pp.select(css, value),
        screenshot: (path) => pp.screenshot({ path, fullPage: true }),
      });
    },
    close: () => browser.close(),
  };
}

/** Children that must not outlive this process, whatever ends it (MiniBrowser goes with its display). */
const children = new Set();
process.on('exit', () => { for (const child of children) child.kill('SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => process.exit(1));

function start(cmd, args, env = {}) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  const keep = (d) => { output = (output + d).slice(-2000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, output: () => output };
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

/** Xvfb on the first free display (it writes the number it took to stdout). */
async function startXvfb() {
  const xvfb = start('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp']);
  const display = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display: ${xvfb.output()}`)), 10000);
    xvfb.child.stdout.on('data', (d) => { const m = /(\d+)\n/.exec(xvfb.output()); if (m) { clearTimeout(timer); resolve(`:${m[1]}`); } });
    xvfb.child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${xvfb.output()}`)));
  });
  return { display, child: xvfb.child };
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** WebDriver's code points of the keys `press` knows. */
const KEYS = { Enter: '\uE007' };

async function launchWebKit() {
  const xvfb = await startXvfb();
  let driver;
  try {
    const port = await freePort();
    driver = start('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { DISPLAY: xvfb.display });
    const base = `http://127.0.0.1:${port}`;
    /** One WebDriver command; a WebDriver error becomes a thrown Error with its message. */
    const command = async (method, path, body) => {
      const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
      const { value } = await response.json();
      if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
      return value;
    };
    for (let i = 0; ; i++) {
      const ready = await fetch(`${base}/status`).then((r) => r.ok, () => false);
      if (ready) break;
      if (i > 100 || driver.child.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${driver.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const created = await command('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    });
    const session = `/session/${created.sessionId}`;
    await command('POST', `${session}/window/rect`, { width: 1100, height: 900 });
    const find = async (css) => (await command('POST', `${session}/element`, { using: 'css selector', value: css }))[ELEMENT];
    const the = {
      name: 'webkit',
      version: created.capabilities.browserVersion,
      // One window per session: a "new page" is the session's window, emptied.
      async newPage() {
        await command('POST', `${session}/url`, { url: 'about:blank' });
        return page({
          goto: (url) => command('POST', `${session}/url`, { url }),
          async evaluate(fn, arg = null) {
            const script = `const done = arguments[1];
              Promise.resolve().then(() => (${fn})(arguments[0])).then(
                (value) => done({ value: value === undefined ? null : value }),
                (e) => done({ error: String(e) + (e && e.stack ? '\\n' + e.stack : '') }));`;
            const result = await command('POST', `${session}/execute/async`, { script, args: [arg] });
            if (result.error) throw new Error(`in the page: ${result.error}`);
            return result.value;
          },
          click: async (css) => command('POST', `${session}/element/${await find(css)}/click`, {}),
          type: async (css, text) => command('POST', `${session}/element/${await find(css)}/value`, { text }),
          press: async (css, key) => command('POST', `${session}/element/${await find(css)}/value`, { text: KEYS[key] }),
          // WebDriver classic selects an option by clicking it.
          select: async (css, value) => command('POST', `${session}/element/${await find(`${css} option[value=${JSON.stringify(value)}]`)}/click`, {}),
          screenshot: async (path) => writeFile(path, Buffer.from(await command('GET', `${session}/screenshot`), 'base64')),
        });
      },
      async close() {
        await command('DELETE', session).catch(() => {});
        await stop(driver.child);
        await stop(xvfb.child);
      },
    };
    return the;
  } catch (e) {
    if (driver) await stop(driver.child);
    await stop(xvfb.child);
    throw e;
  }
}
