import { adapterTable } from '../helpers/inventory';
import { ruleTester } from '../helpers/rule-tester';

adapterTable('Vercel AI SDK adapter', [
  {
    name: 'tools named by their keys in generateText (v5+ inputSchema)',
    files: `import { generateText, tool } from 'ai';
const lookup = tool({ description: 'Find', inputSchema: {} as any, execute: async () => 1 });
export async function support(q: string) {
  return generateText({ model: {} as any, prompt: q, tools: { lookup_order: lookup, weather: tool({ description: 'w', inputSchema: {} as any, execute: async () => 2 }) } });
}`,
    expected: { tools: ['lookup_order', 'weather'], agents: { support: { tools: ['lookup_order', 'weather'] } } },
  },
  {
    name: 'v4 shape (parameters, maxSteps) with shorthand keys and streamText',
    files: `import { streamText, tool } from 'ai';
const getWeather = tool({ description: 'w', parameters: {} as any, execute: async () => 1 });
export const chat = () => streamText({ model: {} as any, maxSteps: 5, prompt: '', tools: { getWeather } });`,
    expected: { tools: ['getWeather'], agents: { chat: { tools: ['getWeather'] } } },
  },
  {
    name: 'aliased import, namespace import and a tools object held in a variable',
    files: `import { tool as defineTool } from 'ai';
import * as ai from 'ai';
const search = defineTool({ description: 's', inputSchema: {} as any, execute: async () => 1 });
const fetchPage = ai.tool({ description: 'f', inputSchema: {} as any, execute: async () => 1 });
const tools = { search, fetch_page: fetchPage };
export const agent = new ai.ToolLoopAgent({ model: {} as any, instructions: '', tools });`,
    expected: { tools: ['search', 'fetch_page'], agents: { agent: { tools: ['search', 'fetch_page'] } } },
  },
  {
    name: 'dynamicTool and provider tools',
    files: `import { dynamicTool, generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export const go = () => generateText({ model: openai('gpt-5'), prompt: '', tools: {
  run_plugin: dynamicTool({ description: 'p', inputSchema: {} as any, execute: async () => 1 }),
  web_search: openai.tools.webSearch({}),
} });`,
    expected: { tools: ['run_plugin', 'web_search'], agents: { go: { tools: ['run_plugin', 'web_search'] } } },
  },
  {
    name: 'CommonJS require',
    files: `const { tool, generateText } = require('ai');
const echo = tool({ description: 'e', inputSchema: {}, execute: async () => 1 });
module.exports = () => generateText({ model: {}, prompt: '', tools: { echo } });`,
    expected: { tools: ['echo'] },
  },
  {
    name: 'a tool defined but never registered is named by its variable',
    files: `import { tool } from 'ai';
export const refundOrder = tool({ description: 'r', inputSchema: {} as any, execute: async () => 1 });`,
    expected: { tools: ['refundOrder'] },
  },
  {
    name: 'negative: tool() from another package is not an AI SDK tool',
    files: `import { tool } from './tool-helpers';
import { generateText } from 'ai';
const x = tool({ description: 'x' });
export const go = () => generateText({ model: {} as any, prompt: '' });`,
    expected: { tools: [] },
  },
]);

adapterTable('one-shot model calls: the agent is the function they run in', [
  {
    name: 'a Next.js route handler: named by its method and route',
    files: {
      'src/app/(chat)/api/chat/route.ts': `import { openai } from '@ai-sdk/openai';
import { streamText, tool } from 'ai';
const weather = tool({ description: 'Weather', inputSchema: {} as never, execute: async () => 'sunny' });
export async function POST(req: Request) {
  const { messages } = await req.json();
  const result = streamText({ model: openai('gpt-5'), messages, tools: { weather } });
  return result.toUIMessageStreamResponse();
}`,
    },
    expected: { tools: ['weather'], agents: { 'POST /api/chat': { tools: ['weather'] } } },
  },
  {
    name: 'an Express or Hono route handler: named by its method and path, not the variable of its result',
    files: {
      'src/server.ts': `import express from 'express';
import { streamText, tool } from 'ai';
const weather = tool({ description: 'Weather', inputSchema: {} as never, execute: async () => 'sunny' });
const app = express();
app.post('/api/chat', async (req, res) => {
  const result = streamText({ model: {} as never, messages: req.body.messages, tools: { weather } });
  result.pipeUIMessageStreamToResponse(res);
});`,
    },
    expected: { tools: ['weather'], agents: { 'POST /api/chat': { tools: ['weather'] } } },
  },
  {
    name: 'two model calls in one function are one agent, with the tools of both',
    files: `import { generateText, tool } from 'ai';
const lookup = tool({ description: 'Lookup', inputSchema: {} as never, execute: async () => '' });
const notify = tool({ description: 'Notify', inputSchema: {} as never, execute: async () => '' });
export async function answerTicket(question: string) {
  const draft = await generateText({ model: {} as never, prompt: question, tools: { lookup } });
  return generateText({ model: {} as never, prompt: draft.text, tools: { notify } });
}`,
    expected: { tools: ['lookup', 'notify'], agents: { answerTicket: { tools: ['lookup', 'notify'] } } },
  },
  {
    name: 'a function, a class method and a module-level result',
    files: `import OpenAI from 'openai';
import { generateText, tool } from 'ai';
const lookup = tool({ description: 'Lookup', inputSchema: {} as never, execute: async () => '' });
const client = new OpenAI();
export async function answerTicket(question: string) {
  const response = await generateText({ model: {} as never, prompt: question, tools: { lookup } });
  return response.text;
}
export class Bot {
  async reply(input: string) {
    const r = await client.responses.create({ model: 'gpt-5', input, tools: [{ type: 'function', name: 'escalate', parameters: {} }] });
    return r.output_text;
  }
}
export const digest = await generateText({ model: {} as never, prompt: 'x', tools: { lookup } });`,
    expected: {
      tools: ['lookup', 'escalate'],
      agents: {
        answerTicket: { tools: ['lookup'] },
        'Bot.reply': { tools: ['escalate'] },
        digest: { tools: ['lookup'] },
      },
    },
  },
]);

/** A gated tool that runs shell commands, for the framework-version cases. */
const gatedShell = `import { tool } from 'ai';
import { execSync } from 'node:child_process';
/** @owner platform */
export const sh = tool({ description: '', inputSchema: {} as never, needsApproval: true, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });`;

ruleTester('unapproved-high-risk-action', {
  valid: [
    {
      name: 'AI SDK 6 declared: needsApproval gates the tool',
      files: {
        'package.json': '{ "name": "ops", "dependencies": { "ai": "^6.0.0" } }',
        'src/agent.ts': gatedShell,
      },
    },
  ],
  invalid: [
    {
      name: 'AI SDK 5 declared: needsApproval came in 6.0, so it gates nothing',
      files: {
        'package.json': '{ "name": "ops", "dependencies": { "ai": "5.0.110" } }',
        'src/agent.ts': gatedShell,
      },
      errors: [
        { message: /Its `needsApproval` is not a gate in ai 5\.0\.110/, line: 4, column: 14, file: 'src/agent.ts' },
      ],
    },
  ],
});
