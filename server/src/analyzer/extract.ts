import { loadTypeScript, ts } from '../typescript';
import { NODE_SHAPE_SAMPLES } from './node-shapes';
import { ownString } from './own-strings';
import { withoutBundledDependencies } from './bundled-dependencies';
import type { AdapterContext, AgentInput, FrameworkAdapter, ToolInput, ToolListInput } from './adapter';
import { genkitToolName, openAiAgentsToolName } from './adapter';
import { ADAPTERS, adaptersFor } from './adapters';
import { SECRET_ENV_NAME } from '../secrets/env-names';
import { scanSecrets } from '../secrets/scan-secrets';
import { approvalKind } from './approval-gates';
import { type ExtractOptions, FunctionCollector, isLocalSpecifier } from '../capabilities/collect-functions';
import { dropInertFunctions } from '../capabilities/inert-functions';
import { fileLevelAnnotations, mergeAnnotations } from './annotations';
import {
  extendedClass,
  isNameAssignment,
  member,
  normaliseModule,
  propertyNameText,
  recordAssignments,
  SourceContext,
  unwrap,
} from './source-context';
import { parseSuppressions } from './suppressions';
import { LOOP_REASON, MAX_DESCRIPTION } from './tool-collections';
import type {
  AgentDef,
  Annotations,
  CredentialRead,
  FileFacts,
  OwnerParam,
  ReExport,
  ToolDef,
  ToolListRegistration,
  Val,
} from './types';

/**
 * Per-file extraction budget, in evaluation steps (cached answers included): a base and a share per character. Over
 * 76,000 published files (bench/dense and third-party/), the most any took was 0.45 steps per character (a 6 KB file)
 * and a fourteenth of its budget (a 1.2 MB bundle: 96,494 steps). Steps are counted, not timed, so whether a file is
 * analysed does not depend on how busy the machine is.
 */
export const EVALUATION_BUDGET = { base: 200_000, perChar: 1 };

/** Evaluation steps one file's extraction may take: see EVALUATION_BUDGET. */
export function evaluationBudget(chars: number): number {
  return EVALUATION_BUDGET.base + EVALUATION_BUDGET.perChar * chars;
}

/**
 * Per-file time budget (ms), a last guard: the step budget stops pathological files well before it on real machines,
 * so findings do not depend on load.
 */
export const DEFAULT_TIME_BUDGET_MS = 30_000;

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * Declaration files (`.d.ts`, `.d.cts`, `.d.mts`, and `.d.<ext>.ts` for other file kinds) describe code that lives
 * elsewhere: a `declare class X extends Tool` there registers nothing, and a package ships one beside each module.
 */
const DECLARATION_FILE = /\.d(\.[^./]+)?\.[cm]?ts$/;

export function isSourceFile(path: string): boolean {
  return !DECLARATION_FILE.test(path) && SOURCE_EXTENSIONS.some((e) => path.endsWith(e));
}

/**
 * Module specifiers a file mentions, found by text (the cheap pre-filter before parsing): `from '…'`,
 * `require('…')`, `import('…')` and a bare `import '…'` at the start of a line. A pass finding the three
 * keywords, then a sticky check at each (about 2.4× faster than one regex with four alternatives, which the
 * engine tries at every position of every file).
 */
export function importedSpecifiers(text: string): string[] {
  const out = new Set<string>();
  KEYWORD.lastIndex = 0;
  for (let k = KEYWORD.exec(text); k; k = KEYWORD.exec(text)) {
    const at = k.index;
    const end = at + k[0].length;
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue; // `\b`: `platform`, `_import`
    const m =
      k[0] === 'from'
        ? stickyAt(QUOTED, text, end)
        : (stickyAt(CALL_ARGUMENT, text, end) ??
          (k[0] === 'import' && startsLine(text, at) ? stickyAt(QUOTED, text, end) : null));
    if (!m) continue;
    out.add(ownString(normaliseModule(m[1]!)));
    KEYWORD.lastIndex = end + m[0].length;
  }
  return [...out];
}

const KEYWORD = /from|require|import/g;
const QUOTED = /\s*['"]([^'"\n]+)['"]/y;
const CALL_ARGUMENT = /\s*\(\s*['"]([^'"\n]+)['"]\s*\)/y;

function stickyAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Only white space between a line start (or the file's start) and `at`, as `^\s*` in multiline mode. */
function startsLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return true;
    if (!/\s/.test(c)) return false;
  }
  return true;
}

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(m|c)?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * A syntax tree with parent pointers. JSDoc is not parsed into nodes: governance annotations are read from
 * the comment text (annotations.ts), and the compiler's JSDoc parse was ~10–20% of parsing time for nothing. What a
 * bundler copied from node_modules is left out (`own`: the text without it, bundled-dependencies.ts).
 */
export function parse(file: string, text: string, own = withoutBundledDependencies(text)): ts.SourceFile {
  loadTypeScript();
  let sf = syntaxTree(file, own);
  // What looked like a bundled module was not whole statements (a marker's line inside a string): the whole text.
  if (own !== text && syntaxErrorsIn(sf)) sf = syntaxTree(file, text);
  setParents(sf);
  return sf;
}

function syntaxTree(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    scriptKind(file),
  );
}

