// `make demo`: the local Clean Rooms and Clean Rooms ML endpoint and the page server, both on 127.0.0.1.
// The page reads /demo-config.json to prefill the endpoint, region and demo credentials; its
// `identity` names what the endpoint plays as identity provider (Cognito Identity's demo pool,
// the demo OIDC login, STS's demo role), all on the endpoint's URL.
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import {
  startLocalEndpoint, demoPaceMs, DEMO_CREDENTIALS, UNKNOWN_MEMBERSHIP, DEMO_IDENTITY_POOL, DEMO_OIDC_PROVIDER, DEMO_OIDC_TOKEN, DEMO_ROLE_ARN,
} from './local-endpoint.mjs';

/**
 * Starts both; `endpointOptions` go to startLocalEndpoint (the tests' short
 * `credentialLifetimeSeconds`; the pace, LOCAL_ENDPOINT_PACE_MS or the default, unless given).
 * Resolves to { pageUrl, endpointUrl, stats, advance, close } (`advance(ms)`: the endpoint's, which moves statuses on).
 */
export async function startDemo({ pagePort = 8080, endpointPort = 8081, log = console.log, endpointOptions = {} } = {}) {
  const endpoint = await startLocalEndpoint({ paceMs: demoPaceMs(), ...endpointOptions, port: endpointPort, log });
  const config = {
    region: 'us-east-1',
    endpoint: endpoint.url,
    credentials: DEMO_CREDENTIALS,
    unknownMembership: UNKNOWN_MEMBERSHIP,
    identity: { identityPoolId: DEMO_IDENTITY_POOL, oidcProvider: DEMO_OIDC_PROVIDER, oidcToken: DEMO_OIDC_TOKEN, roleArn: DEMO_ROLE_ARN },
  };
  const { server, url } = await serve({ port: pagePort, config });
  return {
    pageUrl: url,
    endpointUrl: endpoint.url,
    stats: endpoint.stats,
    advance: endpoint.advance,
    async close() {
      server.close();
      await endpoint.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pagePort = Number(process.env.PORT ?? 8080);
  const endpointPort = Number(process.env.ENDPOINT_PORT ?? 8081);
  startDemo({ pagePort, endpointPort }).then(
    ({ pageUrl, endpointUrl }) => {
      console.log(`local Clean Rooms and Clean Rooms ML endpoint: ${endpointUrl}`);
      console.log(`cleanroomsml-wasm demo: open ${pageUrl}  (Ctrl-C to stop)`);
    },
    (err) => {
      console.error(`cannot start the demo: ${err.message} (set PORT=… and ENDPOINT_PORT=… to use other ports)`);
      process.exit(1);
    },
  );
}
