import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempProject } from '../helpers/cli';
import { type OracleProject, probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * VoltAgent's own runtime is the oracle: the fixture (shaped after VoltAgent's templates: tools in files of their
 * own, a toolkit, a supervisor with sub-agents, `new VoltAgent({ agents })`) is run on the pinned `@voltagent/core`,
 * and the agents it registered are read from VoltAgent's `AgentRegistry`: each agent's tools (`getTools()`, toolkits
 * flattened), sub-agents and the tools that need approval. The same sources run on both majors people use; for 1.x
 * they are copied into a project whose package.json declares 1.x, where `needsApproval` does not exist: the runtime
 * gates nothing there, and neither may the inventory.
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

const FIXTURE = 'test/fixtures/voltagent-agents';

/** The fixture's sources in a project of their own that declares VoltAgent 1.x (the rest of the fixture, as is). */
function asVoltAgent1(): string {
  const dir = tempProject({
    'package.json': JSON.stringify({
      name: 'voltagent-support-desk-1',
      type: 'module',
      dependencies: { '@voltagent/core': '^1.5.2', ai: '^5.0.0' },
    }),
  });
  cpSync(join(REPO, FIXTURE, 'src'), join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'agent-warden.json'), '{}');
  return dir;
}

const MAJORS: { label: string; dir: () => string; project: OracleProject; gated: string[] }[] = [
  { label: '@voltagent/core 2', dir: () => FIXTURE, project: 'frameworks', gated: ['close_ticket'] },
  { label: '@voltagent/core 1', dir: asVoltAgent1, project: 'voltagent-1', gated: [] },
];

describe('VoltAgent: static inventory = the runtime’s agents', () => {
  for (const { label, dir: dirOf, project, gated } of MAJORS) {
    it(label, { timeout: 90_000 }, () => {
      const dir = dirOf();
      const bundle = `voltagent-agents-${project}`;
      const live = probeRuntime(`${dir}/src/index.ts`, bundle, probe(bundle), project);
      expect(live.map((a) => a.name)).toEqual(['Supervisor', 'Triage', 'Writer']);
      expect(live.flatMap((a) => a.approvals)).toEqual(gated);
      expect(staticAgents(dir, 'voltagent')).toEqual(live);
    });
  }
});
