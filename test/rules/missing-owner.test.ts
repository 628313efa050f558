import { ruleTester } from '../helpers/rule-tester';

const mastra = (body = "mkdir('/srv/work')") => `import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { mkdir, rm } from 'node:fs/promises';
export const restart = createTool({ id: 'restart-worker', description: '', execute: async () => ${body} });
export const ops = new Agent({ id: 'ops', name: 'Ops', instructions: '', model: 'openai/gpt-5', tools: { restart } });`;

const orphanTool = `import { createTool } from '@mastra/core/tools';
import { mkdir } from 'node:fs/promises';
export const prepare = createTool({ id: 'prepare', description: '', execute: async () => mkdir('/srv/work') });`;

ruleTester('missing-owner', {
  valid: [
    {
      name: '@owner on each definition',
      code: `import { Agent, tool } from '@openai/agents';
import { mkdir } from 'node:fs/promises';
/** @owner team-a */
const t = tool({ name: 't', description: '', parameters: {} as any, execute: async () => mkdir('/srv/w') });
/** @owner team-a */
export const a = new Agent({ name: 'a', tools: [t] });`,
    },
    {
      name: 'file-level @owner before the imports',
      code: `/** @owner team-ops */\n${mastra()}`,
    },
    {
      name: 'the tools of an owned agent inherit its owner',
      code: mastra().replace('export const ops', '/** @owner team-ops */\nexport const ops'),
    },
    {
      name: 'a read-only agent needs no owner written down',
      code: mastra('1'),
    },
    {
      name: 'an agent with no tools needs no owner written down',
      code: `import { Agent } from '@openai/agents';\nexport const support = new Agent({ name: 'support' });`,
    },
    {
      name: 'governance.owner set to high leaves medium-risk agents alone',
      code: mastra(),
      config: { governance: { owner: 'high' } },
    },
    {
      name: '@owner on the function that returns the agent call (AI SDK generateText)',
      code: `import { generateText, tool } from 'ai';
import { mkdir } from 'node:fs/promises';
const prepare = tool({ description: '', inputSchema: {} as any, execute: async () => mkdir('/srv/w') });
/** @owner team-agents @revocation flag AGENT */
export async function answer(prompt: string) {
  return generateText({ model: {} as any, prompt, tools: { prepare } });
}`,
    },
    {
      name: 'owners glob from the config',
      filename: 'src/ops/agent.ts',
      code: mastra(),
      config: { owners: { 'src/ops/**': 'team-ops' } },
    },
    {
      name: 'test code is left out',
      filename: 'src/ops/agent.test.ts',
      code: mastra("rm('/srv/work')"),
    },
  ],
  invalid: [
    {
      name: 'a Mastra agent without owner is reported once, not once more per tool',
      code: mastra(),
      errors: [
        {
          message: "Agent 'Ops' (medium risk) has no owner.",
          line: 5,
          column: 49,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'at high risk, an error',
      code: mastra("rm('/srv/work')"),
      errors: [{ message: "Agent 'Ops' (high risk) has no owner.", line: 5, column: 49, severity: 'error' }],
    },
    {
      name: 'an owners glob for another folder does not apply',
      filename: 'src/billing/agent.ts',
      code: mastra(),
      config: { owners: { 'src/ops/**': 'team-ops' } },
      errors: [{ messageId: 'noOwner', line: 5, column: 49 }],
    },
    {
      name: 'a tool no agent exposes is reported on its own',
      code: orphanTool,
      errors: [{ message: "Tool 'prepare' (medium risk) has no owner.", line: 3, column: 41 }],
    },
    {
      name: 'governance.owner set to low asks it of read-only agents too',
      code: mastra('1'),
      config: { governance: { owner: 'low' } },
      errors: [{ message: "Agent 'Ops' (low risk) has no owner.", line: 5, column: 49, severity: 'warning' }],
    },
  ],
});

ruleTester('missing-owner', {
  valid: [],
  invalid: [
    {
      name: 'an unowned agent, with the fix that adds @owner',
      code: `import { Agent } from '@openai/agents';\n/** @revocation flag X */\nexport const support = new Agent({ name: 'support' });`,
      config: { governance: { owner: 'low' } },
      errors: [{ messageId: 'noOwner', line: 3, column: 42, fixes: ["Add @owner to 'support'"] }],
    },
    {
      name: 'an empty @owner tag, with the fix that writes one in',
      code: `import { Agent } from '@openai/agents';\n/** @owner\n * @revocation flag X */\nexport const support = new Agent({ name: 'support' });`,
      config: { governance: { owner: 'low' } },
      errors: [
        { messageId: 'badOwner', line: 2, column: 5, fixes: ["Add @owner to 'support'"] },
        { messageId: 'noOwner', line: 4, column: 42, fixes: ["Add @owner to 'support'"] },
      ],
    },
  ],
});
