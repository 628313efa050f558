import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * Google ADK's own runtime is the oracle: the fixture (shaped after ADK's multi-agent samples: function tools in
 * files of their own, a coordinator with sub-agents and an agent offered as a tool, a tool that requires
 * confirmation, built-in tools) is loaded on the pinned `@google/adk`, and every agent under the root is read back:
 * the tools the model is given (`canonicalTools()`, by name), its sub-agents and the agents its tools run
 * (`AgentTool`), and the tools whose confirmation gate is set.
 */
const PROBE = `
const { rootAgent } = await import('./adk-travel.mjs');
const all = [];
const visit = (agent) => {
  if (all.includes(agent)) return;
  all.push(agent);
  for (const sub of agent.subAgents) visit(sub);
  for (const t of agent.tools ?? []) if (t.agent) visit(t.agent);
};
visit(rootAgent);
const agents = [];
for (const agent of all) {
  const tools = await agent.canonicalTools();
  const approvals = [];
  for (const t of tools) if (t.checkRequireConfirmation && (await t.checkRequireConfirmation({}))) approvals.push(t.name);
  agents.push({
    name: agent.name,
    tools: tools.map((t) => t.name),
    delegates: [...agent.subAgents.map((s) => s.name), ...tools.flatMap((t) => (t.agent ? [t.agent.name] : []))],
    approvals,
  });
}
console.log(JSON.stringify(agents));
process.exit(0);
`;

describe('Google ADK: static inventory = the runtime’s agents', () => {
  it('@google/adk 2.0', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/adk-travel';
    const live = probeRuntime(`${fixture}/src/agents/index.ts`, 'adk-travel', PROBE, 'frameworks');
    expect(live.map((a) => a.name)).toEqual([
      'booking_agent',
      'research_agent',
      'summarizer',
      'travel_coordinator',
      'weather_agent',
    ]);
    expect(staticAgents(fixture, 'google-adk')).toEqual(live);
  });
});
