import type { Annotations, Location } from '../analyzer/types';
import type { Rule } from './rule';

const WARN_DAYS = 14;

export const expiredGrant: Rule = {
  meta: {
    id: 'expired-grant',
    defaultSeverity: 'error',
    summary:
      'An `@expires` date on an agent or tool is in the past (warning when it is within 14 days), or is not a valid date.',
    why: 'A grant with an end date was approved for a limited time. Past it, the agent keeps privileges nobody re-approved (OWASP NHI7: long-lived secrets and grants).',
    fix: 'Re-review the grant and move `@expires` to a new date, or remove the tool or agent.',
    incorrect: [
      {
        code: `import { tool } from '@openai/agents';
/**
 * @owner team-ops
 * @scope deploys:write
 * @expires 2020-01-31
 */
export const deploy = tool({ name: 'deploy', description: 'Deploy', parameters: {} as any, execute: async () => 'ok' });`,
      },
    ],
    correct: [
      {
        code: `import { tool } from '@openai/agents';
/**
 * @owner team-ops
 * @scope deploys:write
 * @expires 2999-01-31
 */
export const deploy = tool({ name: 'deploy', description: 'Deploy', parameters: {} as any, execute: async () => 'ok' });`,
      },
    ],
    mappings: {
      maestro: ['L6'],
      nistAiRmf: ['GOVERN', 'MANAGE'],
      owaspAgentic: ['ASI03'],
      owaspNhi: ['NHI7'],
      cwe: ['CWE-324'],
    },
  },
  check(ctx) {
    const today = Date.parse(ctx.today);
    const check = (
      kind: string,
      name: string,
      nodeKind: string,
      ann: Annotations,
      fallback: Location,
      anchor: Location,
      entityId: string,
    ) => {
      for (const p of ann.problems ?? []) {
        if (p.tag === 'expires')
          ctx.report({
            loc: p.loc,
            anchor,
            entityId,
            message: `${kind} '${name}': ${p.message}`,
            subject: `${kind}:${name}:${nodeKind}:invalid`,
          });
      }
      const exp = ann.expires;
      if (!exp) return;
      const days = Math.floor((Date.parse(exp.date) - today) / 86_400_000);
      const loc = exp.loc ?? fallback;
      if (days < 0) {
        ctx.report({
          loc,
          anchor,
          entityId,
          message: `${kind} '${name}' expired on ${exp.date}: it still runs with privileges nobody re-approved. Review the grant and set a new \`@expires\`, or remove it.`,
          subject: `${kind}:${name}:${nodeKind}`,
        });
      } else if (days <= WARN_DAYS) {
        ctx.report({
          loc,
          anchor,
          entityId,
          severity: 'warning',
          message: `${kind} '${name}' expires on ${exp.date} (in ${days} day${days === 1 ? '' : 's'}). Review the grant and set a new \`@expires\` before then.`,
          subject: `${kind}:${name}:${nodeKind}:soon`,
        });
      }
    };
    for (const a of ctx.graph.agents) check('Agent', a.name, a.kind, a.annotations, a.nameLoc, a.loc, a.id);
    for (const t of ctx.graph.tools) check('Tool', t.name, t.kind, t.annotations, t.nameLoc, t.loc, t.id);
  },
};
