// The client against a scripted local server (127.0.0.1), in Node 20, in a headless
// Chromium page and in a Web Worker there: retries, backoff with injected jitter, every modelled error and others,
// bodies that are not JSON, clock skew, timeouts, abort and credential refresh.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launchChromium } from '../browser/chromium.mjs';
import wasm from '../node/wasm.mjs';
import { startScriptedServer } from './scripted-server.mjs';
import { execute, ARN } from './execute.mjs';

const ok = { status: 200, body: { configuredModelAlgorithmAssociationArn: ARN } };
const error = (status, errorType, message = `a ${errorType}`, extra = {}) => ({ status, errorType, body: { message, ...extra } });

let scripted, pageServer, browser, page;

before(async () => {
  scripted = await startScriptedServer();
  let url;
  ({ server: pageServer, url } = await serve({ port: 0, extraMounts: [['/tests/', fileURLToPath(new URL('..', import.meta.url))]] }));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${url}tests/client/harness.html`);
  await page.evaluate(async () => {
    globalThis.mod = await import('/pkg/cleanroomsml_wasm.js');
    await globalThis.mod.default();
    globalThis.execute = (await import('/tests/client/execute.mjs')).execute;
    const worker = new Worker('/tests/client/worker.mjs', { type: 'module' });
    const pending = new Map();
    let next = 0;
    worker.onmessage = ({ data }) => {
      if (data.hasWindow) throw new Error('the worker has a window');
      pending.get(data.id)(data.outcome);
    };
    globalThis.inWorker = (spec) => new Promise((resolve) => {
      pending.set(++next, resolve);
      worker.postMessage({ id: next, spec });
    });
  });
});
after(async () => {
  await browser?.close();
  pageServer?.close();
  scripted?.close();
});

const environments = {
  node: (spec) => execute(wasm, spec),
  chromium: (spec) => page.evaluate((spec) => globalThis.execute(globalThis.mod, spec), spec),
  'a Web Worker': (spec) => page.evaluate((spec) => globalThis.inWorker(spec), spec),
};

for (const [env, run] of Object.entries(environments)) {
  describe(`client in ${env}`, () => {
    /** Scripts answers, runs the calls, returns { results, requests, … }. */
    async function scenario(answers, spec = {}) {
      const { endpoint, requests } = scripted.script(answers);
      const outcome = await run({ jitter: 0.5, ...spec, endpoint });
      return { ...outcome, requests, first: outcome.results[0] };
    }

    test('success on the first attempt', async () => {
      const { first, requests } = await scenario([ok]);
      assert.equal(first.ok, true, JSON.stringify(first));
      assert.deepEqual(first.output, {
        configuredModelAlgorithmAssociationArn: ARN,
        $metadata: { httpStatusCode: 200, requestId: `req-${requests[0].url.split('/')[2]}-1`, attempts: 1, totalRetryDelay: 0 },
      });
      assert.equal(requests.length, 1);
      assert.match(requests[0].url, /\/memberships\/0d0a0c1e-1111-4222-8333-944455556666\/configured-model-algorithm-associations$/);
      assert.match(requests[0].headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cleanrooms-ml\/aws4_request/);
      assert.equal(requests[0].headers['content-type'], 'application/json');
      assert.equal(JSON.parse(requests[0].body).name, 'churn model');
    });

    test('throttling, then success: retried after a jittered backoff, signed afresh', async () => {
      const { first, requests } = await scenario([error(429, 'ThrottlingException'), ok]);
      assert.equal(first.ok, true, JSON.stringify(first));
      assert.equal(first.output.$metadata.attempts, 2);
      assert.equal(first.output.$metadata.totalRetryDelay, 250); // 0.5 × 500 ms, the throttling base
      assert.equal(requests.length, 2);
      assert.ok(requests[1].at - requests[0].at >= 245, 'waited before retrying');
      assert.ok(requests.every((r) => r.headers.authorization && r.headers['x-amz-date']));
    });

    test('500, then success', async () => {
      const { first } = await scenario([error(500, 'InternalServerException'), ok]);
      assert.equal(first.ok, true);
      assert.equal(first.output.$metadata.attempts, 2);
      assert.equal(first.output.$metadata.totalRetryDelay, 50); // 0.5 × 100 ms
    });

    test('a conflict after an attempt that got no answer says the call may have made the resource', async () => {
      const { first, requests } = await scenario([{ hang: true }, error(409, 'ConflictException', 'already exists')], { requestTimeoutMs: 150 });
      assert.equal(requests.length, 2);
      assert.equal(first.error.name, 'ConflictException');
      assert.equal(first.error.earlierAttemptMayHaveSucceeded, true);
      assert.match(first.error.message, /^already exists \(An earlier attempt of this call got no answer/);
      const known = await scenario([error(500, 'InternalServerException'), error(409, 'ConflictException', 'already exists')]);
      assert.equal(known.first.error.earlierAttemptMayHaveSucceeded, undefined);
      assert.equal(known.first.error.message, 'already exists');
    });

    test('an operation whose output has no members takes any 200 body unread', async () => {
      const input = { resourceArn: ARN, tags: { team: 'ml' } };
      const { first, requests } = await scenario([{ status: 200, body: '<html>\u0000 not JSON' }], { operation: 'TagResource', input });
      assert.equal(first.ok, true, JSON.stringify(first));
      assert.equal(first.output.$metadata.attempts, 1);
      assert.equal(requests.length, 1);
      const read = await scenario([{ status: 200, body: '<html>\u0000 not JSON' }], { operation: 'ListTagsForResource', input: { resourceArn: ARN } });
      assert.equal(read.first.error.name, 'InvalidResponseError');
    });

    test('5xx until the attempts run out', async () => {
      const { first, requests } = await scenario([503, 503, 503, 503].map((s) => error(s, 'ServiceUnavailableException')), { maxAttempts: 3, jitter: 1 });
      assert.equal(first.ok, false);
      assert.equal(first.isError, true);
      assert.equal(requests.length, 3);
      const { name, message, $fault, $retryable, $metadata } = first.error;
      assert.deepEqual({ name, message, $fault, $retryable }, {
        name: 'ServiceUnavailableException', message: 'a ServiceUnavailableException', $fault: 'server', $retryable: { throttling: false },
      });
      // jitter 1: 100 ms, then 200 ms.
      assert.deepEqual($metadata, { httpStatusCode: 503, requestId: `req-${requests[0].url.split('/')[2]}-3`, attempts: 3, totalRetryDelay: 300 });
    });

    for (const [status, name] of [[400, 'ValidationException'], [403, 'AccessDeniedException'], [404, 'ResourceNotFoundException'], [409, 'ConflictException']]) {
      test(`${name} (${status}) is not retried`, async () => {
        const { first, requests } = await scenario([error(status, `${name}:http://internal.amazon.com/coral/`), ok]);
        assert.equal(requests.length, 1);
        assert.equal(first.error.name, name);
        assert.equal(first.error.message, `a ${name}:http://internal.amazon.com/coral/`);
        assert.equal(first.error.$fault, 'client');
        assert.equal(first.error.$retryable, undefined);
        assert.equal(first.error.$metadata.httpStatusCode, status);
      });
    }

    test('ServiceQuotaExceededException carries the quota', async () => {
      const { first } = await scenario([error(402, 'ServiceQuotaExceededException', 'too many', { quotaName: 'Associations per membership', quotaValue: 100 })]);
      assert.equal(first.error.name, 'ServiceQuotaExceededException');
      assert.equal(first.error.quotaName, 'Associations per membership');
      assert.equal(first.error.quotaValue, 100);
    });

    test('ThrottlingException with one attempt allowed', async () => {
      const { first, requests } = await scenario([error(429, 'ThrottlingException')], { maxAttempts: 1 });
      assert.equal(requests.length, 1);
      assert.equal(first.error.name, 'ThrottlingException');
      assert.deepEqual(first.error.$retryable, { throttling: true });
    });

    test('an unmodelled error named by the body, namespace removed', async () => {
      const { first } = await scenario([{ status: 403, body: { __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.' } }]);
      assert.equal(first.error.name, 'UnrecognizedClientException');
      assert.equal(first.error.message, 'The security token included in the request is invalid.');
    });

    test('an HTML page from a proxy: a clear error with the status, retried as a 5xx', async () => {
      const html = { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } };
      const { first, requests } = await scenario([html, html], { maxAttempts: 2 });
      assert.equal(requests.length, 2);
      assert.equal(first.error.name, 'UnknownError');
      assert.match(first.error.message, /^HTTP 502 Bad Gateway with a body that is not JSON \(text\/html\): <html>/);
    });

    test('an empty body', async () => {
      const { first } = await scenario([{ status: 403, errorType: 'AccessDeniedException' }]);
      assert.equal(first.error.name, 'AccessDeniedException');
      assert.equal(first.error.message, 'HTTP 403 Forbidden with an empty body');
    });

    test('a 200 whose body is not the output', async () => {
      const { first } = await scenario([{ status: 200, body: '{"configuredModelAlgorithmAssociationArn": "arn:aws:cl' }]);
      assert.equal(first.error.name, 'InvalidResponseError');
      assert.match(first.error.message, /^HTTP 200 OK with a body that is not JSON/);
    });

    test('a skewed clock is corrected, retried, and the correction kept for later calls', async () => {
      const hour = 3_600_000;
      const { results, requests, clockOffsetMs } = await scenario(
        [{ ...error(403, 'InvalidSignatureException', 'Signature expired'), dateOffsetMs: hour }, { ...ok, dateOffsetMs: hour }, { ...ok, dateOffsetMs: hour }],
        { calls: 2 },
      );
      assert.equal(results[0].ok, true, JSON.stringify(results[0]));
      assert.equal(results[0].output.$metadata.attempts, 2);
      assert.ok(Math.abs(clockOffsetMs - hour) < 5000, `offset ${clockOffsetMs}`);
      const signedAt = (r) => Date.parse(r.headers['x-amz-date'].replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
      assert.ok(Math.abs(signedAt(requests[0]) - requests[0].at) < 5000, 'first attempt on the local clock');
      assert.ok(Math.abs(signedAt(requests[1]) - (requests[1].at + hour)) < 5000, 'retry on the corrected clock');
      assert.equal(results[1].output.$metadata.attempts, 1, 'the next call needs no correction');
      assert.ok(Math.abs(signedAt(requests[2]) - (requests[2].at + hour)) < 5000);
    });

    test('without a readable Date, the skew is corrected from the time in the error message', async () => {
      const hour = 3_600_000;
      const basic = (ms) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
      const server = Date.now() + hour;
      const message = `Signature expired: ${basic(Date.now())} is now earlier than ${basic(server - 300_000)} (${basic(server)} - 5 min.)`;
      const { results, requests, clockOffsetMs } = await scenario([{ ...error(403, 'InvalidSignatureException', message), noDate: true }, { ...ok, noDate: true }]);
      assert.equal(results[0].ok, true, JSON.stringify(results[0]));
      assert.equal(results[0].output.$metadata.attempts, 2);
      assert.ok(Math.abs(clockOffsetMs - hour) < 5000, `offset ${clockOffsetMs}`);
      const signedAt = Date.parse(requests[1].headers['x-amz-date'].replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
      assert.ok(Math.abs(signedAt - (requests[1].at + hour)) < 5000, 'retry on the corrected clock');
      const early = message.replace('expired', 'not yet current').replace('now earlier', 'still later').replace(' - 5 min.', ' + 5 min.');
      const ahead = await scenario([{ ...error(403, 'InvalidSignatureException', early), noDate: true }, { ...ok, noDate: true }]);
      assert.equal(ahead.results[0].ok, true);
      assert.ok(Math.abs(ahead.clockOffsetMs - hour) < 5000);
    });

    test('a signature error without skew is not retried', async () => {
      const { first, requests } = await scenario([error(403, 'InvalidSignatureException'), ok]);
      assert.equal(requests.length, 1);
      assert.equal(first.error.name, 'InvalidSignatureException');
    });

    test('a request that never answers: a retryable TimeoutError per attempt', async () => {
      const { first, requests } = await scenario([{ hang: true }, { hang: true }], { requestTimeoutMs: 150, maxAttempts: 2, jitter: 0 });
      assert.equal(requests.length, 2);
      assert.equal(first.error.name, 'TimeoutError');
      assert.equal(first.error.message, 'no response within 150 ms');
      assert.deepEqual(first.error.$retryable, { throttling: false });
      assert.equal(first.error.$metadata.attempts, 2);
      assert.ok(first.ms >= 290 && first.ms < 3000, `${first.ms} ms`);
    });

    test('abort stops a hung request at once', async () => {
      const { first } = await scenario([{ hang: true }], { abortAfterMs: 100 });
      assert.equal(first.isError, true);
      assert.equal(first.error.name, 'AbortError');
      assert.ok(first.ms < 1000, `${first.ms} ms`);
    });

    test('abort stops the backoff wait', async () => {
      // jitter 1: waits of 100, 200, 400, 800, 1600 ms (3.1 s in all) unless the abort at
      // 250 ms cuts them short; bounds are loose for a loaded machine.
      const { first, requests } = await scenario(Array(6).fill(error(500, 'InternalServerException')), { maxAttempts: 6, jitter: 1, abortAfterMs: 250 });
      assert.equal(first.error.name, 'AbortError');
      assert.ok(first.ms < 1500, `${first.ms} ms`);
      assert.ok(requests.length >= 1 && requests.length <= 4, `${requests.length} requests`);
    });

    test('a network failure is retried, then reported', async () => {
      const { results } = await run({ endpoint: 'http://127.0.0.1:9', jitter: 0 });
      assert.equal(results[0].error.name, 'NetworkError');
      assert.match(results[0].error.message, /^the request failed: /);
      assert.equal(results[0].error.$metadata.attempts, 3);
      assert.equal(results[0].error.$fault, 'server');
    });

    test('an invalid input is rejected before anything is sent', async () => {
      const { first, requests } = await scenario([ok], { input: { name: '' } });
      assert.equal(requests.length, 0);
      assert.equal(first.error.name, 'ValidationError');
      assert.deepEqual(first.error.report.issues.map((i) => i.path), ['name', 'membershipIdentifier', 'configuredModelAlgorithmArn']);
    });

    test('a credentials function is called once, and again when they near expiry', async () => {
      const lasting = await scenario([ok, ok, ok], { calls: 3, credentialsFunction: { expiresInMs: 3_600_000 } });
      assert.equal(lasting.credentialCalls, 1);
      const short = await scenario([ok, ok], { calls: 2, credentialsFunction: { expiresInMs: 60_000 } });
      assert.equal(short.credentialCalls, 1, 'credentials living under five minutes are reused for half their life, not fetched at every call');
      const due = await scenario([ok, ok], { calls: 2, credentialsFunction: { expiresInMs: 0 } });
      assert.equal(due.credentialCalls, 2, 'credentials already expired are fetched once per call, never in a loop');
      assert.deepEqual(due.results.map((r) => r.error?.name), ['ConfigurationError', 'ConfigurationError'], 'and refused by the signer');
    });

    test('an expired session token: the credentials are refreshed once and the call retried at once', async () => {
      const expired = error(403, 'ExpiredTokenException', 'The security token included in the request is expired');
      const refreshed = await scenario([expired, ok], { credentialsFunction: { expiresInMs: 3_600_000 } });
      assert.equal(refreshed.results[0].ok, true);
      assert.equal(refreshed.results[0].output.$metadata.attempts, 2);
      assert.equal(refreshed.results[0].output.$metadata.totalRetryDelay, 0);
      assert.deepEqual([refreshed.credentialCalls, refreshed.forcedRefreshes], [2, 1]);
      const twice = await scenario([expired, expired, ok], { credentialsFunction: { expiresInMs: 3_600_000 } });
      assert.equal(twice.results[0].error.name, 'ExpiredTokenException', 'refreshed once only');
      assert.equal(twice.results[0].error.$metadata.attempts, 2);
      const fixed = await scenario([expired, ok]);
      assert.equal(fixed.results[0].error.name, 'ExpiredTokenException', 'fixed credentials cannot be refreshed');
      assert.equal(fixed.results[0].error.$metadata.attempts, 1);
    });
  });
}

describe('client configuration', () => {
  const config = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 's' } };
  const thrown = (c) => {
    try {
      new wasm.CleanRoomsMlClient(c);
    } catch (e) {
      return { name: e.name, code: e.code, path: e.path };
    }
    return null;
  };

  test('mistakes are reported by the constructor', () => {
    assert.equal(thrown(config), null);
    assert.deepEqual(thrown({ ...config, region: undefined }), { name: 'ConfigurationError', code: 'required', path: 'config.region' });
    assert.deepEqual(thrown({ ...config, maxAttempts: 0 }), { name: 'ConfigurationError', code: 'invalid', path: 'config.maxAttempts' });
    assert.deepEqual(thrown({ ...config, maxAttempts: 2.5 }), { name: 'ConfigurationError', code: 'invalid', path: 'config.maxAttempts' });
    assert.deepEqual(thrown({ ...config, requestTimeoutMs: -1 }), { name: 'ConfigurationError', code: 'invalid', path: 'config.requestTimeoutMs' });
    assert.deepEqual(thrown({ ...config, fetch: 'fetch' }), { name: 'ConfigurationError', code: 'type', path: 'config.fetch' });
    assert.deepEqual(thrown({ ...config, credentials: undefined }), { name: 'ConfigurationError', code: 'required', path: 'config.credentials' });
    assert.deepEqual(thrown({ ...config, endpoint: 'nope' }), { name: 'ConfigurationError', code: 'invalid', path: 'config.endpoint' });
  });

  test('a custom fetch is used instead of globalThis.fetch', async () => {
    const seen = [];
    const fetch = async (url, init) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ configuredModelAlgorithmAssociationArn: ARN }), { status: 200 });
    };
    const client = new wasm.CleanRoomsMlClient({ ...config, fetch });
    const out = await client.createConfiguredModelAlgorithmAssociation((await import('./execute.mjs')).INPUT);
    assert.equal(out.configuredModelAlgorithmAssociationArn, ARN);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].init.method, 'POST');
    assert.equal(seen[0].init.headers.host, undefined, 'host is left to the platform');
  });

  test('a failing credentials function rejects with a ConfigurationError', async () => {
    const client = new wasm.CleanRoomsMlClient({ ...config, credentials: async () => { throw new Error('no session'); } });
    await assert.rejects(client.createConfiguredModelAlgorithmAssociation((await import('./execute.mjs')).INPUT), {
      name: 'ConfigurationError',
      path: 'config.credentials',
      message: 'the credentials function failed: no session',
    });
  });
});
