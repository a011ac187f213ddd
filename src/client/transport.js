// The client's only JavaScript: the loop of one call, one HTTP exchange through `fetch`,
// a wait, and the loop of a paginator. Every decision (signing, retry, backoff, clock skew,
// error naming, new credentials after an expired token) is made in Rust by the `call`
// (when cached credentials are due is `credentials/cache.js`'s); this file only awaits the
// platform's promises, timers and abort signals and hands their results back.

/**
 * Runs one call to its end: asks `call` for each signed attempt and what each outcome
 * means; awaits the credentials function, `fetch` and the backoff in between. Resolves
 * with the output; rejects with the error `call` makes. Frees `call` at the end.
 * `readsOutput` is false for an operation whose output has no members: its 2xx body is
 * discarded unread.
 */
export async function run(call, fetchFn, timeoutMs, signal, provider, readsOutput) {
  try {
    let forceRefresh = false;
    for (;;) {
      const request = call.attempt(provider && await credentials(call, provider, forceRefresh));
      let outcome;
      try {
        outcome = await send(fetchFn, request, timeoutMs, signal, readsOutput);
      } catch (failure) {
        outcome = failure;
      }
      const next = call.outcome(outcome);
      if (typeof next !== 'number') return next;
      // A negative number asks for fresh credentials and another attempt at once.
      forceRefresh = next < 0;
      if (forceRefresh) continue;
      try {
        await sleep(next, signal);
      } catch {
        throw call.abortError();
      }
    }
  } finally {
    call.free();
  }
}

/** `createSignedRequest` with a credentials function: `call`'s one attempt, signed. */
export async function signed(call, provider) {
  try {
    return call.attempt(await credentials(call, provider, false));
  } finally {
    call.free();
  }
}

/** What the credentials function gives; its failure as the error `call` makes of it. */
async function credentials(call, provider, forceRefresh) {
  try {
    return await provider(forceRefresh ? { forceRefresh } : undefined);
  } catch (err) {
    throw call.credentialsFailed(err);
  }
}

/**
 * Rejects with `{ kind: 'abort' | 'timeout' | 'network', message }`; resolves with the
 * response as one JSON string `{ status, statusText, headers, body }` (one crossing).
 * Without `readsOutput`, a 2xx body is discarded unread: nothing in it (garbage, a reset
 * halfway) can turn the success into a failure.
 */
async function send(fetchFn, request, timeoutMs, signal, readsOutput) {
  if (signal?.aborted) throw { kind: 'abort', message: 'the request was aborted' };
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs) : undefined;
  // `host` is signed but set by the platform from the URL.
  const { host, ...headers } = request.headers;
  try {
    // `fetch` refuses a body with GET, even an empty one.
    const requestBody = request.body === '' ? undefined : request.body;
    const response = await fetchFn(request.url, { method: request.method, headers, body: requestBody, signal: controller.signal });
    let body = '';
    if (readsOutput || !response.ok) body = await response.text();
    // Drained unawaited, its failures ignored, rather than cancelled: a cancelled body shows
    // in the browser as a failed request (net::ERR_ABORTED), a drained one frees the connection.
    else response.arrayBuffer().catch(() => {});
    const responseHeaders = {};
    response.headers.forEach((value, name) => { responseHeaders[name.toLowerCase()] = value; });
    return JSON.stringify({ status: response.status, statusText: response.statusText ?? '', headers: responseHeaders, body });
  } catch (err) {
    if (signal?.aborted) throw { kind: 'abort', message: 'the request was aborted' };
    if (timedOut) throw { kind: 'timeout', message: `no response within ${timeoutMs} ms` };
    throw { kind: 'network', message: `the request failed: ${err?.message ?? err}` };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}

/** Resolves after `ms`; rejects with `{ kind: 'abort' }` as soon as `signal` aborts. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject({ kind: 'abort', message: 'the request was aborted' });
    const done = () => { signal?.removeEventListener('abort', aborted); resolve(); };
    const timer = setTimeout(done, ms);
    const aborted = () => { clearTimeout(timer); reject({ kind: 'abort', message: 'the request was aborted' }); };
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

/**
 * The pages of a list operation, as the AWS SDK's paginators: sends `operation` through
 * `client` with `input` (a copy the paginator owns) and the token of the page before, until
 * a page has none (or, with `stopOnSameToken`, the same one again). Rust has checked the
 * arguments.
 */
export async function* pages(client, operation, input, inputToken, outputToken, limitKey, pageSize, startingToken, stopOnSameToken, options) {
  let token = startingToken ?? input[inputToken];
  for (;;) {
    const request = { ...input, [inputToken]: token };
    if (limitKey && request[limitKey] === undefined && pageSize !== undefined) request[limitKey] = pageSize;
    const page = await client.send(operation, request, options);
    yield page;
    const previous = token;
    token = page[outputToken];
    if (!token || (stopOnSameToken && token === previous)) return;
  }
}
