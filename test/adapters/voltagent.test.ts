import { adapterTable } from '../helpers/inventory';
import { ruleTester } from '../helpers/rule-tester';

adapterTable('VoltAgent adapter', [
  {
    name: 'createTool, tool and new Tool are tools named by their name',
    files: `import { Agent, createTool, tool, Tool } from '@voltagent/core';
const a = createTool({ name: 'get_weather', description: '', parameters: {}, execute: async () => '' });
const b = tool({ name: 'search', description: '', parameters: {}, execute: async () => '' });
const c = new Tool({ name: 'lookup', description: '', parameters: {}, execute: async () => '' });
export const agent = new Agent({ name: 'Helper', instructions: '', model: 'openai/gpt-4o-mini', tools: [a, b, c] });`,
    expected: {
      tools: ['get_weather', 'search', 'lookup'],
      agents: { Helper: { tools: ['get_weather', 'search', 'lookup'] } },
    },
  },
  {
    name: 'a toolkit stands for its tools, in tools or in toolkits, also from another file',
    files: {
      'src/kit.ts': `import { createTool, createToolkit } from '@voltagent/core';
export const calendar = createToolkit({
  name: 'calendar',
  tools: [
    createTool({ name: 'list_events', description: '', parameters: {}, execute: async () => '' }),
    createTool({ name: 'add_event', description: '', parameters: {}, execute: async () => '' }),
  ],
});`,
      'src/agent.ts': `import { Agent, createToolkit } from '@voltagent/core';
import { calendar } from './kit';
const nested = createToolkit({ name: 'all', tools: [calendar] });
export const a = new Agent({ name: 'Planner', instructions: '', model: 'openai/gpt-4o', tools: [nested] });
export const b = new Agent({ name: 'Viewer', instructions: '', model: 'openai/gpt-4o', toolkits: [calendar] });`,
    },
    expected: {
      tools: ['list_events', 'add_event'],
      agents: { Planner: { tools: ['list_events', 'add_event'] }, Viewer: { tools: ['list_events', 'add_event'] } },
    },
  },
  {
    name: 'sub-agents, as agents or as { agent, method } configurations, are delegates',
    files: `import { Agent, createSubagent } from '@voltagent/core';
const writer = new Agent({ name: 'Writer', instructions: '', model: 'openai/gpt-4o' });
const editor = new Agent({ name: 'Editor', instructions: '', model: 'openai/gpt-4o' });
const checker = new Agent({ name: 'Checker', instructions: '', model: 'openai/gpt-4o' });
export const boss = new Agent({
  name: 'Boss',
  instructions: '',
  model: 'openai/gpt-4o',
  subAgents: [writer, { agent: editor, method: 'generateText' }, createSubagent({ agent: checker, method: 'streamText' })],
});`,
    expected: {
      tools: [],
      agents: {
        Boss: { delegates: ['Writer', 'Editor', 'Checker'] },
        Writer: {},
        Editor: {},
        Checker: {},
      },
    },
  },
  {
    name: 'agent.addTools registers more tools on the agent',
    files: `import { Agent, createTool } from '@voltagent/core';
const ping = createTool({ name: 'ping', description: '', parameters: {}, execute: async () => 'pong' });
const agent = new Agent({ name: 'Pinger', instructions: '', model: 'openai/gpt-4o' });
agent.addTools([ping]);`,
    expected: { tools: ['ping'], agents: { Pinger: { tools: ['ping'] } } },
  },
  {
    name: 'createTool from another package is not VoltAgent’s',
    files: `import { createTool } from '@acme/tools';
export const x = createTool({ name: 'x', description: '', execute: async () => '' });`,
    expected: { tools: [] },
  },
]);

/** A gated tool that runs shell commands, for the framework-version cases. */
const gatedShell = `import { Agent, createTool } from '@voltagent/core';
import { execSync } from 'node:child_process';
/** @owner platform */
const sh = createTool({ name: 'sh', description: '', parameters: {}, needsApproval: true, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
export const a = new Agent({ name: 'Ops', instructions: '', model: 'openai/gpt-4o', tools: [sh] });`;

ruleTester('unapproved-high-risk-action', {
  valid: [
    {
      name: 'VoltAgent 2.x declared: needsApproval gates the tool',
      files: {
        'package.json': '{ "name": "ops", "dependencies": { "@voltagent/core": "^2.10.0" } }',
        'src/agent.ts': gatedShell,
      },
    },
    {
      name: 'VoltAgent: needsApproval: true gates a tool that deletes files',
      code: `import { Agent, createTool } from '@voltagent/core';
import { rm } from 'node:fs/promises';
/** @owner platform */
const wipe = createTool({ name: 'wipe', description: '', parameters: {}, needsApproval: true, execute: async () => rm('/tmp/x', { recursive: true }) });
export const a = new Agent({ name: 'Ops', instructions: '', model: 'openai/gpt-4o', tools: [wipe] });`,
    },
  ],
  invalid: [
    {
      name: 'VoltAgent 1.x: needsApproval came in 2.0, so on 1.x it gates nothing',
      files: {
        'package.json': '{ "name": "ops", "dependencies": { "@voltagent/core": "^1.5.2" } }',
        'src/agent.ts': gatedShell,
      },
      errors: [
        {
          message: /Its `needsApproval` is not a gate in @voltagent\/core \^1\.5\.2 \(it came in 2\.0\)/,
          line: 4,
          column: 31,
          file: 'src/agent.ts',
          fixes: ["Require human approval for 'sh' (@approval required)"],
        },
      ],
    },
    {
      name: 'VoltAgent: a tool that runs shell commands without approval',
      code: `import { Agent, createTool } from '@voltagent/core';
import { execSync } from 'node:child_process';
/** @owner platform */
const shell = createTool({ name: 'shell', description: '', parameters: {}, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
export const a = new Agent({ name: 'Ops', instructions: '', model: 'openai/gpt-4o', tools: [shell] });`,
      errors: [{ messageId: 'unapproved', line: 4, column: 34 }],
    },
  ],
});
