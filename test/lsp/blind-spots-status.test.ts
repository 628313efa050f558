import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/cli';
import { type LspSession, startLsp } from '../helpers/lsp-client';

/**
 * Never blind without saying so, in the editor too: a package that depends on an agent framework, in whose code no
 * agent or tool was found, is named in the server's status (the client shows it as a warning in the status item).
 */
describe('blind spots in the language server status', () => {
  let s: LspSession;
  beforeAll(async () => {
    const root = tempProject({
      // An agent package whose graph the analyzer cannot see (its tools come from elsewhere) …
      'apps/agents/package.json': JSON.stringify({ dependencies: { '@langchain/langgraph': '^1.0.0' } }),
      'apps/agents/src/graph.ts': `import { graphFromRegistry } from './registry';\nexport const graph = graphFromRegistry();\n`,
      // … and one whose agent it sees.
      'apps/mcp/package.json': JSON.stringify({ dependencies: { '@modelcontextprotocol/sdk': '^1.20.0' } }),
      'apps/mcp/src/server.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const server = new McpServer({ name: 'docs', version: '1.0.0' });\n`,
    });
    s = await startLsp(root);
    await s.waitReady();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('names the package where no agent was found, and only that one, once the indexed workspace is linked', async () => {
    const status = () => s.conn.sendRequest('agentWarden/status') as Promise<{ state: string; blindSpots?: string[] }>;
    expect((await status()).state).toBe('ready');
    // Linking the whole workspace waits for typing to pause (none here): the status names them then.
    await expect
      .poll(async () => (await status()).blindSpots, { timeout: 10_000 })
      .toEqual(['apps/agents/package.json']);
    expect(s.logs.filter((l) => l.startsWith('status ')).pop()).toContain('apps/agents/package.json');
  });
});
