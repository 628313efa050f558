import { ts } from '../typescript';
import { annotationsFor } from './annotations';
import { lineStarts, locationIn } from './locations';
import type { Annotations, Location, ObjProp, Val } from './types';

/** Deeper than this, an expression is reported as dynamic instead of followed (bounded work per file). */
const MAX_EVAL_DEPTH = 40;
/** Calls kept on the way to an object of a package (`a.b().c().d()`): catalog entries name at most a few. */
const MAX_VIA = 4;
/** Characters of a method body beyond which it is not read for the package object it returns. */
const MAX_OBJECT_MAKER_LENGTH = 2000;

/** What a call's callee (or a `new`'s class) is, in terms of imports. */
export type Callee =
  /** `tool(...)`, `ai.tool(...)`, `new McpServer(...)`: an export of a module. */
  | { kind: 'export'; module: string; path: string[] }
  /** `server.registerTool(...)`: a method on an instance of an imported class (or on a recognised agent). */
  | {
      kind: 'method';
      module: string;
      path: string[];
      members: string[];
      receiver: ts.Expression;
      agentId?: string;
      /** The calls that made the receiver from an object of the module (`supabase.from('t')` → `['from']`). */
      via?: string[];
    }
  /**
   * `x.asTool(...)` where `x` cannot be resolved in this file (imported, untyped parameter…): the whole chain from the
   * root.
   */
  | { kind: 'unknown-method'; members: string[]; receiver: ts.Expression };

/** Built on first use: TypeScript loads lazily (typescript.ts), so its enums do not exist at module load. */
let UNWRAP: Set<ts.SyntaxKind> | undefined;
const unwrapKinds = () =>
  (UNWRAP ??= new Set([
    ts.SyntaxKind.ParenthesizedExpression,
    ts.SyntaxKind.AsExpression,
    ts.SyntaxKind.SatisfiesExpression,
    ts.SyntaxKind.NonNullExpression,
    ts.SyntaxKind.TypeAssertionExpression,
    ts.SyntaxKind.AwaitExpression,
  ]));

/** What a class extends: `Tool` in `class Search extends Tool`. */
export function extendedClass(cls: ts.ClassLikeDeclaration): ts.Expression | undefined {
  return cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
}

export function unwrap(node: ts.Node): ts.Node {
  while (unwrapKinds().has(node.kind)) node = (node as ts.ParenthesizedExpression).expression;
  return node;
}

/**
 * What a call calls. CommonJS compiled by TypeScript or esbuild calls an imported function as
 * `(0, import_fs.writeFile)(…)` (without its module as `this`): the comma's value, its right side, is what is called.
 */
export function calleeExpression(node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): ts.Node {
  const callee = unwrap(ts.isTaggedTemplateExpression(node) ? node.tag : node.expression);
  return isIndirection(callee) ? unwrap(callee.right) : callee;
}

function isIndirection(node: ts.Node): node is ts.BinaryExpression {
  return (
    node.kind === ts.SyntaxKind.BinaryExpression &&
    (node as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.CommaToken &&
    (node as ts.BinaryExpression).left.kind === ts.SyntaxKind.NumericLiteral
  );
}

/** Normalises module specifiers: `node:fs` → `fs`; keeps `.js` suffixes (adapters match with regexes). */
export function normaliseModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (
    ts.isIdentifier(name) ||
    ts.isPrivateIdentifier(name) ||
    ts.isStringLiteralLike(name) ||
    ts.isNumericLiteral(name)
  )
    return name.text;
  return undefined;
}

/**
 * Kinds of node that can hold declarations besides functions (see `SourceContext.scope`); built on first use, as
 * UNWRAP.
 */
let SCOPE_KINDS: Set<ts.SyntaxKind> | undefined;
const scopeKinds = () =>
  (SCOPE_KINDS ??= new Set([
    ts.SyntaxKind.SourceFile,
    ts.SyntaxKind.Block,
    ts.SyntaxKind.ModuleBlock,
    ts.SyntaxKind.CaseClause,
    ts.SyntaxKind.DefaultClause,
    ts.SyntaxKind.ForOfStatement,
    ts.SyntaxKind.ForInStatement,
    ts.SyntaxKind.ForStatement,
    ts.SyntaxKind.CatchClause,
  ]));

/** Memoised values (see `SourceContext.values`), with the definitions version they were computed at. */
type Memo = Map<unknown, { v: Val | undefined; version: number }>;

/** The definitions map, counting additions so memoised values know when they may be stale. */
class DefinitionMap extends Map<ts.Node, Val> {
  version = 0;
  override set(node: ts.Node, val: Val): this {
    this.version++;
    return super.set(node, val);
  }
}

/**
 * Extraction of one file went over its budget: the values it follows (`steps`, the same on every machine) or, as a
 * last guard, its time (`ExtractOptions.timeBudgetMs`).
 */
export class BudgetExceeded extends Error {
  /** `limit`: the steps, or the milliseconds, the file was given. */
  constructor(
    readonly budget: 'steps' | 'time',
    readonly limit: number,
  ) {
    super(`over the per-file ${budget === 'steps' ? 'budget of evaluation steps' : 'time budget'}`);
  }
}

/** Array methods whose callback's first parameter is each element in turn. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap']);

/**
 * Per-file evaluation context: scope lookup, symbolic evaluation of expressions into `Val`s,
 * callee resolution and locations. Works on the raw TypeScript AST (no type checker).
 */
export class SourceContext {
  readonly text: string;
  private scopeCache = new Map<ts.Node, Map<string, ts.Node>>();
  /**
   * Declarations being evaluated, innermost last. Stacks, like `makersInProgress` and `fieldsInProgress`, not sets:
   * evaluation nests at most MAX_EVAL_DEPTH deep, and a set used as a stack reallocates its table as it grows and
   * shrinks with every evaluation.
   */
  private readonly inProgress: ts.Node[] = [];
  private depth = 0;
  /** Definition nodes recognised by adapters → their Val (`{k:'tool'}` / `{k:'agent'}`). */
  readonly definitions = new DefinitionMap();
  /**
   * Nodes that evaluate to what another expression does, looked up when they are evaluated (by then the walk has
   * defined what is inside them): a toolkit is its tools, `withX402(server)` is the server.
   */
  readonly aliases = new Map<ts.Node, ts.Expression>();
  /**
   * Values of declarations, class members and classes, each computed once: compiled SDK code refers to the
   * same `this.client` or module constant thousands of times (evaluating them again each time was most of
   * extraction on @mastra/core). An entry holds while no definition was added since (a new tool or agent can
   * change what an expression means), and is not made from an evaluation cut short elsewhere (see `cuts`).
   */
  private readonly values: Memo = new Map(); // names and member chains, by node
  private readonly declarations: Memo = new Map(); // variables and classes, by declaration node
  private readonly fields: Memo = new Map(); // `this.x`, by the class's span and the field name
  private readonly made: Memo = new Map(); // what a function of this file makes when called, by function node
  private readonly makersInProgress: ts.Node[] = [];
  /**
   * Where evaluations were cut short, newest last: a cycle back to a value being computed (its memo and id),
   * or the depth limit (null). A value whose computation saw only cycles back to itself is memoised; one that
   * saw any other cut depended on what was in progress around it, so it is not (nor is anything around it).
   * (With mutually recursive definitions, `a = b || 1; b = a || 2`, the one evaluated first is memoised with
   * the other unrolled once inside it; either way the cycle ends in a 'circular reference' value.)
   */
  private cuts: ({ memo: Memo; id: unknown } | null)[] = [];
  /** Class fields being evaluated, as keys of `fields` (`this.x = this.x || …` refers to itself). */
  private readonly fieldsInProgress: string[] = [];
  /** Agent id → the class it was created from, so `server.registerTool` still resolves. */
  readonly agentClass = new Map<string, { module: string; path: string[] }>();
  /** Gives functions their ids (set by the extractor's function collector). */
  functionId?: (node: ts.Node) => string;
  /** Whether a module specifier names a file of the project (relative, or a path alias): set by the extractor. */
  isLocalModule?: (specifier: string) => boolean;

