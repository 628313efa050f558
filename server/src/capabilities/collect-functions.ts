import { ts } from '../typescript';
import type { Callee, SourceContext } from '../analyzer/source-context';
import { calleeExpression, propertyNameText, unwrap } from '../analyzer/source-context';
import type { FunctionFacts, OwnerParam, Sym, ToolDispatch, Val } from '../analyzer/types';
import { CATALOG, type CatalogEntry } from './catalog';
import { ownString } from '../analyzer/own-strings';

const MAX_ARGS = 4;
const AUDIT_LOGGERS = [
  'audit',
  'auditLog',
  'logAudit',
  'recordAudit',
  'writeAudit',
  'emitAudit',
  'auditEvent',
  'trackAction',
];
const AUDIT_METHODS = ['log', 'write', 'record', 'info', 'emit'];
/** Calls that write an audit record; extend with `auditLoggers` in agent-warden.json (names or dotted paths). */
export const AUDIT_CALL = new RegExp(
  `(^|\\.)(${AUDIT_LOGGERS.join('|')})(\\.(${AUDIT_METHODS.join('|')}))?$|(^|\\.)audit[A-Z]\\w*\\.(${AUDIT_METHODS.join('|')})$`,
);
/** Every name an AUDIT_CALL match can end with: built from the same lists, so the two cannot drift apart. */
export const AUDIT_CALL_LAST_NAMES = [...AUDIT_LOGGERS, ...AUDIT_METHODS];
const catalogByModule = new Map<string, CatalogEntry[]>();

function entriesFor(module: string): CatalogEntry[] {
  let hit = catalogByModule.get(module);
  if (!hit) {
    hit = CATALOG.filter((e) => e.module.test(module));
    catalogByModule.set(ownString(module), hit); // kept for the process: not a view into a file's text
  }
  return hit;
}

/** The catalog key of a callee: an export path, `#member.chain` on an instance, or a global name. */
export function calleeKeys(callee: Callee): { module: string; keys: string[] } | undefined {
  if (callee.kind === 'export') {
    const keys = [callee.path.join('.') || 'default'];
    if (callee.path[0] === 'default' && callee.path.length > 1) keys.push(callee.path.slice(1).join('.'));
    return { module: callee.module, keys };
  }
  if (callee.kind === 'method') {
    // `#` alone: the object called itself (`sql\`…\``).
    const keys = [`#${callee.members.join('.')}`];
    // `supabase.from('t').delete()`: `#from.delete` as well as `#delete`, the longer first.
    if (callee.via?.length) keys.unshift(`#${[...callee.via, ...callee.members].join('.')}`);
    return { module: callee.module, keys };
  }
  return undefined;
}

export function matchCatalog(module: string, keys: string[], extra: CatalogEntry[] = []): CatalogEntry | undefined {
  for (const e of extra) if (e.module.test(module) && keys.some((k) => e.callee.test(k))) return e;
  for (const e of entriesFor(module)) if (keys.some((k) => e.callee.test(k))) return e;
  return undefined;
}

/** What the config adds to extraction: its own catalog entries and audit loggers. */
export interface ExtractOptions {
  catalog?: CatalogEntry[];
  auditLoggers?: string[];
  /** Prefixes of the project's tsconfig `paths` aliases: calls into them are kept like relative ones. */
  localPrefixes?: string[];
  /**
   * Evaluation steps per file (default: `evaluationBudget` of its length in extract.ts); a file over it keeps its
   * secrets scan and gets a notice.
   */
  evaluationBudget?: number;
  /** Time budget per file for extraction (ms), a last guard; the same notice. Default 30,000. */
  timeBudgetMs?: number;
  /**
   * Called every so often while a file is extracted: it may block while more urgent work runs elsewhere (an index
   * thread standing aside for an edit), and returns for how long (ms), which the time budget does not count.
   */
  pause?: () => number;
}

/** Named functions run only when called; inline callbacks run as part of the function around them. */
function isNamedFunction(node: ts.Node): boolean {
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessor(node) ||
    ts.isSetAccessor(node)
  )
    return true;
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  let p = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  return (
    !!p &&
    (ts.isVariableDeclaration(p) ||
      ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isExportAssignment(p) ||
      (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken))
  );
}

