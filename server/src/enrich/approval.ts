import { allImplementations, type LinkedGraph } from '../analyzer/link';
import type { AgentDef, ToolNode } from '../analyzer/types';

type ToolGate = NonNullable<AgentDef['toolGates']>[number];

/**
 * Whether a human approves each tool's calls, strongest evidence first: the framework's own gate on the tool
 * (or `@approval required`), a prompt in the tool's code (LangGraph `interrupt()`, MCP elicitation…), then the
 * settings of every agent that exposes it. A setting that always approves is recorded as a note: it is no gate.
 */
export function decideApproval(g: LinkedGraph): void {
  for (const t of g.tools.values()) {
    declaredApproval(g, t);
    if (!t.approval) approvalInCode(g, t);
    if (!t.approval) agentApproval(g, t);
  }
}

function declaredApproval(g: LinkedGraph, t: ToolNode): void {
  if (t.annotations.approval?.mode === 'required') t.approval = { source: 'annotation', detail: '@approval required' };
  const fa = g.toolDefs.get(t.id)?.def.frameworkApproval;
  if (fa?.kind === 'gate') t.approval = { source: 'framework', detail: `${fa.prop}: ${fa.text}` };
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
}

/**
 * Agent-level settings: the tool is gated when every agent exposing it gates it, or every agent that runs that
 * one gates all its tools (Claude Agent SDK `canUseTool` on the `query()` using a server).
 */
function agentApproval(g: LinkedGraph, t: ToolNode): void {
  const parents = (id: string) => [...g.agents.values()].filter((p) => p.delegates.includes(id));
  const settingFor = (id: string): ToolGate | undefined => {
    const own = g.agents.get(id)?.toolGates?.find((s) => s.tool === t.name || s.tool === '*');
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
