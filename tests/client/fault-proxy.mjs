// A fault-injecting HTTP proxy on 127.0.0.1 in front of an endpoint (scripts/local-endpoint.mjs),
// for the client's fault tests (faults.test.mjs) and bench/retry-gaps.mjs. Each request takes
// the next fault of the plan (an empty plan passes requests through); preflights always pass.
// Every exchange is recorded: when it arrived, when it ended (its answer finished or its
// connection closed) and what was done, so attempts are counted and the gaps between them
// (the client's backoff) measured here, outside the client.
import { createServer, request as httpRequest } from 'node:http';

/**
 * What each fault does. "Forwarded" ones reach the endpoint, which applies the request (a
 * Create… creates): the client then cannot know the outcome unless it reads a whole answer.
 */
export const FAULTS = {
  /** 500 with a JSON message and no error type, not forwarded. */
  status500: 'HTTP 500, not forwarded',
  /** 503 with an HTML page, as a load balancer sends, not forwarded. */
  html503: 'HTTP 503 with an HTML page, not forwarded',
  /** 429 ThrottlingException, not forwarded. */
  throttle429: 'HTTP 429 ThrottlingException, not forwarded',
  /** The connection is reset before any answer, not forwarded. */
  resetBefore: 'connection reset before the answer, not forwarded',
  /** Forwarded; the connection is reset with nothing answered (applied, answer lost). */
  lost: 'forwarded, then the connection reset with no answer',
  /** Forwarded; the status, headers and half the body are sent, then the connection is reset. */
  resetDuring: 'forwarded, then reset halfway through the answer',
  /** Forwarded; a 200 whose body is the first half of the endpoint's (a complete HTTP message). */
  truncated200: 'forwarded, answered 200 with half the body',
  /** Forwarded; a 200 whose body is not JSON. */
  garbage200: 'forwarded, answered 200 with a body that is not JSON',
  /** Forwarded; the endpoint's answer held back for `slowMs` (longer than the client's timeout). */
  slow: 'forwarded, answered after slowMs',
};

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype' };

/** Resolves to { url, plan(faults), pending(), exchanges, close() }. */
export async function startFaultProxy(target, { slowMs = 1000 } = {}) {
  const queue = [];
  const exchanges = [];
  const sockets = new Set();
  const server = createServer((req, res) => handle(req, res).catch((err) => {
    // A test double that fails says so loudly: the answer is a 599 the client cannot mistake.
    if (!res.headersSent) injectedError(res, err);
    else res.destroy();
  }));
  async function handle(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    if (req.method === 'OPTIONS') return answer(res, await forward(target, req, body));
    const fault = queue.shift() ?? 'pass';
    const exchange = { fault, method: req.method, path: req.url, arrived: performance.now(), ended: undefined };
    exchanges.push(exchange);
    res.on('close', () => { exchange.ended = performance.now(); });
    const injected = (status, headers, text) => {
      res.writeHead(status, { ...CORS, ...headers });
      res.end(text);
    };
    switch (fault) {
      case 'pass': return answer(res, await forward(target, req, body));
      case 'status500': return injected(500, { 'content-type': 'application/json' }, '{"message":"Internal server error (injected)"}');
      case 'html503': return injected(503, { 'content-type': 'text/html' }, '<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
      case 'throttle429': return injected(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' }, '{"message":"Rate exceeded"}');
      case 'resetBefore': return req.socket.destroy();
    }
    const upstream = await forward(target, req, body);
    switch (fault) {
      case 'lost': return req.socket.destroy();
      case 'resetDuring': {
        res.writeHead(upstream.status, { ...hopless(upstream.headers), 'content-length': String(upstream.body.length) });
        res.write(upstream.body.subarray(0, upstream.body.length >> 1));
        // Long enough for the client to have the status and headers before the reset.
        return setTimeout(() => req.socket.destroy(), 50);
      }
      case 'truncated200': {
        const { 'content-length': _, ...headers } = hopless(upstream.headers);
        return injected(200, headers, upstream.body.subarray(0, upstream.body.length >> 1));
      }
      case 'garbage200': return injected(200, { 'content-type': 'application/json' }, '<html>\u0000\u00ff not JSON {"');
      case 'slow': return setTimeout(() => res.destroyed || answer(res, upstream), slowMs);
      default: throw new Error(`unknown fault ${fault}`);
    }
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Queues faults for the next requests, in order. */
    plan(faults) {
      for (const fault of faults) {
        if (!(fault in FAULTS)) throw new Error(`unknown fault ${fault}`);
        queue.push(fault);
      }
    },
    /** Faults planned and not yet used. */
    pending: () => queue.length,
    exchanges,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The milliseconds between the end of each exchange and the arrival of the next. */
export const gapsOf = (exchanges) => exchanges.slice(1).map((e, i) => e.arrived - exchanges[i].ended);

/** The request sent on to `target` as it came (its `host` included, which the signature covers); resolves with the whole answer. */
function forward(target, req, body) {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(new URL(req.url, target), { method: req.method, headers: req.headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function answer(res, { status, headers, body }) {
  res.writeHead(status, { ...hopless(headers), 'content-length': String(body.length) });
  res.end(body);
}

/** The headers without those of the connection they came on. */
function hopless(headers) {
  const { 'transfer-encoding': _, connection: __, 'keep-alive': ___, ...kept } = headers;
  return kept;
}

function injectedError(res, err) {
  res.writeHead(599, { ...CORS, 'content-type': 'application/json', 'x-amzn-errortype': 'FaultProxyFailure' });
  res.end(JSON.stringify({ message: `the fault proxy failed: ${err.message}` }));
}
