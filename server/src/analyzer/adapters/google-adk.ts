import { ts } from '../../typescript';
import { type FrameworkAdapter, implOf, isExport, objectArg, prop } from '../adapter';

/**
 * Google ADK for TypeScript (`@google/adk`): `new FunctionTool({ name, execute, requireConfirmation })`,
 * `new LlmAgent({ name, tools, subAgents })`, agent-as-tool `new AgentTool({ agent })`.
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
    if (isExport(callee, 'AgentTool')) {
      a.addTool({ node, framework: 'google-adk', kind: 'new AgentTool()', wrapsAgent: prop(opts, 'agent') });
      return;
    }
    if (isExport(callee, 'LlmAgent', 'Agent', 'SequentialAgent', 'ParallelAgent', 'LoopAgent')) {
      const tools = prop(opts, 'tools');
      const sub = prop(opts, 'subAgents');
      a.addAgent({
        node,
        framework: 'google-adk',
        kind: `new ${callee.path[0]}()`,
        name: prop(opts, 'name'),
        tools: tools ? [tools] : [],
        delegates: sub ? [sub] : [],
      });
    }
  },
};
