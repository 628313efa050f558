import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../server/src/engine';
import { IndexWorkerExecutor } from '../../server/src/lsp/index-worker';
import { analyseHere, type FileJob, hashOf, readOutcome } from '../../server/src/pipeline/executor';
import { isPacked, traitsOf } from '../../server/src/pipeline/packed-facts';
import { collectFiles } from '../../server/src/project/collect-files';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { SERVER } from '../helpers/lsp-client';

/** The index thread reads files itself: what it tells of each must be what reading and analysing here tells. */

const dir = mkdtempSync(join(tmpdir(), 'index-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILES: Record<string, string> = {
  'src/agent.ts': `import { tool } from 'ai';\nexport const t = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });\n`,
  'src/util.ts': `export const key = '${FAKE_KEYS['openai-api-key']!()}';\n`,
  'notes.md': '# notes\n',
  // A bundle's worth of function summaries.
  'src/many.ts': Array.from({ length: 600 }, (_, i) => `export function f${i}(x: string) { return fetch(x); }\n`).join(
    '',
  ),
};
mkdirSync(join(dir, 'src'));
for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dir, file), text);
writeFileSync(join(dir, 'src/binary.ts'), Buffer.from([0x63, 0, 0x64]));
const OPTIONS = { catalog: [] };

const byPath = (file: string): FileJob => ({ input: { file, text: '' }, depth: 'facts', path: join(dir, file) });

async function collect(executor: IndexWorkerExecutor, jobs: FileJob[]) {
  const got: [string, FileResult, string | undefined][] = [];
  await executor.run(jobs, OPTIONS, (job, result, hash) => got.push([job.input.file, result, hash]));
  return got;
}

describe.each([
  ['a thread of its own', SERVER],
  ["the server's thread, when no thread can start", undefined],
])('the index executor reading in %s', (_where, script) => {
  const executor = new IndexWorkerExecutor(script);
  afterAll(() => executor.destroy());

  it('tells each file’s hash, imports and secrets as reading it here does; nothing for a file it cannot read', async () => {
    const jobs = [...Object.keys(FILES), 'src/binary.ts', 'src/missing.ts'].map((file) => ({
      file,
      path: join(dir, file),
    }));
    const outcomes = await executor.read(jobs, OPTIONS);
    const here = Object.entries(FILES).map(([file, text]) => readOutcome({ file, text }, undefined, OPTIONS));
    expect(outcomes).toEqual([...here, undefined, undefined]);
    expect(outcomes[0]).toMatchObject({ seed: true, specifiers: ['ai'] });
    expect(outcomes[0]!.secrets).toBeUndefined(); // a seed is read again for its facts
    expect(outcomes[1]!.secrets!.secrets).toHaveLength(1);
  });

  it('lists the workspace’s files as listing them here does', async () => {
    const listed = await executor.collect(['.'], dir, ['notes.md'], dir);
    expect(listed).toEqual(await collectFiles(['.'], dir, ['notes.md'], dir));
    expect(listed).toContain('src/agent.ts');
    expect(listed).not.toContain('notes.md');
  });

  it('searches no file again that is unchanged since the result it has', async () => {
    const text = FILES['src/util.ts']!;
    const [outcome] = await executor.read(
      [{ file: 'src/util.ts', path: join(dir, 'src/util.ts'), priorHash: hashOf(text) }],
      OPTIONS,
    );
    expect(outcome).toEqual({ hash: hashOf(text), size: text.length, specifiers: [], seed: false, subclass: false });
  });

  it('analyses a job given by its path as one given its text, and tells the hash of what it read', async () => {
    const got = await collect(executor, [byPath('src/agent.ts'), byPath('src/gone.ts')]);
    const text = FILES['src/agent.ts']!;
    const expected = analyseHere({ input: { file: 'src/agent.ts', text }, depth: 'facts' }, OPTIONS);
    expect(got[0]).toEqual(['src/agent.ts', expected, hashOf(text)]);
    expect(got[0]![1].facts!.tools).toHaveLength(1);
    // A file gone since it was first read is analysed as empty, as reading it here would.
    expect(got[1]![2]).toBe(hashOf(''));
  });

  it('gives a result with a bundle’s worth of function summaries whole', async () => {
    const [got] = await collect(executor, [byPath('src/many.ts')]);
    const text = FILES['src/many.ts']!;
    expect(got![1].facts!.functions.length).toBeGreaterThanOrEqual(600);
    expect(got![1]).toEqual(analyseHere({ input: { file: 'src/many.ts', text }, depth: 'facts' }, OPTIONS));
  });

  it('keeps facts from its own thread packed until they are read, and tells what the pipeline asks of them', async () => {
    const [, result] = (await collect(executor, [byPath('src/agent.ts')]))[0]!;
    const expected = analyseHere(
      { input: { file: 'src/agent.ts', text: FILES['src/agent.ts']! }, depth: 'facts' },
      OPTIONS,
    );
    expect(isPacked(result)).toBe(!!script);
    expect(traitsOf(result)).toEqual({ defines: true, makesTools: false });
    expect(isPacked(result)).toBe(!!script);
    expect(result.facts).toEqual(expected.facts);
    expect(isPacked(result)).toBe(false);
    expect(result.facts).toBe(result.facts); // unpacked once
  });
});
