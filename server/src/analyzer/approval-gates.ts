import { ts } from '../typescript';
import type { SourceContext } from './source-context';
import { unwrap } from './source-context';

/**
 * What an approval setting amounts to. `gate`: a human approves (some) calls; `none`: no gate;
 * `auto`: a "gate" that always approves — which is no gate at all.
 */
export type ApprovalKind = 'gate' | 'none' | 'auto';

/**
 * Two shapes of API: `needs` settings say whether approval is needed (`needsApproval`, `requireApproval`,
 * `interruptOn`, `toolApproval`); `decides` callbacks give the decision (`canUseTool`, `onApproval`).
 */
export type ApprovalMode = 'needs' | 'decides';

const NEEDS_NO = new Set(['never', 'approved', 'auto', 'none', 'off']);
const DECIDES_YES = new Set(['allow', 'approve', 'approved', 'yes']);

/** Classifies an approval value: `true`, `'always'`, a map, or a function judged by what it returns. */
export function approvalKind(
  input: ts.Node,
  ctx: SourceContext,
  mode: ApprovalMode = 'needs',
  depth = 0,
): ApprovalKind {
  const e = unwrap(input);
  if (depth > 4) return 'gate';
  const isTrue = e.kind === ts.SyntaxKind.TrueKeyword;
  const isFalse =
    e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword ||
    e.kind === ts.SyntaxKind.UndefinedKeyword;
  if (mode === 'needs') {
    if (isTrue) return 'gate';
    if (isFalse) return 'none';
    if (ts.isStringLiteralLike(e)) return NEEDS_NO.has(e.text) ? (e.text === 'approved' ? 'auto' : 'none') : 'gate';
    if (ts.isObjectLiteralExpression(e)) return 'gate'; // a map of tool → setting gates what it lists
  } else {
    if (isTrue) return 'auto';
    if (isFalse) return 'gate';
    if (ts.isStringLiteralLike(e)) return DECIDES_YES.has(e.text) ? 'auto' : 'gate';
    if (ts.isObjectLiteralExpression(e)) {
      // `{ behavior: 'allow' }` (Claude Agent SDK), `{ approve: true }` (OpenAI Agents onApproval).
      for (const p of e.properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
        if (['behavior', 'approve', 'approved', 'decision'].includes(p.name.text))
          return approvalKind(p.initializer, ctx, 'decides', depth + 1);
      }
      return 'gate';
    }
  }
  if (ts.isIdentifier(e)) {
    const decl = ctx.findDeclaration(e.text, e);
    if (decl && ts.isFunctionDeclaration(decl)) return functionKind(decl, ctx, mode, depth);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer)
      return approvalKind(decl.initializer, ctx, mode, depth + 1);
    return 'gate';
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isMethodDeclaration(e))
    return functionKind(e, ctx, mode, depth);
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'resolve' &&
    e.arguments[0]
  )
    return approvalKind(e.arguments[0], ctx, mode, depth + 1);
  return 'gate';
}

/** A function is no gate when every path returns "no approval needed" (or "approved"). */
function functionKind(
  fn: ts.FunctionLikeDeclaration,
  ctx: SourceContext,
  mode: ApprovalMode,
  depth: number,
): ApprovalKind {
  const body = fn.body;
  if (!body) return 'gate';
  const returns: ts.Expression[] = [];
  let bare = false;
  if (!ts.isBlock(body)) returns.push(body as ts.Expression);
  else {
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n)) return;
      if (ts.isReturnStatement(n)) {
        if (n.expression) returns.push(n.expression);
        else bare = true;
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(body, visit);
  }
  const kinds = returns.map((r) => approvalKind(r, ctx, mode, depth + 1));
  if (bare || returns.length === 0) kinds.push(mode === 'needs' ? 'none' : 'gate');
  return kinds.some((k) => k === 'gate') ? 'gate' : 'auto';
}
