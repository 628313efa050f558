import { adapterTable } from '../helpers/inventory';
import { ruleTester } from '../helpers/rule-tester';

adapterTable('Inngest AgentKit adapter', [
  {
    name: 'createTool is a tool named by its name; createAgent lists tools',
    files: `import { createAgent, createTool } from '@inngest/agent-kit';
const lookup = createTool({ name: 'lookup_order', description: '', handler: async () => '' });
export const agent = createAgent({ name: 'Orders', system: '', tools: [lookup] });`,
    expected: { tools: ['lookup_order'], agents: { Orders: { tools: ['lookup_order'] } } },
  },
  {
    name: 'a network delegates to its agents and to a routing agent',
    files: {
      'src/agents.ts': `import { createAgent, createRoutingAgent } from '@inngest/agent-kit';
export const a = createAgent({ name: 'Researcher', system: '' });
export const b = createAgent({ name: 'Writer', system: '' });
export const router = createRoutingAgent({ name: 'Router', system: '', lifecycle: { onRoute: () => ['Writer'] } });`,
      'src/network.ts': `import { createNetwork } from '@inngest/agent-kit';
import { a, b, router } from './agents';
export const network = createNetwork({ name: 'Blog', agents: [a, b], router });`,
    },
    expected: {
      tools: [],
      agents: { Researcher: {}, Writer: {}, Router: {}, Blog: { delegates: ['Researcher', 'Writer', 'Router'] } },
    },
  },
  {
    name: 'createTool from another package is not AgentKit’s',
    files: `import { createTool } from 'some-lib';
export const t = createTool({ name: 'x', handler: async () => '' });`,
    expected: { tools: [] },
  },
]);

ruleTester('unapproved-high-risk-action', {
  valid: [],
  invalid: [
    {
      name: 'AgentKit: a tool whose handler runs shell commands, with no gate',
      code: `import { createAgent, createTool } from '@inngest/agent-kit';
import { execSync } from 'node:child_process';
/** @owner platform */
const run = createTool({ name: 'run', description: '', handler: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
export const agent = createAgent({ name: 'Ops', system: '', tools: [run] });`,
      errors: [{ messageId: 'unapproved', line: 4, column: 32 }],
    },
  ],
});
