/**
 * Front-door agents (OpenAI Agents SDK): triage hands off to specialists.
 * @owner team-support
 */
import { Agent, handoff, tool } from '@openai/agents';
import { z } from 'zod';

/**
 * Searches the help-centre articles.
 * @scope network:egress
 */
const searchHelpCentre = tool({
  name: 'search_help_centre',
  description: 'Search public help-centre articles',
  parameters: z.object({ query: z.string() }),
  execute: async ({ query }) => {
    const res = await fetch(`https://help.acme.example/api/search?q=${encodeURIComponent(query)}`);
    return res.text();
  },
});

// agent-warden-ignore-next-line unscoped-tool -- pure formatting, reads and writes nothing
const formatReply = tool({
  name: 'format_reply',
  description: 'Format a reply in the house style',
  parameters: z.object({ text: z.string() }),
  execute: async ({ text }) => text.trim(),
});

/**
 * @revocation feature flag TECH_AGENT_ENABLED
 */
export const technicalAgent = new Agent({
  name: 'Technical support',
  instructions: 'Help with product problems. Search the help centre first.',
  tools: [searchHelpCentre, formatReply],
});

// Mistake: no @revocation on an agent that can act for customers.
export const accountsAgent = new Agent({
  name: 'Accounts',
  instructions: 'Help with account changes.',
  tools: [formatReply],
});

/**
 * Mistake: granted ticket reads only, but its handoffs reach the network through the technical agent.
 * @scope tickets:read
 * @revocation feature flag SUPPORT_TRIAGE_ENABLED; runbook https://wiki.acme.example/support/kill-switch
 */
export const triageAgent = new Agent({
  name: 'Triage',
  instructions: 'Work out what the customer needs and hand off.',
  handoffs: [technicalAgent, handoff(accountsAgent, { toolNameOverride: 'to_accounts' })],
  tools: [accountsAgent.asTool({ toolName: 'ask_accounts', toolDescription: 'Ask the accounts agent a question' })],
});
