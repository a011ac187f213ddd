// Runs client calls from a plain description and returns plain results, so the same
// scenarios run in Node and, imported by the page, in headless Chromium.

export const INPUT = {
  membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
  configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc',
  name: 'churn model',
  privacyConfiguration: { policies: { trainedModels: { containerMetrics: { noiseLevel: 'MEDIUM' } } } },
};
export const ARN = 'arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-association/a1';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/**
 * spec: { endpoint, maxAttempts?, requestTimeoutMs?, jitter?: number, calls?: number,
 *         abortAfterMs?: number, operation?, input?, credentialsFunction?: { expiresInMs } }
 * `operation` (default CreateConfiguredModelAlgorithmAssociation) is sent with `input` (default INPUT).
 * The result's `forcedRefreshes` counts the credentials function's calls with `forceRefresh`.
 */
export async function execute(mod, spec) {
  let credentialCalls = 0;
  let forcedRefreshes = 0;
  const credentials = spec.credentialsFunction
    ? async (options) => {
        credentialCalls++;
        if (options?.forceRefresh) forcedRefreshes++;
        return { ...CREDENTIALS, expiration: new Date(Date.now() + spec.credentialsFunction.expiresInMs) };
      }
    : CREDENTIALS;
  const client = new mod.CleanRoomsMlClient({
    region: 'us-east-1',
    endpoint: spec.endpoint,
    credentials,
    maxAttempts: spec.maxAttempts,
    requestTimeoutMs: spec.requestTimeoutMs,
    jitter: spec.jitter === undefined ? undefined : () => spec.jitter,
  });
  const results = [];
  for (let i = 0; i < (spec.calls ?? 1); i++) {
    const controller = new AbortController();
    const timer = spec.abortAfterMs ? setTimeout(() => controller.abort(), spec.abortAfterMs) : undefined;
    const started = Date.now();
    try {
      const output = await client.send(spec.operation ?? 'CreateConfiguredModelAlgorithmAssociation', spec.input ?? INPUT, { abortSignal: controller.signal });
      results.push({ ok: true, output, ms: Date.now() - started });
    } catch (e) {
      const { name, message, $fault, $retryable, $metadata, quotaName, quotaValue, report, earlierAttemptMayHaveSucceeded } = e;
      const error = { name, message, $fault, $retryable, $metadata, quotaName, quotaValue, report, earlierAttemptMayHaveSucceeded };
      results.push({ ok: false, isError: e instanceof Error, error, ms: Date.now() - started });
    }
    clearTimeout(timer);
  }
  return { results, clockOffsetMs: client.clockOffsetMs, credentialCalls, forcedRefreshes };
}
