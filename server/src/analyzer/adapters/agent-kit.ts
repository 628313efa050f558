import { ts } from '../../typescript';
import { type FrameworkAdapter, implOf, isExport, objectArg, prop, props } from '../adapter';

const MODULES = /^@inngest\/agent-kit(\/.*)?$/;

/**
 * Inngest AgentKit (`@inngest/agent-kit` 0.x; the live oracle runs 0.13). `createTool({ name, parameters, handler })`
 * is a tool named by its `name`. `createAgent({ name, system, tools })` and `createRoutingAgent(…)` are agents, whose
 * tools the model sees by name. `createNetwork({ name, agents, router })` is delegation: its router hands each turn
 * to one of its agents (or to a routing agent), so the network is an agent whose delegates are those.
 */
export const agentKitAdapter: FrameworkAdapter = {
  framework: 'agent-kit',
  modules: MODULES,
  entryPoints: {
    names: ['createTool', 'createAgent', 'createRoutingAgent', 'createNetwork', 'Agent', 'RoutingAgent', 'Network'],
  },
  visitCall(node, callee, a) {
    if (callee.kind !== 'export' || !MODULES.test(callee.module)) return;
    const opts = objectArg(node, 0);
    const fn = callee.path.length === 1 ? callee.path[0]! : '';
    const how = ts.isNewExpression(node) ? `new ${fn}()` : `${fn}()`;
    if (ts.isCallExpression(node) && fn === 'createTool') {
      a.addTool({ node, framework: 'agent-kit', kind: how, name: prop(opts, 'name'), impl: implOf(opts) });
      return;
    }
    const isAgent =
      (ts.isCallExpression(node) && isExport(callee, 'createAgent', 'createRoutingAgent')) ||
      (ts.isNewExpression(node) && isExport(callee, 'Agent', 'RoutingAgent'));
    if (isAgent) {
      a.addAgent({ node, framework: 'agent-kit', kind: how, name: prop(opts, 'name'), tools: props(opts, 'tools') });
      return;
    }
    if ((ts.isCallExpression(node) && fn === 'createNetwork') || (ts.isNewExpression(node) && fn === 'Network')) {
      const delegates = props(opts, 'agents', 'router', 'defaultRouter');
      a.addAgent({ node, framework: 'agent-kit', kind: how, name: prop(opts, 'name'), delegates });
    }
  },
};
