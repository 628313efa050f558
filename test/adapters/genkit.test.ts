import { adapterTable } from '../helpers/inventory';
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
