// The official MCP TypeScript SDK (npm @modelcontextprotocol/sdk, pinned in package-lock.json)
// against AuthPlane, unmodified. Run by examples/e2e's OfficialSdkInteropTest. Environment: MCP_URL,
// ISSUER, CLIENT_ID, then CLIENT_SECRET (ClientCredentialsProvider) or PRIVATE_KEY_PEM and ALG
// (PrivateKeyJwtProvider, private_key_jwt), REJECTED_TOKEN (a token the MCP server refuses, stored as
// if left over from earlier). Prints one JSON object per step; after "tools" and "whoami" it prints
// {"step":"paused"} and waits for one line on stdin (the test widens the client's scopes meanwhile).
// Any failure ends the process with a non-zero exit code.
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider, PrivateKeyJwtProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';

const step = (name, fields = {}) => console.log(JSON.stringify({ step: name, ...fields }));
const text = (result) => result.content.map((c) => c.text ?? '').join(' ');
const nextLine = () => new Promise((resolve) => {
  const lines = createInterface({ input: process.stdin });
  lines.once('line', (line) => { lines.close(); resolve(line); });
});

const provider = process.env.PRIVATE_KEY_PEM
  ? new PrivateKeyJwtProvider({
    clientId: process.env.CLIENT_ID,
    privateKey: process.env.PRIVATE_KEY_PEM,
    algorithm: process.env.ALG,
    expectedIssuer: process.env.ISSUER,
  })
  : new ClientCredentialsProvider({
    clientId: process.env.CLIENT_ID,
    clientSecret: process.env.CLIENT_SECRET,
    expectedIssuer: process.env.ISSUER,
  });
provider.saveTokens({ access_token: process.env.REJECTED_TOKEN, token_type: 'Bearer' });

const client = new Client({ name: 'authplane-interop-ts', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(new URL(process.env.MCP_URL), { authProvider: provider });
try {
  await client.connect(transport);
  step('initialize', { scope: provider.tokens()?.scope });
  const tools = await client.listTools();
  step('tools', { names: tools.tools.map((t) => t.name).sort() });
  const whoami = await client.callTool({ name: 'whoami', arguments: {} });
  step('whoami', { text: text(whoami), error: Boolean(whoami.isError) });
  step('paused');
  await nextLine();
  const query = await client.callTool({ name: 'query', arguments: { input: 'status of the nightly build' } });
  step('query', { text: text(query), error: Boolean(query.isError), scope: provider.tokens()?.scope });
  await client.close();
  process.exit(0);
} catch (e) {
  console.error(`ts_client: ${e?.name}: ${e?.message}`);
  process.exit(1);
}
