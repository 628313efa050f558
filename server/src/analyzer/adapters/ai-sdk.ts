import { ts } from '../../typescript';
import { type FrameworkAdapter, implOf, isExport, objectArg, prop } from '../adapter';

/**
 * Vercel AI SDK (`ai`, v4–v7). Tools have no name of their own: the model sees the key they are
 * registered under in `tools: { key: tool(...) }`, so names are assigned when linking.
 */
export const aiSdkAdapter: FrameworkAdapter = {
  framework: 'ai-sdk',
  modules: /^(ai|ai\/.*|@ai-sdk\/.+)$/,
  entryPoints: {
    names: [
      'tool',
      'dynamicTool',
      'generateText',
      'streamText',
      'generateObject',
      'streamObject',
      'ToolLoopAgent',
      'Experimental_Agent',
      'Agent',
    ],
    members: ['tools'],
  },
  visitCall(node, callee, a) {
    if (callee.kind !== 'export') return;
    const opts = objectArg(node, 0);
    const coreModule = /^(ai|ai\/.*|@ai-sdk\/provider-utils)$/.test(callee.module);
    if (coreModule && ts.isCallExpression(node) && isExport(callee, 'tool', 'dynamicTool')) {
      const approval = prop(opts, 'needsApproval');
      a.addTool({
        node,
        framework: 'ai-sdk',
        kind: `${callee.path[0]}()`,
        approval: approval && { prop: 'needsApproval', expr: approval },
        approvalSite: opts && { options: opts, prop: 'needsApproval' },
        impl: implOf(opts),
      });
      return;
    }
    if (
      coreModule &&
      ts.isCallExpression(node) &&
      isExport(callee, 'generateText', 'streamText', 'generateObject', 'streamObject') &&
      prop(opts, 'tools')
    ) {
      const toolApproval = prop(opts, 'toolApproval');
      a.addAgent({
        node,
        framework: 'ai-sdk',
        kind: `${callee.path[0]}()`,
        oneShot: true,
        tools: [prop(opts, 'tools')!],
        toolGates: toolApproval && { expr: toolApproval, prop: 'toolApproval' },
      });
      return;
    }
    if (coreModule && ts.isNewExpression(node) && isExport(callee, 'ToolLoopAgent', 'Experimental_Agent', 'Agent')) {
      const name = prop(opts, 'id') ?? prop(opts, 'name');
      const tools = prop(opts, 'tools');
      const toolApproval = prop(opts, 'toolApproval');
      a.addAgent({
        node,
        framework: 'ai-sdk',
        kind: `new ${callee.path[0]}()`,
        name,
        tools: tools ? [tools] : [],
        cls: { module: callee.module, path: callee.path },
        toolGates: toolApproval && { expr: toolApproval, prop: 'toolApproval' },
      });
      return;
    }
    // Provider-defined tools: `openai.tools.webSearch()`, `anthropic.tools.codeExecution_20250825()`.
    if (
      /^@ai-sdk\//.test(callee.module) &&
      ts.isCallExpression(node) &&
      callee.path.length === 3 &&
      callee.path[1] === 'tools'
    ) {
      const approval = prop(opts, 'needsApproval') ?? prop(opts, 'requireApproval');
      const approvalProp = prop(opts, 'needsApproval') ? 'needsApproval' : 'requireApproval';
      a.addTool({
        node,
        framework: 'ai-sdk',
        kind: `${callee.path.join('.')}()`,
        hosted: true,
        hostedType: callee.path[2],
        // Some run on this machine, with an `execute` the project writes (`openai.tools.shell({ execute })`).
        impl: implOf(opts),
        approval: approval && { prop: approvalProp, expr: approval },
      });
    }
  },
};
