/**
 * Research assistant (LangChain / LangGraph). Owned through CODEOWNERS.
 * @revocation remove from the support-desk router; rotate TAVILY_API_KEY
 */
import { StructuredTool, tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';

/** @scope network:send */
const webSearch = tool(
  async ({ query }) => {
    const res = await fetch('https://api.tavily.com/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.TAVILY_API_KEY}` },
      body: JSON.stringify({ query }),
    });
    return res.text();
  },
  { name: 'web_search', description: 'Search the web', schema: z.object({ query: z.string() }) },
);

/** Summarises a support ticket thread. Mistake: no @scope. */
class SummariseTicket extends StructuredTool {
  name = 'summarise_ticket';
  description = 'Summarise a ticket thread';
  schema = z.object({ ticketId: z.string() });
  async _call({ ticketId }: { ticketId: string }) {
    return `summary of ${ticketId}`;
  }
}

export const researcher = createReactAgent({
  llm: 'openai:gpt-5-mini' as never,
  tools: [webSearch, new SummariseTicket()],
  name: 'researcher',
});