function functionName(node: ts.Node, ctx: SourceContext): string {
  const n = (node as ts.FunctionLikeDeclaration).name;
  if (n && (ts.isIdentifier(n) || ts.isStringLiteralLike(n))) return n.text;
  const { bindingName } = ctx.holderOf(node);
  return bindingName ?? `<anonymous@${ctx.loc(node).start.line}>`;
}

/**
 * Collects, per function, the calls that show capabilities (catalog matches) and the calls to other
 * functions, tools and agents through which capabilities propagate. Runs inside the extractor's walk.
 */
export class FunctionCollector {
  readonly functions: FunctionFacts[] = [];
  readonly dispatch: ToolDispatch[] = [];
  private ids = new Map<ts.Node, string>();
  private facts = new Map<ts.Node, FunctionFacts>();
  /** The expressions each function with a block for a body returns, in order (see onReturn). */
  readonly returns = new Map<ts.Node, ts.Expression[]>();
  /**
   * Symbols of expressions while no definition is added (see symOf): those that read a parameter per function they are
   * seen from, the rest (most: a module's constants, reached from every function that passes them) once for all.
   */
  private syms = new Map<ts.Node, { version: number; sym: Map<ts.Node, Sym> }>();
  private shared: { version: number; sym: Map<ts.Node, Sym> } = { version: -1, sym: new Map() };
  private symCutoffs = 0;
  /** Parameters read while computing symbols: a symbol that read none is the same from every function. */
  private paramReads = 0;
  /** `owner`: whose parameters the frame's arguments refer to (inline callbacks see their enclosing function's). */
  private stack: { node: ts.Node; facts: FunctionFacts; owner: ts.Node }[] = [];
  /** Branches of MCP CallTool handlers, registered by the MCP adapter before the walk reaches them. */
  readonly branches = new Map<ts.Node, { name: string; owner?: ts.Expression }>();
  private seq = 0;

  private readonly audit: RegExp;
  /** The last name of every call `audit` can match: any other call is not read as text at all. */
  private readonly auditLastNames: Set<string>;

  constructor(
    private readonly ctx: SourceContext,
    private readonly options: ExtractOptions = {},
  ) {
    const extra = (options.auditLoggers ?? []).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.audit = extra.length ? new RegExp(`${AUDIT_CALL.source}|(^|\\.)(${extra.join('|')})$`) : AUDIT_CALL;
    this.auditLastNames = new Set([
      ...AUDIT_CALL_LAST_NAMES,
      ...(options.auditLoggers ?? []).map((n) => n.slice(n.lastIndexOf('.') + 1)),
    ]);
    const module: FunctionFacts = {
      id: `${ctx.file}#module`,
      name: '<module>',
      loc: ctx.loc(ctx.sf),
      hits: [],
      calls: [],
    };
    this.functions.push(module);
    this.facts.set(ctx.sf, module);
    this.stack.push({ node: ctx.sf, facts: module, owner: ctx.sf });
  }

  idOf(node: ts.Node): string {
    let id = this.ids.get(node);
    if (!id) {
      id = `${this.ctx.file}#f${this.seq++}`;
      this.ids.set(node, id);
    }
    return id;
  }

  /** The function the walk is in (the module pseudo-function at top level). */
  currentId(): string {
    return this.current().id;
  }

  private current(): FunctionFacts {
    return this.stack[this.stack.length - 1]!.facts;
  }

  /** Called for every node on the way down; opens a function scope for functions and dispatch branches. */
  enter(node: ts.Node): boolean {
    const branch = this.branches.size ? this.branches.get(node) : undefined;
    if (!ts.isFunctionLike(node) && !branch) return false;
    if (ts.isFunctionLike(node) && !(node as ts.FunctionLikeDeclaration).body) return false;
    const id = branch ? `${this.ctx.file}#case:${branch.name}` : this.idOf(node);
    const facts: FunctionFacts = {
      id,
      name: branch ? `case '${branch.name}'` : functionName(node, this.ctx),
      loc: this.ctx.loc(node),
      hits: [],
      calls: [],
    };
    // Inline callbacks and dispatch branches run as part of the function around them, with its arguments.
    const inline = !!branch || !isNamedFunction(node);
    if (inline) this.current().calls.push({ callee: { k: 'fn', id }, args: [], loc: facts.loc, inherit: true });
    if (branch)
      this.dispatch.push({
        name: branch.name,
        fnId: id,
        owner: branch.owner ? this.ctx.evaluate(branch.owner) : undefined,
        loc: facts.loc,
      });
    this.functions.push(facts);
    this.facts.set(node, facts);
    if (!branch && ts.isBlock((node as ts.FunctionLikeDeclaration).body!)) this.returns.set(node, []);
    this.stack.push({ node, facts, owner: inline ? this.stack[this.stack.length - 1]!.owner : node });
    return true;
  }

