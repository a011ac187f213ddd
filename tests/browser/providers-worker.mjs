// A module Web Worker (no window, no document) that gets credentials from the local
// endpoint's demo identity pool and calls the service with them (providers.test.mjs).
self.onmessage = async ({ data: { url, pool } }) => {
  try {
    const mod = await import('/pkg/cleanroomsml_wasm.js');
    await mod.default();
    const { fromCognitoIdentityPool } = await import('/pkg/credential-providers.js');
    const credentials = fromCognitoIdentityPool({ identityPoolId: pool, clientConfig: { region: 'us-east-1', endpoint: url } });
    const client = new mod.CleanRoomsMlClient({ region: 'us-east-1', endpoint: url, credentials });
    const output = await client.listConfiguredModelAlgorithms({});
    self.postMessage({ hasWindow: typeof window !== 'undefined', identityId: (await credentials()).identityId, count: output.configuredModelAlgorithms.length });
  } catch (e) {
    self.postMessage({ error: `${e.name}: ${e.message}` });
  }
};
