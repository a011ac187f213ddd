// `validate` in headless Chromium, through the release package, with JavaScript values
// that JSON cannot express: every one gives a report, never a throw or a trap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './chromium.mjs';

let session, page;

before(async () => {
  session = await startSession();
  page = await session.browser.newPage();
  await page.goto(session.url);
  await page.evaluate(async () => {
    const mod = await import('/pkg/cleanroomsml_wasm.js');
    await mod.default();
    globalThis.wasm = mod;
    globalThis.validRequest = () => ({
      membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
      configuredModelAlgorithmArn:
        'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc',
      name: 'churn model',
      privacyConfiguration: {
        policies: {
          trainedModels: {
            containerLogs: [{ allowedAccountIds: ['123456789012'], filterPattern: 'ERROR.*' }],
            maxArtifactSize: { unit: 'GB', value: 1.5 },
          },
          trainedModelExports: { maxSize: { unit: 'GB', value: 2 }, filesToExport: ['MODEL'] },
          trainedModelInferenceJobs: { maxOutputSize: { unit: 'GB', value: 50 } },
        },
      },
      tags: { team: 'ml' },
    });
  });
});
after(() => session?.close());

/** Runs `build` (source of a function of `validRequest()`) in the page and validates its result. */
async function validateIn(build) {
  return page.evaluate(async (source) => {
    const input = new Function('r', source)(validRequest());
    const started = performance.now();
    const report = wasm.validate(input);
    const ms = performance.now() - started;
    const plain = Array.isArray(report.issues) && Object.getPrototypeOf(report) === Object.prototype;
    // A valid request still validates afterwards: nothing was corrupted.
    const after = wasm.validate(validRequest());
    return { report, ms, plain, afterOk: after.ok && after.issues.length === 0 };
  }, build);
}

const pairs = (report) => report.issues.map((i) => `${i.path} ${i.code}`);

const cases = [
  ['a valid request', 'return r', []],
  ['undefined', 'return undefined', [' type']],
  ['null', 'return null', [' type']],
  ['a number', 'return 42', [' type']],
  ['a string', 'return "{}"', [' type']],
  ['an array', 'return [r]', [' type']],
  ['a bigint', 'return 10n', [' type']],
  ['a symbol', 'return Symbol("x")', [' type']],
  ['a function', 'return () => r', [' type']],
  ['an object with no prototype', 'return Object.assign(Object.create(null), r)', []],
  ['a class instance', 'class Req { constructor(o) { Object.assign(this, o) } } return new Req(r)', []],
  ['NaN size', 'r.privacyConfiguration.policies.trainedModels.maxArtifactSize.value = NaN; return r',
    ['privacyConfiguration.policies.trainedModels.maxArtifactSize.value notFinite']],
  ['Infinity size', 'r.privacyConfiguration.policies.trainedModelInferenceJobs.maxOutputSize.value = Infinity; return r',
    ['privacyConfiguration.policies.trainedModelInferenceJobs.maxOutputSize.value notFinite']],
  ['-Infinity size', 'r.privacyConfiguration.policies.trainedModelExports.maxSize.value = -Infinity; return r',
    ['privacyConfiguration.policies.trainedModelExports.maxSize.value notFinite']],
  ['-0 size', 'r.privacyConfiguration.policies.trainedModelExports.maxSize.value = -0; return r',
    ['privacyConfiguration.policies.trainedModelExports.maxSize.value range']],
  ['a numeric string size', 'r.privacyConfiguration.policies.trainedModelExports.maxSize.value = "2"; return r',
    ['privacyConfiguration.policies.trainedModelExports.maxSize.value type']],
  ['a lone surrogate in the name', 'r.name = "a\\uD800b"; return r', ['name encoding']],
  ['a lone surrogate in a tag key', 'r.tags = { ["k\\uDC00"]: "v" }; return r', ['tags["k\uFFFD"] encoding', 'tags["k\uFFFD"] characters']],
  // The model's class, read over code points, holds nothing above U+FFFF.
  ['a surrogate pair in the name', 'r.name = "a\\uD83D\\uDE00"; return r', ['name pattern']],
  ['a surrogate pair in a tag value', 'r.tags = { team: "a\\uD83D\\uDE00" }; return r', ['tags["team"] characters']],
  ['tags as a Map', 'r.tags = new Map([["team", "ml"]]); return r', ['tags type']],
  ['a Date as the name', 'r.name = new Date(NaN); return r', ['name type']],
  ['a getter that throws', 'Object.defineProperty(r, "name", { get() { throw new Error("boom") }, enumerable: true }); return r', ['name type']],
  ['a proxy whose keys throw', 'return new Proxy(r, { ownKeys() { throw new Error("boom") } })', [' type']],
  ['a proxy that passes through', 'return new Proxy(r, {})', []],
  ['__proto__ and constructor keys', 'return Object.assign(JSON.parse(JSON.stringify(r).replace("{", \'{"__proto__": {"x": 1}, "constructor": 1,\')))',
    ['__proto__ unknownMember', 'constructor unknownMember']],
  ['a misspelled member', 'r.privacyConfiguration.policies.trainedModels.containerLog = []; return r',
    ['privacyConfiguration.policies.trainedModels.containerLog unknownMember']],
  ['a sparse array claiming four billion items',
    'const a = []; a.length = 4294967295; r.privacyConfiguration.policies.trainedModelExports.filesToExport = a; return r',
    ['privacyConfiguration.policies.trainedModelExports.filesToExport count',
      // Only the items up to the maximum are read: two holes, each undefined.
      'privacyConfiguration.policies.trainedModelExports.filesToExport[0] type',
      'privacyConfiguration.policies.trainedModelExports.filesToExport[1] type']],
  ['10,000 levels of nesting in an unknown member',
    'let deep = {}; for (let i = 0; i < 10000; i++) deep = { deep }; r.extra = deep; return r', ['extra unknownMember']],
  ['a cycle', 'r.self = r; r.privacyConfiguration.policies.trainedModels.loop = r; return r',
    ['privacyConfiguration.policies.trainedModels.loop unknownMember', 'self unknownMember']],
  ['a 10 MB name: over the 1 MiB this module reads', 'r.name = "x".repeat(10 * 1024 * 1024); return r', [' tooLarge']],
  ['a 900 KB name: read, and too long', 'r.name = "x".repeat(900 * 1024); return r', ['name length']],
  ['10,000 tags', 'r.tags = {}; for (let i = 0; i < 10000; i++) r.tags["k" + i] = "v"; return r', ['tags count']],
];

for (const [name, build, expected] of cases) {
  test(`validate: ${name}`, async () => {
    const { report, ms, plain, afterOk } = await validateIn(build);
    assert.deepEqual(pairs(report).sort(), [...expected].sort(), JSON.stringify(report.issues));
    assert.equal(report.ok, !report.issues.some((i) => i.severity === 'error'));
    assert.ok(plain, 'the report is a plain object with an issues array');
    assert.ok(afterOk, 'a valid request still validates afterwards');
    assert.ok(ms < 2000, `took ${ms} ms`);
  });
}

test('validate: each issue has a path, a code, a message and a severity', async () => {
  const { report } = await validateIn('r.name = ""; r.tags = { "a*": "b" }; return r');
  assert.deepEqual(report.issues, [
    { path: 'name', code: 'length', message: 'must be 1 to 63 characters long; is 0', severity: 'error' },
    {
      path: 'tags["a*"]',
      code: 'characters',
      message: 'key contains the character U+002A; some AWS services accept only letters, numbers, spaces and _.:/=+-@',
      severity: 'warning',
    },
  ]);
  assert.equal(report.ok, false);
});