  /** A `return` with a value: of the innermost function around it (a dispatch branch returns for its function). */
  onReturn(node: ts.ReturnStatement): void {
    if (!node.expression) return;
    for (let i = this.stack.length - 1; i > 0; i--) {
      const returned = this.returns.get(this.stack[i]!.node);
      if (returned) return void returned.push(node.expression);
      if (ts.isFunctionLike(this.stack[i]!.node)) return; // an expression-bodied arrow: nothing to keep
    }
  }

  /**
   * What each function of the top level returns when that is a definition (`FunctionFacts.makes`): what a call from
   * another file makes. Nested functions cannot be called from another file.
   */
  recordProducts(
    madeBy: (fn: ts.FunctionLikeDeclaration) => Val | undefined,
    objectMadeBy: (fn: ts.FunctionLikeDeclaration) => Val | undefined,
  ): void {
    for (const [node, facts] of this.facts) {
      if (!ts.isFunctionLike(node)) continue;
      if (isTopLevelFunction(node)) {
        const made = madeBy(node as ts.FunctionLikeDeclaration);
        if (made) facts.makes = made;
      } else if (ts.isMethodDeclaration(node) && ts.isClassLike(node.parent)) {
        // A subclass in another file may call methods on its result (`getGmailClient()`): the package object.
        const object = objectMadeBy(node);
        if (object) facts.makes = object;
      }
    }
  }

  exit(node: ts.Node): void {
    if (this.stack.length > 1 && this.stack[this.stack.length - 1]!.node === node) this.stack.pop();
  }

  /**
   * `interrupt(…)` or `ctx.interrupt(…)` where the function is handed to the code as a parameter (Genkit's tool
   * context: `async (input, { interrupt }) => …`): the tool stops and waits for a human's answer.
   */
  private interruptFromParameter(node: ts.CallExpression | ts.NewExpression): boolean {
    const e = calleeExpression(node);
    const root = ts.isIdentifier(e) ? e : ts.isPropertyAccessExpression(e) ? e.expression : undefined;
    const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
    if (name !== 'interrupt' || !root || !ts.isIdentifier(root)) return false;
    let decl = this.ctx.findDeclaration(root.text, root);
    while (decl && ts.isBindingElement(decl)) decl = decl.parent.parent;
    return !!decl && ts.isParameter(decl);
  }

