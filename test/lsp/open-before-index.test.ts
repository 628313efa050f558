import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/cli';
import { type LspSession, startLsp } from '../helpers/lsp-client';

/**
 * The file a developer opens gets its diagnostics at once, while a large workspace is still being indexed: the pull
 * is answered between the index's slices, from the file and what it imports.
 */
describe('diagnostics of the opened file before the index completes', () => {
  let s: LspSession;
  beforeAll(async () => {
    const files: Record<string, string> = {
      'src/agent.ts': `import { tool } from 'ai';
import { execSync } from 'node:child_process';
export const shell = tool({ description: 'Run', inputSchema: {} as never, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
`,
    };
    // Enough agent code that indexing takes a while on any machine.
    for (let i = 0; i < 3000; i++)
      files[`packages/p${i % 50}/src/t${i}.ts`] =
        `import { tool } from 'ai';\nexport const t${i} = tool({ description: 'Tool ${i}', inputSchema: {} as never, execute: async () => fetch('https://api.example/${i}') });\n`;
    s = await startLsp(tempProject(files), { progress: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('answers the pull while indexing is still under way', async () => {
    s.open('src/agent.ts');
    const pulled = await s.pull('src/agent.ts');
    const indexedBefore = s.progress.some((p) => p.value.kind === 'end');
    expect(pulled.items!.map((d) => d.code)).toContain('unapproved-high-risk-action');
    expect(indexedBefore).toBe(false);
    await s.waitReady();
  });

  it('indexes in a thread of its own, leaving the server free for requests', async () => {
    await s.waitReady();
    expect(s.logs.find((l) => l.includes('[agent-warden] indexed'))).toMatch(
      /indexed 3001 files in a thread of its own/,
    );
  });

  it.runIf(process.platform === 'linux')(
    'the index thread yields the CPU: it alone runs at the lowest priority (V8’s helpers serve the server’s thread too)',
    async () => {
      await s.waitReady();
      const nice = nicenessOfThreads(s.proc.pid!);
      expect(nice.filter((n) => n === 19)).toHaveLength(1);
      expect(nice.filter((n) => n === 0).length).toBeGreaterThan(1);
    },
  );
});

/**
 * The index stands aside while an edit is handled (edit-priority.ts), but edits that never pause (a macro, a tool
 * rewriting the file, changes the client never pulls diagnostics for) slow it down and never stop it.
 */
describe('edits that never pause while the workspace indexes', () => {
  let s: LspSession;
  beforeAll(async () => {
    const files: Record<string, string> = { 'src/agent.ts': `import { tool } from 'ai';\nexport const a = 1;\n` };
    for (let i = 0; i < 600; i++)
      files[`src/tools/t${i}.ts`] =
        `import { tool } from 'ai';\nexport const t${i} = tool({ description: 'Tool ${i}', inputSchema: {} as never, execute: async () => fetch('https://api.example/${i}') });\n`;
    s = await startLsp(tempProject(files));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('leave the index its share of the time: it completes while they go on', async () => {
    let ready = false;
    const indexed = s.waitReady().then(() => (ready = true));
    s.open('src/agent.ts');
    let edits = 0;
    while (!ready) {
      s.change('src/agent.ts', `import { tool } from 'ai';\nexport const a = ${++edits};\n`);
      await sleep(2);
    }
    await indexed;
    expect(edits).toBeGreaterThan(20); // they went on all the while
  });
});

/** The nice value of each of a process's threads (field 19 of /proc/<pid>/task/<tid>/stat). */
function nicenessOfThreads(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after it.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}
