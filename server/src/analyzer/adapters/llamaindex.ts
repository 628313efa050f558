import { ts } from '../../typescript';
import {
  type AdapterContext,
  arg,
  type FrameworkAdapter,
  functionArg,
  isExport,
  objectArg,
  prop,
  props,
} from '../adapter';

const MODULES = /^(llamaindex|llamaindex\/.*|@llamaindex\/(core|workflow|tools)(\/.*)?)$/;
const INDEX_CLASSES = ['VectorStoreIndex', 'SummaryIndex', 'KeywordTableIndex'];
const QUERY_TOOL_METHODS = new Set(['queryTool', 'asQueryTool']);

/**
 * Tools `@llamaindex/tools` makes (`interpreter({ apiKey })`), with the name the model is given (each factory returns
 * `tool({ name: … })`, read in its 0.2 source) and what kind of tool it is; they run the package's code.
 */
export const PREBUILT_TOOLS: Record<string, { name: string; kind: string }> = {
  interpreter: { name: 'interpreter', kind: 'sandbox_code' },
  documentGenerator: { name: 'document_generator', kind: 'generated_files' },
  imageGenerator: { name: 'image_generator', kind: 'generated_files' },
  duckduckgo: { name: 'duckduckgo_search', kind: 'web_search' },
  wiki: { name: 'wikipedia', kind: 'web_search' },
  weather: { name: 'weather', kind: 'web_search' },
};

/**
 * LlamaIndex.TS (`llamaindex` 0.12, `@llamaindex/workflow` 1.x, `@llamaindex/core/tools`; the live oracle runs
 * them). `tool({ name, description, parameters, execute })` or `tool(fn, { name, … })` (and `FunctionTool.from`,
 * `new FunctionTool(fn, metadata)`) is a tool the model knows by `name`, as is a query engine made a tool
 * (`new QueryEngineTool({ metadata })`, `index.queryTool({ metadata })`). `agent({ name, tools, canHandoffTo })`
 * (a workflow of one agent, named `Agent` when unnamed) and `new FunctionAgent({…})` are agents;
 * `canHandoffTo` (agents or their names) is delegation, offered to the model as a `handOff` tool once the agents
 * run together in `multiAgent({ agents, rootAgent })`.
 */
export const llamaIndexAdapter: FrameworkAdapter = {
  framework: 'llamaindex',
  modules: MODULES,
  entryPoints: {
    names: [
      'tool',
      'FunctionTool',
      'QueryEngineTool',
      'agent',
      'FunctionAgent',
      'multiAgent',
      'AgentWorkflow',
      'chatWithTools',
      ...INDEX_CLASSES,
      ...Object.keys(PREBUILT_TOOLS),
    ],
  },
  visitCall(node, callee, a) {
    if (ts.isCallExpression(node) && callee.kind !== 'export' && QUERY_TOOL_METHODS.has(callee.members.at(-1)!)) {
      const known = callee.kind === 'method' && MODULES.test(callee.module);
      if (known || callee.kind === 'unknown-method') addQueryTool(node, `${callee.members.at(-1)}()`, known, a);
      return;
    }
    if (callee.kind !== 'export' || !MODULES.test(callee.module)) return;
    if (ts.isNewExpression(node) && isExport(callee, 'QueryEngineTool'))
      return addQueryTool(node, 'new QueryEngineTool()', true, a);
    if (ts.isCallExpression(node) && isExport(callee, 'tool')) return addTool(node, 'tool()', a);
    const path = callee.path.join('.');
    if (ts.isCallExpression(node) && path === 'FunctionTool.from') return addTool(node, 'FunctionTool.from()', a);
    if (ts.isNewExpression(node) && path === 'FunctionTool') return addTool(node, 'new FunctionTool()', a);
    if ((ts.isCallExpression(node) && path === 'agent') || (ts.isNewExpression(node) && path === 'FunctionAgent'))
      addAgent(node, a);
    if (ts.isCallExpression(node) && path === 'chatWithTools') addToolChoice(node, a);
    const prebuilt = callee.module === '@llamaindex/tools' ? PREBUILT_TOOLS[path] : undefined;
    if (prebuilt && ts.isCallExpression(node))
      a.addTool({
        node,
        framework: 'llamaindex',
        kind: `${path}()`,
        name: prebuilt.name,
        hosted: true,
        hostedType: prebuilt.kind,
      });
    // A workflow of several agents delegates nothing itself: each agent hands off to those it names.
  },
};

