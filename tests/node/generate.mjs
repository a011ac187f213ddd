// Seeded generator of valid CreateConfiguredModelAlgorithmAssociation inputs: unicode
// names and descriptions, every optional member on and off, 0–50 tags.

export function rng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    // xorshift32
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (items) => items[int(0, items.length - 1)];
  const chance = () => next() < 0.5;
  const text = (pool, n) => Array.from({ length: n }, () => pick(pool)).join('');
  return { next, int, pick, chance, text };
}

// Names and descriptions hold no character above U+FFFF (the model's class, read over code points).
const TEXT = ['a', 'Z', '7', ' ', '\t', 'é', 'ß', '中', '文', '\u{FFFD}', '-', '"', '\\', '/', '\u{E000}', 'ф'];
const TAG = ['a', 'Z', '7', ' ', 'é', '中', '_', '.', ':', '/', '=', '+', '-', '@'];
const HEX = [...'0123456789abcdef'];
const DIGITS = [...'0123456789'];
const ID = [...'aZ0_#=@/;,- ^$?[]{}|\\*+.()'];

function logs(r) {
  return Array.from({ length: r.int(1, 5) }, (_, i) => {
    const accounts = [...new Set(Array.from({ length: r.int(1, 5) }, () => r.text(DIGITS, 12)))];
    accounts[0] = String(i) + accounts[0].slice(1);
    const policy = { allowedAccountIds: accounts };
    if (r.chance()) policy.filterPattern = r.pick(['', 'ERROR', '^WARN.*$', '(a|b)+', '[0-9]{3,4}']);
    if (r.chance()) policy.logType = r.pick(['ALL', 'ERROR_SUMMARY']);
    if (r.chance()) {
      const entities = ['ALL_PERSONALLY_IDENTIFIABLE_INFORMATION', 'NUMBERS', 'CUSTOM'].filter(() => r.chance());
      if (entities.length === 0) entities.push('NUMBERS');
      policy.logRedactionConfiguration = { entitiesToRedact: entities };
      if (entities.includes('CUSTOM')) {
        const ids = [...new Set(Array.from({ length: r.int(1, 10) }, () => r.text(ID, r.int(1, 40))))];
        policy.logRedactionConfiguration.customEntityConfig = { customDataIdentifiers: ids };
      }
    }
    return policy;
  });
}

const size = (r, max) => ({ unit: 'GB', value: Math.round((0.01 + r.next() * (max - 0.01)) * 1000) / 1000 });

export function validInput(r) {
  const input = {
    membershipIdentifier: [8, 4, 4, 4, 12].map((n) => r.text(HEX, n)).join('-'),
    configuredModelAlgorithmArn: `arn:aws:cleanrooms-ml:us-east-1:${r.text(DIGITS, 12)}:configured-model-algorithm/${r.text([...'aZ0-_/.'], r.int(1, 40))}`,
    name: 'n' + r.text(TEXT, r.int(0, 62)),
  };
  if (r.chance()) input.description = r.text([...TEXT, '\r', '\n'], r.int(0, 255));
  if (r.chance()) {
    const policies = {};
    if (r.chance()) {
      policies.trainedModels = {};
      if (r.chance()) policies.trainedModels.containerLogs = logs(r);
      if (r.chance()) policies.trainedModels.containerMetrics = { noiseLevel: r.pick(['HIGH', 'MEDIUM', 'LOW', 'NONE']) };
      if (r.chance()) policies.trainedModels.maxArtifactSize = size(r, 10);
    }
    if (r.chance()) {
      const files = ['MODEL', 'OUTPUT'].filter(() => r.chance());
      policies.trainedModelExports = { maxSize: size(r, 10), filesToExport: files.length ? files : ['MODEL'] };
    }
    if (r.chance()) {
      policies.trainedModelInferenceJobs = {};
      if (r.chance()) policies.trainedModelInferenceJobs.containerLogs = logs(r);
      if (r.chance()) policies.trainedModelInferenceJobs.maxOutputSize = size(r, 50);
    }
    input.privacyConfiguration = { policies };
  }
  if (r.chance()) {
    input.tags = {};
    const n = r.int(0, 50);
    while (Object.keys(input.tags).length < n) input.tags['k' + r.text(TAG, r.int(0, 60))] = r.text(TAG, r.int(0, 256));
  }
  return input;
}

const uuid = (r) => [8, 4, 4, 4, 12].map((n) => r.text(HEX, n)).join('-');
const RESOURCE_ID = [...'aZ0-_/.'];
// Page tokens are opaque: any characters, reserved ones and unicode included.
const TOKEN = ['a', 'Z', '7', ' ', '+', '/', '=', '&', '?', '#', '%', 'é', '中', '😀', '~', '.'];

/** A valid input of any selected operation but the create (`validInput` is that one's). */
export function operationInput(r, operation) {
  const membership = uuid(r);
  const collaboration = uuid(r);
  const association = `arn:aws:cleanrooms-ml:${r.pick(['us-east-1', 'eu-west-2'])}:${r.text(DIGITS, 12)}:membership/${membership}/configured-model-algorithm-association/${r.text(RESOURCE_ID, r.int(1, 40))}`;
  const algorithm = `arn:aws:cleanrooms-ml:us-east-1:${r.text(DIGITS, 12)}:configured-model-algorithm/${r.text(RESOURCE_ID, r.int(1, 40))}`;
  const page = () => ({
    ...(r.chance() ? { maxResults: r.int(1, 100) } : {}),
    ...(r.chance() ? { nextToken: r.text(TOKEN, r.int(1, 60)) } : {}),
  });
  switch (operation) {
    case 'CreateConfiguredModelAlgorithmAssociation': return validInput(r);
    case 'GetConfiguredModelAlgorithmAssociation':
    case 'DeleteConfiguredModelAlgorithmAssociation':
      return { membershipIdentifier: membership, configuredModelAlgorithmAssociationArn: association };
    case 'ListConfiguredModelAlgorithmAssociations': return { membershipIdentifier: membership, ...page() };
    case 'ListConfiguredModelAlgorithms': return page();
    case 'GetConfiguredModelAlgorithm': return { configuredModelAlgorithmArn: algorithm };
    case 'GetCollaborationConfiguredModelAlgorithmAssociation':
      return { collaborationIdentifier: collaboration, configuredModelAlgorithmAssociationArn: association };
    case 'ListCollaborationConfiguredModelAlgorithmAssociations': return { collaborationIdentifier: collaboration, ...page() };
    default: throw new Error(`no generator for ${operation}`);
  }
}

export const OPERATIONS = [
  'CreateConfiguredModelAlgorithmAssociation',
  'GetConfiguredModelAlgorithmAssociation',
  'ListConfiguredModelAlgorithmAssociations',
  'DeleteConfiguredModelAlgorithmAssociation',
  'ListConfiguredModelAlgorithms',
  'GetConfiguredModelAlgorithm',
  'GetCollaborationConfiguredModelAlgorithmAssociation',
  'ListCollaborationConfiguredModelAlgorithmAssociations',
];
