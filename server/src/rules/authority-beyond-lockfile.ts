import { compareAuthority, grantsMore } from '../authority/compare';
import { authorityOf } from '../authority/model';
import { defineRule } from './rule';

const AGENT = `import { Agent, tool } from '@openai/agents';
import Stripe from 'stripe';
import { z } from 'zod';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const lookupInvoice = tool({
  name: 'lookup_invoice',
  description: 'Find an invoice by number',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => stripe.invoices.retrieve(id),
});`;

const REFUND = `
const refund = tool({
  name: 'refund',
  description: 'Refund a charge',
  parameters: z.object({ charge: z.string() }),
  execute: async ({ charge }) => stripe.refunds.create({ charge }),
});`;

// What `agent-warden lock` writes for the agent with its lookup tool only.
const LOCKED = `{
  "lockfileVersion": 1,
  "agents": {
    "openai-agents:billing": {
      "name": "billing",
      "framework": "openai-agents",
      "owner": "team-billing",
      "risk": "medium",
      "complete": true,
      "delegates": [],
      "tools": {
        "lookup_invoice": {
          "risk": "medium",
          "capabilities": ["payments:read"],
          "approval": null,
          "scopes": [],
          "credentials": [{ "name": "STRIPE_SECRET_KEY", "lifetime": "long-lived" }],
          "delegatesTo": null
        }
      }
    }
  },
  "tools": {}
}
`;

export const authorityBeyondLockfile = defineRule({
  meta: {
    id: 'authority-beyond-lockfile',
    defaultSeverity: 'warning',
    summary:
      'The code grants an agent more than `agent-warden.lock.json` records: a new agent or tool, a capability, a higher risk, a credential or a longer-lived one, a scope, a delegation, or an approval gate or owner removed.',
    why: 'The lockfile is the authority a team reviewed and agreed each agent may hold. A change that quietly gives an agent more — a payment tool, a removed approval gate, a new credential — should be seen and agreed like a new permission, not arrive unnoticed inside a larger change. `agent-warden lock --check` stops it in CI; this rule shows it where it is written.',
    fix: "If the agent should not hold it, change the code back. If it should, record it: the quick fix updates the agent's entry in the lockfile, or run `agent-warden lock`, and commit the lockfile with the change so that its review shows the new authority.",
    when: 'Only in a workspace with `agent-warden.lock.json` beside its config. A warning for every change that grants more than the lockfile records, at the code that grants it; changes that grant less are left to `agent-warden lock --check`, which asks for the lockfile to be written again.',
    incorrect: [
      {
        file: 'src/billing.ts',
        lockfile: LOCKED,
        code: `${AGENT}${REFUND}
/** @owner team-billing */
export const billing = new Agent({ name: 'billing', instructions: 'Answer billing questions.', tools: [lookupInvoice, refund] });`,
      },
    ],
    correct: [
      {
        file: 'src/billing.ts',
        lockfile: LOCKED,
        code: `${AGENT}
/** @owner team-billing */
export const billing = new Agent({ name: 'billing', instructions: 'Answer billing questions.', tools: [lookupInvoice] });`,
      },
    ],
    messages: {
      added: 'Not in {{lockfile}}: {{change}}',
      broadened: 'Beyond {{lockfile}}: {{change}}',
      recordAgent: "Record agent '{{subject}}' as it is now in {{lockfile}}",
      recordTool: "Record tool '{{subject}}' as it is now in {{lockfile}}",
    },
    fixable: true,
    mappings: {
      owaspAgentic: ['ASI03'],
      owaspNhi: ['NHI5'],
      owaspLlm: ['LLM06'],
      nistAiRmf: ['GOVERN', 'MANAGE'],
      cwe: ['CWE-269'],
    },
  },
  check(ctx) {
    if (!ctx.lockfile) return;
    const lockfile = ctx.lockfile.file;
    const changes = compareAuthority(ctx.lockfile.authority, authorityOf(ctx.graph, ctx.isTestPath));
    for (const c of changes) {
      if (!grantsMore(c) || !c.loc) continue;
      const subject = c.agent ?? c.tool!;
      const change = c.message.charAt(0).toLowerCase() + c.message.slice(1);
      ctx.report({
        loc: c.loc,
        messageId: c.kind === 'added' ? 'added' : 'broadened',
        data: { lockfile, change },
        subject: `${lockfile}:${c.message}`,
        suggest: [
          {
            messageId: c.agent ? 'recordAgent' : 'recordTool',
            data: { subject, lockfile },
            action: c.agent ? { kind: 'update-lockfile', agent: c.agent } : { kind: 'update-lockfile', tool: c.tool! },
            preferred: true,
          },
        ],
      });
    }
  },
});
