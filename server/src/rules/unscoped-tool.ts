import { declarable } from '../capabilities/scopes';
import { gapSeverity } from './governance';
import { defineRule } from './rule';

export const unscopedTool = defineRule({
  meta: {
    id: 'unscoped-tool',
    defaultSeverity: 'warning',
    summary: 'A tool that can change something has no declared permission scope (`@scope`).',
    why: 'A tool is a non-human identity acting for the agent. Without a declared scope nobody can say what it is allowed to do, review a change that widens it, or notice when its code reaches beyond it.',
    fix: 'Add a JSDoc `@scope resource:action …` above the tool definition listing what it may do (e.g. `@scope orders:read refunds:write`), or a file-level `@scope` for a file of similar tools.',
    when: 'From medium risk (`governance.scope`): a warning on a tool that creates or changes something or sends data out, an error on a high- or critical-risk one. A read-only lookup needs no scope. Scopes written on an agent or server cover the tools it exposes.',
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
      addScope: "Add @scope to '{{name}}'{{inferred}}",
    },
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
    for (const t of ctx.graph.tools) {
      // Prefilled with what the code can do; a placeholder to type into when nothing was inferred.
      const inferred = [...new Set(declarable(t.capabilities).map((c) => c.capability))].join(' ');
      const addScope = {
        messageId: 'addScope' as const,
        data: { name: t.name, inferred: inferred ? ` (${inferred})` : '' },
        action: { kind: 'add-tag' as const, tag: 'scope' as const, value: inferred || 'resource:action' },
        preferred: true,
      };
      for (const p of t.annotations.problems ?? []) {
        if (p.tag !== 'scope') continue;
        ctx.report({
          loc: p.loc,
          anchor: t.loc,
          entityId: t.id,
          messageId: 'badScope',
          data: { name: t.name, problem: p.message },
          subject: `tool:${t.name}:${t.kind}:bad-scope`,
          // An empty `@scope` is completed by a new one; a malformed entry needs editing by hand.
          suggest: p.empty ? [addScope] : [],
        });
      }
      // Unnamed (dynamic) tools are reported once, by dynamic-tool-registration.
      if (t.scopes.length > 0 || t.hosted || t.nameSource === 'unknown') continue;
      const severity = gapSeverity('scope', t.risk, ctx.governance);
      if (!severity) continue;
      ctx.report({
        loc: t.nameLoc,
        anchor: t.loc,
        entityId: t.id,
        severity,
        messageId: 'noScope',
        data: { name: t.name, risk: t.risk ?? 'low' },
        subject: `tool:${t.name}:${t.kind}`,
        suggest: [addScope],
      });
    }
  },
});
