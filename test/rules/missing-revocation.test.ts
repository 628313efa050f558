import { ruleTester } from '../helpers/rule-tester';

const shell = `import { tool } from '@langchain/core/tools';
import { execSync } from 'node:child_process';
const run = tool(async ({ cmd }: any) => execSync(cmd), { name: 'run', description: '' });`;

ruleTester('missing-revocation', {
  valid: [
    {
      name: 'agent with @revocation',
      code: `${shell}
import { createReactAgent } from '@langchain/langgraph/prebuilt';
/** @revocation remove from router */
export const a = createReactAgent({ llm: {} as any, tools: [run], name: 'researcher' });`,
    },
    {
      name: 'tools alone need no revocation (their agent or server does)',
      code: `${shell}\nexport { run };`,
    },
    {
      name: 'an agent whose tools only read needs no revocation path',
      code: `import { createReactAgent } from '@langchain/langgraph/prebuilt';
export const a = createReactAgent({ llm: {} as any, tools: [], name: 'researcher' });`,
    },
    {
      name: 'an MCP server of medium-risk tools needs none',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { mkdir } from 'node:fs/promises';
const server = new McpServer({ name: 'files', version: '1.0.0' });
server.registerTool('make_dir', { description: 'Make a folder' }, async () => { await mkdir('/srv/x'); return { content: [] }; });`,
    },
  ],
  invalid: [
    {
      name: 'LangGraph agent that runs shell commands',
      code: `${shell}
import { createReactAgent } from '@langchain/langgraph/prebuilt';
export const a = createReactAgent({ llm: {} as any, tools: [run], name: 'researcher' });`,
      errors: [
        {
          message: "Agent 'researcher' (critical risk) has no revocation path.",
          line: 5,
          column: 73,
          severity: 'error',
        },
      ],
    },
    {
      name: 'MCP server is an identity of its own',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { rm } from 'node:fs/promises';
const server = new McpServer({ name: 'billing', version: '1.0.0' });
server.registerTool('purge', { description: 'Purge' }, async () => { await rm('/srv/x'); return { content: [] }; });`,
      errors: [{ message: "MCP server 'billing' (high risk) has no revocation path.", line: 3, column: 38 }],
    },
    {
      name: 'AI SDK generateText call with tools is named by its enclosing function',
      code: `import { generateText, tool } from 'ai';
import { rmSync } from 'node:fs';
export async function answer(q: string) {
  return generateText({ model: {} as any, prompt: q, tools: { t: tool({ description: '', inputSchema: {} as any, execute: async () => rmSync('/srv/x') }) } });
}`,
      errors: [{ messageId: 'noRevocation', line: 4, column: 10 }],
    },
    {
      name: 'governance.revocation set to low asks it of every agent',
      code: `import { Agent } from '@openai/agents';\nexport const support = new Agent({ name: 'support' });`,
      config: { governance: { revocation: 'low' } },
      errors: [
        { message: "Agent 'support' (low risk) has no revocation path.", line: 2, column: 42, severity: 'warning' },
      ],
    },
  ],
});

ruleTester('missing-revocation', {
  valid: [],
  invalid: [
    {
      name: 'an empty @revocation is reported where it is written, and the path is still missing',
      code: `import { Agent } from '@openai/agents';\n/** @owner t\n * @revocation */\nexport const support = new Agent({ name: 'support' });`,
      config: { governance: { revocation: 'low' } },
      errors: [
        {
          message: "Agent 'support': `@revocation` needs a description of how to switch this off.",
          line: 3,
          column: 4,
        },
        { messageId: 'noRevocation', line: 4, column: 42 },
      ],
    },
    {
      name: 'an agent without a revocation path, with the fix that adds one',
      code: `import { Agent } from '@openai/agents';\n/** @owner t */\nexport const support = new Agent({ name: 'support' });`,
      config: { governance: { revocation: 'low' } },
      errors: [{ messageId: 'noRevocation', line: 3, column: 42, fixes: ["Add @revocation to 'support'"] }],
    },
  ],
});
