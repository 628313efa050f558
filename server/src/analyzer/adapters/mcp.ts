import { ts } from '../../typescript';
import { arg, type FrameworkAdapter, isExport, methodName, objectArg, prop } from '../adapter';
import type { SourceContext } from '../source-context';
import { unwrap } from '../source-context';
import type { Location } from '../types';

const SERVER_MODULES = /^@modelcontextprotocol\/(sdk\/server(\/.*)?|server(\/.*)?|sdk-server)$/;
const TYPES_MODULES = /^@modelcontextprotocol\/(sdk\/types(\.js)?|server|core|sdk-server)$/;
// `paidTool(name, description, priceUSD, schema, annotations, cb)`: a tool on a server wrapped by `withX402`
// (Cloudflare Agents), which charges its caller for each call.
const REGISTER_METHODS = ['registerTool', 'tool', 'registerToolTask', 'paidTool'];

/**
 * MCP TypeScript SDK: the server is the identity. High-level `McpServer.registerTool/tool`,
 * low-level `Server.setRequestHandler(ListToolsRequestSchema, …)` whose returned `tools` are linked later.
 */
export const mcpAdapter: FrameworkAdapter = {
  framework: 'mcp',
  modules: /^@modelcontextprotocol\/.+$/,
  // `registerTool`/`tool`/`setRequestHandler` on a server of unknown type (a parameter, plain JS).
  entryPoints: 'any',
  // A file that registers on a server it is handed (`export const register = (server) => server.registerTool(…)`,
  // `server.tool('list_apps', …)`) need not import the SDK at all; each such call is still checked for the
  // registration's shape. `.tool(` only with a literal name first, as it is a common method name.
  shapes: /\.(?:registerTool(?:Task)?|paidTool)\s*\(|\.tool\s*\(\s*['"`]/,
  visitCall(node, callee, a) {
    if (callee.kind === 'export') {
      if (ts.isNewExpression(node) && isExport(callee, 'McpServer', 'Server') && SERVER_MODULES.test(callee.module)) {
        const info = objectArg(node, 0);
        a.addAgent({
          node,
          framework: 'mcp',
          kind: `new ${callee.path[0]}()`,
          name: prop(info, 'name'),
          cls: { module: callee.module, path: callee.path },
        });
      }
      return;
    }
    if (!ts.isCallExpression(node)) return;
    const method = methodName(callee);
    if (callee.kind === 'method' && callee.agentId && !SERVER_MODULES.test(callee.module)) return;
    const onMcp = callee.kind === 'method' && SERVER_MODULES.test(callee.module);
    if (method && REGISTER_METHODS.includes(method)) {
      // On an untyped receiver (plain JS, a parameter) accept only the registration shape: a name, then a handler.
      if (!onMcp && !(callee.kind === 'unknown-method' && looksLikeRegistration(node, method, a.ctx))) return;
      if (onMcp && callee.members.length > 1 && callee.members[0] === 'server') return; // low-level server under McpServer
      const name = arg(node, 0);
      const receiver = (node.expression as ts.PropertyAccessExpression).expression;
      const impl = [...node.arguments]
        .reverse()
        .find((x) => ts.isArrowFunction(x) || ts.isFunctionExpression(x) || ts.isIdentifier(x));
      a.addTool({
        node,
        framework: 'mcp',
        kind: `${method}()`,
        name,
        registeredOn: receiver,
        impl,
        hints: hintsOf(node, a),
        hostedType: method === 'paidTool' ? 'x402_paid_tool' : undefined,
      });
      return;
    }
    if (method === 'setRequestHandler' && node.arguments.length >= 2) {
      const schema = a.ctx.evaluate(node.arguments[0]!);
      if (
        schema.k === 'import' &&
        TYPES_MODULES.test(schema.module) &&
        schema.path[schema.path.length - 1] === 'CallToolRequestSchema'
      ) {
        registerDispatchBranches(a, node.arguments[1]!, (node.expression as ts.PropertyAccessExpression).expression);
        return;
      }
    }
    if (method === 'setRequestHandler' && node.arguments.length >= 2) {
      const schema = a.ctx.evaluate(node.arguments[0]!);
      if (
        schema.k !== 'import' ||
        !TYPES_MODULES.test(schema.module) ||
        schema.path[schema.path.length - 1] !== 'ListToolsRequestSchema'
      )
        return;
      const receiver = (node.expression as ts.PropertyAccessExpression).expression;
      for (const returned of returnedExpressions(a.ctx, node.arguments[1]!)) {
        const e = unwrap(returned);
        const tools = ts.isObjectLiteralExpression(e) ? prop(e, 'tools') : undefined;
        if (tools) a.addToolList({ framework: 'mcp', kind: 'ListTools handler', owner: receiver, tools, node: tools });
      }
    }
  },
  /** `class GitHubServer extends McpServer { constructor() { super({ name }); this.registerTool(…) } }` */
  visitClass(node, base, a) {
    if (!SERVER_MODULES.test(base.module) || base.path.length !== 1 || !['McpServer', 'Server'].includes(base.path[0]!))
      return;
    const ctor = node.members.find(ts.isConstructorDeclaration);
    let info: ts.ObjectLiteralExpression | undefined;
    ctor?.body?.forEachChild(function find(n): void {
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) info = objectArg(n, 0);
      else n.forEachChild(find);
    });
    a.addAgent({
      node,
      framework: 'mcp',
      kind: `class extends ${base.path[0]}`,
      name: prop(info, 'name'),
      holder: node,
      cls: { module: base.module, path: base.path },
    });
  },
};

/**
 * `annotations: { readOnlyHint, destructiveHint }` in a registerTool config, or an annotations argument of `tool()`.
 */
function hintsOf(node: ts.CallExpression, a: { ctx: { loc(n: ts.Node): Location } }) {
  for (const x of node.arguments) {
    const hints = ts.isObjectLiteralExpression(x) ? mcpHints(x, a.ctx) : undefined;
    if (hints) return hints;
  }
  return undefined;
}

/**
 * MCP tool annotations written in a tool's options: `annotations: { readOnlyHint, destructiveHint }` (or the
 * hints on the options themselves), when either is there.
 */
export function mcpHints(options: ts.ObjectLiteralExpression, ctx: { loc(n: ts.Node): Location }) {
  const ann = prop(options, 'annotations');
  const obj = ann && ts.isObjectLiteralExpression(ann) ? ann : options;
  const ro = prop(obj, 'readOnlyHint');
  const de = prop(obj, 'destructiveHint');
  if (!ro && !de) return undefined;
  const bool = (e?: ts.Expression) =>
    e?.kind === ts.SyntaxKind.TrueKeyword ? true : e?.kind === ts.SyntaxKind.FalseKeyword ? false : undefined;
  return { readOnly: bool(ro), destructive: bool(de), loc: ctx.loc(obj) };
}

/**
 * A low-level `CallTool` handler dispatches on the tool name: each `if (name === 'x')` or `case 'x':`
 * branch is tool x's implementation.
 */
function registerDispatchBranches(
  a: import('../adapter').AdapterContext,
  handler: ts.Node,
  owner: ts.Expression,
  depth = 0,
): void {
  let h: ts.Node = unwrap(handler);
  if (depth > 4) return;
  if (ts.isIdentifier(h)) {
    const decl = a.ctx.findDeclaration(h.text, h);
    if (decl && (ts.isFunctionDeclaration(decl) || (ts.isVariableDeclaration(decl) && decl.initializer)))
      h = ts.isFunctionDeclaration(decl) ? decl : decl.initializer!;
    else return;
  }
  if (ts.isCallExpression(h)) {
    const fn = h.arguments.find((x) => ts.isArrowFunction(x) || ts.isFunctionExpression(x) || ts.isIdentifier(x));
    if (fn) registerDispatchBranches(a, fn, owner, depth + 1);
    return;
  }
  if (!ts.isFunctionLike(h)) return;
  const literalOf = (e: ts.Expression): string | undefined => {
    const v = a.ctx.evaluate(e);
    return v.k === 'str' ? v.v : undefined;
  };
  const visit = (n: ts.Node): void => {
    if (
      ts.isIfStatement(n) &&
      ts.isBinaryExpression(n.expression) &&
      [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(n.expression.operatorToken.kind)
    ) {
      const { left, right } = n.expression;
      const name = ts.isStringLiteralLike(right) ? right.text : ts.isStringLiteralLike(left) ? left.text : undefined;
      if (name && !a.functions.branches.has(n.thenStatement))
        a.functions.branches.set(n.thenStatement, { name, owner });
    } else if (ts.isCaseClause(n)) {
      const name = literalOf(n.expression);
      if (name) a.functions.branches.set(n, { name, owner });
    }
    if (n !== h && ts.isFunctionLike(n)) return;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(h, visit);
}

/** A name, then a handler (or, for a task tool, an object of handlers: `{ createTask, getTask, … }`). */
function looksLikeRegistration(node: ts.CallExpression, method: string, ctx: SourceContext): boolean {
  // `tool` is a common method name: only on a server the function is handed (`(server) => server.tool('x', …)`).
  if (method === 'tool' && !isParameter(ctx, (node.expression as ts.PropertyAccessExpression).expression)) return false;
  const first = node.arguments[0];
  if (!first || ts.isObjectLiteralExpression(first) || ts.isArrowFunction(first) || ts.isFunctionExpression(first))
    return false;
  const last = node.arguments[node.arguments.length - 1]!;
  const handlers = method === 'registerToolTask' && ts.isObjectLiteralExpression(last);
  return (
    node.arguments.length >= 2 &&
    (handlers || ts.isArrowFunction(last) || ts.isFunctionExpression(last) || ts.isIdentifier(last))
  );
}

function isParameter(ctx: SourceContext, e: ts.Expression): boolean {
  const x = unwrap(e);
  const decl = ts.isIdentifier(x) ? ctx.findDeclaration(x.text, x) : undefined;
  return !!decl && ts.isParameter(decl);
}

/**
 * Expressions a handler returns: follows identifiers to function declarations and unwraps wrappers like
 * `withTelemetry(fn)`.
 */
function returnedExpressions(ctx: SourceContext, handler: ts.Node, depth = 0): ts.Expression[] {
  const h = unwrap(handler);
  if (depth > 4) return [];
  if (ts.isIdentifier(h)) {
    const decl = ctx.findDeclaration(h.text, h);
    if (decl && ts.isFunctionDeclaration(decl)) return returnedExpressions(ctx, decl, depth + 1);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer)
      return returnedExpressions(ctx, decl.initializer, depth + 1);
    return [];
  }
  if (ts.isCallExpression(h)) {
    const fn = h.arguments.find((x) => ts.isArrowFunction(x) || ts.isFunctionExpression(x) || ts.isIdentifier(x));
    return fn ? returnedExpressions(ctx, fn, depth + 1) : [];
  }
  if (!ts.isFunctionLike(h)) return [];
  const body = (h as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body as ts.Expression];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n)) return; // returns of nested functions are not the handler's
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}
