import { capabilityTrail, describeCapability } from '../capabilities/describe';
import { covered, declarable } from '../capabilities/scopes';
import { defineRule } from './rule';

export const undeclaredCapability = defineRule({
  meta: {
    id: 'undeclared-capability',
    defaultSeverity: 'warning',
    summary:
      "A tool's code can do something its declared `@scope` does not cover (an error when that capability is critical).",
    why: 'The declared scope is what reviewers approved. Code that reaches beyond it holds privileges nobody granted, and the gap widens silently as code changes (OWASP ASI03 privilege abuse, NHI5 overprivileged NHI).',
    fix: 'Either remove the capability from the code, or widen `@scope` to include it (e.g. `@scope orders:read db:write`) and have the change reviewed.',
    when: 'Whatever the risk, where a tool has a declared scope and its code reaches beyond it; an error when what it reaches is critical.',
    incorrect: [
      {
        code: `import { tool } from '@openai/agents';
import { writeFileSync } from 'node:fs';
/** @owner team-docs @scope file:read */
export const save = tool({ name: 'save_note', description: '', parameters: {} as any, execute: async () => { writeFileSync('/srv/notes/note', 'x'); return 'ok'; } });`,
      },
    ],
    correct: [
      {
        code: `import { tool } from '@openai/agents';
import { writeFileSync } from 'node:fs';
/** @owner team-docs @scope file:write */
export const save = tool({ name: 'save_note', description: '', parameters: {} as any, execute: async () => { writeFileSync('/srv/notes/note', 'x'); return 'ok'; } });`,
      },
    ],
    messages: {
      undeclared: "Tool '{{name}}' can {{what}}, which its scope ({{scopes}}) does not cover.",
    },
    mappings: {
      maestro: ['L3', 'L6'],
      nistAiRmf: ['MAP', 'MEASURE'],
      owaspAgentic: ['ASI03'],
      owaspNhi: ['NHI5'],
      owaspLlm: ['LLM06'],
      cwe: ['CWE-250'],
    },
  },
  check(ctx) {
    for (const t of ctx.graph.tools) {
      if (!t.scopes.length) continue; // unscoped tools are unscoped-tool's
      const seen = new Set<string>();
      for (const c of declarable(t.capabilities)) {
        // Chained capabilities (through a tool or an agent) are privilege-escalating-chain's; this rule judges
        // the tool's own code.
        if (c.path.some((p) => p.via) || seen.has(c.capability) || covered(t.scopes, c.capability)) continue;
        seen.add(c.capability);
        ctx.report({
          loc: t.nameLoc,
          anchor: t.loc,
          entityId: t.id,
          severity: c.tier === 'critical' ? 'error' : undefined,
          messageId: 'undeclared',
          data: { name: t.name, what: describeCapability(c), scopes: t.scopes.join(' '), capability: c.capability },
          related: capabilityTrail(c),
          subject: `tool:${t.name}:${t.kind}:${c.capability}`,
        });
      }
    }
  },
});