  /** A call or `new`: a catalog capability, or an edge to a function, tool or agent. */
  onCall(node: ts.CallExpression | ts.NewExpression, callee: Callee | undefined): void {
    const fn = this.current();
    // Most calls record nothing: their arguments and location are worked out only for those that do (and without
    // closures, which every call would allocate).
    // Human approval asked from inside the code: LangGraph `interrupt()`, MCP elicitation, ADK confirmation.
    const last = callee && callee.kind !== 'export' ? callee.members[callee.members.length - 1] : undefined;
    if (
      (callee?.kind === 'export' &&
        /^@langchain\/langgraph/.test(callee.module) &&
        callee.path.join('.') === 'interrupt') ||
      (last && ['elicitInput', 'requestConfirmation', 'waitForApproval', 'requestApproval'].includes(last)) ||
      this.interruptFromParameter(node)
    ) {
      (fn.gates ??= []).push(this.ctx.loc(node));
      return;
    }
    // Audit records: `audit(…)`, `auditLog.write(…)`, `logger.audit(…)`, `recordAudit(…)`.
    const e = calleeExpression(node);
    const lastName = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : '';
    if (
      this.auditLastNames.has(lastName) &&
      this.audit.test(ts.isPropertyAccessExpression(e) ? e.getText(this.ctx.sf) : lastName)
    )
      (fn.audits ??= []).push(this.ctx.loc(node));
    const keyed = (callee && calleeKeys(callee)) ?? this.globalKey(node);
    if (keyed) {
      const entry = matchCatalog(keyed.module, keyed.keys, this.options.catalog);
      // A prepared statement runs the SQL given to `prepare`, classified there.
      const prepared = entry?.kind === 'sql' && callee?.kind === 'method' && callee.via?.includes('prepare');
      if (entry && prepared) return;
      if (entry) {
        const args = this.argsOf(node);
        fn.hits.push({ entry: entry.id, args, loc: this.ctx.loc(node) });
        if (entry.kind === 'sql' && args[0]?.t === 'str' && /\bread\s+only\b/i.test(args[0].v))
          fn.readOnlyTransaction = true;
        return;
      }
    }
    // Agents run from inside a tool (`run(agent, …)`, `agent.generate()`), and definitions called as functions.
    const def = this.ctx.definitions.get(node);
    if (def && (def.k === 'agent' || def.k === 'tool')) {
      fn.calls.push({ callee: def, args: [], loc: this.ctx.loc(node) });
      return;
    }
    if (
      callee?.kind === 'export' &&
      /^@openai\/agents/.test(callee.module) &&
      callee.path.join('.') === 'run' &&
      node.arguments?.[0]
    ) {
      fn.calls.push({ callee: this.ctx.evaluate(node.arguments[0]), args: [], loc: this.ctx.loc(node) });
      return;
    }
    if (callee?.kind === 'method' && callee.agentId) {
      fn.calls.push({ callee: { k: 'agent', id: callee.agentId }, args: [], loc: this.ctx.loc(node) });
      return;
    }
    if (callee?.kind === 'export' && !isLocalSpecifier(callee.module, this.options.localPrefixes)) return; // a package we know nothing about
    if (callee?.kind === 'unknown-method') this.productCall(callee, node);
    const target = this.ctx.evaluate(calleeExpression(node));
    if (interesting(target, this.options.localPrefixes))
      fn.calls.push({ callee: target, args: this.argsOf(node), loc: this.ctx.loc(node) });
  }

  /** A call's arguments as the function the walk is in sees them. */
  private argsOf(node: ts.CallExpression | ts.NewExpression): Sym[] {
    const fnNode = this.stack[this.stack.length - 1]!.owner;
    return (node.arguments ?? []).slice(0, MAX_ARGS).map((a) => this.symOf(a, fnNode, 0));
  }

  /**
   * `if (!confirmDrain) return …` (or `throw`), where `confirmDrain` is the model's input: the tool refuses to act
   * until it is set, and its description tells the model to ask the user first. A confirmation in the tool, weaker
   * than a framework's gate (the model sets it), but a human is asked.
   */
  onIf(node: ts.IfStatement): void {
    if (!refuses(node.thenStatement)) return;
    const frame = this.stack[this.stack.length - 1]!;
    for (const term of terms(node.expression)) {
      const checked = unconfirmed(term);
      const name =
        checked && (ts.isIdentifier(checked) ? checked.text : (checked as ts.PropertyAccessExpression).name.text);
      if (!checked || !name || !CONFIRMATION_ARG.test(name)) continue;
      if (this.symOf(checked, frame.owner, 0).t !== 'param') continue;
      (this.current().confirmations ??= []).push({ loc: this.ctx.loc(node), arg: name });
      return;
    }
  }

  /**
   * The environment, or a secret-named variable of it (`name`), in what the function returns: every credential it
   * holds handed to whoever called the function (extraction decides what flows into a result).
   */
  onExposure(node: ts.Node, name?: string): void {
    const entry = matchCatalog('<global>', [name ? 'process.env.<secret>' : 'process.env']);
    const args: Sym[] = name ? [{ t: 'str', v: name, exact: true }] : [];
    if (entry) this.current().hits.push({ entry: entry.id, args, loc: this.ctx.loc(node) });
  }