  constructor(
    readonly sf: ts.SourceFile,
    readonly file: string,
  ) {
    this.text = sf.text;
  }

  // ---------------------------------------------------------------- locations

  /** The file's line starts, as editors count lines (`lineStarts`). */
  private lineStarts?: readonly number[];

  locAt = (start: number, end: number): Location =>
    locationIn(this.file, (this.lineStarts ??= lineStarts(this.text)), start, end);

  /**
   * A node's location, made once: evaluation asks again and again for the same nodes' (some 45 times each on real
   * code). Shared, so never to be changed by its users.
   */
  loc(node: ts.Node): Location {
    let found = this.locs.get(node);
    if (!found) this.locs.set(node, (found = this.locAt(node.getStart(this.sf), node.getEnd())));
    return found;
  }

  private readonly locs = new Map<ts.Node, Location>();

  // ---------------------------------------------------------------- holders and names

  /** The node that carries a definition's JSDoc and gives it a fallback name. */
  holderOf(node: ts.Node): { holder: ts.Node; bindingName?: string } {
    let n: ts.Node = node;
    while (n.parent && unwrapKinds().has(n.parent.kind)) n = n.parent;
    const p = n.parent;
    if (!p) return { holder: n };
    if (ts.isVariableDeclaration(p) && p.initializer === n) {
      const list = p.parent;
      const stmt = list?.parent;
      const holder =
        stmt && ts.isVariableStatement(stmt) && ts.isVariableDeclarationList(list) && list.declarations.length === 1
          ? stmt
          : p;
      return { holder, bindingName: propertyNameText(p.name) };
    }
    if (ts.isPropertyAssignment(p) && p.initializer === n) return { holder: p, bindingName: propertyNameText(p.name) };
    if (ts.isPropertyDeclaration(p) && p.initializer === n) return { holder: p, bindingName: propertyNameText(p.name) };
    if (ts.isExportAssignment(p)) return { holder: p, bindingName: 'default' };
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = p.left;
      const name = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isIdentifier(left) ? left.text : undefined;
      const stmt = ts.isExpressionStatement(p.parent) ? p.parent : p;
      return { holder: stmt, bindingName: name };
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n)) {
      // `/** @owner … */ export async function agent() { return generateText({…}) }`: the function is the
      // identity's declaration, so its JSDoc governs the call it returns (unless the return has its own).
      const fn = ts.isArrowFunction(p) ? p : ts.findAncestor(p, ts.isFunctionLike);
      if (fn && (ts.isArrowFunction(p) || Object.keys(this.annotationsOf(p)).length === 0)) {
        if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn))
          return { holder: fn, bindingName: fn.name ? propertyNameText(fn.name) : undefined };
        if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
          const outer = this.holderOf(fn);
          if (outer.holder !== fn) return outer;
        }
      }
    }
    if (ts.isExpressionStatement(p) || ts.isReturnStatement(p)) return { holder: p };
    return { holder: n };
  }

  annotationsOf(holder: ts.Node): Annotations {
    return annotationsFor(this.text, holder, this.locAt);
  }

  // ---------------------------------------------------------------- scopes

  /** Finds the declaration of `name` visible from `from`, walking outwards through scopes. */
  findDeclaration(name: string, from: ts.Node): ts.Node | undefined {
    for (let n: ts.Node | undefined = from; n; n = n.parent) {
      const decl = this.scope(n)?.get(name);
      if (decl) return decl;
    }
    return undefined;
  }

  private scope(node: ts.Node): Map<string, ts.Node> | undefined {
    // Most ancestors of a reference (calls, property accesses, statements) declare nothing: no lookup for them.
    if (!scopeKinds().has(node.kind) && !ts.isFunctionLike(node)) return undefined;
    let known = this.scopeCache.get(node);
    if (!known) this.scopeCache.set(node, (known = scopeDeclarations(node)));
    return known;
  }

  // ---------------------------------------------------------------- evaluation

  /** Which parameter of which function of this file a declaration is, when the function can be named. */
  private paramRef(decl: ts.ParameterDeclaration): { fn: string; i: number } | undefined {
    const fn = decl.parent;
    if (!this.functionId || !ts.isFunctionLike(fn) || !('body' in fn) || !fn.body) return undefined;
    return { fn: this.functionId(fn), i: fn.parameters.indexOf(decl) };
  }

  dynamic(why: string, node: ts.Node): Val {
    return { k: 'dynamic', why, loc: this.loc(node) };
  }

  /** How long extraction of this file may take (ms), and when it must stop (`performance.now()` clock). */
  timeBudgetMs = Number.POSITIVE_INFINITY;
  deadline = Number.POSITIVE_INFINITY;
  /** How many expressions this file's extraction may evaluate (cached answers included); see `evaluate`. */
  maxEvaluations = Number.POSITIVE_INFINITY;
  private evaluations = 0;

  /** A pause point (`ExtractOptions.pause`): the time it blocks moves the deadline. */
  pause?: () => number;

  /** Throws once the file's time budget is spent: a pathological file is skipped, never a hang. */
  checkBudget(): void {
    if (this.pause) this.deadline += this.pause();
    if (performance.now() > this.deadline) throw new BudgetExceeded('time', this.timeBudgetMs);
  }

  /** `compute()`, or its value from an earlier call with the same id in the same memo (see `values`). */
  private memoised<T extends Val | undefined>(memo: Memo, id: unknown, compute: () => T): T {
    const hit = memo.get(id);
    if (hit && hit.version === this.definitions.version) return hit.v as T;
    const cutsBefore = this.cuts.length;
    const v = compute();
    let selfContained = true;
    for (let i = cutsBefore; i < this.cuts.length && selfContained; i++)
      selfContained = this.cuts[i]?.memo === memo && this.cuts[i]?.id === id;
    if (selfContained) {
      // cycles back to this value concern no evaluation around it
      if (this.cuts.length !== cutsBefore) this.cuts.length = cutsBefore;
      memo.set(id, { v, version: this.definitions.version });
    }
    return v;
  }

  /** Evaluates an expression to a symbolic value without running anything. */
  evaluate(input: ts.Node): Val {
    if (this.depth > MAX_EVAL_DEPTH) {
      this.cuts.push(null);
      return this.dynamic('expression too deep to follow', input);
    }
    // Counted, so that whether a file is analysed does not depend on how busy the machine is.
    if (++this.evaluations > this.maxEvaluations) throw new BudgetExceeded('steps', this.maxEvaluations);
    if ((this.evaluations & 255) === 0) this.checkBudget();
    this.depth++;
    try {
      // Names, member chains and calls are evaluated again and again (a callee, then each of its receivers; a call as
      // an argument, then as the object a method is called on).
      const k = input.kind;
      if (
        k === ts.SyntaxKind.PropertyAccessExpression ||
        k === ts.SyntaxKind.Identifier ||
        k === ts.SyntaxKind.CallExpression
      ) {
        const hit = this.values.get(input); // looked up here first: a hit needs no closure (see evaluateMemoised)
        if (hit && hit.version === this.definitions.version) return hit.v as Val;
        return this.evaluateMemoised(input);
      }
      return this.evaluateInner(input);
    } finally {
      this.depth--;
    }
  }

  /** Apart from evaluate: the closure captures the input, and would make every evaluation allocate, hits included. */
  private evaluateMemoised(input: ts.Node): Val {
    return this.memoised(this.values, input, () => this.evaluateInner(input));
  }

  private evaluateInner(input: ts.Node): Val {
    const node = unwrap(input);
    const def = this.definitions.get(node);
    if (def) return def;
    const alias = this.aliases.size ? this.aliases.get(node) : undefined;
    if (alias) return this.evaluate(alias);
    if (ts.isStringLiteralLike(node)) return { k: 'str', v: node.text };
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword)
      return { k: 'bool', v: node.kind === ts.SyntaxKind.TrueKeyword };
    if (ts.isTemplateExpression(node)) {
      let out = node.head.text;
      for (const span of node.templateSpans) {
        const v = this.evaluate(span.expression);
        if (v.k !== 'str') return this.dynamic('template string with a computed part', node);
        out += v.v + span.literal.text;
      }
      return { k: 'str', v: out };
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        const l = this.evaluate(node.left);
        const r = this.evaluate(node.right);
        if (l.k === 'str' && r.k === 'str') return { k: 'str', v: l.v + r.v };
        return this.dynamic('string built at run time', node);
      }
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
        return { k: 'alt', options: [this.evaluate(node.left), this.evaluate(node.right)], fallback: true };
      return this.dynamic('computed value', node);
    }
    if (ts.isConditionalExpression(node))
      return { k: 'alt', options: [this.evaluate(node.whenTrue), this.evaluate(node.whenFalse)] };
    if (ts.isIdentifier(node)) return this.evaluateIdentifier(node);
    if (node.kind === ts.SyntaxKind.ThisKeyword) return this.evaluateThis(node);
    if (ts.isPropertyAccessExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const field = this.evaluateThisMember(node);
        if (field) return field;
      }
      return member(this.evaluate(node.expression), node.name.text);
    }
    if (ts.isElementAccessExpression(node)) {
      const key = this.evaluate(node.argumentExpression);
      if (key.k === 'str') return member(this.evaluate(node.expression), key.v);
      return this.dynamic('computed property access', node);
    }
    if (ts.isArrayLiteralExpression(node)) {
      return {
        k: 'arr',
        items: node.elements
          .filter((e) => !ts.isOmittedExpression(e))
          .map((e) => this.evaluate(ts.isSpreadElement(e) ? e.expression : e)),
        loc: this.loc(node),
      };
    }
    if (ts.isObjectLiteralExpression(node)) return this.evaluateObject(node);
    if (ts.isCallExpression(node)) return this.evaluateCall(node);
    if (ts.isNewExpression(node)) {
      const cls = this.evaluate(node.expression);
      // An instance of a tool class (`new SummariseTicket()`) is that tool; a class from a relative
      // import stands for its instances until linking resolves it.
      if (cls.k === 'tool' || cls.k === 'agent') return cls;
      if (cls.k === 'obj') return cls; // a local class: its instances have its methods
      if (cls.k === 'import' && cls.module.startsWith('.')) return cls;
      if (cls.k === 'import') return { k: 'instance', module: cls.module, path: cls.path };
      return this.dynamic('object created at run time', node);
    }
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node))
      return this.functionId ? { k: 'fn', id: this.functionId(node) } : this.dynamic('function', node);
    if (ts.isClassExpression(node)) return this.classValue(node);
    return this.dynamic('computed value', node);
  }

  /** A class as an object of its methods (static and instance alike), so `obj.method()` resolves across files. */
  classValue(cls: ts.ClassLikeDeclaration): Val {
    const def = this.definitions.get(cls);
    if (def) return def;
    return this.memoised(this.declarations, cls, () => this.classValueUncached(cls));
  }

  private classValueUncached(cls: ts.ClassLikeDeclaration): Val {
    const props: ObjProp[] = [];
    for (const m of cls.members) {
      if ((ts.isMethodDeclaration(m) || ts.isGetAccessor(m)) && m.body && this.functionId) {
        const key = propertyNameText(m.name);
        if (key) props.push({ key, val: { k: 'fn', id: this.functionId(m) }, loc: this.loc(m) });
      }
    }
    return { k: 'obj', props, loc: this.loc(cls) };
  }

  evaluateObject(node: ts.ObjectLiteralExpression): Val {
    const props: ObjProp[] = [];
    for (const p of node.properties) {
      const loc = this.loc(p);
      if (ts.isSpreadAssignment(p)) props.push({ key: null, val: this.evaluate(p.expression), loc });
      else if (ts.isShorthandPropertyAssignment(p))
        props.push({ key: p.name.text, val: this.evaluateIdentifier(p.name), loc, ann: this.propAnnotations(p) });
      else if (ts.isPropertyAssignment(p)) {
        let key = propertyNameText(p.name);
        let computed = false;
        if (key === undefined && ts.isComputedPropertyName(p.name)) {
          const k = this.evaluate(p.name.expression);
          if (k.k === 'str') key = k.v;
          else computed = true;
        }
        props.push({
          key: key ?? p.name.getText(this.sf),
          computed: computed || undefined,
          val: this.evaluate(p.initializer),
          loc,
          ann: this.propAnnotations(p),
        });
      } else if (ts.isMethodDeclaration(p) || ts.isGetAccessor(p)) {
        props.push({ key: propertyNameText(p.name) ?? p.name.getText(this.sf), val: this.dynamic('function', p), loc });
      }
    }
    const { holder } = this.holderOf(node);
    const ann = holder === node ? this.annotationsOf(node) : undefined;
    return {
      k: 'obj',
      props,
      loc: this.loc(node),
      ann: ann && Object.keys(ann).length > 0 ? ann : undefined,
      holder: this.loc(holder),
    };
  }

  private propAnnotations(p: ts.Node): Annotations | undefined {
    const a = this.annotationsOf(p);
    return Object.keys(a).length > 0 ? a : undefined;
  }

  private evaluateCall(node: ts.CallExpression): Val {
    const callee = calleeExpression(node);
    if (
      ts.isIdentifier(callee) &&
      callee.text === 'require' &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0]!)
    ) {
      return { k: 'import', module: normaliseModule(node.arguments[0].text), path: [] };
    }
    if (
      callee.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length >= 1 &&
      ts.isStringLiteralLike(node.arguments[0]!)
    ) {
      return { k: 'import', module: normaliseModule(node.arguments[0].text), path: [] };
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'Object' &&
        (method === 'values' || method === 'assign') &&
        node.arguments.length > 0
      ) {
        if (method === 'values') return { k: 'values', of: this.evaluate(node.arguments[0]!) };
        // `Object.assign(tool, { close })` is the tool, given more properties; objects merged are all of them.
        const target = this.evaluate(node.arguments[0]!);
        if (target.k === 'tool' || target.k === 'agent') return target;
        return { k: 'arr', items: node.arguments.map((a) => this.evaluate(a)), loc: this.loc(node) };
      }
      if (['filter', 'slice', 'toSorted', 'sort', 'reverse', 'toReversed', 'flat'].includes(method)) {
        return { k: 'subset', of: this.evaluate(callee.expression), why: `.${method}()` };
      }
      if (method === 'concat') {
        return {
          k: 'arr',
          items: [this.evaluate(callee.expression), ...node.arguments.map((a) => this.evaluate(a))],
          loc: this.loc(node),
        };
      }
      if (method === 'map' || method === 'flatMap') return this.dynamic(`built with .${method}()`, node);
      // Client factories: `kc.makeApiClient(k8s.CoreV1Api)`, `dataSource.getRepository(User)` give instances of their
      // argument.
      if (['makeApiClient', 'getRepository', 'getCustomRepository'].includes(method) && node.arguments[0]) {
        const cls = this.evaluate(node.arguments[0]);
        // A package's class (`k8s.CoreV1Api`); a project's entity gets the ORM's repository, made below.
        if (cls.k === 'import' && !cls.module.startsWith('.') && !this.isLocalModule?.(cls.module))
          return { k: 'instance', module: cls.module, path: cls.path };
      }
      // A class's static factory gives an instance of it: `await VectorStoreIndex.fromDocuments(docs)`, `Index.init()`.
      if (/^(from[A-Z]\w*|init)$/.test(method)) {
        const cls = this.evaluate(callee.expression);
        if (cls.k === 'import' && cls.path.length === 1 && /^[A-Z]/.test(cls.path[0]!))
          return { k: 'instance', module: cls.module, path: cls.path };
      }
    }
    const factory = ts.isIdentifier(callee)
      ? this.localFunction(callee)
      : ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword
        ? this.thisMethod(callee)
        : undefined;
    const made =
      factory && (this.madeBy(factory) ?? this.passedOnFactory(factory, node) ?? this.returnedClosure(factory));
    if (made) return made;
    // A method of the class itself (`this.createError(…)`) is the project's, whatever package the class extends.
    const sdk = factory ? undefined : this.sdkObjectMadeBy(node);
    if (sdk) return sdk;
    const again = ts.isIdentifier(callee) ? this.callableProduct(callee) : undefined;
    if (again) return again;
    // A function of another file of the project: linking can tell what it makes.
    const fn = ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee) ? this.evaluate(callee) : undefined;
    if (fn?.k === 'import' && this.isLocalModule?.(fn.module))
      return { k: 'dynamic', why: 'result of a function call', loc: this.loc(node), call: fn };
    return this.dynamic('result of a function call', node);
  }

  private returnsCache = new Map<ts.Node, ts.Expression[]>();

  /**
   * What each function returns, as the extraction's walk found it: asked of most functions once the walk is done
   * (what each makes), which would otherwise walk their bodies again. A function asked before is left as it was.
   */
  knowReturns(returns: ReadonlyMap<ts.Node, ts.Expression[]>): void {
    for (const [fn, returned] of returns) if (!this.returnsCache.has(fn)) this.returnsCache.set(fn, returned);
  }

  /** What a function returns: its expression body, or each `return`'s expression (walked once per function). */
  private returnsOf(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
    let found = this.returnsCache.get(fn);
    if (!found) {
      found = !fn.body ? [] : ts.isBlock(fn.body) ? returnedIn(fn.body) : [fn.body as ts.Expression];
      this.returnsCache.set(fn, found);
    }
    return found;
  }

  /**
   * The package object a method returns, if any (`getClient() { this.client ??= createClient(…); return this.client;
   * }`): only what can be one (a call, `new`, a field or a name) is evaluated.
   */
  objectMadeBy(fn: ts.FunctionLikeDeclaration): Val | undefined {
    // A method that hands out a client is short; long ones (a tool's whole body) are not walked for it.
    if (!fn.body || fn.body.end - fn.body.pos > MAX_OBJECT_MAKER_LENGTH) return undefined;
    const returned = this.returnsOf(fn);
    if (returned.length > MAX_FACTORY_RETURNS) return undefined;
    for (const r of returned) {
      const u = unwrap(r);
      if (!ts.isCallExpression(u) && !ts.isNewExpression(u) && !ts.isPropertyAccessExpression(u) && !ts.isIdentifier(u))
        continue;
      const v = instanceOrSelf(this.evaluate(u));
      if (v.k === 'instance') return v;
    }
    return undefined;
  }

  /**
   * A function of this file that returns a function (`execute: makeExecutor(root)`): the call is the function it
   * returns, whose code runs when that is called.
   */
  private returnedClosure(fn: ts.FunctionLikeDeclaration): Val | undefined {
    const returned = this.returnsOf(fn);
    if (returned.length !== 1) return undefined;
    const r = unwrap(returned[0]!);
    return ts.isArrowFunction(r) || ts.isFunctionExpression(r) ? this.evaluate(r) : undefined;
  }

  /**
   * What a package's function or an object of it returns is an object of that package: `createClient(url, key)`,
   * `nodemailer.createTransport(…)`, `(await pool.connect())`, `(await client.channels.fetch(id))`,
   * `supabase.from('users')`. Its methods are that package's (`via` keeps the calls on the way, which some
   * catalog entries name: `#from.delete`). A project's own functions are linked instead.
   */
  private sdkObjectMadeBy(node: ts.CallExpression): Val | undefined {
    const c = this.callee(node);
    if (c?.kind === 'method' && !c.agentId)
      return { k: 'instance', module: c.module, path: c.path, via: [...(c.via ?? []), ...c.members].slice(-MAX_VIA) };
    if (c?.kind === 'export' && !c.module.startsWith('.') && !this.isLocalModule?.(c.module))
      return { k: 'instance', module: c.module, path: c.path };
    return undefined;
  }

  /**
   * A call to a function of this file (or a method of the class it is in) that returns a definition —
   * `createServer()` returning `new FastMCP({…})`, a helper returning a tool or a tool object — is that definition:
   * made by a factory, it is one identity however often the factory runs. Anything else a factory returns stays a
   * function call's result.
   */
  madeBy(fn: ts.FunctionLikeDeclaration): Val | undefined {
    if (!fn.body) return undefined;
    // A recursive function's call of itself makes what its other returns make: following it again would branch at
    // every level (`return left < right ? search(…left) : search(…right)`), exponential in the depth limit.
    if (this.makersInProgress.includes(fn)) {
      this.cuts.push({ memo: this.made, id: fn });
      return undefined;
    }
    this.makersInProgress.push(fn);
    try {
      return this.memoised(this.made, fn, () => this.madeByUncached(fn));
    } finally {
      this.makersInProgress.pop();
    }
  }

  private madeByUncached(fn: ts.FunctionLikeDeclaration): Val | undefined {
    const returned = this.returnsOf(fn);
    if (!returned.length || returned.length > MAX_FACTORY_RETURNS) return undefined;
    const made = returned.map((r) => this.evaluate(r)).filter((v) => FACTORY_KINDS.has(v.k));
    if (!made.length) return undefined;
    return made.length === 1 ? made[0] : { k: 'alt', options: made };
  }

  /**
   * A helper handed a factory, which calls it for what it returns (`createDualTool(createScrape)` returning
   * `Object.assign((o) => factory(o), factory())`): the call makes what the factory passed makes.
   */
  private passedOnFactory(fn: ts.FunctionLikeDeclaration, call: ts.CallExpression | ts.NewExpression): Val | undefined {
    if (!fn.body) return undefined;
    for (const index of this.calledParameters(fn)) {
      const passed = call.arguments?.[index];
      const factory = passed && ts.isIdentifier(passed) ? this.localFunction(passed) : undefined;
      const made = factory && this.madeBy(factory);
      if (made) return made;
    }
    return undefined;
  }

  private calledParametersCache = new Map<ts.Node, number[]>();

  /** For each expression `fn` returns, the first of its parameters that it calls (walked once per function). */
  private calledParameters(fn: ts.FunctionLikeDeclaration): number[] {
    let found = this.calledParametersCache.get(fn);
    if (!found) {
      const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
      found = params.some((name) => name !== undefined)
        ? this.returnsOf(fn)
            .map((r) => params.findIndex((name) => name !== undefined && callsName(r, name)))
            .filter((index) => index >= 0)
        : [];
      this.calledParametersCache.set(fn, found);
    }
    return found;
  }

  /**
   * `map(options)` where `const map = createDualTool(createMap)`: what the helper returned is callable, and a call of
   * it runs the same factory again — the same definition, made once more.
   */
  private callableProduct(id: ts.Identifier): Val | undefined {
    const decl = this.findDeclaration(id.text, id);
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression)) return undefined;
    const helper = this.localFunction(init.expression);
    return helper && this.passedOnFactory(helper, init);
  }

  /** The function a name of this file is declared as: `function f() {}`, `const f = () => …`. */
  private localFunction(id: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
    const decl = this.findDeclaration(id.text, id);
    if (decl && ts.isFunctionDeclaration(decl)) return decl;
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    return init && isFunctionValue(init) ? (init as ts.FunctionLikeDeclaration) : undefined;
  }

  /** The function `this.f` is in its class: a method, a field holding one, or one assigned as `this.f = …`. */
  private thisMethod(access: ts.PropertyAccessExpression): ts.FunctionLikeDeclaration | undefined {
    const start = this.enclosingClass(access);
    if (!start) return undefined;
    const name = access.name.text;
    let byName = this.methodCache.get(start);
    if (!byName) this.methodCache.set(start, (byName = new Map()));
    if (byName.has(name)) return byName.get(name) ?? undefined;
    let found: ts.FunctionLikeDeclaration | undefined;
    // The class itself, then the classes of this file it extends (`getClient()` inherited from a base tool).
    for (let cls: ts.ClassLikeDeclaration | undefined = start, hops = 0; cls && !found && hops < 4; hops++) {
      found = this.ownMethod(cls, name);
      cls = this.localBaseClass(cls);
    }
    byName.set(name, found ?? null);
    return found;
  }

  /** `this.name` in a class: the method it is, found once per class and name. */
  private methodCache = new Map<ts.Node, Map<string, ts.FunctionLikeDeclaration | null>>();

  /** The class of this file that `cls` extends: `class A extends B {}`, `var A = class extends B {}`. */
  private localBaseClass(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
    const ext = extendedClass(cls);
    if (!ext || !ts.isIdentifier(ext)) return undefined;
    const decl = this.findDeclaration(ext.text, ext);
    if (decl && ts.isClassDeclaration(decl)) return decl;
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    return init && ts.isClassExpression(init) ? init : undefined;
  }

  private ownMethod(cls: ts.ClassLikeDeclaration, name: string): ts.FunctionLikeDeclaration | undefined {
    for (const m of cls.members) {
      if (ts.isMethodDeclaration(m) && propertyNameText(m.name) === name) return m;
      if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name && m.initializer) {
        const init = unwrap(m.initializer);
        if (isFunctionValue(init)) return init as ts.FunctionLikeDeclaration;
      }
    }
    const assigned = this.thisAssignments(cls)
      .get(name)
      ?.map((e) => unwrap(e))
      .find(isFunctionValue);
    return assigned as ts.FunctionLikeDeclaration | undefined;
  }

  evaluateIdentifier(id: ts.Identifier): Val {
    if (id.text === 'undefined') return this.dynamic('undefined', id);
    const decl = this.findDeclaration(id.text, id);
    if (!decl) return this.dynamic(`\`${id.text}\` is not declared in this file`, id);
    return this.evaluateDeclaration(decl, id);
  }

  private evaluateDeclaration(decl: ts.Node, ref: ts.Node): Val {
    const known = this.definitions.get(decl);
    if (known) return known;
    if (this.inProgress.includes(decl)) {
      this.cuts.push({ memo: this.declarations, id: decl });
      return this.dynamic('circular reference', ref);
    }
    this.inProgress.push(decl);
    try {
      return this.evaluateDeclarationInner(decl, ref);
    } finally {
      this.inProgress.pop();
    }
  }

  private evaluateDeclarationInner(decl: ts.Node, ref: ts.Node): Val {
    if (ts.isImportClause(decl))
      return {
        k: 'import',
        module: normaliseModule((decl.parent.moduleSpecifier as ts.StringLiteral).text),
        path: ['default'],
      };
    if (ts.isNamespaceImport(decl))
      return {
        k: 'import',
        module: normaliseModule((decl.parent.parent.moduleSpecifier as ts.StringLiteral).text),
        path: [],
      };
    if (ts.isImportSpecifier(decl)) {
      const spec = decl.parent.parent.parent.moduleSpecifier as ts.StringLiteral;
      return { k: 'import', module: normaliseModule(spec.text), path: [(decl.propertyName ?? decl.name).text] };
    }
    if (ts.isImportEqualsDeclaration(decl)) {
      const r = decl.moduleReference;
      if (ts.isExternalModuleReference(r) && ts.isStringLiteralLike(r.expression))
        return { k: 'import', module: normaliseModule(r.expression.text), path: [] };
      return this.dynamic('import alias', ref);
    }
    if (ts.isVariableDeclaration(decl)) {
      const loop = decl.parent?.parent;
      if (loop && ts.isForOfStatement(loop))
        return this.elementOf(loop.expression) ?? this.dynamic('loop variable', ref);
      if (loop && ts.isForInStatement(loop)) return this.dynamic('loop variable', ref);
      if (!decl.initializer) {
        // `let manager; … manager = new GraphManager(path)` (in `main()`, say): the value it is given, when only one.
        const assigned = this.assignedOnce(decl);
        if (assigned) return this.memoised(this.declarations, decl, () => this.initializedValue(decl, assigned));
        if (decl.type) return this.instanceFromType(decl.type) ?? this.dynamic('declared without a value', ref);
        return this.dynamic('declared without a value', ref);
      }
      return this.memoised(this.declarations, decl, () => this.initializedValue(decl, decl.initializer!));
    }
    if (ts.isBindingElement(decl)) {
      // `const { a, b: c } = source` → source.a / source.b
      const pattern = decl.parent;
      const owner = pattern.parent;
      if (ts.isObjectBindingPattern(pattern) && (ts.isVariableDeclaration(owner) || ts.isBindingElement(owner))) {
        const src = ts.isVariableDeclaration(owner)
          ? owner.initializer
            ? this.evaluate(owner.initializer)
            : this.dynamic('declared without a value', ref)
          : this.evaluateDeclaration(owner, ref);
        const key = propertyNameText(decl.propertyName ?? decl.name);
        if (key) return member(src, key);
      }
      if (ts.isParameter(owner)) return this.withDefault(this.dynamic('parameter', ref), decl.initializer);
      return this.dynamic('destructured value', ref);
    }
    if (ts.isParameter(decl)) {
      const element = this.callbackElement(decl);
      if (element) return element;
      const param = this.paramRef(decl);
      const typed = decl.type && this.instanceFromType(decl.type);
      if (typed) return typed.k === 'instance' && param ? { ...typed, param } : typed;
      return this.withDefault({ ...this.dynamic('parameter', ref), ...(param && { param }) } as Val, decl.initializer);
    }
    if (ts.isEnumDeclaration(decl)) {
      const props: ObjProp[] = decl.members.map((m) => ({
        key: propertyNameText(m.name) ?? m.name.getText(this.sf),
        val: m.initializer ? this.evaluate(m.initializer) : this.dynamic('enum number', m),
        loc: this.loc(m),
      }));
      return { k: 'obj', props, loc: this.loc(decl) };
    }
    if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl))
      return this.functionId && decl.body ? { k: 'fn', id: this.functionId(decl) } : this.dynamic('function', ref);
    if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) return this.classValue(decl);
    return this.dynamic('computed value', ref);
  }

  /** A parameter with a default (`name = 'search'`): what callers pass, or the default. */
  private withDefault(passed: Val, initializer: ts.Expression | undefined): Val {
    return initializer ? { k: 'alt', options: [passed, this.evaluate(initializer)], fallback: true } : passed;
  }

  /**
   * Each element of a list written out in the code (`for (const tool of tools)`): any of them, in turn; of a list
   * imported from another file, an element of it, resolved when linking. Undefined when the list is not known.
   */
  private elementOf(list: ts.Expression): Val | undefined {
    const v = this.evaluate(list);
    if (v.k === 'arr' && v.items.length) return { k: 'alt', options: v.items };
    // A list from another file: known once linking follows the import.
    return v.k === 'import' ? { k: 'element', of: v, loc: this.loc(list) } : undefined;
  }

  /** The first parameter of a callback given to `list.forEach/map/flatMap(…)`: each element of the list. */
  private callbackElement(param: ts.ParameterDeclaration): Val | undefined {
    const fn = param.parent;
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== param) return undefined;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression))
      return undefined;
    if (!ELEMENT_CALLBACKS.has(call.expression.name.text)) return undefined;
    return this.elementOf(call.expression.expression);
  }

  private readonly assignmentCache = new Map<ts.Node, Map<string, ts.BinaryExpression[]>>();

  /** Every `name = value` assignment inside a scope (nested functions included), by name, in source order. */
  assignmentsIn(scope: ts.Node): Map<string, ts.BinaryExpression[]> {
    let found = this.assignmentCache.get(scope);
    if (!found) this.assignmentCache.set(scope, (found = assignmentsWithin(this.sf, scope)));
    return found;
  }

  /** The one value a variable declared without one is assigned, anywhere in its scope (nested functions too). */
  private assignedOnce(decl: ts.VariableDeclaration): ts.Expression | undefined {
    const scope = decl.parent?.parent?.parent;
    if (!ts.isIdentifier(decl.name) || !scope) return undefined;
    const name = decl.name.text;
    const mine = (this.assignmentsIn(scope).get(name) ?? []).filter((a) => this.findDeclaration(name, a.left) === decl);
    return mine.length === 1 ? mine[0]!.right : undefined;
  }

  /** A variable's value from its initializer (with the annotations of its declaration). */
  private initializedValue(decl: ts.VariableDeclaration, initializer: ts.Expression): Val {
    const v = this.evaluate(initializer);
    if (v.k === 'obj' && !v.ann) {
      const { holder } = this.holderOf(initializer);
      const ann = this.annotationsOf(holder);
      if (Object.keys(ann).length) return { ...v, ann };
    }
    if (v.k === 'dynamic' && decl.type) return this.instanceFromType(decl.type) ?? v;
    return v;
  }

  /**
   * `x: McpServer` → an instance of the imported `McpServer`. A class of the project (`db: Database` from
   * `./db`, or declared in this file) stands for its instances, as after `new`: its methods are followed.
   */
  instanceFromType(type: ts.TypeNode): Val | undefined {
    if (ts.isTypeReferenceNode(type)) {
      const name = type.typeName;
      const val = ts.isIdentifier(name)
        ? this.evaluateIdentifier(name)
        : member(this.evaluate(name.left as ts.Expression), name.right.text);
      if (val.k === 'import')
        return val.module.startsWith('.') || this.isLocalModule?.(val.module)
          ? val
          : { k: 'instance', module: val.module, path: val.path };
      if (val.k === 'obj' && ts.isIdentifier(name) && this.isClassName(name)) return val;
    }
    return undefined;
  }

  private isClassName(name: ts.Identifier): boolean {
    const decl = this.findDeclaration(name.text, name);
    return !!decl && ts.isClassDeclaration(decl);
  }

  private enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
    for (let n = node.parent; n; n = n.parent) {
      if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return n;
      if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined; // `this` rebinds
    }
    return undefined;
  }

  /** The class `this` belongs to, as an instance of its imported base class when it has one. */
  private evaluateThis(node: ts.Node): Val {
    const cls = this.enclosingClass(node);
    if (!cls) return this.dynamic('this', node);
    const def = this.definitions.get(cls);
    if (def) return def;
    const base = this.baseClassOf(cls);
    if (base && base.k === 'import') return { k: 'instance', module: base.module, path: base.path };
    return this.dynamic('this', node);
  }

  /**
   * The imported class a class of this file extends, through local subclasses: `new AgentBuilder(opts)` with
   * `class AgentBuilder extends Agent` is made like an `Agent`, and adapters see it as one.
   */
  private frameworkBase(id: ts.Identifier, depth = 0): Extract<Val, { k: 'import' }> | undefined {
    const decl = this.findDeclaration(id.text, id);
    // `class X extends Agent {}`, or as bundlers emit it, `var X = class extends Agent {}`.
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    const cls = decl && ts.isClassDeclaration(decl) ? decl : init && ts.isClassExpression(init) ? init : undefined;
    if (!cls || depth > 3) return undefined;
    const ext = extendedClass(cls);
    if (!ext) return undefined;
    const base = this.evaluate(ext);
    if (base.k === 'import') return base.module.startsWith('.') ? undefined : base;
    return ts.isIdentifier(ext) ? this.frameworkBase(ext, depth + 1) : undefined;
  }

  baseClassOf(cls: ts.ClassLikeDeclaration): Val | undefined {
    const ext = extendedClass(cls);
    return ext ? this.evaluate(ext) : undefined;
  }

  private thisAssignmentCache = new Map<ts.Node, Map<string, ts.Expression[]>>();

  /** Every `this.x = …` of a class, by field name (constructor first), collected once per class. */
  private thisAssignments(cls: ts.ClassLikeDeclaration): Map<string, ts.Expression[]> {
    const cached = this.thisAssignmentCache.get(cls);
    if (cached) return cached;
    const byName = new Map<string, ts.Expression[]>();
    const find = (n: ts.Node): void => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword
      ) {
        const list = byName.get(n.left.name.text) ?? [];
        list.push(n.right);
        byName.set(n.left.name.text, list);
      }
      if (!ts.isClassLike(n)) ts.forEachChild(n, find);
    };
    const ctor = cls.members.find(ts.isConstructorDeclaration);
    if (ctor?.body) ts.forEachChild(ctor.body, find);
    for (const m of cls.members)
      if (m !== ctor && (ts.isMethodDeclaration(m) || ts.isGetAccessor(m)) && m.body) ts.forEachChild(m.body, find);
    this.thisAssignmentCache.set(cls, byName);
    return byName;
  }

  /** `this.server` → the class field's initializer, its type, or a constructor assignment. */
  private evaluateThisMember(node: ts.PropertyAccessExpression): Val | undefined {
    const cls = this.enclosingClass(node);
    if (!cls) return undefined;
    const name = node.name.text;
    const key = `${cls.pos}:${cls.end}:${name}`;
    if (this.fieldsInProgress.includes(key)) {
      // A field defined from itself: the value it refers to is the one being computed.
      this.cuts.push({ memo: this.fields, id: key });
      return undefined;
    }
    this.fieldsInProgress.push(key);
    try {
      return this.memoised(this.fields, key, () => this.classMemberValue(cls, name));
    } finally {
      this.fieldsInProgress.pop();
    }
  }

  private classMemberValue(cls: ts.ClassLikeDeclaration, name: string): Val | undefined {
    for (const m of cls.members) {
      if (ts.isMethodDeclaration(m) && propertyNameText(m.name) === name && m.body && this.functionId)
        return { k: 'fn', id: this.functionId(m) };
      if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name) {
        if (m.initializer) return this.evaluate(m.initializer);
        if (m.type) return this.instanceFromType(m.type);
      }
    }
    // `this.x = …` in the constructor first, then anywhere in the class (compiled JS assigns fields in methods too).
    for (const right of this.thisAssignments(cls).get(name) ?? []) {
      const v = this.evaluate(right);
      if (v.k !== 'dynamic') return v;
    }
    for (const m of cls.members) {
      if (!ts.isConstructorDeclaration(m) || !m.body) continue;
      for (const p of m.parameters) {
        // TypeScript parameter properties: `constructor(private server: McpServer)`
        if (ts.isIdentifier(p.name) && p.name.text === name && p.type && p.modifiers?.length)
          return this.instanceFromType(p.type);
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------- callee resolution

  /** What a call's callee refers to, in terms of imported modules; undefined when unknown. */
  private calleeCache = new Map<ts.Node, Callee | undefined>();

  callee(node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): Callee | undefined {
    if (this.calleeCache.has(node)) return this.calleeCache.get(node);
    const c = this.calleeUncached(node);
    this.calleeCache.set(node, c);
    return c;
  }

  private calleeUncached(node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): Callee | undefined {
    // A tagged template calls its tag: zx's $`rm -rf ${dir}`, postgres.js's sql`DELETE …`.
    const expr = calleeExpression(node) as ts.Expression;
    const members: string[] = [];
    for (let n: ts.Expression = expr; ts.isPropertyAccessExpression(n); n = unwrap(n.expression) as ts.Expression)
      members.unshift(n.name.text);
    const whole = this.evaluate(expr);
    if (whole.k === 'import' && !(whole.module.startsWith('.') && members.length > 0))
      return { kind: 'export', module: whole.module, path: whole.path };
    // An object of a package called itself: `sql\`…\`` after `const sql = postgres(url)`, `knex('users')`.
    if (whole.k === 'instance' && members.length === 0)
      return { kind: 'method', module: whole.module, path: whole.path, members: [], receiver: expr, via: whole.via };
    if (ts.isNewExpression(node) && ts.isIdentifier(expr)) {
      const base = this.frameworkBase(expr);
      if (base) return { kind: 'export', module: base.module, path: base.path };
    }
    // The longest receiver prefix that is an instance of an imported class (or a recognised agent):
    // `client.chat.completions.create` → `client`; `this.server.tool` → `this.server`.
    const prefixes: ts.Expression[] = [];
    for (let n: ts.Expression = expr; ts.isPropertyAccessExpression(n); n = unwrap(n.expression) as ts.Expression)
      prefixes.push(unwrap(n.expression) as ts.Expression);
    for (let i = 0; i < prefixes.length; i++) {
      const recv = prefixes[i]!;
      const val = instanceOrSelf(this.evaluate(recv));
      const rest = members.slice(members.length - 1 - i);
      if (val.k === 'instance')
        return { kind: 'method', module: val.module, path: val.path, members: rest, receiver: recv, via: val.via };
      if (val.k === 'agent') {
        const cls = this.agentClass.get(val.id);
        if (cls)
          return { kind: 'method', module: cls.module, path: cls.path, members: rest, receiver: recv, agentId: val.id };
      }
      // An object of the project (`this.threadManager`, a field holding a local class): its methods are its own,
      // not those of a package the enclosing class extends.
      if (val.k === 'obj' || val.k === 'fn' || (val.k === 'import' && val.module.startsWith('.'))) break;
    }
    if (members.length > 0) return { kind: 'unknown-method', members, receiver: prefixes[prefixes.length - 1]! };
    return undefined;
  }
}

const EMPTY = new Map<string, ts.Node>();

/**
 * The names a scope node declares (EMPTY when none). Not in SourceContext.scope, which is asked for every ancestor of
 * every name looked up: the closures here would make each of those calls allocate, cache hits included.
 */
function scopeDeclarations(node: ts.Node): Map<string, ts.Node> {
  let map: Map<string, ts.Node> | undefined;
  const addBinding = (b: ts.BindingName, decl: ts.Node) => {
    if (ts.isIdentifier(b)) (map ??= new Map()).set(b.text, decl);
    else for (const el of b.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name, el);
  };
  const addStatements = (stmts: readonly ts.Statement[]) => {
    for (const st of stmts) {
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) addBinding(d.name, d);
      else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name)
        (map ??= new Map()).set(st.name.text, st);
      else if (ts.isImportDeclaration(st) && st.importClause) {
        const c = st.importClause;
        if (c.name) (map ??= new Map()).set(c.name.text, c);
        const nb = c.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) (map ??= new Map()).set(nb.name.text, nb);
        if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) (map ??= new Map()).set(el.name.text, el);
      } else if (ts.isImportEqualsDeclaration(st)) (map ??= new Map()).set(st.name.text, st);
    }
  };
  if (
    ts.isSourceFile(node) ||
    ts.isBlock(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseClause(node) ||
    ts.isDefaultClause(node)
  )
    addStatements(node.statements);
  else if (ts.isFunctionLike(node)) {
    for (const p of node.parameters) addBinding(p.name, p);
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name)
      (map ??= new Map()).set(node.name.text, node);
  } else if (
    (ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node)) &&
    node.initializer &&
    ts.isVariableDeclarationList(node.initializer)
  ) {
    for (const d of node.initializer.declarations) addBinding(d.name, d);
  } else if (ts.isCatchClause(node) && node.variableDeclaration)
    addBinding(node.variableDeclaration.name, node.variableDeclaration);
  return map ?? EMPTY;
}

