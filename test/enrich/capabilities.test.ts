import { describe, expect, it } from 'vitest';
import { computeCapabilities } from '../../server/src/enrich/capabilities';
import { agentNamed, linkFiles, toolNamed } from '../helpers/link';

describe('computeCapabilities', () => {
  it('a tool’s capabilities come from its code, its risk from the highest', () => {
    const g = linkFiles({
      'src/tools.ts': `import { tool } from 'ai';\nimport { execSync } from 'node:child_process';\nimport { readFileSync } from 'node:fs';
export const run = tool({ description: '', inputSchema: {} as any, execute: async ({ cmd }: any) => { readFileSync('a.txt'); return execSync(cmd); } });
export const add = tool({ description: '', inputSchema: {} as any, execute: async ({ a, b }: any) => a + b });`,
    });
    computeCapabilities(g);
    const run = toolNamed(g, 'run');
    expect(run.capabilities.map((c) => c.capability)).toEqual(expect.arrayContaining(['system:exec', 'file:read']));
    expect(run.risk).toBe('critical');
    expect(toolNamed(g, 'add')).toMatchObject({ capabilities: [], risk: undefined });
  });

  it('an instance held in a `let` given its value once, later (in `main()`), is followed into its methods', () => {
    const server = (declaration: string, assignments: string) =>
      linkFiles({
        'src/index.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { promises as fs } from 'node:fs';
class GraphStore {
  constructor(private path: string) {}
  private async save(text: string) { await fs.writeFile(this.path, text); }
  async deleteEntities(names: string[]) { await this.save(names.join()); }
}
${declaration}
const server = new McpServer({ name: 'memory', version: '1.0.0' });
server.registerTool('delete_entities', { description: '' }, async () => {
  await manager.deleteEntities(['x']);
  return { content: [] };
});
async function main() { ${assignments} }
main();`,
      });
    for (const declaration of ['let manager;', 'let manager: GraphStore;']) {
      const g = server(declaration, "manager = new GraphStore('/data/memory.json');");
      computeCapabilities(g);
      expect(toolNamed(g, 'delete_entities').capabilities.map((c) => c.capability)).toEqual(['file:write']);
    }
    // Given a value in two places, it is either: the code shows nothing, only the tool's name claims a deletion.
    const twice = server('let manager;', "manager = new GraphStore('/a'); manager = otherStore();");
    computeCapabilities(twice);
    expect(toolNamed(twice, 'delete_entities').capabilities.map((c) => [c.capability, c.basis])).toEqual([
      ['resource:delete', 'declared'],
    ]);
  });

  it('an agent’s effective permission is what its tools and delegates reach, with the hops', () => {
    const g = linkFiles({
      'src/agents.ts': `import { Agent, tool } from '@openai/agents';\nimport { execSync } from 'node:child_process';
export const shell = tool({ name: 'shell', description: '', parameters: {} as any, execute: async ({ cmd }: any) => execSync(cmd).toString() });
export const ops = new Agent({ name: 'ops', tools: [shell] });
export const triage = new Agent({ name: 'triage', handoffs: [ops] });`,
    });
    computeCapabilities(g);
    const exec = agentNamed(g, 'triage').effective.find((c) => c.capability === 'system:exec');
    expect(exec?.path.map((p) => p.message)).toEqual(["hands off to agent 'ops'", "tool 'shell'"]);
    expect(agentNamed(g, 'triage').risk).toBe('critical');
  });

  it('agents that hand off to each other both reach what either can do', () => {
    const g = linkFiles({
      'src/agents.ts': `import { Agent, tool } from '@openai/agents';\nimport { execSync } from 'node:child_process';
export const shell = tool({ name: 'shell', description: '', parameters: {} as any, execute: async ({ cmd }: any) => execSync(cmd).toString() });
export const ops: Agent = new Agent({ name: 'ops', tools: [shell], handoffs: [triage] });
export const triage: Agent = new Agent({ name: 'triage', handoffs: [ops] });`,
    });
    // ops is walked first: triage is computed inside that walk, while ops is cut as in progress.
    computeCapabilities(g);
    expect(agentNamed(g, 'triage').delegates).toEqual([agentNamed(g, 'ops').id]);
    expect(agentNamed(g, 'ops').delegates).toEqual([agentNamed(g, 'triage').id]);
    const viaOps = agentNamed(g, 'triage').effective.find((c) => c.capability === 'system:exec');
    expect(viaOps?.path.map((p) => p.message)).toEqual(["hands off to agent 'ops'", "tool 'shell'"]);
    expect(agentNamed(g, 'ops').effective.map((c) => c.capability)).toEqual(['system:exec']);
  });
});
