import { adapterTable } from '../helpers/inventory';

adapterTable('OpenAI Agents adapter', [
  {
    name: 'tool names are normalised as the SDK does; hosted tools listed',
    files: `import { Agent, tool, webSearchTool } from '@openai/agents';
const status = tool({ name: 'Billing status checker', description: '', parameters: {} as any, execute: async () => '' });
export const billing = new Agent({ name: 'Billing', tools: [status, webSearchTool()] });`,
    expected: {
      tools: ['Billing_status_checker', 'web_search'],
      agents: { Billing: { tools: ['Billing_status_checker', 'web_search'] } },
    },
  },
  {
    name: 'handoffs, handoff() and asTool() with the default name',
    files: `import { Agent, handoff } from '@openai/agents';
const refunds = new Agent({ name: 'Refund desk', instructions: '' });
const faq = new Agent({ name: 'FAQ', instructions: '' });
export const triage = Agent.create({ name: 'Triage', handoffs: [faq, handoff(refunds)], tools: [refunds.asTool({ toolDescription: 'ask refunds' })] });`,
    expected: {
      tools: ['Refund_desk'],
      agents: { 'Refund desk': {}, FAQ: {}, Triage: { tools: ['Refund_desk'], delegates: ['FAQ', 'Refund desk'] } },
    },
  },
  {
    name: 'tool name from a const, and a tool without name falls back to execute function name',
    files: `import { tool } from '@openai/agents';
const NAME = 'lookup_customer';
export const a = tool({ name: NAME, description: '', parameters: {} as any, execute: async () => '' });
export const b = tool({ description: '', parameters: {} as any, execute: async function get_time() { return ''; } });`,
    expected: { tools: ['lookup_customer', 'get_time'] },
  },
  {
    name: 'agents and tools across files (re-exported through an index)',
    files: {
      'src/tools/search.ts': `import { tool } from '@openai/agents';\nexport const search = tool({ name: 'kb_search', description: '', parameters: {} as any, execute: async () => '' });`,
      'src/tools/index.ts': `export * from './search';`,
      'src/agents/support.ts': `import { Agent } from '@openai/agents';\nimport { search } from '../tools';\nexport const support = new Agent({ name: 'Support', tools: [search] });`,
      'src/agents/triage.ts': `import { Agent } from '@openai/agents';\nimport { support } from './support';\nexport const triage = new Agent({ name: 'Triage', handoffs: [support], tools: [support.asTool({ toolName: 'ask_support' })] });`,
    },
    expected: {
      tools: ['ask_support', 'kb_search'],
      agents: { Support: { tools: ['kb_search'] }, Triage: { tools: ['ask_support'], delegates: ['Support'] } },
    },
  },
  {
    name: 'hand-offs and tools added once the agent exists (handoffs.push, tools.push)',
    files: `import { Agent, tool } from '@openai/agents';
const status = tool({ name: 'flight_status', description: '', parameters: {} as any, execute: async () => 'on time' });
export const faq = new Agent({ name: 'FAQ', tools: [] });
export const triage = Agent.create({ name: 'Triage', handoffs: [faq] });
faq.handoffs.push(triage);
faq.tools.push(status);`,
    expected: {
      tools: ['flight_status'],
      agents: { FAQ: { tools: ['flight_status'], delegates: ['Triage'] }, Triage: { delegates: ['FAQ'] } },
    },
  },
]);
