// The AWS SigV4 test suite through the `signRequest` export (release build, Node 20).
// The same cases, and the reasons four do not apply, are in tests/sigv4_suite.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import wasm from './wasm.mjs';

const data = new URL('../../../shared/data/', import.meta.url).pathname;
const notApplicable = [
  'get-header-value-multiline',
  'post-sts-header-after',
  'sigv4-test-suite/post-x-www-form-urlencoded',
  'sigv4-test-suite/post-x-www-form-urlencoded-parameters',
];
const SESSION_TOKEN = readFileSync(join(data, 'sigv4-test-suite/post-sts-token/readme.txt'), 'utf8')
  .split(/\r?\n/)
  .find((line) => line.startsWith('AQoDYXdzEPT'))
  .trim();

function caseDirs(dir, out = []) {
  if (existsSync(join(dir, `${basename(dir)}.req`))) out.push(dir);
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) caseDirs(path, out);
  }
  return out;
}

function readRequest(dir) {
  const text = readFileSync(join(dir, `${basename(dir)}.req`), 'utf8');
  const split = text.indexOf('\n\n');
  const [head, body] = split < 0 ? [text, ''] : [text.slice(0, split), text.slice(split + 2)];
  const [requestLine, ...headerLines] = head.split('\n');
  const [method, ...rest] = requestLine.split(' ');
  const target = rest.join(' ').replace(/ HTTP\/1\.1$/, '');
  const headers = {};
  for (const line of headerLines) {
    const at = line.indexOf(':');
    const name = line.slice(0, at).toLowerCase();
    const value = line.slice(at + 1);
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { method, url: `https://${headers.host}${target}`, headers, body };
}

const cases = [...caseDirs(join(data, 'sigv4-test-suite')), ...caseDirs(join(data, 'sigv4-test-suite-bazel-2017-variants'))]
  .filter((dir) => !notApplicable.some((name) => dir.endsWith(name)));

test('the suite has the expected cases', () => assert.equal(cases.length, 29));

for (const dir of cases) {
  test(`sigv4 suite: ${dir.slice(data.length)}`, () => {
    const request = readRequest(dir);
    const signed = wasm.signRequest(request, {
      region: 'us-east-1',
      service: 'service',
      signingDate: new Date('2015-08-30T12:36:00Z'),
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        sessionToken: 'x-amz-security-token' in request.headers ? SESSION_TOKEN : undefined,
      },
    });
    assert.equal(signed.headers.authorization, readFileSync(join(dir, `${basename(dir)}.authz`), 'utf8'));
    assert.equal(signed.headers['x-amz-date'], '20150830T123600Z');
  });
}
