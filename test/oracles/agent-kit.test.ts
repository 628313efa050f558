import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * Inngest AgentKit's own runtime is the oracle: the fixture (shaped after AgentKit's examples: tools in files of
 * their own, one created inline, agents per file, a network with a code router) is loaded on the pinned
 * `@inngest/agent-kit`, and its exported agents and networks are read back: each agent's `tools` map (the names the
 * model is given) and each network's `agents` map (whom its router can hand a turn to).
 */
const PROBE = `
const mod = await import('./agent-kit-network.mjs');
const shapes = Object.values(mod).map((x) =>
  x.agents instanceof Map
    ? { name: x.name, tools: [], delegates: [...x.agents.keys()], approvals: [] }
    : { name: x.name, tools: [...x.tools.keys()], delegates: [], approvals: [] },
);
console.log(JSON.stringify(shapes));
`;

describe('Inngest AgentKit: static inventory = the runtime’s agents and networks', () => {
  it('@inngest/agent-kit 0.13', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/agent-kit-network';
    const live = probeRuntime(`${fixture}/src/index.ts`, 'agent-kit-network', PROBE, 'frameworks');
    expect(live.map((a) => a.name)).toEqual(['Billing', 'Customer Support', 'Support Network']);
    expect(staticAgents(fixture, 'agent-kit')).toEqual(live);
  });
});