  /**
   * `(await this.getClient()).users.messages.send(…)`, `const c = await getClient(); c.send(…)`: a call on what a
   * function returns, where the function is a method this file does not hold (a base class's in another file) or a
   * helper of another file. Linking finds which package's object it returns; the catalog then matches the call.
   */
  private productCall(callee: Extract<Callee, { kind: 'unknown-method' }>, node: ts.CallExpression | ts.NewExpression) {
    const frame = this.stack[this.stack.length - 1]!;
    const on = this.symOf(callee.receiver, frame.owner, 0);
    // A parameter: what each caller passes there (`calendar.events.delete(…)` in a helper given the client).
    const of = on.t === 'param' || (on.t === 'object' && on.by) ? on : undefined;
    if (of)
      (this.current().productCalls ??= []).push({
        of,
        members: callee.members,
        args: this.argsOf(node),
        loc: this.ctx.loc(node),
      });
  }

  /**
   * `await this.getClient()`, `getClient()` from another file of the project: a function linking finds, whose result
   * may be a package's object.
   */
  private productOf(node: ts.Node): Sym | undefined {
    if (!ts.isCallExpression(node)) return undefined;
    const of = this.ctx.evaluate(calleeExpression(node));
    const linked =
      (of.k === 'member' && (of.of.k === 'tool' || of.of.k === 'agent')) ||
      (of.k === 'import' && isLocalSpecifier(of.module, this.options.localPrefixes));
    return linked ? { t: 'object', by: of, file: this.ctx.file } : undefined;
  }

  /**
   * A tagged template calls its tag with the template's text: zx's `$\`rm -rf ${dir}\``, postgres.js's
   * `sql\`DELETE FROM users WHERE id = ${id}\``, Prisma's `$queryRaw\`…\``. The text is what the catalog classifies.
   */
  onTaggedTemplate(node: ts.TaggedTemplateExpression, callee: Callee | undefined): void {
    const keyed = callee && calleeKeys(callee);
    const entry = keyed && matchCatalog(keyed.module, keyed.keys, this.options.catalog);
    if (!entry) return;
    const frame = this.stack[this.stack.length - 1]!;
    const text = this.symOf(node.template, frame.owner, 0);
    this.current().hits.push({ entry: entry.id, args: [text], loc: this.ctx.loc(node) });
  }

  /** Globals: `fetch(…)`, `eval(…)`, `new Function(…)`, `process.kill(…)`. */
  private globalKey(node: ts.CallExpression | ts.NewExpression): { module: string; keys: string[] } | undefined {
    const e = calleeExpression(node);
    if (ts.isIdentifier(e) && !this.ctx.findDeclaration(e.text, e)) return { module: '<global>', keys: [e.text] };
    if (
      ts.isPropertyAccessExpression(e) &&
      ts.isIdentifier(e.expression) &&
      ['process', 'globalThis', 'window'].includes(e.expression.text) &&
      !this.ctx.findDeclaration(e.expression.text, e)
    ) {
      return { module: '<global>', keys: [e.expression.text === 'process' ? `process.${e.name.text}` : e.name.text] };
    }
    return undefined;
  }

  /**
   * When `expr` is (a parameter of) the function the walk is in, which parameter: a registration on it is made on
   * whatever each caller passes there.
   */
  paramOf(expr: ts.Node): OwnerParam | undefined {
    const frame = this.stack[this.stack.length - 1]!;
    const sym = this.symOf(expr, frame.owner, 0);
    const fn = this.facts.get(frame.owner);
    return sym.t === 'param' && sym.path.length === 0 && fn ? { fn: fn.id, i: sym.i } : undefined;
  }

  /** The parameter an expression is, or falls back from (`toolName || 'fetch'`), in the current function. */
  nameParamOf(expr: ts.Node): OwnerParam | undefined {
    const frame = this.stack[this.stack.length - 1]!;
    const fn = this.facts.get(frame.owner);
    const sym = this.symOf(expr, frame.owner, 0);
    const param = [sym, ...(sym.t === 'alt' ? sym.options : [])].find((x) => x.t === 'param' && !x.path.length);
    return param?.t === 'param' && fn ? { fn: fn.id, i: param.i } : undefined;
  }

