import { ts } from '../../typescript';
import { arg, type FrameworkAdapter, implOf, isExport, methodName, objectArg, prop } from '../adapter';
import { mcpHints } from './mcp';

const MODULES = /^fastmcp(\/.*)?$/;

/**
 * FastMCP for TypeScript (`fastmcp`; the live oracle runs 3.x and 4.x): `new FastMCP({ name, version })` is an
 * MCP server, and `server.addTool({ name, description, parameters, annotations, execute })` or
 * `server.addTools([...])` registers tools on it. A tool is a plain object, often defined in a file of its own and
 * registered by a `registerTools(server: FastMCP)` function: `tools/list` answers with each tool's `name` as given
 * and its `annotations` (MCP hints) verbatim. FastMCP has no approval gate of its own.
 */
export const fastMcpAdapter: FrameworkAdapter = {
  framework: 'fastmcp',
  modules: MODULES,
  // `addTool` on a receiver of unknown type (plain JS) is accepted by the shape of its argument.
  entryPoints: 'any',
  visitCall(node, callee, a) {
    if (callee.kind === 'export') {
      if (ts.isNewExpression(node) && isExport(callee, 'FastMCP') && MODULES.test(callee.module)) {
        a.addAgent({
          node,
          framework: 'fastmcp',
          kind: 'new FastMCP()',
          name: prop(objectArg(node, 0), 'name'),
          // Method calls on the instance resolve to this class: `server.addTool(…)` is a 'method' callee.
          cls: { module: callee.module, path: callee.path },
        });
      }
      return;
    }
    if (!ts.isCallExpression(node)) return;
    const method = methodName(callee);
    if (method !== 'addTool' && method !== 'addTools') return;
    const inline = objectArg(node, 0);
    const onServer = callee.kind === 'method' && MODULES.test(callee.module);
    // On an untyped receiver only a literal tool (a name and an `execute`) says this is FastMCP's `addTool`.
    if (!onServer && !(method === 'addTool' && prop(inline, 'name') && prop(inline, 'execute'))) return;
    const receiver = (node.expression as ts.PropertyAccessExpression).expression;
    // A tool written in place, unless its name comes from a spread (`{ ...scrapeTool, _meta }`): then linking
    // reads it as the object it makes, spread included.
    if (method === 'addTool' && inline && !(prop(inline, 'name') === undefined && hasSpread(inline))) {
      a.addTool({
        node,
        framework: 'fastmcp',
        kind: 'addTool()',
        name: prop(inline, 'name'),
        impl: implOf(inline),
        registeredOn: receiver,
        hints: mcpHints(inline, a.ctx),
      });
      return;
    }
    // A tool object (or a list of them) defined elsewhere: linking resolves it to the objects themselves.
    const tools = arg(node, 0);
    if (tools) a.addToolList({ framework: 'fastmcp', kind: `${method}()`, owner: receiver, tools, node });
  },
};

function hasSpread(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => ts.isSpreadAssignment(p));
}
