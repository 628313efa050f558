import { ts } from '../../typescript';
import { type AdapterContext, type FrameworkAdapter, implOf, isExport, objectArg, prop } from '../adapter';
import type { Val } from '../types';

/**
 * ADK's built-in tools, by the instance the package exports and by their class, with the name the model is given
 * (read in `@google/adk` 2.0's tools). The Gemini-side ones (search, maps, URL context) run at Google; the others
 * run in the agent's process on its own memory, artifacts or the web.
 */
const BUILT_INS: Record<string, string> = {
  GOOGLE_SEARCH: 'google_search',
  GoogleSearchTool: 'google_search',
  ENTERPRISE_WEB_SEARCH: 'enterprise_web_search',
  EnterpriseWebSearchTool: 'enterprise_web_search',
  GOOGLE_MAPS_GROUNDING: 'google_maps',
  GoogleMapsGroundingTool: 'google_maps',
  URL_CONTEXT: 'url_context',
  UrlContextTool: 'url_context',
  LOAD_WEB_PAGE: 'load_web_page',
  VertexAiSearchTool: 'vertex_ai_search',
  LOAD_MEMORY: 'load_memory',
  LoadMemoryTool: 'load_memory',
  PRELOAD_MEMORY: 'preload_memory',
  LOAD_ARTIFACTS: 'load_artifacts',
  LoadArtifactsTool: 'load_artifacts',
  EXIT_LOOP: 'exit_loop',
  ExitLoopTool: 'exit_loop',
};

/**
 * Google ADK for TypeScript (`@google/adk`): `new FunctionTool({ name, execute, requireConfirmation })`,
 * `new LlmAgent({ name, tools, subAgents })`, agent-as-tool `new AgentTool({ agent })`, and the built-in tools
 * (`GOOGLE_SEARCH`, `new UrlContextTool()`, `LOAD_MEMORY`…).
 */
export const googleAdkAdapter: FrameworkAdapter = {
  framework: 'google-adk',
  modules: /^@google\/adk(\/.*)?$/,
  entryPoints: {
    names: ['FunctionTool', 'AgentTool', 'LlmAgent', 'Agent', 'SequentialAgent', 'ParallelAgent', 'LoopAgent'],
  },
  visitCall(node, callee, a) {
    if (callee.kind !== 'export' || !ts.isNewExpression(node)) return;
    const opts = objectArg(node, 0);
    if (isExport(callee, 'FunctionTool')) {
      const confirm = prop(opts, 'requireConfirmation');
      a.addTool({
        node,
        framework: 'google-adk',
        kind: 'new FunctionTool()',
        name: prop(opts, 'name'),
        impl: implOf(opts),
        approval: confirm && { prop: 'requireConfirmation', expr: confirm },
        approvalSite: opts && { options: opts, prop: 'requireConfirmation' },
      });
      return;
    }
    const builtIn = callee.path.length === 1 ? BUILT_INS[callee.path[0]!] : undefined;
    if (builtIn) {
      a.addTool({
        node,
        framework: 'google-adk',
        kind: `new ${callee.path[0]}()`,
        name: builtIn,
        hosted: true,
        hostedType: builtIn,
      });
      return;
    }
    if (isExport(callee, 'AgentTool')) {
      a.addTool({ node, framework: 'google-adk', kind: 'new AgentTool()', wrapsAgent: prop(opts, 'agent') });
      return;
    }
    if (isExport(callee, 'LlmAgent', 'Agent', 'SequentialAgent', 'ParallelAgent', 'LoopAgent')) {
      const { tools, madeTools } = toolsOf(prop(opts, 'tools'), a);
      const sub = prop(opts, 'subAgents');
      a.addAgent({
        node,
        framework: 'google-adk',
        kind: `new ${callee.path[0]}()`,
        name: prop(opts, 'name'),
        tools,
        madeTools,
        delegates: sub ? [sub] : [],
      });
    }
  },
};

/**
 * An agent's `tools`: the instances of built-in tools ADK exports (`[GOOGLE_SEARCH, LOAD_MEMORY]`) are made tools of
 * their own here, named as the model is given them; the rest is evaluated as written.
 */
function toolsOf(list: ts.Expression | undefined, a: AdapterContext): { tools: ts.Expression[]; madeTools: Val[] } {
  if (!list) return { tools: [], madeTools: [] };
  if (!ts.isArrayLiteralExpression(list)) return { tools: [list], madeTools: [] };
  const tools: ts.Expression[] = [];
  const madeTools: Val[] = [];
  for (const item of list.elements) {
    const builtIn = builtInOf(item, a);
    if (!builtIn) {
      tools.push(item);
      continue;
    }
    const tool = a.addTool({
      node: item,
      slot: builtIn,
      framework: 'google-adk',
      kind: item.getText(),
      name: builtIn,
      hosted: true,
      hostedType: builtIn,
    });
    if (tool) madeTools.push(tool);
  }
  return { tools, madeTools };
}

function builtInOf(item: ts.Expression, a: AdapterContext): string | undefined {
  const v = ts.isIdentifier(item) ? a.ctx.evaluate(item) : undefined;
  return v?.k === 'import' && /^@google\/adk/.test(v.module) && v.path.length === 1 ? BUILT_INS[v.path[0]!] : undefined;
}
