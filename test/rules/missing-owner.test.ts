import { ruleTester } from '../helpers/rule-tester';

const tool = (name: string) =>
  `Tool '${name}' has no owner: nobody answers for what it does. Add \`@owner <team>\` to its JSDoc, an \`owners\` glob in agent-warden.json, or a CODEOWNERS rule.`;
const agent = (name: string) =>
  `Agent '${name}' has no owner: nobody answers for what it does. Add \`@owner <team>\` to its JSDoc, an \`owners\` glob in agent-warden.json, or a CODEOWNERS rule.`;

const mastra = `import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
export const restart = createTool({ id: 'restart-worker', description: '', execute: async () => 1 });
export const ops = new Agent({ id: 'ops', name: 'Ops', instructions: '', model: 'openai/gpt-5', tools: { restart } });`;

ruleTester('missing-owner', {
  valid: [
    {
      name: '@owner on each definition',
      code: `import { Agent, tool } from '@openai/agents';
/** @owner team-a */
const t = tool({ name: 't', description: '', parameters: {} as any, execute: async () => '' });
/** @owner team-a */
export const a = new Agent({ name: 'a', tools: [t] });`,
    },
    {
      name: 'file-level @owner before the imports',
      code: `/** @owner team-ops */\n${mastra}`,
    },
    {
      name: '@owner on the function that returns the agent call (AI SDK generateText)',
      code: `import { generateText } from 'ai';
/** @owner team-agents @revocation flag AGENT */
export async function answer(prompt: string) {
  return generateText({ model: {} as any, prompt, tools: {} });
}
/** @owner team-agents */
export const summarise = (text: string) => generateText({ model: {} as any, prompt: text });`,
    },
    {
      name: 'owners glob from the config',
      filename: 'src/ops/agent.ts',
      code: mastra,
      config: { owners: { 'src/ops/**': 'team-ops' } },
    },
  ],
  invalid: [
    {
      name: 'Mastra tool and agent without owner',
      code: mastra,
      errors: [
        { message: tool('restart'), line: 3, column: 41 },
        { message: agent('Ops'), line: 4, column: 49 },
      ],
    },
    {
      name: 'an owners glob for another folder does not apply',
      filename: 'src/billing/agent.ts',
      code: mastra,
      config: { owners: { 'src/ops/**': 'team-ops' } },
      errors: [
        { message: tool('restart'), line: 3, column: 41 },
        { message: agent('Ops'), line: 4, column: 49 },
      ],
    },
  ],
});

ruleTester('missing-owner', {
  valid: [],
  invalid: [
    {
      name: 'an unowned agent, with the fix that adds @owner',
      code: `import { Agent } from '@openai/agents';\n/** @revocation flag X */\nexport const support = new Agent({ name: 'support' });`,
      errors: [{ messageId: 'noOwner', line: 3, column: 42, fixes: ["Add @owner to 'support'"] }],
    },
    {
      name: 'an empty @owner tag, with the fix that writes one in',
      code: `import { Agent } from '@openai/agents';\n/** @owner\n * @revocation flag X */\nexport const support = new Agent({ name: 'support' });`,
      errors: [
        { messageId: 'badOwner', line: 2, column: 5, fixes: ["Add @owner to 'support'"] },
        { messageId: 'noOwner', line: 4, column: 42, fixes: ["Add @owner to 'support'"] },
      ],
    },
  ],
});
