import { ts } from '../typescript';
import type { FunctionCollector } from '../capabilities/collect-functions';
import type { Callee, SourceContext } from './source-context';
import type { FrameworkId, Val } from './types';
import { IMPLEMENTATION_PROPS } from './tool-collections';

/** What an adapter reports for one tool definition; the extractor turns it into a `ToolDef`. */
export interface ToolInput {
  /** The definition node; expressions that evaluate to it become `{k:'tool'}` values. */
  node: ts.Node;
  framework: FrameworkId;
  kind: string;
  /** The name as the model sees it: an expression to evaluate, or a known string. */
  name?: ts.Expression | string;
  /** Where the name is not written in place: the options object it is the `name` of (`tool(fn, metadata)`). */
  nameOf?: ts.Expression;
  /** Applied to a resolved name (OpenAI Agents replaces non-alphanumerics with `_`). */
  normaliseName?: 'openai-agents' | 'genkit';
  /** Where to point diagnostics; defaults to the name expression or the node. */
  nameNode?: ts.Node;
  /** The node carrying the JSDoc; defaults to the definition's holder (variable statement, property…). */
  holder?: ts.Node;
  approval?: { prop: string; expr: ts.Expression; mode?: import('./approval-gates').ApprovalMode };
  /** Where a framework approval gate can be added: the options object and the property name. */
  approvalSite?: { options: ts.ObjectLiteralExpression; prop: string };
  registeredOn?: ts.Expression;
  wrapsAgent?: ts.Expression;
  /** The implementation: `execute`, the handler callback, a class's `_call` method… */
  impl?: ts.Node;
  hints?: { readOnly?: boolean; destructive?: boolean; loc: import('./types').Location };
  hosted?: boolean;
  /** What the provider calls a hosted tool (`local_shell`, `webSearch`, `bash_20250124`): what it can do. */
  hostedType?: string;
  dynamic?: string;
  /** Set by extraction for what `visitSubclass` adds: the project's class the tool's class extends. */
  extendsClass?: ts.Expression;
  /**
   * One of several tools one call makes (a middleware's `list_files`, `read_file`…): they share the node, and the
   * node does not evaluate to any of them.
   */
  slot?: string;
}

export interface AgentInput {
  node: ts.Node;
  framework: FrameworkId;
  kind: string;
  name?: ts.Expression | string;
  nameNode?: ts.Node;
  holder?: ts.Node;
  tools?: ts.Expression[];
  delegates?: ts.Expression[];
  /**
   * A single model call with tools (`generateText`, `responses.create`, `query`): the agent is the function it
   * runs in, named after that function rather than a local variable holding its result.
   */
  oneShot?: boolean;
  /** The class the agent object is an instance of, so method calls on it resolve (`server.registerTool`). */
  cls?: { module: string; path: string[] };
  /** Tools made for the agent where it is defined (those a middleware it uses gives it): `addTool`'s values. */
  madeTools?: Val[];
  /**
   * Agent-level approval: a tool → setting map, or one setting for every tool (`*`), but for the tools `except`
   * names (an array of names, let through without asking).
   */
  toolGates?: {
    expr: ts.Expression;
    prop: string;
    all?: boolean;
    mode?: import('./approval-gates').ApprovalMode;
    except?: ts.Expression;
  };
  /**
   * Events the workflow step that makes a one-shot call returns (`return askHuman.with(…)`): when linking shows one
   * asks a human (LlamaIndex `humanInputEvent`), the tool the model chose runs only after a human answers.
   */
  emits?: ts.Expression[];
  /** Set when several calls make one agent: each call's `emits`, in order. */
  emitsPerCall?: ts.Expression[][];
}

export interface ToolListInput {
  framework: FrameworkId;
  kind: string;
  owner?: ts.Expression;
  tools: ts.Expression;
  node: ts.Node;
  /** The list holds agents the owner hands off to (`agent.handoffs.push(other)`), not tools. */
  delegation?: boolean;
}

export interface AdapterContext {
  readonly ctx: SourceContext;
  readonly functions: FunctionCollector;
  /** The tool's value, as the agent lists that hold it refer to it (`madeTools`). */
  addTool(input: ToolInput): Val | undefined;
  addAgent(input: AgentInput): void;
  addToolList(input: ToolListInput): void;
  /**
   * `node` evaluates to what `expr` does, whenever it is evaluated: a toolkit object stands for the tools it holds
   * (`createToolkit({ tools: [a, b] })`), a wrapper for what it wraps (`withX402(server)`).
   */
  addValue(node: ts.Node, expr: ts.Expression): void;
}

