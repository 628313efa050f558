import { ts } from '../../typescript';
import {
  type AdapterContext,
  arg,
  type FrameworkAdapter,
  implOf,
  isExport,
  methodName,
  objectArg,
  prop,
} from '../adapter';
import type { SourceContext } from '../source-context';
import { unwrap } from '../source-context';
import { mcpHints } from './mcp';

const MODULES = /^(usewebmcp|@mcp-b\/(react-webmcp|global|webmcp-polyfill|webmcp-ts-sdk))$/;

/**
 * WebMCP: tools a web page offers to the agents browsing it. The browser's own API needs no import:
 * `document.modelContext.registerTool({ name, description, inputSchema, execute, annotations })` (the May 2026 draft;
 * `navigator.modelContext` before it) and the older `provideContext({ tools: [...] })`; in React, `useWebMCP({ name,
 * execute })` (`usewebmcp`, `@mcp-b/react-webmcp`). The live oracle runs a page on the MCP-B polyfill. Each tool
 * carries its read-only hint (the only MCP hint the draft keeps); WebMCP has no approval gate of its own.
 */
export const webMcpAdapter: FrameworkAdapter = {
  framework: 'webmcp',
  modules: MODULES,
  entryPoints: { names: ['useWebMCP'] },
  shapes: /\bmodelContext\s*\??\.\s*(?:registerTool|provideContext)\s*\(/,
  visitCall(node, callee, a) {
    if (!ts.isCallExpression(node)) return;
    if (callee.kind === 'export') {
      if (MODULES.test(callee.module) && isExport(callee, 'useWebMCP'))
        addTool(node, objectArg(node, 0), 'useWebMCP()', a);
      return;
    }
    const method = methodName(callee);
    if (method !== 'registerTool' && method !== 'provideContext') return;
    const receiver = (node.expression as ts.PropertyAccessExpression).expression;
    if (!isModelContext(receiver, a.ctx)) return;
    const first = arg(node, 0);
    if (!first) return;
    if (method === 'provideContext') {
      const tools = prop(objectArg(node, 0), 'tools');
      if (tools) a.addToolList({ framework: 'webmcp', kind: 'provideContext()', tools, node });
      return;
    }
    const inline = objectArg(node, 0);
    if (inline && prop(inline, 'name')) addTool(node, inline, 'registerTool()', a);
    else a.addToolList({ framework: 'webmcp', kind: 'registerTool()', tools: first, node });
  },
};

function addTool(
  node: ts.CallExpression,
  opts: ts.ObjectLiteralExpression | undefined,
  kind: string,
  a: AdapterContext,
) {
  if (!opts) return;
  a.addTool({
    node,
    framework: 'webmcp',
    kind,
    name: prop(opts, 'name'),
    impl: implOf(opts),
    hints: readOnlyHint(opts, a),
  });
}

/** The draft's annotations are `readOnlyHint` and `untrustedContentHint`: a browser drops MCP's other hints. */
function readOnlyHint(opts: ts.ObjectLiteralExpression, a: AdapterContext) {
  const hints = mcpHints(opts, a.ctx);
  return hints && { readOnly: hints.readOnly, loc: hints.loc };
}

/** `document.modelContext`, `navigator.modelContext`, `window.navigator.modelContext`, or a variable holding one. */
function isModelContext(receiver: ts.Expression, ctx: SourceContext, depth = 0): boolean {
  const e = unwrap(receiver);
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'modelContext';
  if (!ts.isIdentifier(e) || depth > 2) return false;
  const decl = ctx.findDeclaration(e.text, e);
  return (
    !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && isModelContext(decl.initializer, ctx, depth + 1)
  );
}
