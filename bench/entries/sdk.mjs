// Baseline: the AWS SDK for JavaScript v3, one client and one comparable restJson1 create
// command (Clean Rooms; the registry here does not serve the Clean Rooms ML client, which
// has the same generator and runtime), sent through a request handler that answers at once.
import { CleanRoomsClient, CreateConfiguredTableAssociationCommand } from '@aws-sdk/client-cleanrooms';

export const answerText = JSON.stringify({
  configuredTableAssociation: {
    arn: 'arn:aws:cleanrooms:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666/configuredtableassociation/1/2',
    id: '11111111-1111-4111-8111-111111111111',
    configuredTableId: '22222222-2222-4222-8222-222222222222',
    configuredTableArn: 'arn:aws:cleanrooms:us-east-1:123456789012:configuredtable/22222222-2222-4222-8222-222222222222',
    membershipId: '0d0a0c1e-1111-4222-8333-944455556666',
    membershipArn: 'arn:aws:cleanrooms:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666',
    roleArn: 'arn:aws:iam::123456789012:role/cleanrooms',
    name: 'bench',
    createTime: 1767225600,
    updateTime: 1767225600,
  },
});
const answer = new TextEncoder().encode(answerText);

const requestHandler = {
  handle: async () => ({ response: { statusCode: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'r' }, body: answer } }),
};

/**
 * The SDK's call; with `fetchStub`, through its own FetchHttpHandler (the browser default)
 * over that `fetch` — which the handler reads from `globalThis` — as this module's client
 * goes through `fetch` and reads a `Response`; without it, through a handler that answers
 * at once with no `Response` at all.
 */
export function sdkCall(credentials, tags, fetchStub) {
  if (fetchStub) globalThis.fetch = fetchStub;
  const handler = fetchStub ? {} : { requestHandler };
  const client = new CleanRoomsClient({ region: 'us-east-1', credentials, maxAttempts: 1, ...handler });
  const input = {
    membershipIdentifier: '0d0a0c1e-1111-4222-8333-944455556666',
    configuredTableIdentifier: '22222222-2222-4222-8222-222222222222',
    name: 'bench association',
    description: 'A realistic description of what this association is for.',
    roleArn: 'arn:aws:iam::123456789012:role/cleanrooms',
    tags,
  };
  return () => client.send(new CreateConfiguredTableAssociationCommand(input));
}
