/**
 * Billing tools for the support desk (Vercel AI SDK). Owned by team-billing through agent-warden.json.
 */
import { tool } from 'ai';
import Stripe from 'stripe';
import { z } from 'zod';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// Mistake: a key for the internal ledger service, pasted in while debugging.
const LEDGER_API_KEY = 'lk_9f3KqL2xV7mZp4TnW8rYc1Hd6QsB';

/**
 * Refunds a charge in full or in part.
 * @scope payments:write network:egress
 * @approval required
 */
export const refundCharge = tool({
  description: 'Refund a Stripe charge for the customer in this conversation',
  inputSchema: z.object({ chargeId: z.string(), amountCents: z.number().int().positive() }),
  needsApproval: true,
  execute: async ({ chargeId, amountCents }) => {
    const refund = await stripe.refunds.create({ charge: chargeId, amount: amountCents });
    return { refundId: refund.id, status: refund.status };
  },
});

// Mistake: no @scope — what may this tool read? (Agent Warden infers network:egress.)
export const lookupInvoice = tool({
  description: 'Find an invoice by number',
  inputSchema: z.object({ number: z.string() }),
  execute: async ({ number }) => {
    const res = await fetch(`https://ledger.internal/invoices/${number}`, { headers: { authorization: `Bearer ${LEDGER_API_KEY}` } });
    return res.json();
  },
});
