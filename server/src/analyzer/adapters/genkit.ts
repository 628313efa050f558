import { ts } from '../../typescript';
import {
  type AdapterContext,
  type AgentInput,
  arg,
  type FrameworkAdapter,
  isExport,
  methodName,
  objectArg,
  prop,
  type ToolInput,
} from '../adapter';
import type { Val } from '../types';
import type { Callee } from '../source-context';

const MODULES = /^(genkit|genkit\/.*|@genkit-ai\/(ai|core|middleware)(\/.*)?)$/;
const MIDDLEWARE = /^@genkit-ai\/middleware(\/.*)?$/;

/** The Genkit instance's methods that register or use tools, by what they make. */
const TOOL_METHODS = new Set(['defineTool', 'dynamicTool', 'defineInterrupt']);
const AGENT_METHODS = new Set(['definePrompt', 'defineAgent', 'definePromptAgent', 'generate', 'generateStream']);
/** Agents with a name of their own; the others are one model call, the agent of the flow or function around it. */
const NAMED_AGENTS = new Set(['definePrompt', 'defineAgent', 'definePromptAgent']);

/**
 * Genkit (`genkit` 1.x, `genkit/beta`, `@genkit-ai/ai`; the live oracle runs 1.42). `const ai = genkit({…})` is the
 * instance everything is registered on, often exported from a `genkit.ts` and used in other files (`shapes`).
 * `ai.defineTool({ name }, fn)` registers a tool the model knows by its name without a `plugin/` namespace;
 * `ai.dynamicTool` and `tool()` make unregistered ones. `ai.defineInterrupt({ name })` (and `interrupt()`) is a tool
 * that always stops for a human: an approval gate. `ai.definePrompt({ name, tools })` and the beta `ai.defineAgent`
 * are agents named by their `name`; `ai.generate({ tools })` is one model call with tools, the agent of the flow it
 * runs in (`ai.defineFlow({ name }, fn)`). `tools` name tools by reference or by their registered name; a prompt or
 * agent among them is delegation. `@genkit-ai/middleware` in `use: […]` adds tools of its own (`middlewareOf`).
 */
export const genkitAdapter: FrameworkAdapter = {
  framework: 'genkit',
  modules: MODULES,
  entryPoints: { names: ['genkit', 'Genkit', 'tool', 'dynamicTool', 'interrupt'] },
  shapes: /\.(?:defineTool|defineInterrupt|defineFlow|definePrompt)\s*\(/,
  visitCall(node, callee, a) {
    if (callee.kind === 'export') return visitExport(node, callee, a);
    if (!ts.isCallExpression(node) || !onInstance(callee)) return;
    const method = methodName(callee)!;
    if (TOOL_METHODS.has(method)) addTool(node, method, a);
    else if (AGENT_METHODS.has(method)) addAgent(node, method, a);
  },
};

function visitExport(
  node: ts.CallExpression | ts.NewExpression,
  callee: Callee & { kind: 'export' },
  a: AdapterContext,
) {
  if (!MODULES.test(callee.module) || !ts.isCallExpression(node)) return;
  if (isExport(callee, 'genkit')) {
    // Its methods resolve to the Genkit class: `ai.defineTool(…)` is a method callee of this module.
    a.ctx.definitions.set(node, { k: 'instance', module: callee.module, path: ['Genkit'] });
    return;
  }
  if (isExport(callee, 'tool', 'dynamicTool', 'interrupt')) addTool(node, callee.path[0]!, a);
}

/**
 * A call on the Genkit instance: typed as such, or on a binding this file cannot resolve (the instance imported
 * from the project's own module), whose arguments then must have Genkit's shape (checked by the callers).
 */
function onInstance(callee: Callee): boolean {
  if (callee.kind === 'method') return MODULES.test(callee.module) && callee.members.length === 1;
  return callee.kind === 'unknown-method' && callee.members.length === 1 && ts.isIdentifier(callee.receiver);
}

function addTool(node: ts.CallExpression, how: string, a: AdapterContext): void {
  const config = objectArg(node, 0);
  const name = prop(config, 'name');
  if (!name) return;
  const gate = how === 'defineInterrupt' || how === 'interrupt';
  const fn = arg(node, 1);
  if (!gate && !(fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isIdentifier(fn)))) return;
  a.addTool({
    node,
    framework: 'genkit',
    kind: `${how}()`,
    name,
    normaliseName: 'genkit',
    impl: fn,
    // An interrupt has no code of its own: calling it stops the generation until a human answers.
    approval: gate ? { prop: how, expr: node.expression } : undefined,
  });
}

