import { adapterTable } from '../helpers/inventory';
import { ruleTester } from '../helpers/rule-tester';

adapterTable('Cloudflare Agents adapter', [
  {
    name: 'an McpAgent serves the tools its init() registers on this.server',
    files: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpAgent } from 'agents/mcp';
export class Notes extends McpAgent {
  server = new McpServer({ name: 'Notes', version: '1.0.0' });
  async init() {
    this.server.tool('list_notes', 'List', async () => ({ content: [] }));
    this.server.registerTool('add_note', { description: 'Add' }, async () => ({ content: [] }));
  }
}`,
    expected: { tools: ['list_notes', 'add_note'], agents: { Notes: { tools: ['list_notes', 'add_note'] } } },
  },
  {
    name: 'withX402(server) is the server it wraps; paidTool registers on it',
    files: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpAgent } from 'agents/mcp';
import { withX402 } from 'agents/x402';
export class Paid extends McpAgent {
  server = withX402(new McpServer({ name: 'Premium', version: '1.0.0' }), { network: 'base', recipient: '0x0' });
  async init() {
    this.server.paidTool('report', 'A report', 0.05, {}, {}, async () => ({ content: [] }));
    this.server.tool('echo', 'Echo', async () => ({ content: [] }));
  }
}`,
    expected: { tools: ['report', 'echo'], agents: { Premium: { tools: ['report', 'echo'] } } },
  },
  {
    name: 'a chat agent class is the agent of the model calls in its methods; agentTool delegates to another class',
    files: {
      'src/researcher.ts': `import { AIChatAgent } from '@cloudflare/ai-chat';
import { streamText, tool } from 'ai';
export class Researcher extends AIChatAgent {
  async onChatMessage() {
    return streamText({ model: {} as never, tools: { search: tool({ description: '', execute: async () => '' }) } });
  }
}`,
      'src/chat.ts': `import { agentTool } from 'agents/agent-tools';
import { AIChatAgent } from 'agents/ai-chat-agent';
import { streamText, tool } from 'ai';
import { Researcher } from './researcher';
export class Chat extends AIChatAgent {
  async onChatMessage() {
    const weather = tool({ description: '', execute: async () => 'sunny' });
    return streamText({
      model: {} as never,
      tools: { weather, research: agentTool(Researcher, { description: 'Research', inputSchema: {} as never }) },
    });
  }
}`,
    },
    expected: {
      tools: ['weather', 'research', 'search'],
      agents: {
        Researcher: { tools: ['search'] },
        Chat: { tools: ['weather', 'research'], delegates: ['Researcher'] },
      },
    },
  },
  {
    name: 'agentTool(ChildAgent) is a tool named by the key it is registered under',
    files: `import { streamText } from 'ai';
import { agentTool } from 'agents/agent-tools';
import { Researcher } from './researcher';
export async function chat(model: never) {
  return streamText({ model, tools: { research: agentTool(Researcher, { description: 'Research', inputSchema: {} as never }) } });
}`,
    expected: { tools: ['research'], agents: { chat: { tools: ['research'] } } },
  },
]);

ruleTester('unapproved-high-risk-action', {
  valid: [],
  invalid: [
    {
      name: 'Cloudflare Agents: a paid tool charges its caller, with no approval',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { withX402 } from 'agents/x402';
/** @owner billing */
const server = withX402(new McpServer({ name: 'Premium', version: '1.0.0' }), { network: 'base', recipient: '0x0' });
server.paidTool('report', 'A report', 0.05, {}, {}, async () => ({ content: [] }));`,
      errors: [{ messageId: 'unapproved', line: 5, column: 17 }],
    },
  ],
});