function syntaxErrorsIn(sf: ts.SourceFile): number {
  return (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}

/**
 * Parent pointers for every node, as `createSourceFile(…, setParentNodes: true)` sets them, in one tight
 * iterative walk: the compiler's own pass (a generic recursive walker that also looks for JSDoc nodes,
 * which are never parsed here) cost twice as much — 20% of parsing on bundled SDK code. It also lists the file's
 * assignments to plain names (`recordAssignments`), so that finding them needs no walk of its own.
 */
function setParents(root: ts.SourceFile): void {
  const assignments: ts.BinaryExpression[] = [];
  toBind.push(root);
  try {
    while (toBind.length) {
      const node = (childrenOf = toBind.pop()!);
      if (isNameAssignment(node)) assignments.push(node);
      ts.forEachChild(node, bindToParent);
    }
  } finally {
    toBind.length = 0;
    childrenOf = undefined;
  }
  // Found in the order of the stack: put in source order, which assignmentsIn relies on.
  recordAssignments(
    root,
    assignments.sort((a, b) => a.pos - b.pos),
  );
}

/**
 * The node whose children `bindToParent` is given, and the nodes whose children are still to be given: state of the
 * module, not of a closure made for each file, which the compiler's call site would keep alive, and with it the last
 * file's tree, after the file is done (see `FileExtractor.release`).
 */
let childrenOf: ts.Node | undefined;
const toBind: ts.Node[] = [];

function bindToParent(child: ts.Node): undefined {
  (child as { parent: ts.Node | undefined }).parent = childrenOf;
  toBind.push(child); // returns nothing: a truthy return would stop forEachChild
}

/**
 * The last syntax tree of an open buffer, so the next version is parsed incrementally, as tsserver does
 * on each keystroke: `ts.updateSourceFile` re-parses only around the changed span and reuses the rest
 * (about 1 ms instead of 4 for a 1,000-line file). The span is the text between the common prefix and
 * suffix of the old and new text, so any change (full-text sync included) works. The old tree is
 * consumed: its nodes are reused by the new one.
 */
export class IncrementalTree {
  private file?: string;
  private text?: string;
  private tree?: ts.SourceFile;
  /** How many parses reused the previous tree (tests check the incremental path is taken). */
  incremental = 0;

  parse(file: string, text: string): ts.SourceFile {
    // A bundle is parsed without its dependencies' code (bundled-dependencies.ts), which an incremental parse of the
    // whole text would bring back; nobody types in a bundle.
    const own = withoutBundledDependencies(text);
    if (own !== text) {
      this.tree = this.text = this.file = undefined;
      return parse(file, text, own);
    }
    let tree: ts.SourceFile;
    if (this.tree && this.file === file && this.text !== undefined) {
      const old = this.text;
      if (old === text) return this.tree;
      const max = Math.min(old.length, text.length);
      let start = 0;
      while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
      let end = 0;
      while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end))
        end++;
      // Consumed whether or not the update succeeds: never reuse a tree that may be half-updated.
      const previous = this.tree;
      this.tree = undefined;
      try {
        tree = ts.updateSourceFile(previous, text, {
          span: { start, length: old.length - start - end },
          newLength: text.length - start - end,
        });
        this.incremental++;
      } catch {
        tree = parse(file, text); // an internal assertion of the incremental parser: a full parse is always right
      }
    } else tree = parse(file, text);
    this.file = file;
    this.text = text;
    this.tree = tree;
    return tree;
  }
}

interface Pending {
  tools: { def: ToolDef; input: ToolInput }[];
  agents: { def: AgentDef; input: AgentInput }[];
  lists: { input: ToolListInput; ownerParam?: OwnerParam }[];
  /** Object literals that may be maps of tools, with the properties assigned to them later (`tools.search = …`). */
  maps: Map<ts.ObjectLiteralExpression, { key: string; value: ts.Expression; at: ts.Node }[]>;
}

/**
 * Per-file facts: everything the linker and rules need from one file, computed from its text alone.
 * Walks the raw TypeScript AST once; adapters recognise framework calls through their imports.
 */
export function extractFacts(
  file: string,
  text: string,
  options: ExtractOptions = {},
  specifiers: readonly string[] = importedSpecifiers(text),
  tree?: IncrementalTree,
): FileFacts {
  const started = performance.now();
  const sf = tree ? tree.parse(file, text) : parse(file, text);
  const extractor = new FileExtractor(sf, file, specifiers, options);
  let facts: FileFacts;
  try {
    extractor.ctx.timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
    extractor.ctx.deadline = started + extractor.ctx.timeBudgetMs;
    extractor.ctx.pause = options.pause;
    extractor.ctx.maxEvaluations = options.evaluationBudget ?? evaluationBudget(text.length);
    extractor.walk();
    // An open buffer's facts keep every function: on the keystroke path, dropping those that reach nothing cost more
    // (0.4 ms of a 6 ms re-extraction of a 1,000-line agent file) than it saved its link.
    facts = extractor.finish(text, !tree);
  } finally {
    extractor.release();
  }
  if (!shapesKept && (extractedChars += text.length) > SAMPLES_AFTER_CHARS) shapesKept = extractSamples();
  return facts;
}

/**
 * The samples' syntax trees, extractors and facts, kept for the life of the process so that the shapes V8's
 * compiled extraction code checks for outlive each file's own (node-shapes.ts says why).
 */
let shapesKept: readonly object[] | undefined;
/**
 * The samples are extracted once this much code has been: a run that extracts less (a small project, a language
 * server's first diagnostics) is over before a full collection, and would only pay for extracting them cold.
 */
const SAMPLES_AFTER_CHARS = 512 * 1024;
let extractedChars = 0;

function extractSamples(): readonly object[] {
  const kept: object[] = [];
  try {
    for (const { file, text } of NODE_SHAPE_SAMPLES) {
      const extractor = new FileExtractor(parse(file, text), file, importedSpecifiers(text), {});
      extractor.walk();
      kept.push(extractor, extractor.finish(text, true));
    }
  } catch {
    // Only speed depends on the samples (node-shapes.test.ts extracts them): a file's own extraction goes on.
  }
  return kept;
}

/** Sets to `undefined` each of an object's own properties that holds an object or a function. */
function dropReferences(o: object): void {
  const fields = o as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') fields[key] = undefined;
  }
}

