import type * as Semver from 'semver';
import { allImplementations, type LinkedGraph } from '../analyzer/link';
import type { AgentDef, DeclaredVersions, ToolNode, Val } from '../analyzer/types';

type ToolGate = NonNullable<AgentDef['toolGates']>[number];

/**
 * Whether a human approves each tool's calls, strongest evidence first: the framework's own gate on the tool
 * (or `@approval required`), a prompt in the tool's code (LangGraph `interrupt()`, MCP elicitation…), then the
 * settings of every agent that exposes it. A setting that always approves is recorded as a note: it is no gate.
 */
export function decideApproval(g: LinkedGraph, declared: readonly DeclaredVersions[] = []): void {
  for (const t of g.tools.values()) {
    declaredApproval(g, t, declared);
    if (!t.approval) approvalInCode(g, t);
    if (!t.approval) agentApproval(g, t);
  }
}

/**
 * Framework gates that older majors ignore: written for a version the project does not declare, they gate nothing.
 * (VoltAgent 1.x and the AI SDK before 6 have no `needsApproval`: read in their published types and code.)
 */
const GATES_SINCE: { framework: ToolNode['framework']; prop: string; module: string; major: number }[] = [
  { framework: 'voltagent', prop: 'needsApproval', module: '@voltagent/core', major: 2 },
  { framework: 'ai-sdk', prop: 'needsApproval', module: 'ai', major: 6 },
];

function declaredApproval(g: LinkedGraph, t: ToolNode, declared: readonly DeclaredVersions[]): void {
  if (t.annotations.approval?.mode === 'required') t.approval = { source: 'annotation', detail: '@approval required' };
  const fa = g.toolDefs.get(t.id)?.def.frameworkApproval;
  const older = fa?.kind === 'gate' ? olderThanGate(t, fa.prop, declared) : undefined;
  if (older) {
    t.approvalNote = older;
    t.approvalSite = undefined; // adding the property there would gate nothing either
  } else if (fa?.kind === 'gate') t.approval = { source: 'framework', detail: `${fa.prop}: ${fa.text}` };
  else if (fa?.kind === 'auto') t.approvalNote = `\`${fa.prop}\` always approves (${fa.text}): it is no gate`;
}

function approvalInCode(g: LinkedGraph, t: ToolNode): void {
  for (const impl of allImplementations(g.implementations.get(t.id))) {
    const gate = g.functions.gateIn(impl.val, impl.file);
    if (gate) {
      t.approval = { source: 'code', detail: `asks for approval in code (${gate.file}:${gate.start.line})` };
      return;
    }
  }
  for (const impl of allImplementations(g.implementations.get(t.id))) {
    const confirmation = g.functions.confirmationIn(impl.val, impl.file);
    if (confirmation) {
      const { arg, loc } = confirmation;
      t.approval = {
        source: 'code',
        detail: `refuses until \`${arg}\` is set (${loc.file}:${loc.start.line}): the model is told to ask the user first`,
      };
      return;
    }
  }
}

/** LlamaIndex's human in the loop: events made by `humanInputEvent()` ask the app's user and wait for the answer. */
const HUMAN_INPUT_EVENT = { module: /^@llamaindex\/(server|workflow)(\/.*)?$/, fn: 'humanInputEvent' };

/**
 * A tool the model picks in a workflow step that then asks a human (`return askHuman.with({ command })`, where
 * `askHuman = humanInputEvent()`): the step runs it only once the human has answered.
 */
function humanAsked(g: LinkedGraph, agentId: string): ToolGate | undefined {
  const entry = g.agentDefs.get(agentId);
  const asks = (e: { val: Val; text: string }) => {
    const v = g.resolver.resolve(g.resolver.canonicalise(e.val, entry!.facts.file));
    return v.k === 'instance' && HUMAN_INPUT_EVENT.module.test(v.module) && v.path.at(-1) === HUMAN_INPUT_EVENT.fn;
  };
  // Every model call of the agent must be followed by one: a step that runs its choice unasked is no gate.
  const perCall = entry?.def.emits?.map((call) => call.find(asks));
  if (!perCall?.length || perCall.some((e) => !e)) return undefined;
  return { tool: '*', kind: 'gate', detail: `asks a human first (\`${perCall[0]!.text}\`, a humanInputEvent)` };
}

/**
 * Agent-level settings: the tool is gated when every agent exposing it gates it, or every agent that runs that
 * one gates all its tools (Claude Agent SDK `canUseTool` on the `query()` using a server).
 */
function agentApproval(g: LinkedGraph, t: ToolNode): void {
  const parents = (id: string) => [...g.agents.values()].filter((p) => p.delegates.includes(id));
  const settingFor = (id: string): ToolGate | undefined => {
    const own = g.agents.get(id)?.toolGates?.find((s) => s.tool === t.name || s.tool === '*') ?? humanAsked(g, id);
    if (own) return own;
    const ps = parents(id).map((p) => p.toolGates?.find((s) => s.tool === '*'));
    return ps.length && ps.every((s) => s?.kind === 'gate') ? ps[0] : ps.find((s) => s?.kind === 'auto');
  };
  const settings = t.agents.map(settingFor);
  if (settings.length && settings.every((s) => s?.kind === 'gate')) {
    t.approval = { source: 'framework', detail: settings[0]!.detail };
  } else if (!t.approvalNote) {
    const auto = settings.find((s) => s?.kind === 'auto');
    if (auto) t.approvalNote = `\`${auto.detail}\` always approves: it is no gate`;
  }
}

/** Why a framework gate is none here: the nearest package.json declares only versions from before it. */
function olderThanGate(t: ToolNode, prop: string, declared: readonly DeclaredVersions[]): string | undefined {
  const since = GATES_SINCE.find((s) => s.framework === t.framework && s.prop === prop);
  if (!since) return undefined;
  const file = t.loc.file;
  const range = declared
    .filter((d) => d.versions[since.module] && (d.dir === '.' || file.startsWith(`${d.dir}/`)))
    .sort((a, b) => b.dir.length - a.dir.length)[0]?.versions[since.module];
  // Loaded on first use: most workspaces never get this far, and every start of the language server would load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const semver = require('semver') as typeof Semver;
  const valid = range ? semver.validRange(range) : null;
  if (!valid || semver.intersects(valid, `>=${since.major}.0.0-0`, { includePrerelease: true })) return undefined;
  return `\`${prop}\` is not a gate in ${since.module} ${range} (it came in ${since.major}.0): it gates nothing`;
}
