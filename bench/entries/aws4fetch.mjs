// Baseline: aws4fetch, a bare SigV4 signer on WebCrypto (no model, validation or endpoints).
export { AwsClient } from 'aws4fetch';
