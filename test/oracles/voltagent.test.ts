import { describe, expect, it } from 'vitest';
import { type OracleProject, probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * VoltAgent's own runtime is the oracle: the fixture (shaped after VoltAgent's templates: tools in files of their
 * own, a toolkit, a supervisor with sub-agents, `new VoltAgent({ agents })`) is run on the pinned `@voltagent/core`,
 * and the agents it registered are read from VoltAgent's `AgentRegistry`: each agent's tools (`getTools()`, toolkits
 * flattened), sub-agents and the tools that need approval. The same sources run on both majors people use; the 1.x
 * copy declares 1.x in its package.json, where `needsApproval` does not exist: the runtime gates nothing there, and
 * neither may the inventory.
 */
const probe = (bundle: string) => `
import { AgentRegistry } from '@voltagent/core';
await import('./${bundle}.mjs');
const agents = AgentRegistry.getInstance().getAllAgents().map((a) => ({
  name: a.name,
  tools: a.getTools().map((t) => t.name),
  delegates: a.getSubAgents().map((s) => s.name),
  approvals: a.getTools().filter((t) => t.needsApproval === true).map((t) => t.name),
}));
console.log(JSON.stringify(agents));
process.exit(0);
`;

const MAJORS: { label: string; fixture: string; project: OracleProject; gated: string[] }[] = [
  { label: '@voltagent/core 2', fixture: 'voltagent-agents', project: 'frameworks', gated: ['close_ticket'] },
  { label: '@voltagent/core 1', fixture: 'voltagent-1-agents', project: 'voltagent-1', gated: [] },
];

describe('VoltAgent: static inventory = the runtime’s agents', () => {
  for (const { label, fixture, project, gated } of MAJORS) {
    it(label, { timeout: 90_000 }, () => {
      const dir = `test/fixtures/${fixture}`;
      const live = probeRuntime(`${dir}/src/index.ts`, fixture, probe(fixture), project);
      expect(live.map((a) => a.name)).toEqual(['Supervisor', 'Triage', 'Writer']);
      expect(live.flatMap((a) => a.approvals)).toEqual(gated);
      expect(staticAgents(dir, 'voltagent')).toEqual(live);
    });
  }
});
