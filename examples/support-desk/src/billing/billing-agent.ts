/**
 * @revocation feature flag BILLING_ASSISTANT_ENABLED; rotate STRIPE_SECRET_KEY
 */
import { openai } from '@ai-sdk/openai';
import { generateText, stepCountIs } from 'ai';
import { lookupInvoice, refundCharge } from './tools';

/** Answers billing questions; can look up invoices and issue refunds. */
export async function answerBillingQuestion(question: string) {
  const { text } = await generateText({
    model: openai('gpt-5-mini'),
    // Mistake: the ledger token is pasted into the system prompt, where the model can repeat it.
    system: `You are the billing assistant of Acme support. Ledger token: ${process.env.LEDGER_TOKEN}`,
    prompt: question,
    tools: { lookupInvoice, refundCharge },
    stopWhen: stepCountIs(5),
  });
  return text;
}
