import type { Rule } from './rule';

export const unscopedTool: Rule = {
  meta: {
    id: 'unscoped-tool',
    defaultSeverity: 'warning',
    summary: 'A tool an agent can call has no declared permission scope (`@scope`).',
    why: 'A tool is a non-human identity acting for the agent. Without a declared scope nobody can say what it is allowed to do, review a change that widens it, or notice when its code reaches beyond it.',
    fix: 'Add a JSDoc `@scope resource:action …` above the tool definition listing what it may do (e.g. `@scope orders:read refunds:write`), or a file-level `@scope` for a file of similar tools.',
    incorrect: [
      {
        code: `import { tool } from 'ai';
import { z } from 'zod';
export const lookupOrder = tool({
  description: 'Look up an order',
  inputSchema: z.object({ id: z.string() }),
  execute: async ({ id }) => ({ id }),
});`,
      },
    ],
    correct: [
      {
        code: `import { tool } from 'ai';
import { z } from 'zod';
/**
 * @owner team-support
 * @scope orders:read
 */
export const lookupOrder = tool({
  description: 'Look up an order',
  inputSchema: z.object({ id: z.string() }),
  execute: async ({ id }) => ({ id }),
});`,
      },
    ],
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
      for (const p of t.annotations.problems ?? []) {
        if (p.tag === 'scope')
          ctx.report({
            loc: p.loc,
            anchor: t.loc,
            entityId: t.id,
            message: `Tool '${t.name}': ${p.message}`,
            subject: `tool:${t.name}:${t.kind}:bad-scope`,
          });
      }
      // Unnamed (dynamic) tools are reported once, by dynamic-tool-registration.
      if (t.scopes.length > 0 || t.hosted || t.nameSource === 'unknown') continue;
      ctx.report({
        loc: t.nameLoc,
        anchor: t.loc,
        entityId: t.id,
        message: `Tool '${t.name}' has no declared scope: nobody can review what it may do. Add \`@scope resource:action\` to its JSDoc (e.g. \`@scope orders:read\`).`,
        subject: `tool:${t.name}:${t.kind}`,
      });
    }
  },
};