  /**
   * A symbolic argument: literal text, arrays and objects of them, an agent passed on, or a parameter of `fnNode`
   * to fill in per call site.
   */
  /**
   * A file path built by Node's own helpers, as far as it can be told: `os.tmpdir()` is `$TMPDIR`,
   * `path.join(a, b)` joins what is known of its parts, `fs.mkdtemp(prefix)` is a new folder under the prefix.
   * Enough to tell a tool's own scratch files from files it is asked to touch.
   */
  private pathOf(call: ts.CallExpression, fnNode: ts.Node, depth: number): Sym | undefined {
    const callee = this.ctx.evaluate(call.expression);
    if (callee.k !== 'import') return undefined;
    const fn = `${callee.module}.${callee.path.join('.')}`;
    if (fn === 'os.tmpdir' || fn === 'os.default.tmpdir') return { t: 'str', v: '$TMPDIR', exact: false };
    const parts = () => call.arguments.map((a) => strHint(this.symOf(a, fnNode, depth + 1)) ?? '*');
    if (/^path\.(default\.)?(join|resolve)$/.test(fn) && call.arguments.length)
      return { t: 'str', v: parts().join('/'), exact: false };
    if (/^fs(\/promises)?\.(default\.)?(promises\.)?mkdtemp(Sync)?$/.test(fn) && call.arguments.length)
      return { t: 'str', v: `${parts()[0]}*`, exact: false };
    return undefined;
  }

  symOf(input: ts.Node, fnNode: ts.Node, depth: number): Sym {
    if (depth > 8) {
      this.symCutoffs++;
      return { t: 'unknown' };
    }
    // The same names and initializers are reached from many calls' arguments (and through both sides of every `||`):
    // a symbol is kept unless the depth limit cut it short (deeper from elsewhere it may be complete).
    const version = this.ctx.definitions.version;
    if (this.shared.version !== version) this.shared = { version, sym: new Map() };
    const common = this.shared.sym.get(input);
    if (common) return common;
    let byNode = this.syms.get(fnNode);
    if (!byNode || byNode.version !== version) this.syms.set(fnNode, (byNode = { version, sym: new Map() }));
    const known = byNode.sym.get(input);
    if (known) {
      this.paramReads++; // only symbols that read a parameter are kept per function
      return known;
    }
    const cutoffs = this.symCutoffs;
    const reads = this.paramReads;
    const sym = this.symUncached(input, fnNode, depth);
    if (this.symCutoffs === cutoffs) (this.paramReads === reads ? this.shared.sym : byNode.sym).set(input, sym);
    return sym;
  }

