import { ts } from '../../typescript';
import { arg, type FrameworkAdapter, isExport } from '../adapter';

const MODULES = /^(agents(\/.*)?|@cloudflare\/ai-chat(\/.*)?)$/;
const CLASS_AGENTS = ['Agent', 'AIChatAgent'];

/**
 * Cloudflare Agents (`agents` 0.x; the live oracle runs an `McpAgent` in workerd). An `McpAgent`'s tools are those its
 * `init()` registers on `this.server`, an MCP SDK `McpServer` (read by the MCP adapter); chat agents
 * (`class Chat extends AIChatAgent`, `Agent`) are agents named by their class, whose tools are those of the AI SDK
 * calls in their methods (`streamText({ tools })` in `onChatMessage`). Also Cloudflare's own:
 * `withX402(server, config)` is the server it wraps, on which `paidTool(…)` registers tools that charge their caller
 * (read by the MCP adapter as payment capabilities); `agentTool(ChildAgent, { description, inputSchema })` is a
 * tool, named by the key it is registered under, that runs another agent: delegation to that agent class.
 */
export const cloudflareAgentsAdapter: FrameworkAdapter = {
  framework: 'cloudflare-agents',
  modules: MODULES,
  entryPoints: { names: ['withX402', 'agentTool', 'Agent', 'AIChatAgent'] },
  visitClass(node, base, a) {
    // A chat or plain agent class (a Durable Object): its model calls' tools are its own (joined when extracting).
    if (!MODULES.test(base.module) || base.path.length !== 1 || !CLASS_AGENTS.includes(base.path[0]!)) return;
    a.addAgent({
      node,
      framework: 'cloudflare-agents',
      kind: `class extends ${base.path[0]}`,
      name: node.name?.text,
      holder: node,
    });
  },
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
