import { ts } from '../../typescript';
import {
  type AdapterContext,
  arg,
  type FrameworkAdapter,
  isExport,
  methodName,
  objectArg,
  prop,
  props,
} from '../adapter';
import { extendedClass, propertyNameText } from '../source-context';

const TOOL_MODULES = /^(@langchain\/core\/tools|langchain|langchain\/tools|@langchain\/core)$/;
const TOOL_CLASSES = ['StructuredTool', 'Tool', 'DynamicTool', 'DynamicStructuredTool'];
const GRAPH_MODULES = /^@langchain\/langgraph(\/.*)?$/;

/**
 * Tools a LangChain package makes ready to use (`new TavilySearchResults()`), with the name the model is given (each
 * read in the package's source: `name = "…"` in the class) and what kind of tool it is; they run the package's code.
 */
export const PREBUILT_TOOLS: Record<string, { module: RegExp; name: string; kind: string }> = {
  TavilySearchResults: {
    module: /^@langchain\/community\/tools\/tavily_search$/,
    name: 'tavily_search_results_json',
    kind: 'web_search',
  },
  TavilySearch: { module: /^@langchain\/tavily$/, name: 'tavily_search', kind: 'web_search' },
  TavilyExtract: { module: /^@langchain\/tavily$/, name: 'tavily_extract', kind: 'web_fetch' },
  TavilyCrawl: { module: /^@langchain\/tavily$/, name: 'tavily_crawl', kind: 'web_fetch' },
  TavilyMap: { module: /^@langchain\/tavily$/, name: 'tavily_map', kind: 'web_fetch' },
  ExaSearchResults: { module: /^@langchain\/exa$/, name: 'exa_search_results_json', kind: 'web_search' },
  ExaFindSimilarResults: { module: /^@langchain\/exa$/, name: 'exa_find_similar_results_json', kind: 'web_search' },
  DuckDuckGoSearch: {
    module: /^@langchain\/community\/tools\/duckduckgo_search$/,
    name: 'duckduckgo-search',
    kind: 'web_search',
  },
  WikipediaQueryRun: {
    module: /^@langchain\/community\/tools\/wikipedia_query_run$/,
    name: 'wikipedia-api',
    kind: 'web_search',
  },
  SerpAPI: { module: /^@langchain\/community\/tools\/serpapi$/, name: 'search', kind: 'web_search' },
  BingSerpAPI: { module: /^@langchain\/community\/tools\/bingserpapi$/, name: 'bing-search', kind: 'web_search' },
  BraveSearch: { module: /^@langchain\/community\/tools\/brave_search$/, name: 'brave-search', kind: 'web_search' },
  GoogleCustomSearch: {
    module: /^@langchain\/community\/tools\/google_custom_search$/,
    name: 'google-custom-search',
    kind: 'web_search',
  },
  SearchApi: { module: /^@langchain\/community\/tools\/searchapi$/, name: 'search', kind: 'web_search' },
  SearxngSearch: {
    module: /^@langchain\/community\/tools\/searxng_search$/,
    name: 'searxng-search',
    kind: 'web_search',
  },
  Serper: { module: /^@langchain\/community\/tools\/serper$/, name: 'search', kind: 'web_search' },
  Calculator: { module: /^@langchain\/community\/tools\/calculator$/, name: 'calculator', kind: 'calculator' },
};

/**
 * LangChain.js / LangGraph.js: `tool(fn, {name})`, headless `tool({name})`, `DynamicTool`,
 * `DynamicStructuredTool`, `StructuredTool`/`Tool` subclasses (also through the project's own base classes, which
 * are not tools themselves); `createAgent`, `createReactAgent`,
 * `AgentExecutor`, supervisors and swarms. A LangGraph `new StateGraph(…)` is an agent whose tools are those of the
 * `ToolNode`s added to it (`.addNode('tools', new ToolNode(tools))`, chained or not); a `ToolNode` stands for its
 * tools wherever it is given (`createReactAgent({ tools: toolNode })`).
 */
