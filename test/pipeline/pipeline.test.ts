import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { OwnerResolver } from '../../server/src/analyzer/owners';
import type { AnalysisResult } from '../../server/src/analyzer/types';
import { DEFAULT_CONFIG } from '../../server/src/config/load-config';
import {
  analyseHere,
  type Executor,
  hashOf,
  inThread,
  readOutcome,
  UNHASHED,
} from '../../server/src/pipeline/executor';
import { isPacked, packedSize, packFacts, unpackedOnRead } from '../../server/src/pipeline/packed-facts';
import * as secretsScanner from '../../server/src/secrets/scan-secrets';
import { analyseFile } from '../../server/src/engine';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { Prefilter } from '../../server/src/pipeline/prefilter';
import {
  analyze,
  Pipeline,
  type PipelineFile,
  type PipelineSettings,
  type StoredResult,
} from '../../server/src/pipeline/pipeline';
import { TODAY } from '../helpers/analyze';

/** The pipeline's parameters, one test each: stored results, one file again, cancellation, cooperation. */

const settings = (): PipelineSettings => ({
  config: DEFAULT_CONFIG,
  today: TODAY,
  owners: new OwnerResolver({ cwd: '/virtual', configOwners: {}, configDir: '/virtual' }),
});

/** The files written to a folder: each given by its path (and read from there), tsconfig and package files by text. */
function onDisk(texts: ReadonlyMap<string, string>): { dir: string; files: PipelineFile[] } {
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-pipeline-'));
  for (const [file, text] of texts) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const files: PipelineFile[] = [...texts.keys()].map((file) =>
    file.endsWith('.json')
      ? { file, text: texts.get(file)! }
      : { file, path: join(dir, file), read: () => readFileSync(join(dir, file), 'utf8') },
  );
  return { dir, files };
}

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

const given = (files: Map<string, string>): PipelineFile[] => [...files].map(([file, text]) => ({ file, text }));

