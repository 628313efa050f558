import { adapterTable } from '../helpers/inventory';

adapterTable('Mastra adapter', [
  {
    name: 'Agent with a tools map and sub-agents: the model knows each tool by its key, not its createTool id',
    files: `import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
export const weather = createTool({ id: 'get-weather', description: '', execute: async () => 1 });
const writer = new Agent({ id: 'writer', name: 'Writer', instructions: '', model: 'openai/gpt-5' });
export const planner = new Agent({ id: 'planner', name: 'Planner', instructions: '', model: 'openai/gpt-5', tools: { weather }, agents: { writer } });`,
    expected: {
      tools: ['weather'],
      agents: { Writer: {}, Planner: { tools: ['weather'], delegates: ['Writer'] } },
    },
  },
  {
    name: 'tools written in a map a function returns are called by their keys; a subclass of Agent is an Agent',
    files: `import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
export const defaultTools = async () => ({
  readFile: createTool({ id: 'read-file', description: '', execute: async () => '' }),
  writeFile: createTool({ id: 'write-file', description: '', execute: async () => '' }),
});
var Builder = class extends Agent {};
const copy = createTool({ id: 'copy-file', description: '', execute: async () => '' });
export const builder = new Builder({ name: 'Builder', instructions: '', model: 'openai/gpt-5', tools: { copyFile: copy } });`,
    expected: {
      tools: ['readFile', 'writeFile', 'copyFile'],
      agents: { Builder: { tools: ['copyFile'] } },
    },
  },
]);

adapterTable('raw OpenAI / Anthropic tool arrays', [
  {
    name: 'Chat Completions and Responses shapes, hosted tools',
    files: `import OpenAI from 'openai';
const client = new OpenAI();
export const a = () => client.chat.completions.create({ model: 'x', messages: [], tools: [{ type: 'function', function: { name: 'get_weather', parameters: {} } }] });
export const b = () => client.responses.create({ model: 'x', input: '', tools: [{ type: 'function', name: 'lookup', parameters: {} }, { type: 'web_search' }] });`,
    expected: {
      tools: ['get_weather', 'lookup', 'web_search'],
      agents: { a: { tools: ['get_weather'] }, b: { tools: ['lookup', 'web_search'] } },
    },
  },
  {
    name: 'Anthropic messages with a tools array from a const, and betaZodTool',
    files: `import Anthropic from '@anthropic-ai/sdk';
import { betaZodTool } from '@anthropic-ai/sdk/helpers/beta/zod';
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const TOOLS = [{ name: 'get_stock', description: '', input_schema: { type: 'object' } }];
const calc = betaZodTool({ name: 'calc', description: '', inputSchema: {} as any, run: async () => '' });
export const ask = () => anthropic.messages.create({ model: 'm', max_tokens: 10, messages: [], tools: TOOLS });
export const run = () => anthropic.beta.messages.toolRunner({ model: 'm', max_tokens: 10, messages: [], tools: [calc] });`,
    expected: { tools: ['get_stock', 'calc'], agents: { ask: { tools: ['get_stock'] }, run: { tools: ['calc'] } } },
  },
  {
    name: 'negative: a file importing no agent SDK yields nothing, whatever its shapes',
    files: `const client = { chat: { completions: { create: (x: unknown) => x } } };
client.chat.completions.create({ tools: [{ type: 'function', function: { name: 'nope' } }] });`,
    expected: { tools: [] },
  },
]);
