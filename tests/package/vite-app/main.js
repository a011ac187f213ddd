// A dashboard built with Vite that depends on the packed package, as a team would.
import init, { createSignedRequest, validate } from 'cleanroomsml-wasm';

await init();
const input = {
  membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
  configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc',
  name: 'from vite',
};
const request = createSignedRequest(input, {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  signingDate: Date.UTC(2026, 0, 1),
});
document.getElementById('out').textContent = JSON.stringify({ ok: validate(input).ok, authorization: request.headers.authorization });
