import { ts } from '../../typescript';
import { arg, type FrameworkAdapter, isExport, objectArg, prop } from '../adapter';

/**
 * Claude Agent SDK (`@anthropic-ai/claude-agent-sdk`): `tool(name, description, shape, handler)` grouped by
 * `createSdkMcpServer({ name, tools })`, run by `query({ options: { mcpServers, canUseTool } })`.
 */
export const claudeAgentSdkAdapter: FrameworkAdapter = {
  framework: 'claude-agent',
  modules: /^@anthropic-ai\/claude-agent-sdk(\/.*)?$/,
  entryPoints: { names: ['tool', 'createSdkMcpServer', 'query'] },
  visitCall(node, callee, a) {
    if (callee.kind !== 'export' || !ts.isCallExpression(node)) return;
    if (isExport(callee, 'tool')) {
      a.addTool({ node, framework: 'claude-agent', kind: 'tool()', name: arg(node, 0), impl: arg(node, 3) });
      return;
    }
    if (isExport(callee, 'createSdkMcpServer')) {
      const opts = objectArg(node, 0);
      const tools = prop(opts, 'tools');
      a.addAgent({
        node,
        framework: 'claude-agent',
        kind: 'createSdkMcpServer()',
        name: prop(opts, 'name'),
        tools: tools ? [tools] : [],
      });
      return;
    }
    if (isExport(callee, 'query')) {
      const options = prop(objectArg(node, 0), 'options');
      const opts = options && ts.isObjectLiteralExpression(options) ? options : undefined;
      const servers = prop(opts, 'mcpServers');
      const agents = prop(opts, 'agents');
      const canUseTool = prop(opts, 'canUseTool');
      const mode = prop(opts, 'permissionMode');
      a.addAgent({
        node,
        framework: 'claude-agent',
        kind: 'query()',
        oneShot: true,
        delegates: [servers, agents].filter((x): x is ts.Expression => !!x),
        // `canUseTool` decides each call; `permissionMode: 'bypassPermissions'` approves everything.
        toolGates: canUseTool
          ? { expr: canUseTool, prop: 'canUseTool', mode: 'decides' }
          : mode && ts.isStringLiteralLike(mode) && mode.text === 'bypassPermissions'
            ? { expr: mode, prop: 'permissionMode', mode: 'decides' }
            : undefined,
      });
    }
  },
};
