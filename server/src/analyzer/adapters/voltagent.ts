import { ts } from '../../typescript';
import { arg, type FrameworkAdapter, implOf, isExport, methodName, objectArg, prop, props } from '../adapter';

const MODULES = /^@voltagent\/core(\/.*)?$/;

/**
 * VoltAgent (`@voltagent/core` 1.x and 2.x; the live oracle runs 2.x). `createTool({ name, parameters, execute,
 * needsApproval })` (alias `tool`, or `new Tool({…})`) is a tool named by its `name`; `createToolkit({ name, tools })`
 * groups tools and stands for them wherever it is listed. `new Agent({ name, tools, toolkits, subAgents })` is an
 * agent; its sub-agents (agents, or `{ agent, method }` configurations, which `createSubagent` makes) are
 * delegation, reached by the model through the `delegate_task` tool the supervisor is given. `agent.addTools([...])`
 * registers more tools.
 */
export const voltAgentAdapter: FrameworkAdapter = {
  framework: 'voltagent',
  modules: MODULES,
  entryPoints: { names: ['createTool', 'tool', 'Tool', 'createToolkit', 'createSubagent', 'Agent'] },
  visitCall(node, callee, a) {
    if (callee.kind === 'method') {
      if (ts.isCallExpression(node) && MODULES.test(callee.module) && methodName(callee) === 'addTools') {
        const tools = arg(node, 0);
        const owner = (node.expression as ts.PropertyAccessExpression).expression;
        if (tools) a.addToolList({ framework: 'voltagent', kind: 'addTools()', owner, tools, node });
      }
      return;
    }
    if (callee.kind !== 'export' || !MODULES.test(callee.module)) return;
    const opts = objectArg(node, 0);
    const isToolCall = ts.isCallExpression(node) && isExport(callee, 'createTool', 'tool');
    if (isToolCall || (ts.isNewExpression(node) && isExport(callee, 'Tool'))) {
      const approval = prop(opts, 'needsApproval');
      a.addTool({
        node,
        framework: 'voltagent',
        kind: isToolCall ? `${callee.path[0]}()` : 'new Tool()',
        name: prop(opts, 'name'),
        approval: approval && { prop: 'needsApproval', expr: approval },
        approvalSite: opts && { options: opts, prop: 'needsApproval' },
        impl: implOf(opts),
      });
      return;
    }
    if (ts.isCallExpression(node) && isExport(callee, 'createToolkit')) {
      const tools = prop(opts, 'tools');
      if (tools) a.addValue(node, tools);
      return;
    }
    // `createSubagent({ agent, method })` is the configuration it is given.
    if (ts.isCallExpression(node) && isExport(callee, 'createSubagent') && node.arguments[0]) {
      a.addValue(node, node.arguments[0]);
      return;
    }
    if (ts.isNewExpression(node) && isExport(callee, 'Agent')) {
      a.addAgent({
        node,
        framework: 'voltagent',
        kind: 'new Agent()',
        name: prop(opts, 'name') ?? prop(opts, 'id'),
        tools: props(opts, 'tools', 'toolkits'),
        delegates: props(opts, 'subAgents'),
        cls: { module: callee.module, path: callee.path },
      });
    }
  },
};
