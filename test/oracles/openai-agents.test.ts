import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * The OpenAI Agents SDK's own runtime is the oracle: the fixture (shaped after the SDK's airline customer-service
 * example: tools in files of their own, a triage agent handing off to two specialists, one of which hands back, an
 * agent offered as a tool, a tool that needs approval) runs on the pinned `@openai/agents`, and each agent reachable
 * from the triage agent is read back: its tools' names (what the model is given), its handoffs and the agents its
 * tools run (the SDK's own registry of `asTool()` tools), and the tools whose `needsApproval` says yes.
 */
const PROBE = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const { triageAgent } = await import('./openai-agents-airline.mjs');
// The SDK links each asTool() tool to its agent in a registry of its own (not exported: read in place).
const core = createRequire(import.meta.url).resolve('@openai/agents-core');
const registry = await import(pathToFileURL(core.replace(/index\\.(m?js|cjs)$/, 'agentToolSourceRegistry.mjs')).href);
const seen = new Map();
const visit = (agent) => {
  if (seen.has(agent.name)) return;
  seen.set(agent.name, agent);
  for (const h of agent.handoffs) visit(h.agent ?? h);
  for (const t of agent.tools) { const a = registry.getAgentToolSourceAgent(t); if (a) visit(a); }
};
visit(triageAgent);
const agents = [];
for (const agent of seen.values()) {
  const approvals = [];
  for (const t of agent.tools) if (t.type === 'function' && (await t.needsApproval({}, {}, 'probe'))) approvals.push(t.name);
  agents.push({
    name: agent.name,
    tools: agent.tools.map((t) => t.name),
    delegates: [
      ...agent.handoffs.map((h) => (h.agent ?? h).name),
      ...agent.tools.flatMap((t) => registry.getAgentToolSourceAgent(t)?.name ?? []),
    ],
    approvals,
  });
}
console.log(JSON.stringify(agents));
process.exit(0);
`;

describe('OpenAI Agents SDK: static inventory = the runtime’s agents', () => {
  it('@openai/agents 0.20', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/openai-agents-airline';
    const live = probeRuntime(`${fixture}/src/agents/index.ts`, 'openai-agents-airline', PROBE, 'frameworks');
    expect(live.map((a) => a.name)).toEqual(['FAQ Agent', 'Seat Booking Agent', 'Spanish Translator', 'Triage Agent']);
    expect(staticAgents(fixture, 'openai-agents')).toEqual(live);
  });
});