/** One file's extraction: a walk that records what each node shows, then the evaluation of what it found. */
class FileExtractor {
  readonly ctx: SourceContext;
  private readonly adapters: FrameworkAdapter[];
  private readonly fileAnn: Annotations;
  private readonly functions: FunctionCollector;
  private readonly pending: Pending = { tools: [], agents: [], lists: [], maps: new Map() };
  private readonly credentials: CredentialRead[] = [];
  private readonly splitSecrets: FileFacts['splitSecrets'] = [];
  private readonly secretPieces: string[] = [];
  /** The tools whose definitions the walk is inside, innermost last (credential reads belong to it). */
  private readonly toolStack: string[] = [];
  private readonly adapterContext: AdapterContext;
  private readonly localPrefixes: readonly string[] | undefined;
  private seq = 0;

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly file: string,
    private readonly specifiers: readonly string[],
    options: ExtractOptions,
  ) {
    this.adapters = adaptersFor(specifiers, sf.text);
    this.ctx = new SourceContext(sf, file);
    this.fileAnn = fileLevelAnnotations(sf, this.ctx.locAt);
    this.functions = new FunctionCollector(this.ctx, options);
    this.localPrefixes = options.localPrefixes;
    this.ctx.isLocalModule = (spec) => isLocalSpecifier(spec, this.localPrefixes);
    this.ctx.functionId = (node) => this.functions.idOf(node);
    this.adapterContext = {
      ctx: this.ctx,
      functions: this.functions,
      addTool: (input) => this.addTool(input),
      addAgent: (input) => this.addAgent(input),
      addToolList: (input) =>
        void this.pending.lists.push({ input, ownerParam: input.owner && this.functions.paramOf(input.owner) }),
      addValue: (node, expr) => void this.ctx.aliases.set(node, expr),
    };
  }

  /**
   * Lets go of the file: of its syntax tree and of everything made from it. The extractor itself outlives the file:
   * a call site that last called one of its closures (`addTool`, `locAt`…) still reaches it, and V8's young-generation
   * collections keep what a call site reaches until the next full collection. Without this, nearly every file's tree
   * was copied into the old generation: a scan of the agent-dense corpus promoted 615 MB, against 372 MB with it, and
   * its young-generation collections took 984 ms, against 709.
   */
  release(): void {
    dropReferences(this.ctx);
    dropReferences(this.functions);
    dropReferences(this);
  }

  /** Pass 1: every node once, iteratively (deeply nested input must not overflow the stack). */
  walk(): void {
    const stack: (ts.Node | typeof EXIT)[] = [this.sf];
    const exits: ts.Node[] = [];
    const pushChild = (c: ts.Node): undefined => {
      stack.push(c); // returns nothing: a truthy return would stop forEachChild
    };
    const skipped = opaque();
    let visited = 0;
    while (stack.length) {
      if ((++visited & 1023) === 0) this.ctx.checkBudget();
      const item = stack.pop()!;
      if (item === EXIT) {
        this.leave(exits.pop()!);
        continue;
      }
      // Names, literals and keywords (about half the nodes) and type syntax (whole subtrees): nothing visit() reads.
      if (skipped[item.kind]) continue;
      // Only functions and tools have anything to undo when their subtree is done.
      if (this.visit(item)) {
        stack.push(EXIT);
        exits.push(item);
      }
      // Children pushed, then put in reverse so the first is visited first (no array per node).
      const first = stack.length;
      ts.forEachChild(item, pushChild);
      for (let i = first, j = stack.length - 1; i < j; i++, j--) {
        const t = stack[i]!;
        stack[i] = stack[j]!;
        stack[j] = t;
      }
    }
  }

  /** What one node shows; true when leaving its subtree has something to undo. */
  private visit(node: ts.Node): boolean {
    // An empty object counts too: `const tools = {}; tools.search = tool({…})`.
    if (ts.isObjectLiteralExpression(node) && (!node.properties.length || node.properties.some(mayHoldTool)))
      this.pending.maps.set(node, []);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      this.assignedToMap(node);
    if (this.adapters.length) visitForAdapters(node, this.adapters, this.adapterContext, this.localPrefixes);
    else if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses)
      visitForAdapters(node, [], this.adapterContext, this.localPrefixes);
    const entered = this.functions.enter(node);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) this.functions.onCall(node, this.ctx.callee(node));
    else if (isWholeEnvironment(node, this.ctx) && flowOf(node, true)) this.functions.onExposure(node);
    else if (ts.isIfStatement(node)) this.functions.onIf(node);
    else if (ts.isTaggedTemplateExpression(node)) this.functions.onTaggedTemplate(node, this.ctx.callee(node));
    else if (ts.isReturnStatement(node)) this.functions.onReturn(node);
    this.credentialRead(node);
    const def = this.ctx.definitions.size ? this.ctx.definitions.get(node) : undefined; // none at all in most files
    const isTool = def?.k === 'tool';
    if (isTool) this.toolStack.push(def.id);
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
      !(ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.PlusToken)
    )
      this.splitSecret(node);
    return entered || isTool;
  }

  private leave(node: ts.Node): void {
    if (this.ctx.definitions.get(node)?.k === 'tool') this.toolStack.pop();
    this.functions.exit(node);
  }

  /** A secret-named environment variable read: a credential, with the tool and function it is read in. */
  private credentialRead(node: ts.Node): void {
    const env = envRead(node, this.sf);
    if (!env || !SECRET_ENV_NAME.test(env.name)) return;
    const flowsInto = flowOf(env.node);
    if (flowOf(env.node, true)) this.functions.onExposure(env.node, env.name);
    this.credentials.push({
      name: env.name,
      source: 'env',
      loc: this.ctx.loc(env.node),
      scope: insideFunction(node) ? 'function' : 'module',
      toolId: this.toolStack[this.toolStack.length - 1],
      fnId: this.functions.currentId(),
      flowsInto,
    });
  }

  /** A key split into pieces (`'sk-ant-' + 'api03-…'`) is still a key: scan the joined literals. */
  private splitSecret(node: ts.BinaryExpression): void {
    const parts: string[] = [];
    const collect = (e: ts.Node): boolean => {
      const u = unwrap(e);
      if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken)
        return collect(u.left) && collect(u.right);
      if (ts.isStringLiteralLike(u)) return parts.push(u.text) > 0;
      return false;
    };
    if (!collect(node) || parts.length < 2) return;
    for (const m of scanSecrets(parts.join(''))) {
      if (parts.some((p) => p.length >= m.end - m.start)) continue; // whole in one literal: the text scan finds it
      const { ruleId, provider, description, masked, hash, envName } = m;
      this.splitSecrets.push({ ruleId, provider, description, masked, hash, envName, loc: this.ctx.loc(node) });
      this.secretPieces.push(...parts.filter((p) => p.length >= 12));
    }
  }

  /** A new definition's id, binding and places, registered for evaluation; undefined if the node has one already. */
  private define(input: ToolInput | AgentInput, k: 'tool' | 'agent') {
    const slot = 'slot' in input ? input.slot : undefined;
    if (!slot && this.ctx.definitions.has(input.node)) return undefined;
    const id = `${this.file}#${k === 'tool' ? 't' : 'a'}${this.seq++}`;
    const { holder, bindingName } = this.ctx.holderOf(input.node);
    if (!slot) this.ctx.definitions.set(input.node, { k, id });
    // Written as a property of an object (`{ readFile: createTool({ id: 'read-file' }) }`): a map of tools, keyed.
    const mapKey = ts.isPropertyAssignment(holder) ? bindingName : undefined;
    return { id, bindingName, mapKey, at: this.placesOf(input, holder) };
  }

  private addTool(input: ToolInput): Val | undefined {
    const defined = this.define(input, 'tool');
    if (!defined) return undefined;
    const { id, bindingName, mapKey, at } = defined;
    // One literal with every field in one order: definitions share a shape (a spread made slow objects).
    const def: ToolDef = {
      id,
      framework: input.framework,
      kind: input.kind,
      bindingName:
        returnedLocalMaker(input.node) ??
        bindingName ??
        (ts.isClassLike(input.node) ? input.node.name?.text : undefined),
      mapKey,
      loc: at.loc,
      nameLoc: at.nameLoc,
      holderLoc: at.holderLoc,
      annotations: at.annotations,
      approvalSite: input.approvalSite && {
        options: this.ctx.loc(input.approvalSite.options),
        prop: input.approvalSite.prop,
      },
      hosted: input.hosted || undefined,
      hostedType: input.hostedType,
      description: this.descriptionOf(input.node),
      dynamic: input.dynamic,
      ownerParam: input.registeredOn && this.functions.paramOf(input.registeredOn),
      nameParam: input.name && typeof input.name !== 'string' ? this.functions.nameParamOf(input.name) : undefined,
    };
    this.pending.tools.push({ def, input });
    return { k: 'tool', id };
  }

  /**
   * What the model is told the tool does, when written at the definition: an options object's `description`
   * (`tool({ description })`, `registerTool(name, { description })`), the string after an MCP tool's name
   * (`server.tool(name, description, …)`), or a tool class's `description` field.
   */
  private descriptionOf(node: ts.Node): string | undefined {
    let text: string | undefined;
    if (ts.isClassLike(node)) {
      const field = node.members
        .filter(ts.isPropertyDeclaration)
        .find((m) => propertyNameText(m.name) === 'description' && m.initializer);
      const v = field?.initializer && this.ctx.evaluate(field.initializer);
      text = v?.k === 'str' ? v.v : undefined;
    } else if (ts.isCallExpression(node)) {
      const args = node.arguments.slice(0, 4);
      for (const arg of args) {
        const d = this.optionValue(arg, 'description');
        if (d?.k === 'str') text ??= d.v;
      }
      const strings = args.map(unwrap).filter(ts.isStringLiteralLike);
      if (text === undefined && strings.length >= 2) text = strings[1]!.text;
    }
    return text?.slice(0, MAX_DESCRIPTION);
  }

  /**
   * One option of an options argument: in an object literal written there, only that property is evaluated (a tool's
   * options hold its whole code); an object held in a variable, or one with spreads, is evaluated whole.
   */
  private optionValue(arg: ts.Expression, key: string): Val | undefined {
    const literal = unwrap(arg);
    if (ts.isObjectLiteralExpression(literal) && !literal.properties.some(ts.isSpreadAssignment)) {
      const prop = literal.properties.find((p) => p.name && propertyNameText(p.name) === key);
      if (prop && ts.isPropertyAssignment(prop)) return this.ctx.evaluate(prop.initializer);
      if (prop && ts.isShorthandPropertyAssignment(prop)) return this.ctx.evaluate(prop.name);
      return undefined;
    }
    if (!ts.isObjectLiteralExpression(literal) && !ts.isIdentifier(arg)) return undefined;
    const v = this.ctx.evaluate(arg);
    return v.k === 'obj' ? v.props.find((p) => p.key === key)?.val : undefined;
  }

  private addAgent(input: AgentInput): void {
    if (input.oneShot && (this.joinHostAgent(input) || this.joinFunctionAgent(input))) return;
    const defined = this.define(input, 'agent');
    if (!defined) return;
    const { id, at } = defined;
    // `const result = await generateText(…)` inside `POST()`: the agent is POST's, not `result`.
    const bindingName = (input.oneShot && enclosingFunctionName(input.node, this.file)) || defined.bindingName;
    const def: AgentDef = {
      id,
      framework: input.framework,
      kind: input.kind,
      bindingName: bindingName ?? (ts.isClassLike(input.node) ? input.node.name?.text : enclosingName(input.node)),
      loc: at.loc,
      nameLoc: at.nameLoc,
      holderLoc: at.holderLoc,
      annotations: at.annotations,
      tools: [],
      delegates: [],
    };
    if (input.cls) this.ctx.agentClass.set(id, input.cls);
    this.pending.agents.push({ def, input });
  }

  /**
   * A model call inside a class that is itself an agent (a Cloudflare `AIChatAgent` calling `streamText` in
   * `onChatMessage`) is that agent's loop: its tools and gates become the class agent's, and the call refers to it.
   */
  private joinHostAgent(input: AgentInput): boolean {
    const cls = ts.findAncestor(input.node.parent, ts.isClassLike);
    const host = cls ? this.ctx.definitions.get(cls) : undefined;
    const entry = host?.k === 'agent' ? this.pending.agents.find((p) => p.def.id === host.id) : undefined;
    if (!entry || this.ctx.definitions.has(input.node)) return false;
    entry.input.tools = [...(entry.input.tools ?? []), ...(input.tools ?? [])];
    entry.input.toolGates ??= input.toolGates;
    entry.input.emits ??= input.emits;
    this.ctx.definitions.set(input.node, host!);
    return true;
  }

  /**
   * A second model call in the function an agent is named after (a workflow's two steps, a retry) is the same agent:
   * one identity, one owner, whose tools are those of every call.
   */
  private joinFunctionAgent(input: AgentInput): boolean {
    const name = enclosingFunctionName(input.node, this.file);
    const entry =
      name &&
      this.pending.agents.find(
        (p) => p.input.oneShot && p.def.framework === input.framework && p.def.bindingName === name,
      );
    if (!entry || this.ctx.definitions.has(input.node)) return false;
    // A setting of one call would speak for the other's tools: such calls stay apart.
    if (entry.input.toolGates || input.toolGates) return false;
    entry.input.tools = [...(entry.input.tools ?? []), ...(input.tools ?? [])];
    entry.input.emitsPerCall = [...(entry.input.emitsPerCall ?? [entry.input.emits ?? []]), input.emits ?? []];
    this.ctx.definitions.set(input.node, { k: 'agent', id: entry.def.id });
    return true;
  }

  /** Where a definition, its name and its holder (what its JSDoc sits on) are, and its annotations. */
  private placesOf(input: ToolInput | AgentInput, holder: ts.Node) {
    const nameNode =
      input.nameNode ??
      (typeof input.name === 'object' ? input.name : (bindingNameNode(input.node, holder) ?? input.node));
    return {
      loc: this.ctx.loc(input.node),
      nameLoc: this.ctx.loc(nameNode),
      holderLoc: this.ctx.loc(input.holder ?? holder),
      annotations: mergeAnnotations(this.fileAnn, this.ctx.annotationsOf(input.holder ?? holder)),
    };
  }

  /** `tools.search = searchTool(key)` after `const tools = { act: actTool(page) }`: one more entry of that map. */
  private assignedToMap(node: ts.BinaryExpression): void {
    const left = node.left;
    if (!ts.isPropertyAccessExpression(left) || !ts.isIdentifier(left.expression) || !mayBeTool(node.right)) return;
    const decl = this.ctx.findDeclaration(left.expression.text, left);
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer && unwrap(decl.initializer);
    if (init && ts.isObjectLiteralExpression(init))
      this.pending.maps.get(init)?.push({ key: left.name.text, value: node.right, at: node });
  }

  /**
   * Before evaluating a candidate map: whether a property's value is a definition of this file, or a function's
   * result or a name imported from a file of the project (most objects hold neither).
   */
  private mayNameTool(p: ts.ObjectLiteralExpression['properties'][number]): boolean {
    const value = ts.isShorthandPropertyAssignment(p)
      ? p.name
      : ts.isPropertyAssignment(p)
        ? (unwrap(p.initializer) as ts.Expression)
        : undefined;
    if (!value) return false;
    if (ts.isConditionalExpression(value)) return [value.whenTrue, value.whenFalse].some((e) => this.mayNameToolIn(e));
    return this.mayNameToolIn(value);
  }

  private mayNameToolIn(e: ts.Expression): boolean {
    const x = unwrap(e);
    if (this.ctx.definitions.get(x)?.k === 'tool') return true;
    const root = ts.isCallExpression(x) ? unwrap(x.expression) : x;
    if (!ts.isIdentifier(root)) return false;
    const decl = this.ctx.findDeclaration(root.text, root);
    if (!decl) return false;
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl)) {
      const from = ts.findAncestor(decl, ts.isImportDeclaration)?.moduleSpecifier;
      return !!from && ts.isStringLiteral(from) && isLocalSpecifier(from.text, this.localPrefixes);
    }
    if (ts.isFunctionDeclaration(decl)) return true;
    const init = ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
    return (
      !!init &&
      (this.ctx.definitions.get(init)?.k === 'tool' || ts.isArrowFunction(init) || ts.isFunctionExpression(init))
    );
  }

  /** The candidate maps whose values include a tool, or the result of a function of another file. */
  private toolMaps(): Extract<Val, { k: 'obj' }>[] {
    const out: Extract<Val, { k: 'obj' }>[] = [];
    for (const [node, assigned] of this.pending.maps) {
      if (!assigned.length && !node.properties.some((p) => this.mayNameTool(p))) continue;
      const obj = this.ctx.evaluate(node);
      if (obj.k !== 'obj') continue;
      const props = [
        ...obj.props,
        ...assigned.map((a) => ({ key: a.key, val: this.ctx.evaluate(a.value), loc: this.ctx.loc(a.at) })),
      ];
      if (props.some((p) => p.key !== null && holdsTool(p.val))) out.push({ ...obj, props });
    }
    return out;
  }

  /**
   * `export const scrape = createDualTool(createScrape)`: a tool made in a factory, held by a variable of the top
   * level, is known by that variable (what other files import) rather than by the factory.
   */
  private nameProductsByHolder(): void {
    const made = new Map(
      this.pending.tools
        .filter((t) => ts.findAncestor(t.input.node.parent, ts.isFunctionLike))
        .map((t) => [t.def.id, t.def]),
    );
    if (!made.size) return;
    for (const st of this.sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (!ts.isIdentifier(d.name) || !init || !ts.isCallExpression(init) || this.ctx.definitions.has(init)) continue;
        const product = this.ctx.evaluate(init);
        const def = product.k === 'tool' ? made.get(product.id) : undefined;
        if (!def) continue;
        def.bindingName = d.name.text;
        made.delete(def.id);
      }
    }
  }

  /** Pass 2: names, tool collections and delegates evaluated now that every definition is known. */
  finish(text: string, dropInert: boolean): FileFacts {
    const { ctx, sf, file } = this;
    this.nameProductsByHolder();
    const tools = this.pending.tools.map(({ def, input }) => finishTool(ctx, def, input));
    const agents = this.pending.agents.map(({ def, input }) => finishAgent(ctx, def, input));
    const toolLists: ToolListRegistration[] = this.pending.lists.map(({ input: l, ownerParam }) => ({
      framework: l.framework,
      kind: l.kind,
      owner: l.owner ? ctx.evaluate(l.owner) : undefined,
      ownerParam,
      tools: ctx.evaluate(l.tools),
      loc: ctx.loc(l.node),
      ...(l.delegation ? { delegation: true } : {}),
    }));
    ctx.knowReturns(this.functions.returns);
    this.functions.recordProducts(
      (fn) => ctx.madeBy(fn),
      (fn) => ctx.objectMadeBy(fn),
    );
    const { exports, reExports, imports } = collectModuleInterface(ctx, this.functions);
    const facts: FileFacts = {
      file,
      sdkImports: this.specifiers.filter((s) => this.adapters.some((ad) => ad.modules.test(s))),
      imports,
      exports,
      reExports,
      tools,
      agents,
      toolLists,
      ...(this.pending.maps.size ? { toolMaps: this.toolMaps() } : {}),
      credentials: this.credentials,
      functions: this.functions.functions,
      dispatch: this.functions.dispatch,
      splitSecrets: this.splitSecrets,
      fileAnnotations: this.fileAnn,
      // `this.sf`, not `sf`: a closure that holds the tree itself would keep it after `release`.
      suppressions: parseSuppressions(file, text, ctx.locAt, (offset) => isInsideLiteral(this.sf, offset)),
      syntaxErrors: syntaxErrorsIn(sf),
    };
    if (dropInert) dropInertFunctions(facts);
    if (this.secretPieces.length) SECRET_PIECES.set(facts, this.secretPieces);
    return facts;
  }
}

