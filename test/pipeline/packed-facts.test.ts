import { describe, expect, it } from 'vitest';
import { WorkerExecutor } from '../../server/src/cli/worker-executor';
import { analyseFile, type FileResult } from '../../server/src/engine';
import { isPacked, packFacts, traitsOf, unpackedOnRead } from '../../server/src/pipeline/packed-facts';

/** Facts as bytes until read, and the two traits the pipeline asks of them. */

const AGENT = `import { tool } from 'ai';\nexport const t = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });\n`;
const PLAIN = `export const add = (a: number, b: number) => a + b;\n`;
const analysed = (text: string) => analyseFile({ file: 'src/a.ts', text }, {}, 'facts');

describe('packed facts', () => {
  it('unpack to the facts that were packed, once, when first read', () => {
    const result = analysed(AGENT);
    const packed = unpackedOnRead(packFacts(result)!);
    expect(isPacked(packed)).toBe(true);
    expect(packed.facts).toEqual(result.facts);
    expect(isPacked(packed)).toBe(false);
    expect(packed.facts).toBe(packed.facts);
  });

  it('tell their traits without being unpacked', () => {
    const packed = unpackedOnRead(packFacts(analysed(AGENT))!);
    expect(traitsOf(packed)).toEqual({ defines: true, makesTools: false });
    expect(isPacked(packed)).toBe(true);
  });

  it('answer from new facts once assigned them', () => {
    const packed = unpackedOnRead(packFacts(analysed(AGENT))!);
    packed.facts = analysed(PLAIN).facts;
    expect(traitsOf(packed)).toEqual({ defines: false, makesTools: false });
  });

  it('find a plain result’s traits once', () => {
    const result = analysed(AGENT);
    expect(traitsOf(result)).toBe(traitsOf(result));
    expect(traitsOf(result).defines).toBe(true);
  });

  it('are what the CLI keeps of each file it analyses in its own thread', async () => {
    const kept: FileResult[] = [];
    const jobs = [AGENT, PLAIN].map((text, k) => ({ input: { file: `src/${k}.ts`, text }, depth: 'facts' as const }));
    await new WorkerExecutor(1).run(jobs, {}, (_job, result) => kept.push(result));
    expect(kept.map(isPacked)).toEqual([true, true]);
    expect(kept.map((r) => r.facts)).toEqual(jobs.map(({ input }) => analyseFile(input, {}, 'facts').facts));
  });
});