/** `options.client ?? new Client(…)`: what the code falls back to is the kind of object either way. */
function instanceOrSelf(v: Val): Val {
  return v.k === 'alt' ? (v.options.find((o) => o.k === 'instance') ?? v) : v;
}

/**
 * Every `name = value` assignment of a file, in source order, recorded by the walk that sets parent pointers
 * (extract.ts `parse`): compiled code declares `var _a, _b;` at the top of a file and assigns them everywhere, and a
 * second walk of the file to find them cost as much as a tenth of extraction on bundled SDK code.
 *
 * Kept on the tree itself, not in a WeakMap keyed by it: V8's young-generation collections hold a WeakMap's value
 * until the next full collection, and the value's nodes reach the whole tree through their parents. Every file's tree
 * then outlived its extraction into the old generation (parsing 100 small files, a young collection after each kept
 * 10.4 of the 22.4 MB they allocated, against 1.0 MB without the WeakMap).
 */
const ASSIGNMENTS = Symbol('assignments');
type WithAssignments = ts.SourceFile & { [ASSIGNMENTS]?: ts.BinaryExpression[] };

/** Records a file's assignments to plain names, found in source order. */
export function recordAssignments(sf: ts.SourceFile, list: ts.BinaryExpression[]): void {
  (sf as WithAssignments)[ASSIGNMENTS] = list;
}

