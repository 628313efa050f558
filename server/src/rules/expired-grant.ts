import type { AgentNode, ToolNode } from '../analyzer/types';
import { defineRule } from './rule';
import { reportTagProblems } from './tag-problems';

const WARN_DAYS = 14;

export const expiredGrant = defineRule({
  meta: {
    id: 'expired-grant',
    defaultSeverity: 'error',
    summary:
      'An `@expires` date on an agent or tool is in the past (warning when it is within 14 days), or is not a valid date.',
    why: 'A grant with an end date was approved for a limited time. Past it, the agent keeps privileges nobody re-approved (OWASP NHI7: long-lived secrets and grants).',
    fix: 'Re-review the grant and move `@expires` to a new date, or remove the tool or agent.',
    when: 'Whatever the risk, on a grant (`@expires`) whose date has passed: an error; a warning in the 14 days before it.',
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
    messages: {
      badExpiry: "{{what}} '{{name}}': {{problem}}",
      expired: "{{what}} '{{name}}' expired on {{date}} and still runs.",
      expiresSoon: "{{what}} '{{name}}' expires on {{date}} (in {{days}} day{{s}}).",
      renew: "Re-approve '{{name}}' until a new date",
    },
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
    const check = (what: string, node: AgentNode | ToolNode) => {
      const name = node.name;
      const at = { anchor: node.loc, entityId: node.id };
      reportTagProblems(ctx, node, 'expires', {
        messageId: 'badExpiry',
        data: { what },
        subject: `${what}:${name}:${node.kind}:invalid`,
      });
      const exp = node.annotations.expires;
      if (!exp) return;
      const days = Math.floor((Date.parse(exp.date) - today) / 86_400_000);
      const renew = [
        { messageId: 'renew' as const, data: { name }, action: { kind: 'renew-expiry' as const, days: 90 } },
      ];
      const loc = exp.loc ?? node.nameLoc;
      if (days < 0) {
        const data = { what, name, date: exp.date };
        ctx.report({ loc, ...at, messageId: 'expired', data, subject: `${what}:${name}:${node.kind}`, suggest: renew });
      } else if (days <= WARN_DAYS) {
        ctx.report({
          loc,
          ...at,
          severity: 'warning',
          messageId: 'expiresSoon',
          data: { what, name, date: exp.date, days, s: days === 1 ? '' : 's' },
          subject: `${what}:${name}:${node.kind}:soon`,
          suggest: renew,
        });
      }
    };
    for (const a of ctx.graph.agents) check('Agent', a);
    for (const t of ctx.graph.tools) check('Tool', t);
  },
});
