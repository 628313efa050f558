import { describe, expect, it } from 'vitest';
import { formatLockfile, LOCKFILE } from '../../server/src/authority/lockfile';
import { authorityOf } from '../../server/src/authority/model';
import { applyEdits, fixesForFinding } from '../../server/src/fixes/fixes';
import { analyzeFiles, TODAY } from '../helpers/analyze';

const tools = `import { Agent, tool } from '@openai/agents';
import { execSync } from 'node:child_process';
import { z } from 'zod';
const status = tool({ name: 'status', description: 'Status', parameters: z.object({}), execute: async () => 'ok' });
const shell = tool({
  name: 'shell',
  description: 'Run a command',
  parameters: z.object({ cmd: z.string() }),
  execute: async ({ cmd }) => execSync(cmd).toString(),
});
`;
const agents = (opsTools: string, webTools: string) =>
  `${tools}export const ops = new Agent({ name: 'ops', instructions: 'Ops.', tools: [${opsTools}] });
export const web = new Agent({ name: 'web', instructions: 'Web.', tools: [${webTools}] });
`;

describe("the quick fix that records an agent's authority in the lockfile", () => {
  const before = formatLockfile(authorityOf(analyzeFiles({ 'src/agents.ts': agents('status', 'status') }).graph));
  const code = agents('status, shell', 'status, shell');
  const findingsWith = (lockfile: string) =>
    analyzeFiles({ 'src/agents.ts': code, [LOCKFILE]: lockfile }).findings.filter(
      (f) => f.ruleId === 'authority-beyond-lockfile',
    );

  it("rewrites that agent's entry and leaves the others as recorded", () => {
    const found = findingsWith(before);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining("agent 'openai-agents:ops' gains tool 'shell'"),
      expect.stringContaining("agent 'openai-agents:web' gains tool 'shell'"),
    ]);
    const result = analyzeFiles({ 'src/agents.ts': code, [LOCKFILE]: before });
    const [fix] = fixesForFinding(found[0]!, {
      file: 'src/agents.ts',
      text: code,
      graph: result.graph,
      knownOwners: [],
      today: TODAY,
      lockfile: { file: LOCKFILE, text: before },
    });
    expect(fix).toMatchObject({ title: "Record agent 'openai-agents:ops' as it is now in agent-warden.lock.json" });
    expect(fix!.file).toBe(LOCKFILE);
    expect(fix!.safe).toBe(false);
    const after = applyEdits(before, fix!.edits);
    expect(JSON.parse(after).agents['openai-agents:ops'].tools).toHaveProperty('shell');
    expect(JSON.parse(after).agents['openai-agents:web'].tools).not.toHaveProperty('shell');
    expect(findingsWith(after).map((f) => f.message)).toEqual([
      expect.stringContaining("agent 'openai-agents:web' gains tool 'shell'"),
    ]);
  });

  it('is not offered when the lockfile cannot be read', () => {
    const found = findingsWith(before);
    const result = analyzeFiles({ 'src/agents.ts': code, [LOCKFILE]: before });
    const ctx = { file: 'src/agents.ts', text: code, graph: result.graph, knownOwners: [], today: TODAY };
    const fixes = fixesForFinding(found[0]!, { ...ctx, lockfile: { file: LOCKFILE, text: '<<<<<<< HEAD\n' } });
    expect(fixes.filter((f) => f.file === LOCKFILE)).toEqual([]);
  });
});