/**
 * One file per framework. An adapter only sees calls whose callee resolves to one of its modules
 * (or method calls on receivers it could not resolve, for which it must check the call's shape).
 */
export interface FrameworkAdapter {
  framework: FrameworkId;
  /** Import specifiers that belong to the framework (after `node:` normalisation). */
  modules: RegExp;
  /**
   * What a file must take from those modules for this adapter to possibly record anything — the pre-filter's
   * test (relevance.ts `isAgentSeed`): `names`, the exports it knows by the first name of their path
   * (`isExport` arguments, base classes); `members`, names that count when read off any binding
   * (`openai.tools.webSearch()`). `'any'` when it also recognises calls by their shape alone.
   */
  entryPoints: { names: readonly string[]; members?: readonly string[] } | 'any';
  /**
   * Text that shows the framework's object in use in a file that does not import the framework: the Genkit
   * instance a project's `genkit.ts` exports, used elsewhere as `ai.defineTool(…)`. Such a file is read by this
   * adapter (which must then check each call's shape) and is a seed. Keep it to names no other library uses. A
   * bundle's copy of a dependency whose code shows it is parsed (bundled-dependencies.ts): a helper that registers
   * the tools it is given.
   */
  shapes?: RegExp;
  visitCall?(node: ts.CallExpression | ts.NewExpression, callee: Callee, a: AdapterContext): void;
  visitClass?(node: ts.ClassLikeDeclaration, base: Extract<Val, { k: 'import' }>, a: AdapterContext): void;
  /**
   * A class extending one of the project's classes (`class SendMessage extends GmailBaseTool`, imported or of this
   * file), which may be one of this framework's tool classes: the tool it would be. Called whatever the file
   * imports; what it adds is kept by linking only when that class turns out to be a tool of this framework.
   */
  visitSubclass?(node: ts.ClassLikeDeclaration, a: AdapterContext): void;
}

// ------------------------------------------------------------------ helpers shared by adapters

export function arg(node: ts.CallExpression | ts.NewExpression, i: number): ts.Expression | undefined {
  return node.arguments?.[i];
}

export function objectArg(
  node: ts.CallExpression | ts.NewExpression,
  i: number,
): ts.ObjectLiteralExpression | undefined {
  const a = node.arguments?.[i];
  return a && ts.isObjectLiteralExpression(a) ? a : undefined;
}

/** A property's value expression in an object literal (`name: x`, shorthand `name`, method `name() {}`). */
export function prop(obj: ts.ObjectLiteralExpression | undefined, name: string): ts.Expression | undefined {
  if (!obj) return undefined;
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i]!;
    if (ts.isPropertyAssignment(p) && propName(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
    if (ts.isMethodDeclaration(p) && propName(p.name) === name) return p.name as ts.Expression;
  }
  return undefined;
}

/** The values of those properties an options object has: `props(opts, 'tools', 'toolkits')` for an agent's lists. */
export function props(obj: ts.ObjectLiteralExpression | undefined, ...names: string[]): ts.Expression[] {
  return names.flatMap((n) => prop(obj, n) ?? []);
}

function propName(n: ts.PropertyName): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : undefined;
}

/** `export` path equals one of the names (`['tool']`), ignoring how it was imported. */
export function isExport(callee: Callee, ...names: string[]): boolean {
  return callee.kind === 'export' && callee.path.length === 1 && names.includes(callee.path[0]!);
}

/** Last member of a method callee, e.g. `registerTool`. */
export function methodName(callee: Callee): string | undefined {
  return callee.kind === 'export' ? undefined : callee.members[callee.members.length - 1];
}

/** A tool's `execute` (or `handler`, `run`, `func`) property: its implementation. */
export function implOf(opts: ts.ObjectLiteralExpression | undefined): ts.Node | undefined {
  if (!opts) return undefined;
  for (const name of IMPLEMENTATION_PROPS) {
    for (const p of opts.properties) {
      if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name) && p.name.text === name) return p;
    }
    const v = prop(opts, name);
    if (v) return v;
  }
  return undefined;
}

/** The first function-like argument (the handler / implementation). */
export function functionArg(node: ts.CallExpression | ts.NewExpression): ts.FunctionLikeDeclaration | undefined {
  for (const a of node.arguments ?? []) if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) return a;
  return undefined;
}

/** The name a Genkit model is given for a tool: a namespaced `plugin/tool` loses its namespace. */
export function genkitToolName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** Normalised OpenAI Agents tool name: whitespace and non-alphanumerics become `_`. */
export function openAiAgentsToolName(name: string): string {
  return name.replace(/\s+/g, '_').replace(/[^A-Za-z0-9_-]/g, '_');
}
