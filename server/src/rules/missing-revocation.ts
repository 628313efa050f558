import { gapSeverity, governedRisk } from './governance';
import { defineRule } from './rule';
import { reportTagProblems } from './tag-problems';

export const missingRevocation = defineRule({
  meta: {
    id: 'missing-revocation',
    defaultSeverity: 'warning',
    summary: 'An agent or MCP server with a high-risk tool has no documented revocation path (`@revocation`).',
    why: 'When an agent misbehaves or its credentials leak, someone must be able to switch it off and revoke what it holds, quickly and without guessing (OWASP NHI: improper offboarding).',
    fix: "Add `@revocation <how>` to the agent's JSDoc: the feature flag, kill switch, credential to revoke or runbook link.",
    when: "From high risk (`governance.revocation`): an error on an agent or MCP server whose tools' code reaches a high or critical action — payments, infrastructure, production data, code execution. An agent that only reads or writes ordinary data is not asked for one.",
    incorrect: [
      {
        code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
/** @owner team-platform */
export const server = new McpServer({ name: 'billing', version: '1.0.0' });
server.registerTool('refund', { description: 'Refund a charge' }, async ({ charge }: any) => {
  await stripe.refunds.create({ charge });
  return { content: [] };
});`,
      },
    ],
    correct: [
      {
        code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
/**
 * @owner team-platform
 * @revocation remove from mcp.json and rotate STRIPE_KEY; runbook https://wiki.example/billing-mcp
 */
export const server = new McpServer({ name: 'billing', version: '1.0.0' });
server.registerTool('refund', { description: 'Refund a charge' }, async ({ charge }: any) => {
  await stripe.refunds.create({ charge });
  return { content: [] };
});`,
      },
    ],
    messages: {
      badRevocation: "Agent '{{name}}': {{problem}}",
      noRevocation: "{{what}} '{{name}}' ({{risk}} risk) has no revocation path.",
      addRevocation: "Add @revocation to '{{name}}'",
    },
    graded: true,
    mappings: {
      maestro: ['L6', 'L7'],
      nistAiRmf: ['GOVERN', 'MANAGE'],
      owaspAgentic: ['ASI10'],
      owaspNhi: ['NHI1'],
      cwe: ['CWE-1059'],
    },
    fixable: true,
  },
  check(ctx) {
    for (const a of ctx.graph.agents) {
      reportTagProblems(ctx, a, 'revocation', {
        messageId: 'badRevocation',
        subject: `agent:${a.name}:${a.kind}:bad-revocation`,
      });
      if (a.revocation) continue;
      const risk = governedRisk(a.effective);
      const severity = gapSeverity('revocation', risk, ctx.governance);
      if (!severity) continue;
      ctx.report({
        loc: a.nameLoc,
        anchor: a.loc,
        entityId: a.id,
        severity,
        messageId: 'noRevocation',
        data: { what: a.framework === 'mcp' ? 'MCP server' : 'Agent', name: a.name, risk: risk ?? 'low' },
        subject: `agent:${a.name}:${a.kind}`,
        suggest: [
          {
            messageId: 'addRevocation',
            data: { name: a.name },
            action: {
              kind: 'add-tag',
              tag: 'revocation',
              value: 'feature flag or runbook link',
              hint: 'feature flag, credential to revoke, or runbook link',
            },
            preferred: true,
          },
        ],
      });
    }
  },
});
