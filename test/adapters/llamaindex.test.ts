import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREBUILT_TOOLS } from '../../server/src/analyzer/adapters/llamaindex';
import { REPO } from '../helpers/cli';
import { adapterTable } from '../helpers/inventory';
import { ruleTester } from '../helpers/rule-tester';

adapterTable('LlamaIndex.TS adapter', [
  {
    name: 'tool() with its metadata first or second, FunctionTool.from and new FunctionTool',
    files: `import { FunctionTool, tool } from 'llamaindex';
import { agent } from '@llamaindex/workflow';
const a = tool({ name: 'search', description: '', parameters: {}, execute: async () => '' });
const b = tool(async () => '', { name: 'summarize', description: '', parameters: {} });
const c = FunctionTool.from(async () => '', { name: 'translate', description: '' });
const d = new FunctionTool(async () => '', { name: 'classify', description: '' });
export const w = agent({ name: 'Reader', tools: [a, b, c, d] });`,
    expected: {
      tools: ['search', 'summarize', 'translate', 'classify'],
      agents: { Reader: { tools: ['search', 'summarize', 'translate', 'classify'] } },
    },
  },
  {
    name: 'canHandoffTo names agents by reference or by name; an unnamed agent is "Agent"',
    files: `import { agent, FunctionAgent, multiAgent } from '@llamaindex/workflow';
const writer = new FunctionAgent({ name: 'Writer', tools: [] });
const reviewer = agent({ name: 'Reviewer', tools: [] });
const lead = agent({ name: 'Lead', tools: [], canHandoffTo: [writer, 'Reviewer'] });
export const helper = agent({ tools: [] });
export const team = multiAgent({ agents: [lead, writer, reviewer], rootAgent: lead });`,
    expected: {
      tools: [],
      agents: { Writer: {}, Reviewer: {}, Lead: { delegates: ['Writer', 'Reviewer'] }, Agent: {} },
    },
  },
  {
    name: 'metadata made elsewhere: a variable, or a method of the class returning it',
    files: `import { FunctionTool } from 'llamaindex';
const meta = { name: 'lookup', description: '' };
export const a = FunctionTool.from(async () => '', meta);
export class OpenApiTools {
  constructor() {
    this.loadMeta = (title: string) => ({ name: 'load_openapi_spec', description: title });
  }
  loadMeta: (title: string) => { name: string; description: string };
  tools() {
    return [FunctionTool.from(async () => '', this.loadMeta('x'))];
  }
}`,
    expected: { tools: ['lookup', 'load_openapi_spec'] },
  },
  {
    name: 'query engines offered as tools: new QueryEngineTool, and an index’s queryTool, named or by default',
    files: {
      'src/data.ts': `import { VectorStoreIndex } from 'llamaindex';
export async function getIndex() { return VectorStoreIndex.fromDocuments([]); }`,
      'src/workflow.ts': `import { agent } from '@llamaindex/workflow';
import { QueryEngineTool, VectorStoreIndex } from 'llamaindex';
import { getIndex } from './data';
export const workflowFactory = async () => {
  const index = await getIndex();
  const docs = index.queryTool({ metadata: { name: 'query_document', description: 'Apple and Tesla filings' } });
  const own = await VectorStoreIndex.init({});
  const fallback = own.asQueryTool({ includeSourceNodes: true });
  const engine = new QueryEngineTool({ queryEngine: own.asQueryEngine(), metadata: { name: 'faq', description: '' } });
  const unnamed = index.queryTool();
  return agent({ name: 'analyst', tools: [docs, fallback, engine, unnamed] });
};`,
    },
    expected: {
      tools: ['query_document', 'query_engine_tool', 'faq'],
      agents: { analyst: { tools: ['query_document', 'query_engine_tool', 'faq', 'unnamed'] } },
      dynamic: 1,
    },
  },
  {
    name: 'tool from another package is not LlamaIndex’s',
    files: `import { tool } from 'my-tools';
export const t = tool({ name: 'x', execute: async () => '' });`,
    expected: { tools: [] },
  },
]);

