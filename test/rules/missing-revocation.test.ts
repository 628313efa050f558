import { ruleTester } from '../helpers/rule-tester';

ruleTester('missing-revocation', {
  valid: [
    {
      name: 'agent with @revocation',
      code: `import { createReactAgent } from '@langchain/langgraph/prebuilt';
/** @revocation remove from router */
export const a = createReactAgent({ llm: {} as any, tools: [], name: 'researcher' });`,
    },
    {
      name: 'tools alone need no revocation (their agent or server does)',
      code: `import { tool } from '@langchain/core/tools';
export const t = tool(async () => 'x', { name: 'echo', description: '' });`,
    },
  ],
  invalid: [
    {
      name: 'LangGraph agent',
      code: `import { createReactAgent } from '@langchain/langgraph/prebuilt';
export const a = createReactAgent({ llm: {} as any, tools: [], name: 'researcher' });`,
      errors: [{ message: /^Agent 'researcher' has no revocation path/, line: 2, column: 70 }],
    },
    {
      name: 'MCP server is an identity of its own',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'billing', version: '1.0.0' });`,
      errors: [{ message: /^MCP server 'billing' has no revocation path: .* Add `@revocation/, line: 2, column: 38 }],
    },
    {
      name: 'AI SDK generateText call with tools is named by its enclosing function',
      code: `import { generateText, tool } from 'ai';
export async function answer(q: string) {
  return generateText({ model: {} as any, prompt: q, tools: { t: tool({ description: '', inputSchema: {} as any, execute: async () => 1 }) } });
}`,
      errors: [{ message: /^Agent 'answer' has no revocation path/, line: 3, column: 10 }],
    },
  ],
});

ruleTester('missing-revocation', {
  valid: [],
  invalid: [
    {
      name: 'an agent without a revocation path, with the fix that adds one',
      code: `import { Agent } from '@openai/agents';\n/** @owner t */\nexport const support = new Agent({ name: 'support' });`,
      errors: [{ messageId: 'noRevocation', line: 3, column: 42, fixes: ["Add @revocation to 'support'"] }],
    },
  ],
});
