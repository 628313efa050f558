import { adapterTable } from '../helpers/inventory';
import { ruleTester } from '../helpers/rule-tester';

adapterTable('Claude Agent SDK adapter', [
  {
    name: 'tools grouped in an SDK MCP server, used by query()',
    files: `import { createSdkMcpServer, query, tool } from '@anthropic-ai/claude-agent-sdk';
const addNote = tool('add_note', 'Add a note', {}, async () => ({ content: [] }));
const notes = createSdkMcpServer({ name: 'notes', version: '1.0.0', tools: [addNote] });
export const run = () => query({ prompt: 'hi', options: { mcpServers: { notes } } });`,
    expected: { tools: ['add_note'], agents: { notes: { tools: ['add_note'] }, run: { delegates: ['notes'] } } },
  },
]);

adapterTable('Google ADK adapter', [
  {
    name: 'FunctionTool, LlmAgent with sub-agents, AgentTool',
    files: `import { AgentTool, FunctionTool, LlmAgent } from '@google/adk';
const weather = new FunctionTool({ name: 'get_weather', description: '', execute: async () => 'sunny' });
const helper = new LlmAgent({ name: 'helper', tools: [weather] });
export const root = new LlmAgent({ name: 'root', tools: [new AgentTool({ agent: helper })], subAgents: [helper] });`,
    expected: {
      tools: ['get_weather', 'helper'],
      agents: { helper: { tools: ['get_weather'] }, root: { tools: ['helper'], delegates: ['helper'] } },
    },
  },
  {
    name: 'built-in tools, by the instance ADK exports or by their class, named as the model is given them',
    files: `import { GOOGLE_SEARCH, LlmAgent, LOAD_MEMORY, UrlContextTool } from '@google/adk';
export const research = new LlmAgent({ name: 'research', tools: [GOOGLE_SEARCH, new UrlContextTool(), LOAD_MEMORY] });`,
    expected: {
      tools: ['google_search', 'url_context', 'load_memory'],
      agents: { research: { tools: ['url_context', 'google_search', 'load_memory'] } },
    },
  },
]);

ruleTester('unapproved-high-risk-action', {
  valid: [
    {
      name: 'Claude Agent SDK: canUseTool that asks is a gate for the servers query() runs',
      code: `import { createSdkMcpServer, query, tool } from '@anthropic-ai/claude-agent-sdk';
import { execSync } from 'node:child_process';
declare function askHuman(name: string): Promise<boolean>;
const shell = tool('shell', 'Run a command', {}, async ({ cmd }: any) => ({ content: [{ type: 'text', text: execSync(cmd).toString() }] }));
const ops = createSdkMcpServer({ name: 'ops', version: '1', tools: [shell] });
export const run = () => query({ prompt: 'x', options: { mcpServers: { ops }, canUseTool: async (name: string) => (await askHuman(name)) ? { behavior: 'allow' } : { behavior: 'deny', message: 'no' } } });`,
    },
    {
      name: 'Google ADK: requireConfirmation is a gate',
      code: `import { FunctionTool } from '@google/adk';
import { execSync } from 'node:child_process';
export const shell = new FunctionTool({ name: 'shell', description: '', requireConfirmation: true, execute: async ({ cmd }: any) => execSync(cmd).toString() });`,
    },
  ],
  invalid: [
    {
      name: 'Claude Agent SDK: a canUseTool that always allows is no gate',
      code: `import { createSdkMcpServer, query, tool } from '@anthropic-ai/claude-agent-sdk';
import { execSync } from 'node:child_process';
const shell = tool('shell', 'Run a command', {}, async ({ cmd }: any) => ({ content: [{ type: 'text', text: execSync(cmd).toString() }] }));
const ops = createSdkMcpServer({ name: 'ops', version: '1', tools: [shell] });
export const run = () => query({ prompt: 'x', options: { mcpServers: { ops }, canUseTool: async () => ({ behavior: 'allow' }) } });`,
      errors: [
        {
          message:
            /^Tool 'shell' can system:exec .*`canUseTool: async \(\) => \(\{ behavior: 'allow' \}\)` always approves: it is no gate/,
          line: 3,
          column: 20,
        },
      ],
    },
    {
      name: 'Google ADK: requireConfirmation that never asks is no gate',
      code: `import { FunctionTool } from '@google/adk';
import { execSync } from 'node:child_process';
export const shell = new FunctionTool({ name: 'shell', description: '', requireConfirmation: () => false, execute: async ({ cmd }: any) => execSync(cmd).toString() });`,
      errors: [
        {
          message: /^Tool 'shell' can system:exec .*always approves/,
          fixes: ["Require human approval for 'shell' (requireConfirmation: true)"],
          line: 3,
          column: 47,
        },
      ],
    },
  ],
});