function finishAgent(ctx: SourceContext, def: AgentDef, input: AgentInput): AgentDef {
  if (input.name !== undefined)
    def.name = typeof input.name === 'string' ? { k: 'str', v: input.name } : ctx.evaluate(input.name);
  def.tools = [...(input.tools ?? []).map((e) => ctx.evaluate(e)), ...(input.madeTools ?? [])];
  def.delegates = (input.delegates ?? []).map((e) => ctx.evaluate(e));
  if (input.toolGates) def.toolGates = toolGatesOf(input.toolGates, ctx);
  const model = modelOf(input.node, ctx);
  if (model) def.model = model;
  const perCall = input.emitsPerCall ?? [input.emits ?? []];
  if (perCall.some((e) => e.length))
    def.emits = perCall.map((call) => call.map((e) => ({ val: ctx.evaluate(e), text: e.getText() })));
  return def;
}

/** Where agents' options name their model: `model` (most frameworks), `llm` (LangGraph, LlamaIndex). */
const MODEL_KEYS = new Set(['model', 'llm', 'modelName']);

/**
 * The model an agent's options name: a string (`model: 'gpt-5-mini'`), a provider's model function
 * (`openai('gpt-5-mini')`), or a client built with one (`new ChatOpenAI({ model: 'gpt-4o-mini' })`, also through a
 * variable). Undefined when the code does not show it.
 */