export const langchainAdapter: FrameworkAdapter = {
  framework: 'langchain',
  modules: /^(@langchain\/.+|langchain(\/.*)?)$/,
  entryPoints: {
    names: [
      'tool',
      'DynamicTool',
      'DynamicStructuredTool',
      'createAgent',
      'createReactAgent',
      'AgentExecutor',
      'createSupervisor',
      'createSwarm',
      'createHandoffTool',
      'StateGraph',
      'ToolNode',
      ...TOOL_CLASSES,
      ...Object.keys(PREBUILT_TOOLS),
    ],
  },
  visitCall(node, callee, a) {
    if (callee.kind === 'method' && callee.agentId && GRAPH_MODULES.test(callee.module)) {
      if (ts.isCallExpression(node) && methodName(callee) === 'addNode') addToolNode(node, callee.receiver, a);
      return;
    }
    if (callee.kind !== 'export') return;
    const name = callee.path.join('.');
    if (GRAPH_MODULES.test(callee.module) && ts.isNewExpression(node) && isExport(callee, 'ToolNode')) {
      const tools = arg(node, 0);
      if (tools) a.addValue(node, tools);
      return;
    }
    const prebuilt = callee.path.length === 1 ? PREBUILT_TOOLS[callee.path[0]!] : undefined;
    if (prebuilt?.module.test(callee.module) && ts.isNewExpression(node)) {
      a.addTool({
        node,
        framework: 'langchain',
        kind: `new ${callee.path[0]}()`,
        name: prebuilt.name,
        hosted: true,
        hostedType: prebuilt.kind,
      });
      return;
    }
    if (GRAPH_MODULES.test(callee.module) && ts.isNewExpression(node) && isExport(callee, 'StateGraph')) {
      addGraph(node, callee, a);
      return;
    }
    if (ts.isCallExpression(node) && isExport(callee, 'tool') && TOOL_MODULES.test(callee.module)) {
      const first = arg(node, 0);
      // Headless tool (`langchain` v1): `tool({ name, schema })` with no implementation.
      const opts = first && ts.isObjectLiteralExpression(first) ? first : objectArg(node, 1);
      a.addTool({
        node,
        framework: 'langchain',
        kind: first && ts.isObjectLiteralExpression(first) ? 'tool() (headless)' : 'tool()',
        name: prop(opts, 'name'),
        impl: first && !ts.isObjectLiteralExpression(first) ? first : undefined,
      });
      return;
    }
    if (
      ts.isNewExpression(node) &&
      isExport(callee, 'DynamicTool', 'DynamicStructuredTool') &&
      TOOL_MODULES.test(callee.module)
    ) {
      a.addTool({
        node,
        framework: 'langchain',
        kind: `new ${name}()`,
        name: prop(objectArg(node, 0), 'name'),
        impl: prop(objectArg(node, 0), 'func'),
      });
      return;
    }
    if (ts.isCallExpression(node) && (isExport(callee, 'createAgent') || isExport(callee, 'createReactAgent'))) {
      const opts = objectArg(node, 0);
      const tools = prop(opts, 'tools');
      a.addAgent({
        node,
        framework: 'langchain',
        kind: `${name}()`,
        name: prop(opts, 'name'),
        tools: tools ? [tools] : [],
        toolGates: gatesOf(opts, a),
      });
      return;
    }
    if (ts.isNewExpression(node) && isExport(callee, 'AgentExecutor')) {
      const tools = prop(objectArg(node, 0), 'tools');
      a.addAgent({ node, framework: 'langchain', kind: 'new AgentExecutor()', tools: tools ? [tools] : [] });
      return;
    }
    if (ts.isCallExpression(node) && (isExport(callee, 'createSupervisor') || isExport(callee, 'createSwarm'))) {
      const opts = objectArg(node, 0);
      a.addAgent({
        node,
        framework: 'langchain',
        kind: `${name}()`,
        name: prop(opts, 'supervisorName') ?? (isExport(callee, 'createSupervisor') ? 'supervisor' : undefined),
        tools: props(opts, 'tools'),
        delegates: props(opts, 'agents'),
      });
      return;
    }
    if (ts.isCallExpression(node) && isExport(callee, 'createHandoffTool')) {
      const opts = objectArg(node, 0);
      const target = prop(opts, 'agentName');
      const targetName = target ? a.ctx.evaluate(target) : undefined;
      a.addTool({
        node,
        framework: 'langchain',
        kind: 'createHandoffTool()',
        name: prop(opts, 'name') ?? (targetName?.k === 'str' ? `transfer_to_${targetName.v}` : undefined),
        // The target agent is named, not referenced: linked by name.
        wrapsAgent: target,
      });
    }
  },
  visitClass(node, base, a) {
    if (!TOOL_MODULES.test(base.module) || base.path.length !== 1 || !TOOL_CLASSES.includes(base.path[0]!)) return;
    addToolClass(node, base.path[0]!, a);
  },
  visitSubclass(node, a) {
    const ext = extendedClass(node);
    if (ext && (ts.isIdentifier(ext) || ts.isPropertyAccessExpression(ext))) addToolClass(node, ext.getText(), a);
  },
};

