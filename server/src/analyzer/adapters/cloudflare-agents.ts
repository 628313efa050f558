import { ts } from '../../typescript';
import { arg, type FrameworkAdapter, isExport } from '../adapter';

const MODULES = /^(agents(\/.*)?|@cloudflare\/ai-chat(\/.*)?)$/;

/**
 * Cloudflare Agents (`agents` 0.x; the live oracle runs an `McpAgent` in workerd). An `McpAgent`'s tools are those its
 * `init()` registers on `this.server`, an MCP SDK `McpServer` (read by the MCP adapter); chat agents
 * (`AIChatAgent`, `Agent`) call the AI SDK, whose tools the AI SDK adapter reads. What is Cloudflare's own:
 * `withX402(server, config)` is the server it wraps, on which `paidTool(…)` registers tools that charge their caller
 * (read by the MCP adapter as payment capabilities); `agentTool(ChildAgent, { description, inputSchema })` is a
 * tool, named by the key it is registered under, that runs another agent.
 */
export const cloudflareAgentsAdapter: FrameworkAdapter = {
  framework: 'cloudflare-agents',
  modules: MODULES,
  entryPoints: { names: ['withX402', 'agentTool'] },
  visitCall(node, callee, a) {
    if (callee.kind !== 'export' || !MODULES.test(callee.module) || !ts.isCallExpression(node)) return;
    if (isExport(callee, 'withX402')) {
      const server = arg(node, 0);
      if (server) a.addValue(node, server);
      return;
    }
    if (isExport(callee, 'agentTool')) {
      const child = arg(node, 0);
      a.addTool({
        node,
        framework: 'cloudflare-agents',
        kind: 'agentTool()',
        wrapsAgent: child,
      });
    }
  },
};