function modelOf(node: ts.Node, ctx: SourceContext, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  const args = ts.isCallExpression(node) || ts.isNewExpression(node) ? (node.arguments ?? []) : [];
  for (const arg of args) {
    const options = unwrap(arg);
    if (!ts.isObjectLiteralExpression(options)) continue;
    for (const p of options.properties) {
      // `{ model: … }`, or `{ llm }` naming a variable.
      const value = ts.isPropertyAssignment(p)
        ? p.initializer
        : ts.isShorthandPropertyAssignment(p)
          ? p.name
          : undefined;
      if (!value || !p.name || !MODEL_KEYS.has(p.name.getText())) continue;
      const named = modelNamed(value, ctx, depth);
      if (named) return named;
    }
  }
  return undefined;
}

function modelNamed(expr: ts.Expression, ctx: SourceContext, depth: number): string | undefined {
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e)) return e.text || undefined;
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const first = e.arguments?.[0] && unwrap(e.arguments[0]);
    if (first && ts.isStringLiteralLike(first)) return first.text || undefined;
    return modelOf(e, ctx, depth + 1);
  }
  if (ts.isIdentifier(e)) {
    const decl = ctx.findDeclaration(e.text, e);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return modelNamed(decl.initializer, ctx, depth + 1);
  }
  return undefined;
}

