import { capabilityTrail, describeCapability } from '../capabilities/describe';
import { defineRule } from './rule';

const SEVERITY_BY_WEIGHT = ['info', 'warning', 'error'] as const;

export const unapprovedHighRiskAction = defineRule({
  meta: {
    id: 'unapproved-high-risk-action',
    defaultSeverity: 'error',
    summary:
      'A tool reaches a high-risk capability (moving money, running code, changing infrastructure, overwriting or deleting data, sending as the user, acting in a web page, persisting or exposing credentials) with no human approval gate.',
    why: "An action a human approves case by case is not an independent action of the agent. Without a gate, a prompt injection or a model mistake moves money, deletes data or changes infrastructure on its own (OWASP ASI02 tool misuse, ASI03 privilege abuse). The highest-risk capability decides: a critical one (money, code execution, credentials, unbounded administration) is an error, a high one (changes, deletions, messages, browser actions) a warning. A capability known only from the tool's name, description or annotations counts one step lower (a warning, or information), and the message says so.",
    fix: "Add the framework's gate (`needsApproval: true` in the AI SDK and OpenAI Agents, `requireApproval: true` in Mastra, `humanInTheLoopMiddleware` in LangChain, MCP elicitation), or `@approval required` when the gate lives outside the code. A callback that always approves is not a gate.",
    when: 'On every tool whose capabilities are high or critical risk. An error when its code shows a critical action, a warning for a high one shown by code or a critical one claimed only by its name or description, info for a high one claimed only by its name.',
    incorrect: [
      {
        code: `import { tool } from 'ai';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
/** @owner team-billing @scope payments:write */
export const refund = tool({
  description: 'Refund a charge',
  inputSchema: {} as any,
  execute: async ({ charge }: { charge: string }) => stripe.refunds.create({ charge }),
});`,
      },
      {
        code: `import { tool } from 'ai';
import { execSync } from 'node:child_process';
export const shell = tool({
  description: 'Run a shell command',
  inputSchema: {} as any,
  needsApproval: async () => false,
  execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString(),
});`,
      },
    ],
    correct: [
      {
        code: `import { tool } from 'ai';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const refund = tool({
  description: 'Refund a charge',
  inputSchema: {} as any,
  needsApproval: true,
  execute: async ({ charge }: { charge: string }) => stripe.refunds.create({ charge }),
});`,
      },
    ],
    messages: {
      unapproved: "Tool '{{name}}' can {{what}} with no human approval ({{tier}} risk).{{note}}",
      requireApproval: "Require human approval for '{{name}}' ({{how}})",
    },
    mappings: {
      maestro: ['L3', 'L6'],
      nistAiRmf: ['MANAGE'],
      owaspAgentic: ['ASI02', 'ASI03'],
      owaspNhi: ['NHI5'],
      owaspLlm: ['LLM06'],
      cwe: ['CWE-862'],
    },
    fixable: true,
  },
  check(ctx) {
    for (const t of ctx.graph.tools) {
      if ((t.risk !== 'critical' && t.risk !== 'high') || t.approval) continue;
      const highest = t.capabilities.filter((c) => c.tier === t.risk);
      // Evidence weighs: a critical action seen in code is an error; one only claimed, or a high one, a warning; a
      // high one only claimed, information.
      const claimedOnly = highest.every((c) => c.basis);
      const weight = (t.risk === 'critical' ? 2 : 1) - (claimedOnly ? 1 : 0);
      ctx.report({
        loc: t.nameLoc,
        anchor: t.loc,
        entityId: t.id,
        messageId: 'unapproved',
        severity: SEVERITY_BY_WEIGHT[weight],
        data: {
          name: t.name,
          tier: t.risk,
          what: highest.map(describeCapability).slice(0, 3).join(', '),
          note: t.approvalNote ? ` Its ${t.approvalNote}.` : '',
        },
        related: capabilityTrail(highest[0]!),
        subject: `tool:${t.name}:${t.kind}`,
        suggest: t.hosted
          ? []
          : [
              {
                messageId: 'requireApproval',
                data: { name: t.name, how: t.approvalSite ? `${t.approvalSite.prop}: true` : '@approval required' },
                action: { kind: 'require-approval' },
                preferred: true,
              },
            ],
      });
    }
  },
});
