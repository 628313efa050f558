import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/cli';
import { type LspSession, startLsp } from '../helpers/lsp-client';

/** Indexing is reported as the editor shows progress: `$/progress` begin, reports, end, on a token the server made. */
describe('workspace indexing progress', () => {
  let s: LspSession;
  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++)
      files[`src/tools/t${i}.ts`] =
        `import { tool } from 'ai';\nexport const t${i} = tool({ description: '', inputSchema: {} as never, execute: async () => ${i} });\n`;
    s = await startLsp(tempProject(files), { progress: true });
    await s.waitReady();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('begins, reports files done with a percentage, and ends', async () => {
    for (let i = 0; i < 50 && !s.progress.some((p) => p.value.kind === 'end'); i++)
      await new Promise((r) => setTimeout(r, 100));
    const kinds = s.progress.map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
    expect(new Set(s.progress.map((p) => p.token)).size).toBe(1);
    expect(s.progress[0]!.value).toMatchObject({ title: 'Agent Warden: indexing', cancellable: true });
    const reports = s.progress.filter((p) => p.value.kind === 'report').map((p) => p.value);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.at(-1)).toMatchObject({ percentage: 100, message: '120 of 120 files' });
    const percentages = reports.map((r) => r.percentage!);
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
  });
});