const EXIT = Symbol('exit');

/** Pieces of split secrets, kept out of the (serialisable) facts so the engine can mask them there. */
export const SECRET_PIECES = new WeakMap<FileFacts, string[]>();

/** `{ search: false, refund: 'user-approval' }` → per-tool gates; a function or `true` → every tool. */
function toolGatesOf(g: NonNullable<AgentInput['toolGates']>, ctx: SourceContext): AgentDef['toolGates'] {
  const e = unwrap(g.expr);
  const except = g.except && unwrap(g.except);
  if (except && ts.isArrayLiteralExpression(except)) {
    const through = except.elements.filter(ts.isStringLiteralLike).map((n) => n.text);
    const all = toolGatesOf({ ...g, except: undefined }, ctx) ?? [];
    return [...through.map((tool) => ({ tool, kind: 'none' as const, detail: `${g.prop}: approved` })), ...all];
  }
  if (!g.all && !g.mode && ts.isObjectLiteralExpression(e)) {
    return e.properties.flatMap((p) => {
      if (!ts.isPropertyAssignment(p)) return [];
      const key = propertyNameText(p.name);
      return key
        ? [
            {
              tool: key,
              kind: approvalKind(p.initializer, ctx),
              detail: `${g.prop}.${key}: ${p.initializer.getText(ctx.sf).slice(0, 40)}`,
            },
          ]
        : [];
    });
  }
  return [
    {
      tool: '*',
      kind: g.all ? 'gate' : approvalKind(e, ctx, g.mode ?? 'needs'),
      detail: `${g.prop}: ${e.getText(ctx.sf).slice(0, 40)}`,
    },
  ];
}

/** Whether an offset falls inside a string or template literal (not a comment). */
export function isInsideLiteral(sf: ts.SourceFile, offset: number): boolean {
  let node: ts.Node = sf;
  for (;;) {
    const child = node.getChildren(sf).find((c) => c.getStart(sf) <= offset && offset < c.getEnd());
    if (!child) return false;
    if (ts.isStringLiteralLike(child) || ts.isTemplateLiteralToken(child) || ts.isTemplateExpression(child))
      return true;
    node = child;
  }
}

function finishTool(ctx: SourceContext, def: ToolDef, input: ToolInput): ToolDef {
  if (input.name !== undefined || input.nameOf) {
    let name: Val =
      typeof input.name === 'string'
        ? { k: 'str', v: input.name }
        : input.name
          ? ctx.evaluate(input.name)
          : member(ctx.evaluate(input.nameOf!), 'name');
    if (input.normaliseName && name.k === 'str')
      name = {
        k: 'str',
        v: input.normaliseName === 'genkit' ? genkitToolName(name.v) : openAiAgentsToolName(name.v),
      };
    def.name = name;
    if (name.k === 'dynamic')
      def.dynamic = [def.dynamic, `name computed at run time: ${name.why}`].filter(Boolean).join('; ');
  }
  if (input.approval) {
    const e = unwrap(input.approval.expr);
    const target = ts.isIdentifier(e) && ts.isMethodDeclaration(e.parent) ? e.parent : e;
    def.frameworkApproval = {
      prop: input.approval.prop,
      kind: approvalKind(target, ctx, input.approval.mode ?? 'needs'),
      text: target.getText(ctx.sf).slice(0, 60),
    };
  }
  if (input.registeredOn) def.registeredOn = ctx.evaluate(input.registeredOn);
  if (input.impl)
    def.impl =
      ts.isFunctionLike(input.impl) && ctx.functionId
        ? { k: 'fn', id: ctx.functionId(input.impl) }
        : ctx.evaluate(input.impl);
  if (input.hints) def.hints = input.hints;
  if (input.wrapsAgent) def.wrapsAgent = ctx.evaluate(input.wrapsAgent);
  if (input.extendsClass) def.extendsClass = ctx.evaluate(input.extendsClass);
  if (ts.isClassLike(input.node) && input.node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword))
    def.abstractClass = true;
  if (insideLoopOrCallback(input.node)) {
    def.inLoop = true;
    def.dynamic = [LOOP_REASON, def.dynamic].filter(Boolean).join('; ');
  }
  return def;
}

function visitForAdapters(
  node: ts.Node,
  adapters: FrameworkAdapter[],
  a: AdapterContext,
  localPrefixes: readonly string[] | undefined,
): void {
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const callee = a.ctx.callee(node);
    if (!callee) return;
    for (const ad of adapters) {
      if (!ad.visitCall) continue;
      if (callee.kind === 'unknown-method' || ad.modules.test(callee.module)) ad.visitCall(node, callee, a);
    }
  } else if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses) {
    const base = a.ctx.baseClassOf(node);
    if (base?.k === 'import' && !isLocalSpecifier(base.module, localPrefixes)) {
      for (const ad of adapters) if (ad.visitClass && ad.modules.test(base.module)) ad.visitClass(node, base, a);
    } else if (base?.k === 'import' || base?.k === 'tool') visitSubclass(node, a);
  }
}

/** A class extending a class of the project: provisionally, what each framework's tool class would make of it. */
function visitSubclass(node: ts.ClassLikeDeclaration, a: AdapterContext): void {
  const ext = extendedClass(node);
  if (!ext) return;
  const provisional: AdapterContext = { ...a, addTool: (input) => a.addTool({ ...input, extendsClass: ext }) };
  for (const ad of ADAPTERS) ad.visitSubclass?.(node, provisional);
}

const PROMPT_PROPS = new Set([
  'system',
  'prompt',
  'instructions',
  'systemPrompt',
  'messages',
  'content',
  'input',
  'instruction',
]);

/**
 * Where a value read in this expression ends up, when it is written straight into a prompt, a tool
 * description, or a function's return value (a tool's result goes back to the model). With `toResult`, only
 * whether it reaches the return value, through any property (`{ content: [{ text: JSON.stringify(process.env) }] }`).
 */