function addAgent(node: ts.CallExpression, how: string, a: AdapterContext): void {
  const opts = objectArg(node, 0);
  const tools = prop(opts, 'tools');
  const middleware = middlewareOf(prop(opts, 'use'), a);
  if (!tools && !middleware.tools.length && !middleware.gates) return;
  const named = NAMED_AGENTS.has(how);
  a.addAgent({
    node,
    framework: 'genkit',
    kind: `${how}()`,
    name: named ? prop(opts, 'name') : flowName(node),
    oneShot: !named,
    tools: tools ? [tools] : [],
    madeTools: middleware.tools,
    toolGates: middleware.gates,
  });
}

/**
 * What `@genkit-ai/middleware` in `use: […]` gives the model: `filesystem()` its file tools (writing ones only with
 * `allowWriteAccess`), `artifacts()` and `skills()` theirs, `agents({ agents })` a `delegate_to_<agent>` tool per
 * sub-agent (delegation), and `toolApproval({ approved })` a human's approval for every tool it does not list.
 */
function middlewareOf(use: ts.Expression | undefined, a: AdapterContext) {
  const out: { tools: Val[]; gates?: NonNullable<AgentInput['toolGates']> } = { tools: [] };
  if (!use || !ts.isArrayLiteralExpression(use)) return out;
  for (const call of use.elements) {
    if (!ts.isCallExpression(call)) continue;
    const callee = a.ctx.callee(call);
    if (callee?.kind !== 'export' || !MIDDLEWARE.test(callee.module)) continue;
    const config = objectArg(call, 0);
    const which = callee.path[0];
    if (which === 'toolApproval') {
      out.gates = { expr: call, prop: 'toolApproval()', all: true, except: prop(config, 'approved') };
      continue;
    }
    const made = (name: string | undefined, extra: Partial<ToolInput> = {}) => {
      const tool = a.addTool({ node: call, slot: name, framework: 'genkit', kind: `${which}()`, name, ...extra });
      if (tool) out.tools.push(tool);
    };
    if (which === 'filesystem') {
      const prefix = literal(prop(config, 'toolNamePrefix')) ?? '';
      const write = prop(config, 'allowWriteAccess')?.kind === ts.SyntaxKind.TrueKeyword;
      for (const [name, reach] of FILESYSTEM_TOOLS)
        if (reach === 'filesystem_read' || write) made(`${prefix}${name}`, { hosted: true, hostedType: reach });
    } else if (which === 'artifacts') {
      const readonly = prop(config, 'readonly')?.kind === ts.SyntaxKind.TrueKeyword;
      for (const name of ['read_artifact', ...(readonly ? [] : ['write_artifact'])]) made(name, { hosted: true });
    } else if (which === 'skills') made('use_skill', { hosted: true });
    else if (which === 'agents') {
      const prefix = literal(prop(config, 'toolPrefix')) ?? 'delegate_to';
      const list = prop(config, 'agents');
      for (const ref of list && ts.isArrayLiteralExpression(list) ? list.elements : []) {
        const agent = ts.isObjectLiteralExpression(ref) ? prop(ref, 'name') : ref;
        const name = literal(agent);
        if (name) made(prefix ? `${prefix}_${name}` : name, { wrapsAgent: agent });
      }
    }
  }
  return out;
}

/** The tools `filesystem()` gives, and what each can do; the writing ones need `allowWriteAccess: true`. */
const FILESYSTEM_TOOLS = [
  ['list_files', 'filesystem_read'],
  ['read_file', 'filesystem_read'],
  ['write_file', 'filesystem_write'],
  ['search_and_replace', 'filesystem_write'],
] as const;

function literal(e: ts.Expression | undefined): string | undefined {
  return e && ts.isStringLiteralLike(e) ? e.text : undefined;
}

/** The name of the flow a call runs in: `ai.defineFlow({ name: 'x' }, async () => …)` or `defineFlow('x', …)`. */
function flowName(node: ts.Node): ts.Expression | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) continue;
    if (n.expression.name.text !== 'defineFlow') continue;
    const first = n.arguments[0];
    if (first && ts.isStringLiteralLike(first)) return first;
    return first && ts.isObjectLiteralExpression(first) ? prop(first, 'name') : undefined;
  }
  return undefined;
}
