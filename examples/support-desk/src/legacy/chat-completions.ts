/**
 * The original support bot, still on raw Chat Completions.
 * @owner team-support
 * @revocation delete the LEGACY_BOT route; rotate OPENAI_API_KEY
 */
import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

// agent-warden-ignore-next-line unscoped-tool
export async function legacyBot(message: string) {
  return client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: message }],
    tools: [
      {
        type: 'function',
        function: { name: 'get_order_status', description: 'Look up the status of an order', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } },
      },
    ],
  });
}