function flowOf(node: ts.Node, toResult = false): CredentialRead['flowsInto'] {
  let child: ts.Node = node;
  for (let n = node.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (ts.isPropertyAssignment(n) && !toResult) {
      const key = propertyNameText(n.name);
      if (key && PROMPT_PROPS.has(key)) return { kind: 'prompt', via: key };
      if (key === 'description') return { kind: 'description', via: key };
      // Other keys: keep climbing. An options object passed to a call or `new` (`apiKey`, `headers`) stops
      // the climb below as a use; one that is returned is a tool result.
      continue;
    }
    if (ts.isReturnStatement(n)) return { kind: 'result', via: 'return' };
    if (ts.isArrowFunction(n) && n.body === child) return { kind: 'result', via: 'return' };
    if (ts.isPropertyAssignment(n)) continue;
    // Only text-building expressions carry the value onwards (and calls that turn it into text or entries whole,
    // `JSON.stringify(process.env)`); another call or `new` uses it. Reading one of its properties is another value.
    const passThrough =
      ts.isTemplateSpan(n) ||
      ts.isTemplateExpression(n) ||
      ts.isParenthesizedExpression(n) ||
      ts.isAsExpression(n) ||
      ts.isNonNullExpression(n) ||
      ts.isArrayLiteralExpression(n) ||
      ts.isObjectLiteralExpression(n) ||
      ts.isSpreadAssignment(n) ||
      ts.isSpreadElement(n) ||
      (ts.isCallExpression(n) && child !== n.expression && SERIALISERS.test(dottedName(n.expression))) ||
      (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken);
    if (!passThrough) return undefined;
  }
  return undefined;
}

/** Calls that turn a value into text or entries whole: what they return carries it. */
const SERIALISERS =
  /^(JSON\.stringify|Object\.(entries|values|assign|fromEntries)|util\.inspect|inspect|String|structuredClone)$/;

/** `JSON.stringify` for a callee written as names and dots; '' for anything else. */
function dottedName(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const left = dottedName(e.expression);
    return left && `${left}.${e.name.text}`;
  }
  return '';
}

/** `process.env` itself (the global, not a local named `process`), not one of its variables. */
function isWholeEnvironment(node: ts.Node, ctx: SourceContext): boolean {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'env' || !ts.isIdentifier(node.expression))
    return false;
  if (node.expression.text !== 'process' || ctx.findDeclaration('process', node.expression)) return false;
  const p = node.parent;
  return !((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === node);
}

/**
 * Where a definition without a name of its own is named: the variable, property or class that holds it
 * (`export const refundCharge = tool({…})` → `refundCharge`), so a finding underlines a name, not a whole call.
 */
function bindingNameNode(node: ts.Node, holder: ts.Node): ts.Node | undefined {
  if (ts.isClassLike(node)) return node.name;
  if (ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) return holder.name;
  const statement = ts.isVariableStatement(holder) ? holder.declarationList.declarations : undefined;
  const decl = ts.isVariableDeclaration(holder) ? holder : statement?.find((d) => d.initializer && within(node, d));
  return decl && ts.isIdentifier(decl.name) ? decl.name : undefined;
}

function within(node: ts.Node, outer: ts.Node): boolean {
  return node.pos >= outer.pos && node.end <= outer.end;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `const { X } = process.env`. */
function envRead(node: ts.Node, sf: ts.SourceFile): { name: string; node: ts.Node } | undefined {
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const obj = node.expression;
    if (!isEnvObject(obj, sf)) return undefined;
    if (ts.isPropertyAccessExpression(node)) return { name: node.name.text, node };
    if (ts.isStringLiteralLike(node.argumentExpression)) return { name: node.argumentExpression.text, node };
    return undefined;
  }
  if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
    const decl = node.parent.parent;
    if (ts.isVariableDeclaration(decl) && decl.initializer && isEnvObject(unwrap(decl.initializer), sf)) {
      const name = propertyNameText(node.propertyName ?? node.name);
      if (name) return { name, node };
    }
  }
  return undefined;
}

function isEnvObject(obj: ts.Node, sf: ts.SourceFile): boolean {
  if (!ts.isPropertyAccessExpression(obj) || obj.name.text !== 'env') return false;
  const root = obj.expression;
  return (
    (ts.isIdentifier(root) && (root.text === 'process' || root.text === 'Deno')) || root.getText(sf) === 'import.meta'
  );
}

function insideFunction(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return true;
  return false;
}

/** A definition inside a loop body or an iteration callback (`forEach`, `map`) is registered once per element. */
function insideLoopOrCallback(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (
      ts.isForOfStatement(n) ||
      ts.isForInStatement(n) ||
      ts.isForStatement(n) ||
      ts.isWhileStatement(n) ||
      ts.isDoStatement(n)
    )
      return true;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isCallExpression(n.parent)) {
      const callee = n.parent.expression;
      if (ts.isPropertyAccessExpression(callee) && ['forEach', 'map', 'flatMap', 'reduce'].includes(callee.name.text))
        return true;
    }
  }
  return false;
}

/**
 * The function a node runs in, by the name a user knows it by: `handleChat`, `Bot.reply`, `run` for an arrow held
 * in `run`, and a route handler by its route (`POST /api/chat` for `export async function POST` in
 * `app/api/chat/route.ts`).
 */
/** A property whose value may be a tool: a call, a name, or either of two (`mode ? a(x) : b(x)`). */
function mayHoldTool(p: ts.ObjectLiteralExpression['properties'][number]): boolean {
  return ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && mayBeTool(p.initializer));
}

function mayBeTool(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (ts.isConditionalExpression(x)) return mayBeTool(x.whenTrue) || mayBeTool(x.whenFalse);
  return ts.isCallExpression(x) || ts.isIdentifier(x) || ts.isPropertyAccessExpression(x);
}

/** A tool, or what may turn out to be one once linked: a function of another file's result. */
function holdsTool(v: Val): boolean {
  if (v.k === 'alt') return v.options.some(holdsTool);
  return v.k === 'tool' || (v.k === 'dynamic' && !!v.call);
}

/**
 * `function createInteract(opts) { const t = tool({…}); …; return Object.assign(t, { close }) }`: a definition held
 * in a local that its function returns is what that function makes, and named after it rather than the local.
 */
function returnedLocalMaker(node: ts.Node): string | undefined {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  const decl = n.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== n || !ts.isIdentifier(decl.name))
    return undefined;
  const fn = ts.findAncestor(decl, ts.isFunctionLike);
  if (!fn || !('body' in fn) || !fn.body || !returnsLocal(fn.body, decl.name.text)) return undefined;
  return enclosingFunctionName(decl, '') ?? undefined;
}