  private symUncached(input: ts.Node, fnNode: ts.Node, depth: number): Sym {
    const node = unwrap(input);
    const def = this.ctx.definitions.get(node);
    if (def?.k === 'agent') return { t: 'agent', id: def.id };
    if (def?.k === 'tool') return { t: 'tool', id: def.id };
    if (ts.isStringLiteralLike(node)) return { t: 'str', v: node.text, exact: true };
    // A number as its text: a lifetime in seconds (`DurationSeconds: 900`), a port.
    if (ts.isNumericLiteral(node)) return { t: 'str', v: node.text, exact: true };
    // Drizzle's `sql\`DELETE …\`` passed to `db.execute`: the text it builds.
    if (ts.isTaggedTemplateExpression(node)) return this.symOf(node.template, fnNode, depth + 1);
    if (ts.isTemplateExpression(node)) {
      let v = node.head.text;
      let exact = true;
      for (const span of node.templateSpans) {
        const part = this.symOf(span.expression, fnNode, depth + 1);
        const hint = strHint(part);
        if (hint !== undefined && part.t === 'str' && part.exact) v += hint;
        else {
          v += hint ?? '*';
          exact = false;
        }
        v += span.literal.text;
      }
      return { t: 'str', v, exact };
    }
    if (ts.isIdentifier(node)) {
      const decl = this.ctx.findDeclaration(node.text, node);
      if (!decl) return { t: 'unknown' };
      if (ts.isParameter(decl)) this.paramReads++; // whose parameter it is decides what it is
      if (ts.isParameter(decl) && decl.parent === fnNode)
        return { t: 'param', i: (fnNode as ts.FunctionLikeDeclaration).parameters.indexOf(decl), path: [] };
      if (ts.isBindingElement(decl)) {
        // `function f({ method }) {}` → parameter 0, path ['method']
        let el: ts.Node = decl;
        const path: string[] = [];
        while (ts.isBindingElement(el)) {
          const key = propertyNameText(el.propertyName ?? el.name);
          if (!key) return { t: 'unknown' };
          path.unshift(key);
          el = el.parent.parent;
        }
        if (ts.isParameter(el)) this.paramReads++;
        if (ts.isParameter(el) && el.parent === fnNode)
          return { t: 'param', i: (fnNode as ts.FunctionLikeDeclaration).parameters.indexOf(el), path };
        if (ts.isVariableDeclaration(el) && el.initializer)
          return walkSym(this.symOf(el.initializer, fnNode, depth + 1), path);
        return { t: 'unknown' };
      }
      const reassigned = ts.isVariableDeclaration(decl) && !(decl.parent.flags & ts.NodeFlags.Const);
      if (reassigned && ts.isIdentifier(decl.name) && (!decl.initializer || isNothing(decl.initializer))) {
        // `let args; if (…) args = [...]; else args = [...]`, `let tempFile = null; … tempFile = path.join(…)`: any of
        // the values assigned in its scope.
        const scope = decl.parent?.parent?.parent;
        const values = scope ? (this.ctx.assignmentsIn(scope).get(decl.name.text) ?? []).map((a) => a.right) : [];
        const options = values.slice(0, 4).map((v) => this.symOf(v, fnNode, depth + 1));
        return options.length ? { t: 'alt', options } : { t: 'unknown' };
      }
      if (
        ts.isVariableDeclaration(decl) &&
        decl.initializer &&
        !(decl.parent?.parent && (ts.isForOfStatement(decl.parent.parent) || ts.isForInStatement(decl.parent.parent)))
      ) {
        return this.symOf(decl.initializer, fnNode, depth + 1);
      }
      return { t: 'unknown' };
    }
    if (ts.isPropertyAccessExpression(node)) {
      const walked = walkSym(this.symOf(node.expression, fnNode, depth + 1), [node.name.text]);
      if (walked.t !== 'unknown') return walked;
    }
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression))
      return walkSym(this.symOf(node.expression, fnNode, depth + 1), [node.argumentExpression.text]);
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
        return {
          t: 'alt',
          options: [this.symOf(node.left, fnNode, depth + 1), this.symOf(node.right, fnNode, depth + 1)],
        };
      if (op === ts.SyntaxKind.PlusToken) {
        const l = this.symOf(node.left, fnNode, depth + 1);
        const r = this.symOf(node.right, fnNode, depth + 1);
        const lh = strHint(l);
        const rh = strHint(r);
        if (lh === undefined && rh === undefined) return { t: 'unknown' };
        return { t: 'str', v: (lh ?? '*') + (rh ?? '*'), exact: l.t === 'str' && r.t === 'str' && l.exact && r.exact };
      }
      return { t: 'unknown' };
    }
    if (ts.isConditionalExpression(node))
      return {
        t: 'alt',
        options: [this.symOf(node.whenTrue, fnNode, depth + 1), this.symOf(node.whenFalse, fnNode, depth + 1)],
      };
    if (ts.isCallExpression(node)) {
      const path = this.pathOf(node, fnNode, depth);
      if (path) return path;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isPropertyAccessExpression(node)) {
      // An object of a package passed on, or the result of a function linking finds.
      const v = this.ctx.evaluate(node);
      if (v.k === 'instance') return { t: 'object', module: v.module, via: v.via };
      const product = this.productOf(node);
      if (product) return product;
    }
    if (ts.isArrayLiteralExpression(node))
      return {
        t: 'arr',
        items: node.elements
          .slice(0, 8)
          .map((e) => (ts.isSpreadElement(e) ? { t: 'unknown' } : this.symOf(e, fnNode, depth + 1))),
      };
    if (ts.isObjectLiteralExpression(node)) {
      const props: Record<string, Sym> = {};
      for (const p of node.properties) {
        if (ts.isPropertyAssignment(p)) {
          const k = propertyNameText(p.name);
          if (k) props[k] = this.symOf(p.initializer, fnNode, depth + 1);
        } else if (ts.isShorthandPropertyAssignment(p)) props[p.name.text] = this.symOf(p.name, fnNode, depth + 1);
      }
      return { t: 'obj', props };
    }
    return { t: 'unknown' };
  }
}

