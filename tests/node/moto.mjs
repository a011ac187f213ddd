// moto's server (moto from PyPI, in the project's .venv: see tests/requirements.txt) as an
// independent Cognito identity pool and STS for the browser credential providers' tests.
//
// startMoto() runs `.venv/bin/python -m moto.server -H 127.0.0.1 -p 0` in its own process
// group, reads the port it bound from its log, waits until it answers, and close() ends the
// whole group (so does this process's end, even by SIGKILL: moto watches its stdin). It
// throws, with moto's stderr, when moto is not installed or does not start: a test that
// needs moto fails, it is never skipped.
//
// What moto 5.2.5 does with the requests a browser sends (unsigned, to http://127.0.0.1:PORT/):
// - Routing ignores the Host header. An unsigned request goes to cognito-identity when its
//   X-Amz-Target starts with "AWSCognitoIdentityService.", and to STS when its form body
//   (content-type application/x-www-form-urlencoded) has Action=AssumeRoleWithWebIdentity;
//   both land in us-east-1. Only the path "/" is served (another path: 404). A GET with the
//   action in the query string, or any other unsigned STS action, falls through to S3.
//   A signed request is routed by its credential scope's service and region (not checked).
// - Cognito answers JSON with content-type "text/html; charset=utf-8" (errors it declares:
//   application/json with x-amzn-errortype). GetCredentialsForIdentity always gives the same
//   fixed credentials, Expiration in epoch seconds with a fraction, 90 s ahead.
// - AssumeRoleWithWebIdentity answers text/xml; Expiration ISO 8601 with microseconds,
//   DurationSeconds ahead (3600 by default). The token and the role are not checked.
// - Unknown pools, missing members and bad JSON crash moto: 500, an HTML page, and no CORS
//   header (in a browser that is a failed fetch, not a readable answer).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's venv, as scripts/bootstrap.sh makes it. */
export const VENV = fileURLToPath(new URL('../../.venv', import.meta.url));

/** A role for AssumeRoleWithWebIdentity: moto needs no IAM role or OIDC provider to exist. */
export const WEB_IDENTITY_ROLE_ARN = 'arn:aws:iam::123456789012:role/cleanroomsml-web';

/** What moto's GetCredentialsForIdentity always answers (moto/cognitoidentity/models.py). */
export const MOTO_COGNITO_CREDENTIALS = Object.freeze({
  AccessKeyId: 'TESTACCESSKEY12345',
  SecretKey: 'ABCSECRETKEY',
  SessionToken: 'ABC12345',
  lifetimeSeconds: 90,
});

const STDERR_KEPT = 64 * 1024;

// `python -m moto.server ARGS`, and a thread that ends it when its stdin closes: when this
// process ends, however it ends (a test runner's SIGKILL too), moto does not outlive it.
const WATCHED_MOTO_SERVER = `
import os, runpy, sys, threading
def watch():
    while os.read(0, 4096):
        pass
    os._exit(0)
threading.Thread(target=watch, daemon=True).start()
sys.argv[0] = "moto_server"
runpy.run_module("moto.server", run_name="__main__", alter_sys=True)
`;

/**
 * Starts moto's server on a free port of 127.0.0.1.
 * @param {{ venv?: string, timeoutMs?: number, env?: Record<string, string> }} [options]
 *   venv: the Python venv with moto (default: the project's .venv);
 *   env: extra environment for moto (e.g. MOTO_* settings).
 * @returns {Promise<{ url: string, port: number, pid: number, stderr: () => string,
 *   reset: () => Promise<void>, createIdentityPool: (options?: object) => Promise<object>,
 *   close: () => Promise<{ code: number | null, signal: string | null }> }>}
 */
