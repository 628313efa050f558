import { ts } from '../../typescript';
import { type FrameworkAdapter, implOf, isExport, objectArg, prop, props } from '../adapter';

/** Mastra (`@mastra/core`): `createTool({id})`, `new Agent({tools: {…}, agents: {…}})`, `new MCPServer({tools})`. */
export const mastraAdapter: FrameworkAdapter = {
  framework: 'mastra',
  modules: /^@mastra\/.+$/,
  entryPoints: { names: ['createTool', 'Agent', 'MCPServer'] },
  visitCall(node, callee, a) {
    if (callee.kind !== 'export') return;
    const opts = objectArg(node, 0);
    if (ts.isCallExpression(node) && isExport(callee, 'createTool')) {
      const approval = prop(opts, 'requireApproval');
      a.addTool({
        node,
        framework: 'mastra',
        kind: 'createTool()',
        name: prop(opts, 'id'),
        approval: approval && { prop: 'requireApproval', expr: approval },
        approvalSite: opts && { options: opts, prop: 'requireApproval' },
        impl: implOf(opts),
      });
      return;
    }
    if (ts.isNewExpression(node) && isExport(callee, 'Agent') && /^@mastra\/core(\/agent)?$/.test(callee.module)) {
      a.addAgent({
        node,
        framework: 'mastra',
        kind: 'new Agent()',
        name: prop(opts, 'name') ?? prop(opts, 'id'),
        tools: props(opts, 'tools'),
        delegates: props(opts, 'agents'),
      });
      return;
    }
    if (ts.isNewExpression(node) && isExport(callee, 'MCPServer')) {
      const tools = prop(opts, 'tools');
      a.addAgent({
        node,
        framework: 'mastra',
        kind: 'new MCPServer()',
        name: prop(opts, 'name') ?? prop(opts, 'id'),
        tools: tools ? [tools] : [],
      });
    }
  },
};