/** A tool class: its `name` field, and the method the tool runs (which a subclass may inherit). */
function addToolClass(node: ts.ClassLikeDeclaration, base: string, a: AdapterContext): void {
  const impl = node.members.find(
    (m): m is ts.MethodDeclaration =>
      ts.isMethodDeclaration(m) && ['_call', '_run', 'call', 'invoke'].includes(propertyNameText(m.name) ?? ''),
  );
  a.addTool({
    node,
    framework: 'langchain',
    kind: `class extends ${base}`,
    name: classField(node, 'name'),
    holder: node,
    impl,
  });
}

/** A graph, and the nodes chained onto it where it is made: `new StateGraph(S).addNode(…).addNode(…).compile()`. */
function addGraph(node: ts.NewExpression, callee: { module: string; path: string[] }, a: AdapterContext): void {
  let compile: ts.CallExpression | undefined;
  let name: ts.Expression | undefined;
  let n: ts.Expression = node;
  for (;;) {
    const access = n.parent;
    if (!ts.isPropertyAccessExpression(access) || !ts.isCallExpression(access.parent)) break;
    const call = access.parent;
    if (access.name.text === 'addNode') addToolNode(call, node, a);
    if (access.name.text === 'compile') compile = call;
    if (access.name.text === 'compile' || access.name.text === 'withConfig') name = graphName(call) ?? name;
    n = call;
  }
  const holder =
    n.parent && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) ? n.parent.name : undefined;
  a.addAgent({
    node,
    framework: 'langchain',
    kind: 'new StateGraph()',
    name: name ?? (holder && !compile ? nameGivenWhenCompiled(holder) : undefined),
    cls: { module: callee.module, path: callee.path },
    toolGates: compile && gatesOf(objectArg(compile, 0), a),
  });
}

/** The name a graph is given as it is compiled: `compile({ name })`, `withConfig({ runName })`. */
function graphName(call: ts.CallExpression): ts.Expression | undefined {
  const opts = objectArg(call, 0);
  return prop(opts, 'name') ?? prop(opts, 'runName');
}

/**
 * A graph made in one statement and compiled in another (`const graph = builder.compile(); graph.name = 'Memory'`):
 * the name given there, as LangSmith and the LangGraph server show it.
 */
function nameGivenWhenCompiled(holder: ts.Identifier): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const compiled = new Set<string>();
  holder.getSourceFile().forEachChild(function visit(n): void {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const { expression: receiver, name } = n.expression;
      if (name.text === 'compile' && ts.isIdentifier(receiver) && receiver.text === holder.text) {
        found = graphName(n) ?? chainedName(n);
        const decl = ts.findAncestor(n, ts.isVariableDeclaration);
        if (!found && decl && ts.isIdentifier(decl.name)) compiled.add(decl.name.text);
      }
    }
    // `graph.name = 'Index Graph'` on the compiled graph.
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(n.left) &&
      n.left.name.text === 'name' &&
      ts.isIdentifier(n.left.expression) &&
      compiled.has(n.left.expression.text) &&
      ts.isStringLiteralLike(n.right)
    )
      found = n.right;
    n.forEachChild(visit);
  });
  return found;
}

