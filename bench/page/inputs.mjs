// The benchmark's inputs: one realistic request, and the largest valid one.
const arn = 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/churn-algorithm';
const tags = (n, key = (i) => `tag-${i}`, value = (i) => `value-${i}`) => Object.fromEntries(Array.from({ length: n }, (_, i) => [key(i), value(i)]));

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
export const realisticTags = tags(10);

/** All three policies: 2 log entries of 2 accounts with a filter, metrics, both export file types, inference logs and size; a description and 10 tags. */
export const realistic = {
  membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
  configuredModelAlgorithmArn: arn,
  name: 'churn model',
  description: 'A realistic description of what this association is for.',
  privacyConfiguration: {
    policies: {
      trainedModels: {
        containerLogs: [
          { allowedAccountIds: ['123456789012', '210987654321'], filterPattern: 'ERROR.*' },
          { allowedAccountIds: ['111122223333', '444455556666'], filterPattern: '^WARN' },
        ],
        containerMetrics: { noiseLevel: 'MEDIUM' },
      },
      trainedModelExports: { maxSize: { unit: 'GB', value: 5 }, filesToExport: ['MODEL', 'OUTPUT'] },
      trainedModelInferenceJobs: {
        containerLogs: [{ allowedAccountIds: ['123456789012'] }],
        maxOutputSize: { unit: 'GB', value: 20 },
      },
    },
  },
  tags: realisticTags,
};

const logs = (offset) => Array.from({ length: 5 }, (_, i) => ({
  allowedAccountIds: Array.from({ length: 5 }, (_, j) => String(100000000000 + offset + i * 5 + j)),
  filterPattern: `(ERROR|WARN)[0-9]{1,4}`.padEnd(1024, 'x'),
  logType: 'ALL',
  logRedactionConfiguration: {
    entitiesToRedact: ['ALL_PERSONALLY_IDENTIFIABLE_INFORMATION', 'NUMBERS', 'CUSTOM'],
    customEntityConfig: { customDataIdentifiers: Array.from({ length: 10 }, (_, k) => `${k}[0-9]{4}`.padEnd(200, 'a')) },
  },
}));

/** 5 log entries of 5 accounts everywhere they are allowed, 50 tags, the longest strings. */
export const maximal = {
  membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
  configuredModelAlgorithmArn: arn,
  name: 'n'.repeat(63),
  description: 'd'.repeat(255),
  privacyConfiguration: {
    policies: {
      trainedModels: { containerLogs: logs(0), containerMetrics: { noiseLevel: 'HIGH' }, maxArtifactSize: { unit: 'GB', value: 10 } },
      trainedModelExports: { maxSize: { unit: 'GB', value: 10 }, filesToExport: ['MODEL', 'OUTPUT'] },
      trainedModelInferenceJobs: { containerLogs: logs(100), maxOutputSize: { unit: 'GB', value: 50 } },
    },
  },
  tags: tags(50, (i) => `k${i}`.padEnd(128, 'k'), (i) => `v${i}`.padEnd(256, 'v')),
};

export const successBody = JSON.stringify({
  configuredModelAlgorithmAssociationArn:
    'arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-association/a1',
});