/** What a user sees of an analysis: findings where and what, tools and what they can do, agents. */
const seen = (r: AnalysisResult) => ({
  findings: r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.start.line}:${f.loc.start.column} ${f.message}`),
  tools: r.graph.tools.map((t) => `${t.name} ${t.capabilities.map((c) => c.capability).join(',')}`),
  agents: r.graph.agents.map((a) => `${a.name} ${a.owner ?? '-'}`),
});

const EXAMPLE = filesOf('examples/support-desk');
const PREFILTER = filesOf('test/fixtures/prefilter-reachability');

describe('Pipeline', () => {
  it('runs the same steps in this thread now and through an executor later', async () => {
    const now = new Pipeline(settings());
    now.analyseAllSync(given(EXAMPLE));
    const later = new Pipeline(settings());
    await later.analyseAll(given(EXAMPLE));
    expect(seen(later.link())).toEqual(seen(now.link()));
    expect(seen(now.link()).findings.length).toBeGreaterThan(0);
  });

  it('analyses one edited file again on its own and links what a fresh run of the edited files gives', () => {
    const edited = new Map(EXAMPLE);
    const [file, text] = [...EXAMPLE].find(([f, t]) => f.endsWith('.ts') && t.includes('@owner'))!;
    edited.set(file, text.replace(/@owner\s+\S+/g, ''));
    const pipeline = new Pipeline(settings());
    pipeline.analyseAllSync(given(EXAMPLE));
    const before = seen(pipeline.link());

    expect(pipeline.update(file, edited.get(file)!)).toBe(true);
    expect(pipeline.update(file, edited.get(file)!)).toBe(false); // the same text again: nothing to do
    const after = seen(pipeline.link());
    expect(after).toEqual(seen(analyze(given(edited), settings())));
    expect(after).not.toEqual(before);
  });

  it('lets stored results stand in for unchanged files, which it then never reads', () => {
    const first = new Pipeline(settings());
    first.analyseAllSync(given(PREFILTER));
    const key = first.cacheKey;
    const stored = (file: string, k: string): StoredResult | undefined => (k === key ? first.stored(file) : undefined);
    const reads: string[] = [];
    const vouched: PipelineFile[] = [...PREFILTER].map(([file, text]) =>
      file.endsWith('tsconfig.json') ? { file, text } : { file, unchanged: true, read: () => (reads.push(file), text) },
    );

    const second = new Pipeline(settings());
    expect(second.analyseAllSync(vouched, { stored })).toEqual({ analysed: 0 });
    expect(reads).toEqual([]);
    expect(seen(second.link())).toEqual(seen(first.link()));

    // A file whose text is given and differs from what was stored is analysed again.
    const changed = vouched.map((f) =>
      f.file === 'src/tools/wire.ts' ? { file: f.file, text: `${PREFILTER.get(f.file)!}\n// edited\n` } : f,
    );
    expect(new Pipeline(settings()).analyseAllSync(changed, { stored })).toEqual({ analysed: 1 });
  });

  it('with texts on demand, gives the same results and reads again only the files it parses', async () => {
    const files = new Map(PREFILTER).set('docs/notes.md', '# notes\n');
    const reads = new Map<string, number>();
    const onDemand: PipelineFile[] = [...files].map(([file, text]) =>
      file.endsWith('.json')
        ? { file, text }
        : { file, read: () => (reads.set(file, (reads.get(file) ?? 0) + 1), text) },
    );
    const lean = new Pipeline(settings());
    const stats = await lean.analyseAll(onDemand, { textsOnDemand: true });
    const held = new Pipeline(settings());
    await held.analyseAll(given(files));

    expect(seen(lean.link())).toEqual(seen(held.link()));
    expect(stats.analysed).toBe(files.size);
    const parsed = new Set([...files.keys()].filter((f) => held.stored(f)?.result.depth === 'facts'));
    expect(parsed.size).toBeGreaterThan(1);
    expect(reads.size).toBeGreaterThan(parsed.size); // some files are read for secrets only
    for (const [file, n] of reads) expect({ file, n }).toEqual({ file, n: parsed.has(file) ? 2 : 1 });
  });

  it('with texts on demand, hands its executor the files to parse by path: each text is read as its file is analysed', async () => {
    const { dir, files } = onDisk(PREFILTER);
    const handed: { file: string; text: string; path?: string }[] = [];
    const recording: Executor = {
      async run(jobs, options, done) {
        for (const { input, path } of jobs) handed.push({ file: input.file, text: input.text, path });
        await inThread().run(jobs, options, done);
      },
    };
    const lean = new Pipeline(settings());
    await lean.analyseAll(files, { executor: recording, textsOnDemand: true });
    const held = new Pipeline(settings());
    await held.analyseAll(given(PREFILTER));

    expect(seen(lean.link())).toEqual(seen(held.link()));
    const parsed = handed.filter((h) => !h.file.endsWith('.json'));
    expect(parsed.length).toBeGreaterThan(1);
    expect(parsed).toEqual(parsed.map(({ file }) => ({ file, text: '', path: join(dir, file) })));
  });

  it('unhashed, gives the same results from texts it never hashes, none of which stands in for a later reading', async () => {
    const { files } = onDisk(PREFILTER);
    const once = new Pipeline(settings());
    await once.analyseAll(files, { textsOnDemand: true, unhashed: true });
    const held = new Pipeline(settings());
    await held.analyseAll(given(PREFILTER));

    expect(seen(once.link())).toEqual(seen(held.link()));
    expect([...PREFILTER.keys()].map((f) => once.stored(f)?.hash)).toEqual([...PREFILTER.keys()].map(() => UNHASHED));
    // Read again, every file is analysed again; a hashed batch's results serve an unchanged reading.
    const read = (p: Pipeline) => p.analyseAll(files, { textsOnDemand: true });
    expect(await read(once)).toEqual({ analysed: PREFILTER.size });
    const hashed = new Pipeline(settings());
    await read(hashed);
    expect(await read(hashed)).toEqual({ analysed: 0 });
  });

  describe('a file searched for secrets, then reached by agent code, is searched again only if it reads otherwise', () => {
    const key = () => FAKE_KEYS['github-token']!();
    const helper = (k: string, padding = '') =>
      `export const KEY = '${k}';${padding}\nexport function lookup() {\n  return fetch('https://api.example.com', { headers: { authorization: KEY } });\n}\n`;
    const AGENT = `import { tool } from 'ai';\nimport { lookup } from './lookup';\nexport const t = tool({ description: 'Look up', inputSchema: {} as any, execute: async () => lookup() });\n`;

    // `byPath`: the executor reads the file for its facts (a job given by its path); otherwise this thread reads it
    // again through the file's reader.
    it.each([
      { name: 'the same text, hashed', byPath: true, unhashed: false, rewrite: undefined, searches: 1 },
      { name: 'the same text, unhashed', byPath: true, unhashed: true, rewrite: undefined, searches: 1 },
      { name: 'another key of the same length, hashed', byPath: true, unhashed: false, rewrite: '', searches: 2 },
      { name: 'another key and a longer text, unhashed', byPath: true, unhashed: true, rewrite: ' // x', searches: 2 },
      { name: 'the same text, read again here', byPath: false, unhashed: true, rewrite: undefined, searches: 1 },
      { name: 'another key, read again here', byPath: false, unhashed: false, rewrite: '', searches: 2 },
    ])('$name: searched $searches time(s)', async ({ byPath, unhashed, rewrite, searches }) => {
      const first = helper(key());
      const { dir, files } = onDisk(
        new Map([
          ['src/agent.ts', AGENT],
          ['src/lookup.ts', first],
        ]),
      );
      const final = rewrite === undefined ? first : helper(key(), rewrite);
      const given = byPath ? files : files.map(({ file, text, read }) => ({ file, text, read }));
      const searched = vi.spyOn(secretsScanner, 'scanSecrets');
      // Rewritten once the seed is analysed: after the helper's first reading, before its facts are extracted.
      const onProgress = () => writeFileSync(join(dir, 'src/lookup.ts'), final);
      const pipeline = new Pipeline(settings());
      await pipeline.analyseAll(given, { textsOnDemand: true, unhashed, onProgress });
      const helperSearches = searched.mock.calls.filter(([text]) => text.includes('export function lookup')).length;
      searched.mockRestore();
      const stored = pipeline.stored('src/lookup.ts')!.result;
      expect(stored.depth).toBe('facts');
      expect(helperSearches).toBe(searches);
      const fresh = analyseFile({ file: 'src/lookup.ts', text: final }, {}, 'facts');
      expect(stored.secrets).toEqual(fresh.secrets);
      expect(stored.secrets).toHaveLength(1);
    });
  });

  it('lets an executor that reads files in its own thread read them: the same results, no text in this one', async () => {
    const files = new Map(PREFILTER).set('docs/notes.md', '# notes\n');
    const reads = new Map<string, number>();
    // The other thread's reading: by path (here the file's name), undefined for a file that is gone.
    const readThere = (path: string) => (reads.set(path, (reads.get(path) ?? 0) + 1), files.get(path));
    const reading: Executor = {
      async run(jobs, options, done) {
        for (const job of jobs) {
          const text = job.path ? (readThere(job.path) ?? '') : job.input.text;
          done(job, analyseHere({ ...job, input: { ...job.input, text } }, options), job.path && hashOf(text));
        }
      },
      async read(jobs, options) {
        return jobs.map((job) => {
          const text = readThere(job.path);
          return text === undefined ? undefined : readOutcome({ file: job.file, text }, job.priorHash, options);
        });
      },
    };
    // A file the other thread could not read is tried here, where the caller's reader tells why.
    const triedHere: string[] = [];
    const neverHere = (file: string) => () =>
      file === 'src/gone.ts' ? void triedHere.push(file) : expect.unreachable('read in the pipeline’s thread');
    const byPath: PipelineFile[] = [...files.keys(), 'src/gone.ts'].map((file) =>
      file.endsWith('.json') ? { file, text: files.get(file)! } : { file, path: file, read: neverHere(file) },
    );
    const pipeline = new Pipeline(settings());
    const stats = await pipeline.analyseAll(byPath, { executor: reading });
    const held = new Pipeline(settings());
    await held.analyseAll(given(files));

    expect(seen(pipeline.link())).toEqual(seen(held.link()));
    expect(pipeline.files().sort()).toEqual([...files.keys()].sort());
    expect(stats.analysed).toBe(files.size);
    const parsed = new Set([...files.keys()].filter((f) => held.stored(f)?.result.depth === 'facts'));
    expect(parsed.size).toBeGreaterThan(1);
    for (const [file, n] of reads) expect({ file, n }).toEqual({ file, n: parsed.has(file) ? 2 : 1 });
    expect(triedHere).toEqual(['src/gone.ts']);

    // Indexed again, unchanged: every file is read once more to know it is, and none is analysed.
    reads.clear();
    expect(await pipeline.analyseAll(byPath, { executor: reading })).toEqual({ analysed: 0 });
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(seen(pipeline.link())).toEqual(seen(held.link()));
  });

  it('keeps facts an executor packed unpacked until a link reads them: an edit’s link reads its neighbourhood’s', async () => {
    const packing: Executor = {
      async run(jobs, options, done) {
        for (const job of jobs) {
          const result = analyseHere(job, options);
          const packed = packFacts(result);
          done(job, packed ? unpackedOnRead(packed) : result);
        }
      },
    };
    const pipeline = new Pipeline(settings());
    await pipeline.analyseAll(given(PREFILTER), { executor: packing });
    const withFacts = pipeline.files().filter((f) => pipeline.stored(f)!.result.depth === 'facts');
    const packed = () => withFacts.filter((f) => isPacked(pipeline.stored(f)!.result));
    expect(withFacts.length).toBeGreaterThan(2);
    expect(packed()).toEqual(withFacts); // the pre-filter decided from what was told of the facts
    // What a whole link will take to unpack them, which the CLI makes room for: three bytes per byte packed.
    const packedBytes = (files: string[]) => files.reduce((n, f) => n + packedSize(pipeline.stored(f)!.result), 0);
    const before = pipeline.unpackedFactsBytes();
    expect(before).toBe(3 * packedBytes(withFacts));

    const edited = 'src/agent.ts';
    const near = pipeline.neighbourhoodOf(edited);
    pipeline.link(near);
    expect(packed()).toEqual(withFacts.filter((f) => !near.has(f)));
    expect(packed().length).toBeGreaterThan(0);
    expect(pipeline.unpackedFactsBytes()).toBe(3 * packedBytes(packed()));
    expect(pipeline.unpackedFactsBytes()).toBeLessThan(before);

    // Unpacked in slices after the index, what a whole link reads is unpacked already.
    await pipeline.unpackForLinking();
    const left = packed();
    const held = new Pipeline(settings());
    held.analyseAllSync(given(PREFILTER));
    expect(seen(pipeline.link())).toEqual(seen(held.link()));
    expect(packed()).toEqual(left);
  });

  it('counts each file once in its progress, also one analysed again when agent code turns out to reach it', async () => {
    // pick.ts returns one of several values, which the pre-filter counts as a function that may make tools
    // (relevance.ts `makesTools`), and only pick.ts's own facts show it: use.ts, which imports pick.ts and nothing an
    // agent defines, is read for secrets, then parsed once those facts are known.
    const files = new Map([
      [
        'src/agent.ts',
        `import { tool } from 'ai';\nimport { pick } from './pick';\n` +
          `export const t = tool({ description: 'x', inputSchema: {} as any, execute: async () => pick(true) });\n`,
      ],
      ['src/pick.ts', `export function pick(a: boolean) {\n  if (a) return { x: 1 };\n  return { y: 2 };\n}\n`],
      ['src/use.ts', `import { pick } from './pick';\nexport const v = pick(false);\n`],
    ]);
    const pipeline = new Pipeline(settings());
    const reports: [number, number][] = [];
    await pipeline.analyseAll(given(files), { onProgress: (done, total) => reports.push([done, total]) });
    expect(pipeline.stored('src/use.ts')?.result.depth).toBe('facts');
    expect(reports).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('stops a batch between files when cancelled, and runs the next one whole', async () => {
    const pipeline = new Pipeline(settings());
    const controller = new AbortController();
    const reason = new Error('a newer index started');
    const cancelled = pipeline.analyseAll(given(EXAMPLE), {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 3) controller.abort(reason);
      },
    });
    await expect(cancelled).rejects.toBe(reason);
    expect(pipeline.files().length).toBeLessThan(EXAMPLE.size);

    await pipeline.analyseAll(given(EXAMPLE));
    expect(pipeline.files().length).toBe(EXAMPLE.size);
    expect(seen(pipeline.link())).toEqual(seen(analyze(given(EXAMPLE), settings())));
  });

  it('keeps an edit made while the pre-filter makes its graph, which holds the other files as they were', async () => {
    const importing = (target: string) => `import { x } from './${target}';\nexport const y = x;\n`;
    const pipeline = new Pipeline(settings());
    pipeline.update('src/open.ts', importing('lib/mailer'), { buffer: true });
    const sliced = Prefilter.sliced.bind(Prefilter);
    const during = vi.spyOn(Prefilter, 'sliced').mockImplementation(function* (...args) {
      pipeline.update('src/open.ts', importing('billing/refund'), { buffer: true });
      return yield* sliced(...args);
    });
    try {
      await pipeline.analyseAll(given(PREFILTER), { cooperative: true });
    } finally {
      during.mockRestore();
    }
    const fresh = new Pipeline(settings());
    fresh.update('src/open.ts', importing('billing/refund'), { buffer: true });
    fresh.analyseAllSync(given(PREFILTER));
    const near = (p: Pipeline) =>
      [...PREFILTER.keys(), 'src/open.ts'].map((f) => [f, [...p.neighbourhoodOf(f)].sort()]);
    expect(near(pipeline)).toEqual(near(fresh));
    expect(pipeline.neighbourhoodOf('src/open.ts')).toContain('src/billing/refund.ts');
  });

  it('keeps the import graph of a batch that ran to its end, and of what a cancelled one stored only', async () => {
    const run = async (cancelAt?: number) => {
      const pipeline = new Pipeline(settings());
      const controller = new AbortController();
      const onProgress = (done: number) => done === cancelAt && controller.abort(new Error('a newer index started'));
      await pipeline.analyseAll(given(PREFILTER), { signal: controller.signal, onProgress }).catch(() => undefined);
      return pipeline;
    };
    const near = (p: Pipeline, files: string[]) => files.map((f) => [f, [...p.neighbourhoodOf(f)].sort()]);
    const heldOf = (files: string[]) => {
      const held = new Pipeline(settings());
      held.analyseAllSync(given(new Map([...PREFILTER].filter(([file]) => files.includes(file)))));
      return held;
    };
    const whole = await run();
    expect(whole.graphsBuilt).toBe(0);
    expect(near(whole, whole.files())).toEqual(near(heldOf(whole.files()), whole.files()));
    const cut = await run(2);
    const stored = cut.files();
    expect(stored.length).toBe(2);
    expect(near(cut, stored)).toEqual(near(heldOf(stored), stored));
    expect(near(cut, stored)).not.toEqual(near(whole, stored)); // the files it read but did not store are left out
  });

  it('yields to the event loop while it works when asked to cooperate', async () => {
    const many = new Map(EXAMPLE);
    for (let i = 0; i < 120; i++) many.set(`notes/n${i}.md`, `# note ${i}\n`);
    const turns = async (cooperative: boolean) => {
      let ticks = 0;
      let running = true;
      const tick = () => {
        ticks++;
        if (running) setImmediate(tick);
      };
      setImmediate(tick);
      await new Pipeline(settings()).analyseAll(given(many), { cooperative });
      running = false;
      return ticks;
    };
    expect(await turns(true)).toBeGreaterThan(await turns(false));
  });

  it('stores the results that still serve in slices while cooperating, as it does every other step', async () => {
    const many = new Map(EXAMPLE);
    for (let i = 0; i < 1000; i++) many.set(`notes/n${i}.md`, `# note ${i}\n`);
    const pipeline = new Pipeline(settings());
    pipeline.analyseAllSync(given(many));
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    // Each stored result that serves is kept again and counted: at which turn of the event loop, each taking 50 µs
    // (50 ms in all), so that the batch has to pause among them on any machine.
    const keptAt = new Set<number>();
    const kept = () => {
      keptAt.add(ticks);
      const until = performance.now() + 0.05;
      while (performance.now() < until);
    };
    setImmediate(tick);
    await pipeline.analyseAll(given(many), { cooperative: true, onProgress: kept });
    running = false;
    expect(keptAt.size).toBeGreaterThan(5);
  });

  it('reads the files the aliases come from in slices while cooperating, before any analysis', async () => {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    const readAt: number[] = [];
    // Package manifests of a monorepo, each taking a millisecond to read: the first 40 reads learn the aliases.
    const manifests: PipelineFile[] = Array.from({ length: 40 }, (_, i) => ({
      file: `packages/p${i}/package.json`,
      read: () => {
        readAt.push(ticks);
        const until = performance.now() + 1;
        while (performance.now() < until);
        return JSON.stringify({ name: `@acme/p${i}`, main: 'index.js' });
      },
    }));
    setImmediate(tick);
    await new Pipeline(settings()).analyseAll(manifests, { cooperative: true });
    running = false;
    expect(readAt.length).toBeGreaterThanOrEqual(40);
    expect(readAt[39]!).toBeGreaterThan(readAt[0]!);
  });

  it('makes an open file’s new imports in the import graph in place, neither opening it nor typing builds it anew', () => {
    const edited = 'src/unrelated/report.ts';
    const texts = [
      PREFILTER.get(edited)!,
      `import { refund } from '../billing/refund';\nexport const r = refund;\n`,
      `import { refund } from '../billing/refund';\nimport { send } from '../lib/mailer';\nexport const r = [refund, send];\n`,
      `import { send } from '../lib/mailer';\nexport const r = send;\n`,
    ];
    const neighbourhoods = (p: Pipeline) =>
      Object.fromEntries([...PREFILTER.keys()].map((f) => [f, [...p.neighbourhoodOf(f)].sort()]));
    const pipeline = new Pipeline(settings());
    pipeline.analyseAllSync(given(PREFILTER));
    pipeline.neighbourhoodOf(edited);
    expect(pipeline.graphsBuilt).toBe(0); // the pre-filter's graph serves
    const built = pipeline.graphsBuilt;
    for (const text of texts) {
      pipeline.update(edited, text, { buffer: true });
      const fresh = new Pipeline(settings());
      fresh.analyseAllSync(given(new Map([...PREFILTER, [edited, text]])));
      expect(neighbourhoods(pipeline)).toEqual(neighbourhoods(fresh));
      expect(seen(pipeline.link([...pipeline.neighbourhoodOf(edited)]))).toEqual(
        seen(fresh.link([...fresh.neighbourhoodOf(edited)])),
      );
    }
    expect(neighbourhoods(pipeline)['src/billing/refund.ts']).not.toContain(edited);
    expect(pipeline.graphsBuilt).toBe(built);
  });

  it('completes the import graph it is building in slices when an edit’s diagnostics ask for it, building no other', async () => {
    const files = new Map(PREFILTER);
    for (let i = 0; i < 3000; i++)
      files.set(`src/gen/m${i}.ts`, `import { m } from './m${(i + 1) % 3000}';\nexport { m };\n`);
    const open = 'src/unrelated/report.ts';
    const pipeline = new Pipeline(settings());
    pipeline.update(open, files.get(open)!, { buffer: true });
    const asked: number[] = [];
    let running = true;
    // An editor asking for the open file's diagnostics between every two slices of the batch.
    const ask = () => {
      asked.push(pipeline.neighbourhoodOf(open).size);
      if (running) setImmediate(ask);
    };
    setImmediate(ask);
    await pipeline.analyseAll(given(files), { cooperative: true });
    running = false;
    expect(asked.length).toBeGreaterThan(20);
    expect(pipeline.graphsBuilt).toBe(1); // the open file's own, before the batch
    const fresh = new Pipeline(settings());
    fresh.update(open, files.get(open)!, { buffer: true });
    fresh.analyseAllSync(given(files));
    expect([...pipeline.neighbourhoodOf('src/gen/m7.ts')].sort()).toEqual(
      [...fresh.neighbourhoodOf('src/gen/m7.ts')].sort(),
    );
  });

  it('builds the import graph in slices while cooperating: the graph of what it stored, whenever an edit comes', async () => {
    // Enough files that the batch pauses many times; the open file's imports change at one pause after another, so
    // that some edit lands while each graph is being built, and a graph built before it must not be kept.
    const files = new Map(PREFILTER);
    for (let i = 0; i < 150; i++)
      files.set(`src/gen/m${i}.ts`, `import { m } from './m${(i + 1) % 150}';\nexport { m };\n`);
    const importing = (target: string) => `import { x } from './${target}';\nexport const y = x;\n`;
    const neighbourhoods = (p: Pipeline) =>
      Object.fromEntries([...files.keys(), 'src/open.ts'].map((f) => [f, [...p.neighbourhoodOf(f)].sort()]));
    const fresh = new Pipeline(settings());
    fresh.update('src/open.ts', importing('billing/refund'), { buffer: true });
    fresh.analyseAllSync(given(files));
    const expected = neighbourhoods(fresh);
    expect(expected['src/billing/refund.ts']).toContain('src/open.ts');

    let editedAt = 0;
    for (let at = 1; at < 500; at++) {
      const sliced = new Pipeline(settings());
      sliced.update('src/open.ts', importing('lib/mailer'), { buffer: true });
      let pauses = 0;
      let running = true;
      const tick = () => {
        if (++pauses === at) editedAt = at;
        if (pauses === at) sliced.update('src/open.ts', importing('billing/refund'), { buffer: true });
        if (running) setImmediate(tick);
      };
      setImmediate(tick);
      await sliced.analyseAll(given(files), { cooperative: true });
      running = false;
      if (editedAt !== at) break; // the batch ended before this pause: every pause has had its edit
      expect({ at, graph: neighbourhoods(sliced) }).toEqual({ at, graph: expected });
    }
    expect(editedAt).toBeGreaterThan(3);
  });

  it('keeps a buffer analysed before any batch when the same settings arrive again (an editor sends them late)', () => {
    const p = new Pipeline(settings());
    const text = `import { tool } from 'ai';\nexport const t = tool({ description: 'Ping', execute: async () => 1 });\n`;
    expect(p.update('src/t.ts', text, { buffer: true })).toBe(true);
    const before = p.stored('src/t.ts')!.result;
    p.reconfigure(settings());
    expect(p.stored('src/t.ts')!.result).toBe(before);
    // Options that change extraction (an audit logger named in the config) do analyse it again.
    p.reconfigure({ ...settings(), config: { ...DEFAULT_CONFIG, auditLoggers: ['journal.write'] } });
    expect(p.stored('src/t.ts')!.result).not.toBe(before);
  });

  it('extracts facts again when a tsconfig gives the project a paths alias', () => {
    const withoutTsconfig = new Map([...PREFILTER].filter(([f]) => !f.endsWith('tsconfig.json')));
    const tsconfig = [...PREFILTER].find(([f]) => f.endsWith('tsconfig.json'))!;
    const pipeline = new Pipeline(settings(), (file) => PREFILTER.get(file));
    pipeline.analyseAllSync(given(withoutTsconfig));
    const before = seen(pipeline.link());

    pipeline.update(tsconfig[0], tsconfig[1]);
    const after = seen(pipeline.link());
    expect(after).toEqual(seen(analyze(given(PREFILTER), settings())));
    expect(after).not.toEqual(before);
  });

  it('links an edited file’s neighbourhood alone, with the path aliases it imports through', () => {
    const pipeline = new Pipeline(settings(), (file) => PREFILTER.get(file));
    pipeline.analyseAllSync(given(PREFILTER));
    const neighbourhood = pipeline.neighbourhoodOf('src/agent.ts');
    const linked = pipeline.link(neighbourhood);
    const refund = (r: AnalysisResult) => seen(r).tools.find((t) => t.startsWith('refundTool '));
    // The mailer is imported through the tsconfig's `@lib/*`: its `fetch` reaches the tool only with the alias.
    expect(refund(linked)).toBe('refundTool payments:write,network:send');
    expect(refund(linked)).toEqual(refund(pipeline.link()));
    expect(neighbourhood.has('tsconfig.json')).toBe(false);
    expect(linked.stats.files).toBe(neighbourhood.size + 1); // and the tsconfig its aliases come from
    expect(linked.stats.files).toBeLessThan(PREFILTER.size);
  });

  it('reads again for facts a reachable file since stored for its secrets only, at the next link', () => {
    const pipeline = new Pipeline(settings(), (file) => PREFILTER.get(file));
    pipeline.analyseAllSync(given(PREFILTER));
    const whole = seen(pipeline.link());
    const mailer = 'src/lib/mailer.ts';
    pipeline.update(mailer, `${PREFILTER.get(mailer)!}\n`, { depth: 'secrets' });
    expect(pipeline.stored(mailer)!.result.depth).toBe('secrets');
    expect(seen(pipeline.link())).toEqual(whole);
    expect(pipeline.stored(mailer)!.result.depth).toBe('facts');
  });
});
