import { adapterTable } from '../helpers/inventory';

adapterTable('LangChain / LangGraph adapter', [
  {
    name: 'tool(fn, {name}), DynamicTool, DynamicStructuredTool and createReactAgent',
    files: `import { DynamicStructuredTool, DynamicTool, tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
const search = tool(async () => '', { name: 'search', description: '', schema: {} as any });
const echo = new DynamicTool({ name: 'echo', description: '', func: async (s: string) => s });
const add = new DynamicStructuredTool({ name: 'add', description: '', schema: {} as any, func: async () => '' });
export const agent = createReactAgent({ llm: {} as any, tools: [search, echo, add], name: 'helper' });`,
    expected: { tools: ['search', 'echo', 'add'], agents: { helper: { tools: ['search', 'echo', 'add'] } } },
  },
  {
    name: 'StructuredTool subclasses: field, constructor assignment, instantiated in the tools list',
    files: `import { StructuredTool, Tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
class Calc extends StructuredTool { name = 'calculator'; description = ''; schema = {} as any; async _call() { return ''; } }
class Legacy extends Tool { constructor() { super(); this.name = 'legacy_lookup'; } description = ''; async _call() { return ''; } }
export const agent = createAgent({ model: 'openai:gpt-5', tools: [new Calc(), new Legacy()] });`,
    expected: { tools: ['calculator', 'legacy_lookup'], agents: { agent: { tools: ['calculator', 'legacy_lookup'] } } },
  },
  {
    name: 'headless tool from langchain and a supervisor delegating to agents',
    files: `import { tool } from 'langchain';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { createSupervisor } from '@langchain/langgraph-supervisor';
const confirm = tool({ name: 'confirm_with_user', description: '', schema: {} as any });
const research = createReactAgent({ llm: {} as any, tools: [], name: 'research' });
const math = createReactAgent({ llm: {} as any, tools: [confirm], name: 'math' });
export const sup = createSupervisor({ agents: [research, math], llm: {} as any });`,
    expected: {
      tools: ['confirm_with_user'],
      agents: { research: {}, math: { tools: ['confirm_with_user'] }, supervisor: { delegates: ['research', 'math'] } },
    },
  },
  {
    name: 'negative: a class extending a local Tool class is not a LangChain tool',
    files: `import { tool } from '@langchain/core/tools';
class Tool { name = 'x'; }
class Mine extends Tool { name = 'not_a_tool'; }`,
    expected: { tools: [] },
  },
]);

adapterTable('LangGraph graphs', [
  {
    name: 'a StateGraph can call the tools of the ToolNode added to it, chained or added later',
    files: `import { MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { tool } from '@langchain/core/tools';
const search = tool(async () => '', { name: 'search', description: '' });
const book = tool(async () => '', { name: 'book', description: '' });
const toolNode = new ToolNode([search, book]);
export const chained = new StateGraph(MessagesAnnotation)
  .addNode('agent', async () => ({ messages: [] }))
  .addNode('tools', toolNode)
  .addEdge(START, 'agent')
  .compile();
const workflow = new StateGraph(MessagesAnnotation);
workflow.addNode('agent', async () => ({ messages: [] }));
workflow.addNode('tools', new ToolNode([search]));
export const app = workflow.compile();`,
    expected: {
      tools: ['search', 'book'],
      agents: { chained: { tools: ['search', 'book'] }, workflow: { tools: ['search'] } },
    },
  },
  {
    name: 'a ToolNode given as an agent’s tools stands for its tools; compile({ name }) names the graph',
    files: `import { StateGraph } from '@langchain/langgraph';
import { createReactAgent, ToolNode } from '@langchain/langgraph/prebuilt';
import { tool } from '@langchain/core/tools';
const ping = tool(async () => 'pong', { name: 'ping', description: '' });
export const agent = createReactAgent({ llm: {} as never, tools: new ToolNode([ping]), name: 'pinger' });
export const g = new StateGraph({}).addNode('tools', new ToolNode([ping])).compile({ name: 'ping_graph' });`,
    expected: { tools: ['ping'], agents: { pinger: { tools: ['ping'] }, ping_graph: { tools: ['ping'] } } },
  },
]);
