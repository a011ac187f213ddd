// The documentation as shipped: README.md is a front page (small, starting with the two
// commands), every relative link in it and in docs/ reaches a file and, for a `#fragment`,
// a heading there; and `make docs` (run before this, see the Makefile) wrote an API
// reference from pkg/'s declarations with a page for each public name checked below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const api = join(root, 'docs/api');
const guides = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

/** Markdown without its fenced blocks, where `#` and `[x](y)` are not syntax. */
const unfenced = (text) => text.replace(/^```[\s\S]*?^```$/gm, '');
/** The same without inline code either. */
const prose = (text) => unfenced(text).replace(/`[^`\n]*`/g, (code) => code.replace(/[[\]()#]/g, ' '));

/** A heading's anchor as GitHub writes it: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchors(text) {
  const seen = new Map();
  const out = new Set();
  for (const [, heading] of unfenced(text).replaceAll('`', '').matchAll(/^#{1,6} (.+)$/gm)) {
    const base = heading.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}_ -]/gu, '').replaceAll(' ', '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every file under dir, as paths relative to it. */
const walk = (dir) => readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile());

test('README.md is a front page: at most 12,288 bytes, the two commands first', () => {
  const readme = readFileSync(join(root, 'README.md'));
  assert.ok(readme.length <= 12288, `README.md is ${readme.length} bytes`);
  const firstBlock = readme.toString().match(/```sh\n([\s\S]*?)```/)[1];
  assert.match(firstBlock, /^make demo\b/m);
  assert.match(firstBlock, /^make test\b/m);
  assert.ok(readme.toString().indexOf('```sh') < readme.toString().indexOf('\n## '), 'the commands come before the first section');
});

test('every relative link in README.md and docs/*.md reaches a file and its heading', () => {
  let checked = 0;
  const broken = [];
  for (const file of guides) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
      const [path, fragment] = target.split('#');
      const resolved = path === '' ? join(root, file) : join(dirname(join(root, file)), decodeURIComponent(path));
      checked++;
      if (!existsSync(resolved)) {
        broken.push(`${file}: ${target} (no ${relative(root, resolved)})`);
      } else if (fragment !== undefined) {
        if (!resolved.endsWith('.md')) broken.push(`${file}: ${target} (a fragment of a file that is not Markdown)`);
        else if (!anchors(readFileSync(resolved, 'utf8')).has(fragment)) broken.push(`${file}: ${target} (no such heading)`);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(checked >= 40, `${checked} links checked`);
});

test('the anchors are computed as GitHub does', () => {
  const set = anchors('# A `b()`: c\n## Where it stands\n## Where it stands\n```sh\n# not a heading\n```\n### 2.2× the SDK\'s\n');
  assert.deepEqual([...set], ['a-b-c', 'where-it-stands', 'where-it-stands-1', '22-the-sdks']);
});

test('make docs wrote the API reference from the current package', () => {
  const files = walk(api);
  const page = (suffix) => {
    const found = files.filter((f) => f.replaceAll('\\', '/').endsWith(suffix));
    assert.equal(found.length, 1, `one page ${suffix} in docs/api (found ${found.join(', ') || 'none'})`);
    return readFileSync(join(api, found[0]), 'utf8');
  };
  assert.ok(statSync(join(api, 'index.html')).mtimeMs >= statSync(join(root, 'pkg/cleanroomsml_wasm.d.ts')).mtimeMs, 'docs/api is newer than pkg/');
  const client = page('classes/cleanroomsml_wasm.CleanRoomsMlClient.html');
  for (const member of ['createConfiguredModelAlgorithmAssociation', 'listTrainingDatasets', 'send', 'clockOffsetMs']) {
    assert.ok(client.includes(member), `CleanRoomsMlClient's page documents ${member}`);
  }
  assert.match(page('functions/cleanroomsml_wasm.validate.html'), /ValidationReport/);
  assert.match(page('functions/cleanroomsml_wasm.createSignedRequest.html'), /SignedRequest|credentials/);
  assert.match(page('functions/cleanroomsml_wasm.paginateListTrainingDatasets.html'), /ListTrainingDatasets/);
  assert.match(page('functions/credential-providers.fromCognitoIdentityPool.html'), /FromCognitoIdentityPoolParameters/);
  assert.match(page('interfaces/credential-providers.FromCognitoIdentityPoolParameters.html'), /identityPoolId/);
  assert.match(page('interfaces/cleanroomsml_wasm.CreateConfiguredModelAlgorithmAssociationRequest.html'), /membershipIdentifier/);
  // The Clean Rooms entry point's reference, beside Clean Rooms ML's.
  const cleanRooms = page('classes/cleanrooms.CleanRoomsClient.html');
  for (const member of ['listMemberships', 'getCollaboration', 'listMembers', 'send']) {
    assert.ok(cleanRooms.includes(member), `CleanRoomsClient's page documents ${member}`);
  }
  assert.match(page('functions/cleanrooms.paginateListMemberships.html'), /ListMemberships/);
  assert.match(page('interfaces/cleanrooms.MembershipSummary.html'), /collaborationName/);
});
