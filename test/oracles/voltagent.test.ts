import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * VoltAgent's own runtime is the oracle: the fixture (shaped after VoltAgent's templates: tools in files of their
 * own, a toolkit, a supervisor with sub-agents, `new VoltAgent({ agents })`) is run on the pinned
 * `@voltagent/core`, and the agents it registered are read from VoltAgent's `AgentRegistry`: each agent's tools
 * (`getTools()`, toolkits flattened), sub-agents and the tools that need approval.
 */
const PROBE = `
import { AgentRegistry } from '@voltagent/core';
await import('./voltagent-agents.mjs');
const agents = AgentRegistry.getInstance().getAllAgents().map((a) => ({
  name: a.name,
  tools: a.getTools().map((t) => t.name),
  delegates: a.getSubAgents().map((s) => s.name),
  approvals: a.getTools().filter((t) => t.needsApproval === true).map((t) => t.name),
}));
console.log(JSON.stringify(agents));
process.exit(0);
`;

describe('VoltAgent: static inventory = the runtime’s agents', () => {
  it('@voltagent/core 2', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/voltagent-agents';
    const live = probeRuntime(`${fixture}/src/index.ts`, 'voltagent-agents', PROBE, 'frameworks');
    expect(live.map((a) => a.name)).toEqual(['Supervisor', 'Triage', 'Writer']);
    expect(staticAgents(fixture, 'voltagent')).toEqual(live);
  });
});