/** `builder.compile().withConfig({ runName })`. */
function chainedName(compile: ts.CallExpression): ts.Expression | undefined {
  const access = compile.parent;
  if (!ts.isPropertyAccessExpression(access) || access.name.text !== 'withConfig') return undefined;
  return ts.isCallExpression(access.parent) ? graphName(access.parent) : undefined;
}

/** `.addNode(name, toolNode)`: the graph can call the node's tools. Other nodes are code, not tools. */
function addToolNode(call: ts.CallExpression, graph: ts.Expression, a: AdapterContext): void {
  const value = arg(call, 1);
  if (value && isToolNode(value, a))
    a.addToolList({ framework: 'langchain', kind: 'addNode(ToolNode)', owner: graph, tools: value, node: call });
}

/** `new ToolNode(…)`, or a variable of this file holding one. */
function isToolNode(e: ts.Expression, a: AdapterContext, depth = 0): boolean {
  if (ts.isNewExpression(e)) {
    const c = a.ctx.callee(e);
    return c?.kind === 'export' && c.path.join('.') === 'ToolNode';
  }
  if (!ts.isIdentifier(e) || depth > 2) return false;
  const decl = a.ctx.findDeclaration(e.text, e);
  return !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && isToolNode(decl.initializer, a, depth + 1);
}

/**
 * `middleware: [humanInTheLoopMiddleware({ interruptOn })]` (langchain v1) or `interruptBefore: ['tools']` (LangGraph).
 */
function gatesOf(
  opts: ts.ObjectLiteralExpression | undefined,
  a: import('../adapter').AdapterContext,
): import('../adapter').AgentInput['toolGates'] {
  const before = prop(opts, 'interruptBefore');
  if (
    before &&
    ts.isArrayLiteralExpression(before) &&
    before.elements.some((e) => ts.isStringLiteralLike(e) && e.text === 'tools')
  )
    return { expr: before, prop: 'interruptBefore', all: true };
  const middleware = prop(opts, 'middleware');
  if (!middleware || !ts.isArrayLiteralExpression(middleware)) return undefined;
  for (const m of middleware.elements) {
    if (!ts.isCallExpression(m)) continue;
    const c = a.ctx.callee(m);
    if (c?.kind === 'export' && c.path.join('.') === 'humanInTheLoopMiddleware') {
      const interruptOn = prop(objectArg(m, 0), 'interruptOn');
      if (interruptOn) return { expr: interruptOn, prop: 'interruptOn' };
    }
  }
  return undefined;
}

/** A class's `name = '…'` field, or `this.name = …` or `super({ name })` in its constructor. */
function classField(cls: ts.ClassLikeDeclaration, field: string): ts.Expression | undefined {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === field && m.initializer) return m.initializer;
    if (ts.isGetAccessor(m) && propertyNameText(m.name) === field && m.body) {
      const ret = m.body.statements.find(ts.isReturnStatement);
      if (ret?.expression) return ret.expression;
    }
  }
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  for (const st of ctor?.body?.statements ?? []) {
    if (
      ts.isExpressionStatement(st) &&
      ts.isBinaryExpression(st.expression) &&
      st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      const left = st.expression.left;
      if (
        ts.isPropertyAccessExpression(left) &&
        left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        left.name.text === field
      )
        return st.expression.right;
    }
    // `super({ name, description, func })`: a `DynamicTool` subclass named by what its constructor passes on.
    const call = ts.isExpressionStatement(st) && ts.isCallExpression(st.expression) ? st.expression : undefined;
    if (call?.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const passed = prop(objectArg(call, 0), field);
      if (passed) return passed;
    }
  }
  return undefined;
}