// Shaped after create-llama's human-in-the-loop template: the model picks the tool, the workflow asks the user.
const hitl = (step: string) => ({
  'src/app/events.ts': `import { humanInputEvent, humanResponseEvent } from '@llamaindex/server';
export const cliHumanInputEvent = humanInputEvent<{ type: 'cli_human_input'; data: { command: string } }>();
export const cliHumanResponseEvent = humanResponseEvent<{ type: 'human_response'; data: { execute: boolean } }>();`,
  'src/app/tools.ts': `import { execSync } from 'child_process';
import { tool } from 'llamaindex';
import { z } from 'zod';
export const cliExecutor = tool({
  name: 'cli_executor',
  description: 'Executes a command',
  parameters: z.object({ command: z.string() }),
  execute: async ({ command }) => execSync(command, { encoding: 'utf-8' }),
});`,
  'src/app/workflow.ts': `import { chatWithTools } from '@llamaindex/tools';
import { createWorkflow, startAgentEvent, workflowEvent } from '@llamaindex/workflow';
import { Settings, type ToolCallLLM } from 'llamaindex';
import { cliHumanInputEvent } from './events';
import { cliExecutor } from './tools';
const summaryEvent = workflowEvent<string>();
export const workflowFactory = () => {
  const workflow = createWorkflow();
  workflow.handle([startAgentEvent], async ({ data }) => {
    const response = await chatWithTools(Settings.llm as ToolCallLLM, [cliExecutor], [{ role: 'user', content: data.userInput }]);
    const command = response.toolCalls[0]?.input?.command as string;
    ${step}
    return summaryEvent.with('');
  });
  return workflow;
};`,
});

adapterTable('LlamaIndex: a model that picks tools for the workflow to run', [
  {
    name: 'chatWithTools offers the tools to the model: the step it runs in is an agent',
    files: hitl(''),
    expected: { tools: ['cli_executor'], agents: { workflowFactory: { tools: ['cli_executor'] } } },
  },
]);

ruleTester('unapproved-high-risk-action', {
  valid: [
    {
      name: 'LlamaIndex human in the loop: the step returns a humanInputEvent before the command runs',
      files: hitl(`if (command) return cliHumanInputEvent.with({ type: 'cli_human_input', data: { command } });`),
    },
  ],
  invalid: [
    {
      name: 'LlamaIndex: one step asks a human, another step of the same workflow runs its pick unasked',
      files: {
        ...hitl(`if (command) return cliHumanInputEvent.with({ type: 'cli_human_input', data: { command } });`),
        'src/app/workflow.ts': hitl(
          `if (command) return cliHumanInputEvent.with({ type: 'cli_human_input', data: { command } });`,
        )['src/app/workflow.ts'].replace(
          '  return workflow;',
          `  workflow.handle([summaryEvent], async () => {
    const again = await chatWithTools(Settings.llm as ToolCallLLM, [cliExecutor], []);
    await cliExecutor.call({ command: again.toolCalls[0]?.input?.command as string });
    return summaryEvent.with('');
  });
  return workflow;`,
        ),
      },
      errors: [{ messageId: 'unapproved', line: 5, column: 9, file: 'src/app/tools.ts' }],
    },
    {
      name: 'LlamaIndex: the step runs the tool the model picked without asking',
      files: hitl(`if (command) await cliExecutor.call({ command });`),
      errors: [{ messageId: 'unapproved', line: 5, column: 9, file: 'src/app/tools.ts' }],
    },
    {
      name: 'LlamaIndex: a tool whose function runs shell commands, with no gate',
      code: `import { tool } from 'llamaindex';
import { agent } from '@llamaindex/workflow';
import { execSync } from 'node:child_process';
/** @owner platform */
const sh = tool(({ cmd }: { cmd: string }) => execSync(cmd).toString(), { name: 'sh', description: '' });
export const w = agent({ name: 'Ops', tools: [sh] });`,
      errors: [{ messageId: 'unapproved', line: 5, column: 81 }],
    },
  ],
});

adapterTable('LlamaIndex prebuilt tools', [
  {
    // As create-llama's financial report makes its tools.
    name: 'the tools @llamaindex/tools makes are tools under the names its factories give them',
    files: `import { chatWithTools, documentGenerator, interpreter } from '@llamaindex/tools';
export async function report() {
  const tools = [interpreter({ apiKey: process.env.E2B_API_KEY! }), documentGenerator()];
  return chatWithTools({} as never, tools, []);
}`,
    expected: {
      tools: ['interpreter', 'document_generator'],
      agents: { report: { tools: ['interpreter', 'document_generator'] } },
    },
  },
]);

describe('LlamaIndex prebuilt tools: each name as the package’s factory gives it', () => {
  const source = readFileSync(join(REPO, 'third-party/corpus/node_modules/@llamaindex/tools/dist/index.js'), 'utf8');
  for (const [factory, { name }] of Object.entries(PREBUILT_TOOLS)) {
    it(`${factory}() is '${name}'`, () => {
      const at = source.indexOf(`const ${factory} = `);
      expect(at, factory).toBeGreaterThan(-1);
      expect(/\bname: "([^"]+)"/.exec(source.slice(at))?.[1]).toBe(name);
    });
  }
});
