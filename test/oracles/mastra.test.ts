import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * Mastra's own runtime is the oracle: the fixture (shaped after Mastra's weather template: tools and agents in
 * files of their own under `src/mastra/`, a `Mastra` instance registering the agents; and a planner with a
 * sub-agent, a tool keyed under another name than its id, one that needs approval) runs on the pinned
 * `@mastra/core`, and each registered agent is read back: `listTools()` keys (what the model is given),
 * `listAgents()` (its sub-agents, by name) and the tools with `requireApproval`.
 */
const PROBE = `
const { mastra } = await import('./mastra-weather.mjs');
const agents = [];
for (const agent of Object.values(mastra.listAgents())) {
  const tools = await agent.listTools();
  const subAgents = await agent.listAgents();
  agents.push({
    name: agent.name,
    tools: Object.keys(tools),
    delegates: Object.values(subAgents).map((a) => a.name),
    approvals: Object.entries(tools).filter(([, t]) => t.requireApproval === true).map(([k]) => k),
  });
}
console.log(JSON.stringify(agents));
process.exit(0);
`;

describe('Mastra: static inventory = the runtime’s agents', () => {
  it('@mastra/core 1.71', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/mastra-weather';
    const live = probeRuntime(`${fixture}/src/mastra/index.ts`, 'mastra-weather', PROBE, '.');
    expect(live.map((a) => a.name)).toEqual(['Planner Agent', 'Weather Agent']);
    expect(staticAgents(fixture, 'mastra')).toEqual(live);
  });
});
