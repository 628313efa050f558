import { describe, expect, it } from 'vitest';
import { extractFacts, IncrementalTree } from '../../server/src/analyzer/extract';

/**
 * A variable declared without a value is what its scope assigns it (`let server; … server = new McpServer()`). The
 * assignments are listed while the tree is parsed; a tree the incremental parser made lists them by a walk instead,
 * and both must find the same ones, each in its own scope only.
 */
const TEXT = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
let server;
function inner() {
  let server;
  server = new McpServer({ name: 'inner', version: '1.0.0' });
  server.registerTool('inner_tool', { description: 'On the inner server' }, async () => ({ content: [] }));
}
server = new McpServer({ name: 'desk', version: '1.0.0' });
server.registerTool('lookup_order', { description: 'Finds an order' }, async () => ({ content: [] }));
`;

/** Each tool's name with the name of the server it is registered on. */
function registrations(text: string, tree?: IncrementalTree): string[] {
  const facts = extractFacts('src/server.ts', text, {}, undefined, tree);
  const serverName = (id: string | undefined) => {
    const agent = facts.agents.find((a) => a.id === id);
    return agent?.name?.k === 'str' ? agent.name.v : '?';
  };
  return facts.tools.map((t) => {
    const on = t.registeredOn?.k === 'agent' ? t.registeredOn.id : undefined;
    return `${t.name?.k === 'str' ? t.name.v : '?'} on ${serverName(on)}`;
  });
}

describe('assignments to a variable declared without a value', () => {
  it('each tool is registered on the server its own scope assigns', () => {
    expect(registrations(TEXT)).toEqual(['inner_tool on inner', 'lookup_order on desk']);
  });

  it('a tree re-parsed incrementally finds the same assignments as a fresh parse', () => {
    const tree = new IncrementalTree();
    registrations(TEXT.replace('lookup_order', 'lookup'), tree);
    expect(registrations(TEXT, tree)).toEqual(registrations(TEXT));
    expect(tree.incremental).toBe(1);
  });
});