/** Whether a node assigns a plain name (`x = …`): what `assignmentsIn` lists. */
export function isNameAssignment(n: ts.Node): n is ts.BinaryExpression & { left: ts.Identifier } {
  return (
    n.kind === ts.SyntaxKind.BinaryExpression &&
    (n as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    (n as ts.BinaryExpression).left.kind === ts.SyntaxKind.Identifier
  );
}

/** The file's assignments: as recorded while parsing, or found by a walk (a tree the incremental parser made). */
function assignmentsOfFile(sf: ts.SourceFile): ts.BinaryExpression[] {
  let list = (sf as WithAssignments)[ASSIGNMENTS];
  if (!list) {
    // Iteratively, as parsing does: deeply nested input must not overflow the stack.
    const found: ts.BinaryExpression[] = [];
    const stack: ts.Node[] = [sf];
    const push = (c: ts.Node): undefined => void stack.push(c);
    while (stack.length) {
      const n = stack.pop()!;
      if (isNameAssignment(n)) found.push(n);
      ts.forEachChild(n, push);
    }
    recordAssignments(sf, (list = found.sort((a, b) => a.pos - b.pos)));
  }
  return list;
}

/** Every `name = value` assignment inside a scope (nested functions included), by name, in source order. */
function assignmentsWithin(sf: ts.SourceFile, scope: ts.Node): Map<string, ts.BinaryExpression[]> {
  const all = assignmentsOfFile(sf);
  // Sorted by position: the first one at or after the scope's start, by binary search.
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (all[mid]!.pos < scope.pos) lo = mid + 1;
    else hi = mid;
  }
  const map = new Map<string, ts.BinaryExpression[]>();
  for (let i = lo; i < all.length && all[i]!.pos < scope.end; i++) {
    const a = all[i]!;
    if (a.end > scope.end) continue;
    const name = (a.left as ts.Identifier).text;
    const list = map.get(name);
    if (list) list.push(a);
    else map.set(name, [a]);
  }
  return map;
}

/** What a factory can return that is worth following: definitions, instances and the objects tools are made of. */
const FACTORY_KINDS = new Set<Val['k']>(['agent', 'tool', 'instance', 'obj']);

/** Whether an expression calls `name(…)` anywhere in it. */
function callsName(expr: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}
/** Past this many `return`s a function is more than a factory. */
const MAX_FACTORY_RETURNS = 4;

function isFunctionValue(n: ts.Node): boolean {
  return ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

/** The expressions a function body returns, not counting those of functions nested in it. */
function returnedIn(body: ts.Node): ts.Expression[] {
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/** Property access on a symbolic value, simplified where the value is known. */
export function member(of: Val, prop: string): Val {
  switch (of.k) {
    case 'import':
      return { k: 'import', module: of.module, path: [...of.path, prop] };
    case 'obj': {
      const p = [...of.props].reverse().find((x) => x.key === prop);
      if (p) return p.val;
      return { k: 'member', of, prop };
    }
    case 'dynamic':
      return of;
    case 'alt':
      // `tool.name` for a loop variable over a list of tools: the name of each.
      return { k: 'alt', options: of.options.map((o) => member(o, prop)), fallback: of.fallback };
    default:
      return { k: 'member', of, prop };
  }
}