export async function startMoto({ venv = VENV, timeoutMs = 60000, env = {} } = {}) {
  const python = `${venv}/bin/python`;
  if (!existsSync(python)) {
    throw new Error(`moto: no Python at ${python}; run scripts/bootstrap.sh (it installs tests/requirements.txt there)`);
  }
  const child = spawn(python, ['-c', WATCHED_MOTO_SERVER, '-H', '127.0.0.1', '-p', '0'], {
    detached: true, // its own process group, so close() can end it and anything it started
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      PYTHONUNBUFFERED: '1',
      // No real credentials or config may reach moto, and it must not look for any.
      AWS_ACCESS_KEY_ID: 'moto', AWS_SECRET_ACCESS_KEY: 'moto',
      AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  });
  // Neither moto nor its pipes keep this process alive; close() or this process's end stops moto.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref?.();
  child.stdin.on('error', () => {});
  let log = '';
  const keep = (chunk) => { log = (log + chunk).slice(-STDERR_KEPT); };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));
  const spawnError = new Promise((resolve) => child.once('error', resolve));
  // Should the test process end without close(), the server goes with it.
  const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  let closed = false;
  const close = async () => {
    if (closed) return exit;
    closed = true;
    process.removeListener('exit', onExit);
    if (!exited && child.pid) {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    }
    return exit;
  };
  const fail = async (why) => {
    await close();
    throw new Error(`moto did not start: ${why}\n--- moto's output ---\n${log.trim() || '(none)'}`);
  };

  // The port: werkzeug logs " * Running on http://127.0.0.1:PORT" once it listens.
  const deadline = Date.now() + timeoutMs;
  let port;
  while (port === undefined) {
    const error = await Promise.race([spawnError, exit.then(() => null), sleep(50).then(() => undefined)]);
    if (error) return fail(`could not run ${python}: ${error.message}`);
    if (exited) return fail(`it exited (code ${exited.code}, signal ${exited.signal})`);
    const m = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
    if (m) port = Number(m[1]);
    else if (Date.now() > deadline) return fail(`no "Running on" line within ${timeoutMs} ms`);
  }
  const url = `http://127.0.0.1:${port}`;
  // Ready when it answers: moto's own API, which loads no service.
  for (;;) {
    if (exited) return fail(`it exited (code ${exited.code}, signal ${exited.signal})`);
    try {
      const res = await fetch(`${url}/moto-api/config`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) return fail(`${url} did not answer within ${timeoutMs} ms`);
    await sleep(100);
  }

  return {
    url,
    port,
    pid: child.pid,
    /** What moto printed so far (its access log and any traceback), the last 64 KiB. */
    stderr: () => log,
    /** Forgets every resource (moto's POST /moto-api/reset). */
    reset: async () => {
      const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`moto reset: ${res.status}`);
    },
    createIdentityPool: (options) => createIdentityPool(url, options),
    close,
  };
}

/**
 * Creates an identity pool that lets unauthenticated identities in (setup, not the client
 * under test). moto checks no signature: only the region of the Authorization header's
 * credential scope is read, and it picks the region, hence the pool id's prefix. Resolves to
 * moto's answer ({ IdentityPoolId, IdentityPoolName, AllowUnauthenticatedIdentities, … }).
 */
export async function createIdentityPool(url, { name = 'cleanroomsml_test', region = 'us-east-1', allowUnauthenticated = true, ...more } = {}) {
  const { status, json, text } = await cognitoIdentity(url, 'CreateIdentityPool', {
    IdentityPoolName: name, AllowUnauthenticatedIdentities: allowUnauthenticated, ...more,
  }, {
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDMOTOSETUP/20240101/${region}/cognito-identity/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
  });
  if (status !== 200 || !json?.IdentityPoolId) throw new Error(`moto CreateIdentityPool: ${status} ${text}`);
  return json;
}

/**
 * One Cognito Identity call as a browser makes it: unsigned POST / with X-Amz-Target.
 * Resolves to { status, headers, text, json } (json undefined when the body is not JSON).
 */
export async function cognitoIdentity(url, operation, input, headers = {}) {
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityService.${operation}`,
      ...headers,
    },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * AssumeRoleWithWebIdentity as a browser sends it: unsigned form POST to /.
 * Resolves to { status, headers, text, credentials } (credentials parsed from the XML, or null).
 */
export async function assumeRoleWithWebIdentity(url, { roleArn = WEB_IDENTITY_ROLE_ARN, roleSessionName = 'cleanroomsml-test', webIdentityToken, durationSeconds } = {}) {
  const form = new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: roleSessionName,
    WebIdentityToken: webIdentityToken ?? fakeWebIdentityToken(),
  });
  if (durationSeconds !== undefined) form.set('DurationSeconds', String(durationSeconds));
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, credentials: parseStsCredentials(text) };
}

/** The Credentials and AssumedRoleUser of an STS answer's XML, or null. */
export function parseStsCredentials(xml) {
  const get = (name, within = xml) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(within)?.[1];
  const creds = /<Credentials>([\s\S]*?)<\/Credentials>/.exec(xml)?.[1];
  if (!creds) return null;
  const user = /<AssumedRoleUser>([\s\S]*?)<\/AssumedRoleUser>/.exec(xml)?.[1] ?? '';
  return {
    AccessKeyId: get('AccessKeyId', creds),
    SecretAccessKey: get('SecretAccessKey', creds),
    SessionToken: get('SessionToken', creds),
    Expiration: get('Expiration', creds),
    AssumedRoleArn: get('Arn', user),
    AssumedRoleId: get('AssumedRoleId', user),
  };
}

/** A JWT-shaped token (unsigned: moto does not read it; a real STS would refuse it). */
export function fakeWebIdentityToken(claims = {}) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'moto' })}.${b64({
    iss: 'https://idp.example.test', aud: 'cleanroomsml-test', sub: 'user-1', iat: now, exp: now + 3600, ...claims,
  })}.${Buffer.from('not-a-signature').toString('base64url')}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
