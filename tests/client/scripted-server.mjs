// A local HTTP server on 127.0.0.1 that answers from scripts, for the client tests. Each
// script gets its own base path (`/s/<n>`, used as the client's endpoint) and a list of
// answers for its successive requests; what each request carried is recorded.
import { createServer } from 'node:http';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, date',
};

/**
 * An answer: { status, errorType?, body?: object | string, headers?, dateOffsetMs?, hang?: true }.
 * `hang` never answers; `dateOffsetMs` sends a `Date` that far from the real time;
 * `noDate` sends none, as a page sees an answer whose CORS does not expose `Date`.
 */
export async function startScriptedServer() {
  const scripts = new Map();
  const sockets = new Set();
  let next = 0;
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type, authorization, x-amz-date, x-amz-security-token',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const id = req.url.match(/^\/s\/(\d+)\//)?.[1];
      const script = scripts.get(id);
      if (!script) {
        res.writeHead(404, CORS);
        return res.end();
      }
      script.requests.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() });
      const answer = script.answers.shift() ?? { status: 500, body: { message: 'script exhausted' } };
      if (answer.hang) return; // never answers; the socket is destroyed on close()
      const body = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
      const headers = {
        ...CORS,
        'x-amzn-requestid': `req-${id}-${script.requests.length}`,
        ...(answer.noDate ? {} : { date: new Date(Date.now() + (answer.dateOffsetMs ?? 0)).toUTCString() }),
        ...(typeof answer.body === 'object' ? { 'content-type': 'application/json' } : {}),
        ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
        ...answer.headers,
      };
      res.sendDate = !answer.noDate;
      res.writeHead(answer.status, headers);
      res.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    /** Registers answers; returns the endpoint to use and the list requests are recorded in. */
    script(answers) {
      const id = String(++next);
      const script = { answers: [...answers], requests: [] };
      scripts.set(id, script);
      return { endpoint: `${base}/s/${id}`, requests: script.requests };
    },
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
