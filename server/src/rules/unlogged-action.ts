import { capabilityTrail, describeCapability } from '../capabilities/describe';
import { gapSeverity, governedRisk } from './governance';
import { defineRule } from './rule';

export const unloggedAction = defineRule({
  meta: {
    id: 'unlogged-action',
    defaultSeverity: 'warning',
    summary: 'A tool with critical capabilities (by default) writes no audit record when it runs.',
    why: 'When an agent acts on its own, the audit trail is how anyone later learns what it did, for whom and why. Without one, an incident cannot be reconstructed (OWASP ASI10 rogue agents; CWE-778 insufficient logging).',
    fix: 'Record the action in the tool (e.g. `await audit({ tool, actor, input })`), or name your logger in agent-warden.json so it is recognised.',
    when: "From critical risk (`governance.audit`), as a warning: code execution, payments, deletion of infrastructure. A step lower than the other requirements, because framework traces or the MCP host's log often record tool calls already; set `governance.audit` to `high` to ask it of every high-risk tool.",
    incorrect: [
      {
        code: `import { tool } from 'ai';
import { execFile } from 'node:child_process';
/** @scope system:exec */
export const runReport = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async ({ args }: { args: string[] }) => execFile('/opt/reports/run', args) });`,
      },
    ],
    correct: [
      {
        code: `import { tool } from 'ai';
import { execFile } from 'node:child_process';
import { audit } from './audit';
/** @scope system:exec */
export const runReport = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async ({ args }: { args: string[] }) => { await audit({ action: 'run-report', args }); return execFile('/opt/reports/run', args); } });`,
      },
    ],
    messages: {
      unlogged: "Tool '{{name}}' can {{what}} but writes no audit record.",
    },
    graded: true,
    mappings: {
      maestro: ['L5'],
      nistAiRmf: ['MEASURE', 'MANAGE'],
      owaspAgentic: ['ASI10'],
      owaspLlm: ['LLM06'],
      cwe: ['CWE-778'],
    },
  },
  check(ctx) {
    for (const t of ctx.graph.tools) {
      if (t.audit || t.hosted || t.nameSource === 'unknown' || t.capabilities.length === 0) continue;
      const severity = gapSeverity('audit', governedRisk(t.capabilities), ctx.governance);
      if (!severity) continue;
      const top = t.capabilities.find((c) => c.basis !== 'declared')!;
      ctx.report({
        loc: t.nameLoc,
        anchor: t.loc,
        entityId: t.id,
        severity,
        messageId: 'unlogged',
        data: { name: t.name, what: describeCapability(top) },
        related: capabilityTrail(top),
        subject: `tool:${t.name}:${t.kind}`,
      });
    }
  },
});