/**
 * A query engine offered as a tool: `new QueryEngineTool({ queryEngine, metadata })`, or an index's
 * `queryTool({ metadata })` / `asQueryTool(…)`, named `metadata.name`. Unnamed, it is `query_engine_tool` for
 * LlamaIndex's own indexes; another index class (LlamaCloud's) has its own default, so on an index this file cannot
 * place the name is not known.
 */
function addQueryTool(node: ts.CallExpression | ts.NewExpression, kind: string, known: boolean, a: AdapterContext) {
  const meta = prop(objectArg(node, 0), 'metadata');
  const literal = meta && ts.isObjectLiteralExpression(meta) ? meta : undefined;
  const name = prop(literal, 'name');
  const nameOf = meta && !literal ? meta : undefined;
  const byDefault = !name && !nameOf;
  a.addTool({
    node,
    framework: 'llamaindex',
    kind,
    name: name ?? (byDefault && known ? 'query_engine_tool' : undefined),
    nameOf,
    dynamic: byDefault && !known ? 'the default name of an index class this file does not show' : undefined,
  });
}

/** `tool({ name, execute })`, or `tool(fn, { name })`: the metadata is the object, first or second. */
function addTool(node: ts.CallExpression | ts.NewExpression, kind: string, a: AdapterContext): void {
  const meta = objectArg(node, 0) ?? objectArg(node, 1);
  // `tool(fn, metadata)` with the metadata made elsewhere (a variable, a helper's result).
  const metaExpr = meta ?? (node.arguments && node.arguments.length > 1 ? arg(node, 1) : undefined);
  a.addTool({
    node,
    framework: 'llamaindex',
    kind,
    name: prop(meta, 'name'),
    nameOf: meta ? undefined : metaExpr,
    impl: functionArg(node) ?? prop(meta, 'execute') ?? arg(node, 0),
  });
}

function addAgent(node: ts.CallExpression | ts.NewExpression, a: AdapterContext): void {
  const opts = objectArg(node, 0);
  a.addAgent({
    node,
    framework: 'llamaindex',
    kind: ts.isNewExpression(node) ? 'new FunctionAgent()' : 'agent()',
    name: prop(opts, 'name') ?? 'Agent',
    tools: props(opts, 'tools'),
    delegates: props(opts, 'canHandoffTo'),
  });
}

/**
 * `chatWithTools(llm, tools, messages)` (`@llamaindex/tools`): the model is offered the tools and picks one, which the
 * workflow then runs itself (`callTools`, `tool.call`). A step that returns a human input event after it
 * (`return askHuman.with({ command })`, LlamaIndex's human in the loop) runs the tool only once a human answers.
 */
function addToolChoice(node: ts.CallExpression, a: AdapterContext): void {
  const tools = arg(node, 1);
  a.addAgent({
    node,
    framework: 'llamaindex',
    kind: 'chatWithTools()',
    oneShot: true,
    tools: tools ? [tools] : [],
    emits: eventsReturned(node),
  });
}

/** What the function around a call returns as `event.with(…)`: the events a workflow step emits. */
function eventsReturned(node: ts.Node): ts.Expression[] {
  const step = node.parent && ts.findAncestor(node.parent, ts.isFunctionLike);
  const out: ts.Expression[] = [];
  step?.forEachChild(function visit(n): void {
    if (ts.isFunctionLike(n)) return;
    const e = ts.isReturnStatement(n) && n.expression;
    if (e && ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'with')
      out.push(e.expression.expression);
    n.forEachChild(visit);
  });
  return out;
}
