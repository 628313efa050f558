import type { Capability, RiskTier, Severity, ToolNode } from '../analyzer/types';
import { TIER_RANK } from '../capabilities/catalog';
import { declarable } from '../capabilities/scopes';
import { gapSeverity, governedRisk } from './governance';
import { defineRule } from './rule';
import { reportTagProblems } from './tag-problems';

export const unscopedTool = defineRule({
  meta: {
    id: 'unscoped-tool',
    defaultSeverity: 'warning',
    summary:
      'A tool whose code reads data, changes something or sends data out has no declared permission scope (`@scope`).',
    why: 'A tool is a non-human identity acting for the agent. Without a declared scope nobody can say what it is allowed to do, review a change that widens it, or notice when its code reaches beyond it.',
    fix: 'Add a JSDoc `@scope resource:action …` above the tool definition listing what it may do (e.g. `@scope orders:read refunds:write`), or a file-level `@scope` for a file of similar tools.',
    when: 'From medium risk (`governance.scope`): a warning on a tool whose code reads files or data, creates or changes something, or sends data out; an error on a high- or critical-risk one. A lookup needs no scope, nor a tool whose risk rests on its name alone. Scopes written on an agent or server cover the tools it exposes; an agent or server with more than three unscoped tools gets one finding, listing them, whose fix writes one `@scope` there.',
    incorrect: [
      {
        code: `import { tool } from 'ai';
import { z } from 'zod';
export const cancelOrder = tool({
  description: 'Cancel an order',
  inputSchema: z.object({ id: z.string() }),
  execute: async ({ id }) => fetch(\`https://shop.example/api/orders/\${id}/cancel\`, { method: 'POST' }),
});`,
      },
    ],
    correct: [
      {
        code: `import { tool } from 'ai';
import { z } from 'zod';
/**
 * @owner team-support
 * @scope network:send
 */
export const cancelOrder = tool({
  description: 'Cancel an order',
  inputSchema: z.object({ id: z.string() }),
  execute: async ({ id }) => fetch(\`https://shop.example/api/orders/\${id}/cancel\`, { method: 'POST' }),
});`,
      },
    ],
    messages: {
      badScope: "Tool '{{name}}': {{problem}}",
      noScope: "Tool '{{name}}' ({{risk}} risk) has no declared scope.",
      noScopes: "{{what}} '{{name}}' has {{count}} tools with no declared scope: {{tools}}.",
      addScope: "Add @scope to '{{name}}'{{inferred}}",
    },
    graded: true,
    mappings: {
      maestro: ['L3', 'L6'],
      nistAiRmf: ['GOVERN', 'MAP'],
      owaspAgentic: ['ASI02', 'ASI03'],
      owaspNhi: ['NHI5'],
      owaspLlm: ['LLM06'],
      cwe: ['CWE-250'],
    },
    fixable: true,
  },
  check(ctx) {
    for (const t of ctx.graph.tools) reportBadScopes(ctx, t);
    const unscoped = ctx.graph.tools.flatMap((t) => {
      // Unnamed (dynamic) tools are reported once, by dynamic-tool-registration.
      if (t.scopes.length > 0 || t.hosted || t.nameSource === 'unknown') return [];
      const risk = governedRisk(t.capabilities);
      const severity = gapSeverity('scope', risk, ctx.governance);
      return severity && risk ? [{ tool: t, severity, risk }] : [];
    });
    const grouped = reportPerServer(ctx, unscoped);
    for (const { tool: t, severity, risk } of unscoped) {
      if (grouped.has(t.id)) continue;
      ctx.report({
        loc: t.nameLoc,
        anchor: t.loc,
        entityId: t.id,
        severity,
        messageId: 'noScope',
        data: { name: t.name, risk },
        subject: `tool:${t.name}:${t.kind}`,
        suggest: [addScope(t.name, t.capabilities)],
      });
    }
  },
});

type Ctx = Parameters<typeof unscopedTool.check>[0];
type Unscoped = { tool: ToolNode; severity: Severity; risk: RiskTier };

/** More unscoped tools than this on one agent or server are reported once, there: one `@scope` there covers them. */
const PER_TOOL_MAX = 3;

/** Agents and servers with many unscoped tools get one finding, listing them; returns the tools so reported. */
function reportPerServer(ctx: Ctx, unscoped: readonly Unscoped[]): Set<string> {
  const byId = new Map(unscoped.map((u) => [u.tool.id, u]));
  const reported = new Set<string>();
  for (const a of ctx.graph.agents) {
    const mine = a.tools.flatMap((id) => byId.get(id) ?? []);
    if (mine.length <= PER_TOOL_MAX) continue;
    const worst = [...mine].sort((x, y) => TIER_RANK[y.risk] - TIER_RANK[x.risk]);
    const shown = worst.slice(0, 3).map((u) => `${u.tool.name} (${u.risk})`);
    ctx.report({
      loc: a.nameLoc,
      anchor: a.loc,
      entityId: a.id,
      severity: mine.some((u) => u.severity === 'error') ? 'error' : 'warning',
      messageId: 'noScopes',
      data: {
        what: a.framework === 'mcp' ? 'MCP server' : 'Agent',
        name: a.name,
        count: mine.length,
        tools: `${shown.join(', ')}${mine.length > 3 ? `, ${mine.length - 3} more` : ''}`,
      },
      related: worst.map((u) => ({
        message: `tool '${u.tool.name}' (${u.risk} risk)`,
        loc: u.tool.nameLoc,
      })),
      subject: `agent:${a.name}:${a.kind}:unscoped-tools`,
      suggest: [
        addScope(
          a.name,
          mine.flatMap((u) => u.tool.capabilities),
        ),
      ],
    });
    for (const u of mine) reported.add(u.tool.id);
  }
  return reported;
}

/** `@scope` prefilled with what the code can do; a placeholder to type into when nothing was inferred. */
function addScope(name: string, capabilities: Capability[]) {
  const inferred = [...new Set(declarable(capabilities).map((c) => c.capability))].join(' ');
  return {
    messageId: 'addScope' as const,
    data: { name, inferred: inferred ? ` (${inferred})` : '' },
    action: { kind: 'add-tag' as const, tag: 'scope' as const, value: inferred || 'resource:action' },
    preferred: true,
  };
}

function reportBadScopes(ctx: Ctx, t: ToolNode): void {
  reportTagProblems(ctx, t, 'scope', {
    messageId: 'badScope',
    subject: `tool:${t.name}:${t.kind}:bad-scope`,
    // An empty `@scope` is completed by a new one; a malformed entry needs editing by hand.
    suggest: (p) => (p.empty ? [addScope(t.name, t.capabilities)] : []),
  });
}
