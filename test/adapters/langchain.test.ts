import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREBUILT_TOOLS } from '../../server/src/analyzer/adapters/langchain';
import { REPO } from '../helpers/cli';
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
  {
    name: 'tool classes extending a base tool class of another file: each a tool, the base none',
    files: {
      'src/gmail/base.ts': `import { StructuredTool } from '@langchain/core/tools';
export abstract class GmailBaseTool extends StructuredTool {
  name = 'Gmail';
  description = 'Send and read mail';
  protected client() { return {}; }
}`,
      'src/gmail/send.ts': `import { GmailBaseTool } from './base';
export class GmailSendMessage extends GmailBaseTool {
  name = 'gmail_send_message';
  schema = {} as any;
  async _call() { return 'sent'; }
}`,
      'src/gmail/search.ts': `import { GmailBaseTool } from './base';
export class GmailSearch extends GmailBaseTool {
  name = 'search_gmail';
  schema = {} as any;
  async _call() { return '[]'; }
}`,
      'src/agent.ts': `import { createAgent } from 'langchain';
import { GmailSendMessage } from './gmail/send';
import { GmailSearch } from './gmail/search';
export const mail = createAgent({ model: 'openai:gpt-5', tools: [new GmailSendMessage(), new GmailSearch()] });`,
    },
    expected: {
      tools: ['search_gmail', 'gmail_send_message'],
      agents: { mail: { tools: ['gmail_send_message', 'search_gmail'] } },
    },
  },
  {
    name: 'subclasses through two bases in one file, one naming itself and one keeping the name it inherits',
    files: `import { Tool } from '@langchain/core/tools';
abstract class BrowserBase extends Tool { name = 'browser'; description = ''; async _call() { return ''; } }
abstract class PageTool extends BrowserBase { description = 'Acts on the open page'; }
class Navigate extends PageTool { name = 'browser_navigate'; }
class Reload extends BrowserBase {}`,
    expected: { tools: ['browser_navigate', 'browser'] },
  },
  {
    name: 'compiled JavaScript, which cannot say abstract: a tool class its subclasses extend is their base',
    files: {
      'dist/stagehand.js': `import { Tool } from '@langchain/core/tools';
var StagehandToolBase = class extends Tool { name = 'stagehand'; async _call() { return ''; } };
var StagehandNavigateTool = class extends StagehandToolBase { name = 'stagehand_navigate'; };
var StagehandActTool = class extends StagehandToolBase { name = 'stagehand_act'; };
export { StagehandActTool, StagehandNavigateTool, StagehandToolBase };`,
    },
    expected: { tools: ['stagehand_navigate', 'stagehand_act'] },
  },
  {
    name: 'a DynamicTool subclass named by its caller is dynamic; one passing a literal to super is named',
    files: `import { DynamicTool } from '@langchain/core/tools';
export class Lambda extends DynamicTool {
  constructor({ name, description, ...rest }: { name: string; description: string }) {
    super({ name, description, func: async () => '', ...rest });
  }
}
export class Echo extends DynamicTool {
  constructor() { super({ name: 'echo', description: '', func: async (s: string) => s }); }
}`,
    expected: { tools: ['echo'], dynamic: 1 },
  },
  {
    name: 'negative: a class extending a class of another file that is no tool',
    files: {
      'src/base.ts': `export class Base { name = 'base'; }`,
      'src/thing.ts': `import { tool } from '@langchain/core/tools';
import { Base } from './base';
export class Thing extends Base { name = 'thing'; async _call() { return ''; } }
export const t = tool(async () => '', { name: 'real', description: '', schema: {} as any });`,
    },
    expected: { tools: ['real'] },
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
  {
    // As the LangGraph templates (create-agent-chat-app) name their graphs for LangSmith and the server.
    name: 'a graph compiled in another statement is named as it is compiled: withConfig({ runName }), graph.name = …',
    files: {
      'src/memory/graph.ts': `import { StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { tool } from '@langchain/core/tools';
const upsert = tool(async () => '', { name: 'upsertMemory', description: '' });
export const builder = new StateGraph({}).addNode('tools', new ToolNode([upsert]));
export const graph = builder.compile();
graph.name = 'MemoryAgent';`,
      'src/index/graph.ts': `import { StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { tool } from '@langchain/core/tools';
const index = tool(async () => '', { name: 'index_docs', description: '' });
const builder = new StateGraph({}).addNode('tools', new ToolNode([index]));
export const graph = builder.compile().withConfig({ runName: 'IndexGraph' });`,
    },
    expected: {
      tools: ['index_docs', 'upsertMemory'],
      agents: { MemoryAgent: { tools: ['upsertMemory'] }, IndexGraph: { tools: ['index_docs'] } },
    },
  },
]);

adapterTable('LangChain prebuilt tools', [
  {
    // As LangChain's ReAct agent template gives its graph a web search (create-agent-chat-app).
    name: 'a package-made tool is a tool under the name its class gives it, run by the package',
    files: {
      'src/tools.ts': `import { TavilySearchResults } from '@langchain/community/tools/tavily_search';
import { Calculator } from '@langchain/community/tools/calculator';
export const TOOLS = [new TavilySearchResults({ maxResults: 3 }), new Calculator()];`,
      'src/graph.ts': `import { MessagesAnnotation, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { TOOLS } from './tools';
export const workflow = new StateGraph(MessagesAnnotation).addNode('tools', new ToolNode(TOOLS));`,
    },
    expected: {
      tools: ['tavily_search_results_json', 'calculator'],
      agents: { workflow: { tools: ['tavily_search_results_json', 'calculator'] } },
    },
  },
]);

describe('LangChain prebuilt tools: each name as the package’s class gives it', () => {
  const corpus = join(REPO, 'third-party/corpus/node_modules');
  // `^@langchain\/community\/tools\/serpapi$` → @langchain/community
  const packageOf = (module: RegExp) =>
    module.source
      .replace(/^\^|\$$/g, '')
      .replace(/\\\//g, '/')
      .split('/')
      .slice(0, 2)
      .join('/');
  for (const [cls, { module, name }] of Object.entries(PREBUILT_TOOLS)) {
    // TavilySearchResults left @langchain/community in 1.0 (it was read in 0.3's src/tools/tavily_search.ts).
    if (cls === 'TavilySearchResults') continue;
    it(`${cls} is '${name}'`, () => {
      const pkg = packageOf(module);
      const dist = join(corpus, pkg, 'dist');
      const sources = readdirSync(dist, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(dist, f), 'utf8'));
      const source = sources.find((t) => new RegExp(`var ${cls} = class|class ${cls} extends`).test(t));
      expect(source, `${cls} in ${pkg}`).toBeDefined();
      const body = source!.slice(source!.search(new RegExp(`var ${cls} = class|class ${cls} extends`)));
      expect(/\n\s*name = "([^"]+)"/.exec(body)?.[1]).toBe(name);
    });
  }
});
