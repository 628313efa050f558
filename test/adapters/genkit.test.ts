import { describe, expect, it } from 'vitest';
import { adapterTable, inventoryOf } from '../helpers/inventory';
import { ruleTester } from '../helpers/rule-tester';

adapterTable('Genkit adapter', [
  {
    name: 'defineTool on the instance in the same file; the model sees a namespaced name without its namespace',
    files: `import { genkit, z } from 'genkit';
const ai = genkit({ plugins: [] });
const lookup = ai.defineTool({ name: 'crm/lookupCustomer', description: '', inputSchema: z.object({}) }, async () => '');
export const answer = ai.defineFlow('answer', async (q: string) => (await ai.generate({ prompt: q, tools: [lookup] })).text);`,
    expected: { tools: ['lookupCustomer'], agents: { answer: { tools: ['lookupCustomer'] } } },
  },
  {
    name: 'the instance exported by genkit.ts and used in other files; prompts name tools by reference or by string',
    files: {
      'src/genkit.ts': `import { genkit } from 'genkit';
export const ai = genkit({ plugins: [] });`,
      'src/tools.ts': `import { ai } from './genkit';
export const weather = ai.defineTool({ name: 'getWeather', description: '' }, async () => 'sunny');
ai.defineTool({ name: 'acme/getTime', description: '' }, async () => 'noon');`,
      'src/prompts.ts': `import { ai } from './genkit';
import { weather } from './tools';
export const helper = ai.definePrompt({ name: 'helper', tools: [weather, 'acme/getTime', 'unknownTool'], prompt: '' });`,
    },
    expected: {
      tools: ['getWeather', 'getTime'],
      agents: { helper: { tools: ['getWeather', 'getTime'] } },
    },
  },
  {
    name: 'a generate call outside a flow is the agent of the function it runs in',
    files: `import { genkit } from 'genkit';
const ai = genkit({});
const ping = ai.dynamicTool({ name: 'ping', description: '' }, async () => 'pong');
export async function chat(q: string) {
  return ai.generate({ prompt: q, tools: [ping] });
}`,
    expected: { tools: ['ping'], agents: { chat: { tools: ['ping'] } } },
  },
  {
    name: 'tool() and interrupt() from @genkit-ai/ai are tools',
    files: `import { genkit } from 'genkit/beta';
import { interrupt, tool } from '@genkit-ai/ai';
const ai = genkit({});
const search = tool({ name: 'search', description: '' }, async () => '');
const ask = interrupt({ name: 'askUser', description: '' });
export const flow = ai.defineFlow({ name: 'research' }, async () => ai.generate({ prompt: '', tools: [search, ask] }));`,
    expected: { tools: ['search', 'askUser'], agents: { research: { tools: ['search', 'askUser'] } } },
  },
  {
    name: 'defineAgent (beta) is an agent; a prompt or agent among the tools is delegation',
    files: `import { genkit } from 'genkit/beta';
const ai = genkit({});
const weather = ai.defineTool({ name: 'getWeather', description: '' }, async () => 'sunny');
const reservations = ai.definePrompt({ name: 'reservations', tools: [weather], prompt: '' });
export const host = ai.defineAgent({ name: 'host', system: 'Greet guests', tools: [reservations, weather] });`,
    expected: {
      tools: ['getWeather'],
      agents: { reservations: { tools: ['getWeather'] }, host: { tools: ['getWeather'], delegates: ['reservations'] } },
    },
  },
  {
    name: '@genkit-ai/middleware in use: the tools it gives the model, and delegation to the agents it names',
    files: `import { genkit } from 'genkit/beta';
import { agents, artifacts, filesystem, skills } from '@genkit-ai/middleware';
const ai = genkit({});
export const coder = ai.defineAgent({ name: 'coder', use: [filesystem({ rootDirectory: './ws', allowWriteAccess: true })] });
export const reader = ai.defineAgent({ name: 'reader', use: [filesystem({ rootDirectory: './docs', toolNamePrefix: 'docs_' })] });
export const lead = ai.defineAgent({
  name: 'lead',
  use: [agents({ agents: ['coder', { name: 'reader' }], toolPrefix: 'ask' }), artifacts({ readonly: true }), skills({ skillPaths: ['./skills'] })],
});`,
    expected: {
      tools: [
        'list_files',
        'read_file',
        'write_file',
        'search_and_replace',
        'docs_list_files',
        'docs_read_file',
        'ask_coder',
        'ask_reader',
        'read_artifact',
        'use_skill',
      ],
      agents: {
        coder: { tools: ['list_files', 'read_file', 'write_file', 'search_and_replace'] },
        reader: { tools: ['docs_list_files', 'docs_read_file'] },
        lead: { tools: ['ask_coder', 'ask_reader', 'read_artifact', 'use_skill'], delegates: ['coder', 'reader'] },
      },
    },
  },
  {
    name: 'defineTool on something else, with another shape, is not Genkit’s',
    files: `import { registry } from './registry';
registry.defineTool('x', { run: () => 1 });
export {};`,
    expected: { tools: [] },
  },
]);

ruleTester('unapproved-high-risk-action', {
  valid: [
    {
      name: 'Genkit: a tool that calls interrupt() from its context before placing an order',
      code: `import { genkit } from 'genkit/beta';
const ai = genkit({});
/** @owner payments */
export const pay = ai.defineTool({ name: 'pay', description: '' }, async (input: { amount: number }, { interrupt, resumed }) => {
  if (!resumed) interrupt({ message: 'Pay?' });
  const stripe = new (await import('stripe')).default('');
  return stripe.charges.create({ amount: input.amount, currency: 'usd' });
});
export const flow = ai.defineFlow({ name: 'checkout' }, async () => ai.generate({ prompt: '', tools: [pay] }));`,
    },
  ],
  invalid: [
    {
      name: 'Genkit: a tool that runs shell commands, no interrupt',
      code: `import { genkit } from 'genkit';
import { execSync } from 'node:child_process';
const ai = genkit({});
/** @owner platform */
export const sh = ai.defineTool({ name: 'sh', description: '' }, async ({ cmd }: { cmd: string }) => execSync(cmd).toString());
export const flow = ai.defineFlow({ name: 'ops' }, async () => ai.generate({ prompt: '', tools: [sh] }));`,
      errors: [{ messageId: 'unapproved', line: 5, column: 41 }],
    },
  ],
});

describe('@genkit-ai/middleware', () => {
  it('toolApproval gates every tool of the call but those it approves; file tools can read or write', () => {
    const inv = inventoryOf(`import { genkit } from 'genkit/beta';
import { filesystem, toolApproval } from '@genkit-ai/middleware';
const ai = genkit({});
const menu = ai.defineTool({ name: 'menu', description: '' }, async () => '');
export const kitchen = ai.defineFlow('kitchen', async () =>
  ai.generate({ prompt: '', tools: [menu], use: [filesystem({ rootDirectory: './r', allowWriteAccess: true }), toolApproval({ approved: ['menu'] })] }),
);`);
    const byName = Object.fromEntries(inv.tools.map((t) => [t.name, t]));
    expect(byName.menu!.approval).toBeNull();
    expect(byName.write_file!.approval).toMatch(/^toolApproval\(\)/);
    expect(byName.write_file!.capabilities.map((c) => c.capability)).toEqual(['file:write']);
    expect(byName.list_files!.capabilities.map((c) => c.capability)).toEqual(['file:read']);
  });
});
