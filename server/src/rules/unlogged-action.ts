import { capabilityTrail, describeCapability } from '../capabilities/describe';
import { defineRule } from './rule';

export const unloggedAction = defineRule({
  meta: {
    id: 'unlogged-action',
    defaultSeverity: 'info',
    summary: 'A tool with high or critical capabilities writes no audit record when it runs.',
    why: 'When an agent acts on its own, the audit trail is how anyone later learns what it did, for whom and why. Without one, an incident cannot be reconstructed (OWASP ASI10 rogue agents; CWE-778 insufficient logging).',
    fix: 'Record the action in the tool (e.g. `await audit({ tool, actor, input })`), or name your logger in agent-warden.json so it is recognised.',
    incorrect: [
      {
        code: `import { tool } from 'ai';
import { writeFileSync } from 'node:fs';
/** @scope file:write */
export const save = tool({ description: '', inputSchema: {} as any, execute: async ({ text }: { text: string }) => writeFileSync('/srv/data.txt', text) });`,
      },
    ],
    correct: [
      {
        code: `import { tool } from 'ai';
import { writeFileSync } from 'node:fs';
import { audit } from './audit';
/** @scope file:write */
export const save = tool({ description: '', inputSchema: {} as any, execute: async ({ text }: { text: string }) => { await audit({ action: 'save', bytes: text.length }); writeFileSync('/srv/data.txt', text); } });`,
      },
    ],
    messages: {
      unlogged:
        "Tool '{{name}}' can {{what}} but writes no audit record: nobody can later tell what the agent did. Record the action (e.g. `audit({ … })`).",
    },
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
      if ((t.risk !== 'high' && t.risk !== 'critical') || t.audit || t.hosted || t.nameSource === 'unknown') continue;
      const top = t.capabilities[0]!;
      ctx.report({
        loc: t.nameLoc,
        anchor: t.loc,
        entityId: t.id,
        messageId: 'unlogged',
        data: { name: t.name, what: describeCapability(top) },
        related: capabilityTrail(top),
        subject: `tool:${t.name}:${t.kind}`,
      });
    }
  },
});
