// Static server for the demo page and the tests, bound to 127.0.0.1 only.
// `/pkg/…` is the wasm-pack output; everything else comes from `www/`.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const defaultMounts = [
  ['/pkg/', join(root, 'pkg')],
  ['/', join(root, 'www')],
];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Maps a URL path to a file inside one of the mounts, or null if it points outside. */
function fileFor(mounts, urlPath) {
  const [prefix, dir] = mounts.find(([p]) => urlPath.startsWith(p));
  let rel = decodeURIComponent(urlPath.slice(prefix.length));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(dir, rel));
  return file.startsWith(dir + sep) ? file : null;
}

/**
 * Starts the server; resolves to { server, url }. Port 0 picks a free port. Tests add
 * mounts, e.g. `['/tests/', dir]`, to load their own modules into the page; `config`
 * is served as /demo-config.json (see scripts/demo.mjs; `{}` without a demo); `headers`
 * are added to every file (the benchmark's cross-origin isolation).
 */
export function serve({ port = 8080, extraMounts = [], config, headers = {} } = {}) {
  const mounts = [...extraMounts, ...defaultMounts].map(([prefix, dir]) => [prefix, resolve(dir)]);
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (path === '/demo-config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(JSON.stringify(config ?? {}));
    }
    const file = fileFor(mounts, path);
    try {
      if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) throw new Error('not found');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolvePromise({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}
