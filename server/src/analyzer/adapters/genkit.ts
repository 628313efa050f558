import { ts } from '../../typescript';
import { type AdapterContext, arg, type FrameworkAdapter, isExport, methodName, objectArg, prop } from '../adapter';
import type { Callee } from '../source-context';

const MODULES = /^(genkit|genkit\/.*|@genkit-ai\/(ai|core)(\/.*)?)$/;

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
 * agent among them is delegation.
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
  if (!tools) return;
  const named = NAMED_AGENTS.has(how);
  a.addAgent({
    node,
    framework: 'genkit',
    kind: `${how}()`,
    name: named ? prop(opts, 'name') : flowName(node),
    oneShot: !named,
    tools: [tools],
  });
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