/** Names of an input a tool checks before acting: `confirm`, `confirmed`, `confirmDrain`, `userApproved`. */
const CONFIRMATION_ARG = /^(confirm\w*|\w*Confirm(ed|ation)?\w*|(user)?[Aa]pproved|acknowledged?)$/;

/** The terms of `a && b || c`: each one the branch is taken on (with the others). */
function terms(e: ts.Expression): ts.Expression[] {
  const u = unwrap(e) as ts.Expression;
  if (
    ts.isBinaryExpression(u) &&
    (u.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
      u.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return [...terms(u.left), ...terms(u.right)];
  return [u];
}

/** `!x`, `x !== true`, `x === false`: the name or member checked to be unset. */
function unconfirmed(term: ts.Expression): ts.Expression | undefined {
  let checked: ts.Node | undefined;
  if (ts.isPrefixUnaryExpression(term) && term.operator === ts.SyntaxKind.ExclamationToken) checked = term.operand;
  else if (
    ts.isBinaryExpression(term) &&
    ((term.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken &&
      term.right.kind === ts.SyntaxKind.TrueKeyword) ||
      (term.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken &&
        term.right.kind === ts.SyntaxKind.FalseKeyword))
  )
    checked = term.left;
  const u = checked && unwrap(checked);
  return u && (ts.isIdentifier(u) || ts.isPropertyAccessExpression(u)) ? u : undefined;
}

/** A branch that leaves without acting: `return …`, `throw …`, or a block ending in one. */
function refuses(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  if (!ts.isBlock(s) || !s.statements.length) return false;
  const last = s.statements[s.statements.length - 1]!;
  return ts.isReturnStatement(last) || ts.isThrowStatement(last);
}

/** `function f() {}` or `const f = () => …` at the top level of a module (exported or not). */
function isTopLevelFunction(node: ts.Node): boolean {
  if (ts.isFunctionDeclaration(node)) return ts.isSourceFile(node.parent);
  const decl = node.parent;
  return (
    (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    ts.isVariableDeclaration(decl) &&
    decl.initializer === node &&
    ts.isVariableStatement(decl.parent.parent) &&
    ts.isSourceFile(decl.parent.parent.parent)
  );
}

/** Specifiers that point into the project: relative, or the usual tsconfig `paths` aliases. */
export function isLocalSpecifier(spec: string, aliasPrefixes: readonly string[] = []): boolean {
  return /^(\.|file:|@\/|~\/|#|src\/|app\/|lib\/)/.test(spec) || aliasPrefixes.some((p) => spec.startsWith(p));
}

function interesting(v: Val, aliasPrefixes?: readonly string[]): boolean {
  if (v.k === 'fn' || v.k === 'tool' || v.k === 'agent') return true;
  if (v.k === 'import') return isLocalSpecifier(v.module, aliasPrefixes);
  if (v.k === 'member') return interesting(v.of, aliasPrefixes);
  return false;
}

export function walkSym(s: Sym, path: string[]): Sym {
  if (path.length === 0) return s;
  if (s.t === 'param') return { ...s, path: [...s.path, ...path] };
  if (s.t === 'obj') {
    const next = s.props[path[0]!];
    return next ? walkSym(next, path.slice(1)) : { t: 'unknown' };
  }
  if (s.t === 'alt') return { t: 'alt', options: s.options.map((o) => walkSym(o, path)) };
  return { t: 'unknown' };
}

/** The text a symbolic value most likely holds (`*` for unknown parts), if any. */
export function strHint(s: Sym | undefined): string | undefined {
  if (!s) return undefined;
  if (s.t === 'str') return s.v;
  if (s.t === 'alt') {
    const exact = s.options.find((o) => o.t === 'str' && o.exact);
    if (exact) return strHint(exact);
    for (const o of s.options) {
      const h = strHint(o);
      if (h !== undefined) return h;
    }
  }
  return undefined;
}

/** `null` or `undefined`: a variable's placeholder until it is assigned. */
function isNothing(e: ts.Expression): boolean {
  const x = unwrap(e);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
}