/** Whether a function body returns the local `name`: as is, through `Object.assign(name, …)` or `{ ...name }`. */
function returnsLocal(body: ts.Node, name: string): boolean {
  const isIt = (e: ts.Expression | undefined): boolean => {
    const x = e && unwrap(e);
    if (!x) return false;
    if (ts.isIdentifier(x)) return x.text === name;
    if (ts.isCallExpression(x) && x.expression.getText() === 'Object.assign') return isIt(x.arguments[0]);
    if (ts.isObjectLiteralExpression(x))
      return x.properties.some((p) => ts.isSpreadAssignment(p) && isIt(p.expression));
    return false;
  };
  if (!ts.isBlock(body)) return isIt(body as ts.Expression);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && isIt(n.expression)) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function enclosingFunctionName(node: ts.Node, file: string): string | undefined {
  const fn = node.parent && ts.findAncestor(node.parent, ts.isFunctionLike);
  if (!fn) return undefined;
  if (ts.isFunctionDeclaration(fn) && fn.name) return routeName(file, fn.name.text) ?? fn.name.text;
  if (ts.isMethodDeclaration(fn)) {
    const method = propertyNameText(fn.name);
    const cls = ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
    return method && cls ? `${cls}.${method}` : method;
  }
  return serverRouteName(fn) ?? enclosingName(fn);
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all']);

/** A handler given to a server's route (`app.post('/api/chat', async (req, res) => …)`: Express, Hono, Fastify…). */
function serverRouteName(fn: ts.Node): string | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const method = call.expression.name.text;
  const path = call.arguments[0];
  if (!ROUTE_METHODS.has(method) || !path || !ts.isStringLiteralLike(path) || !path.text.startsWith('/'))
    return undefined;
  return `${method === 'all' ? 'ALL' : method.toUpperCase()} ${path.text}`;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** `POST` in a Next.js app-router route file (`app/api/chat/route.ts`): `POST /api/chat`. */
function routeName(file: string, fnName: string): string | undefined {
  if (!HTTP_METHODS.has(fnName)) return undefined;
  const m = /(?:^|\/)app((?:\/[^/]+)*)\/route\.[cm]?[jt]sx?$/.exec(file);
  if (!m) return undefined;
  // Route groups `(marketing)` are not part of the URL.
  const path = m[1]!.split('/').filter((seg) => seg && !/^\(.*\)$/.test(seg));
  return `${fnName} /${path.join('/')}`;
}

/** Name of the nearest named function, method or variable around a node: the fallback agent name. */
export function enclosingName(node: ts.Node): string | undefined {
  for (let n = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isClassDeclaration(n)) && n.name)
      return propertyNameText(n.name as ts.PropertyName) ?? n.name.getText();
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
    if (ts.isPropertyAssignment(n)) return propertyNameText(n.name);
  }
  return undefined;
}

function collectModuleInterface(
  ctx: SourceContext,
  functions: FunctionCollector,
): Pick<FileFacts, 'exports' | 'reExports' | 'imports'> {
  const exports: Record<string, Val> = {};
  const reExports: ReExport[] = [];
  const imports: FileFacts['imports'] = [];
  const sf = ctx.sf;
  const isExported = (n: ts.Node) =>
    !!(ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
  const isDefault = (n: ts.Node) =>
    !!(ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword));
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteralLike(st.moduleSpecifier)) {
      const module = normaliseModule(st.moduleSpecifier.text);
      const c = st.importClause;
      if (c?.name) imports.push({ local: c.name.text, module, imported: 'default' });
      if (c?.namedBindings && ts.isNamespaceImport(c.namedBindings))
        imports.push({ local: c.namedBindings.name.text, module, imported: '*' });
      if (c?.namedBindings && ts.isNamedImports(c.namedBindings))
        for (const el of c.namedBindings.elements)
          imports.push({ local: el.name.text, module, imported: (el.propertyName ?? el.name).text });
    } else if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer) exports[d.name.text] = ctx.evaluate(d.initializer);
    } else if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && isExported(st)) {
      const val: Val = ts.isClassDeclaration(st)
        ? ctx.classValue(st)
        : st.body
          ? { k: 'fn', id: functions.idOf(st) }
          : { k: 'dynamic', why: 'function', loc: ctx.loc(st) };
      exports[isDefault(st) ? 'default' : (st.name?.text ?? 'default')] = val;
    } else if (ts.isExportAssignment(st)) {
      exports.default = ctx.evaluate(st.expression);
    } else if (ts.isExportDeclaration(st)) {
      const from =
        st.moduleSpecifier && ts.isStringLiteralLike(st.moduleSpecifier)
          ? normaliseModule(st.moduleSpecifier.text)
          : undefined;
      const clause = st.exportClause;
      if (from && !clause) reExports.push({ module: from });
      else if (from && clause && ts.isNamespaceExport(clause))
        exports[clause.name.text] = { k: 'import', module: from, path: [] };
      else if (clause && ts.isNamedExports(clause)) {
        if (from)
          reExports.push({
            module: from,
            names: clause.elements.map((el) => [el.name.text, (el.propertyName ?? el.name).text]),
          });
        else
          for (const el of clause.elements)
            exports[el.name.text] = ctx.evaluateIdentifier((el.propertyName ?? el.name) as ts.Identifier);
      }
    } else if (
      ts.isExpressionStatement(st) &&
      ts.isBinaryExpression(st.expression) &&
      st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      // CommonJS: `module.exports = {...}`, `exports.x = ...`, `module.exports.x = ...`
      const left = st.expression.left.getText(sf);
      const m = /^(?:module\.)?exports(?:\.(\w+))?$/.exec(left);
      if (m?.[1]) exports[m[1]] = ctx.evaluate(st.expression.right);
      else if (m && left.startsWith('module.')) {
        const v = ctx.evaluate(st.expression.right);
        exports.default = v;
        if (v.k === 'obj') for (const p of v.props) if (p.key) exports[p.key] = p.val;
      }
    }
  }
  return { exports, reExports, imports };
}

/**
 * Node kinds whose subtrees hold no code that runs: tokens (no children at all), type syntax, type declarations. A
 * table by kind, made once the compiler is loaded (it is loaded on first use).
 */
let opaqueKinds: Uint8Array | undefined;
function opaque(): Uint8Array {
  if (opaqueKinds) return opaqueKinds;
  const K = ts.SyntaxKind;
  opaqueKinds = new Uint8Array(K.Count);
  for (let kind = 0; kind < K.Count; kind++)
    opaqueKinds[kind] = Number(
      kind <= K.LastToken ||
        (kind >= K.FirstTypeNode && kind <= K.LastTypeNode) ||
        kind === K.InterfaceDeclaration ||
        kind === K.TypeAliasDeclaration,
    );
  return opaqueKinds;
}
