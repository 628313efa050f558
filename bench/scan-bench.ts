/**
 * `npm run bench`: whole-process timings, side by side in one run (contenders alternated, BENCH_RUNS runs —
 * 5 by default —, medians). Corpora: the agent-dense corpus (published agent code where tools and agents are
 * defined: bench/dense/corpus.json, fetched by scripts/dense-corpus.mjs), a generated agent monorepo at 1×, 2× and
 * 4×, and real published code (agent frameworks, SDKs and MCP servers at the versions package-lock.json pins: over
 * a million lines). BENCH_CORPORA=dense,generated,published picks some.
 * Contenders: the parse floor (`ts.createSourceFile` on every file, one thread), agent-warden cold, warm
 * (`--cache`) and with worker threads, secretlint 13 (recommended preset), ESLint + @typescript-eslint/parser
 * with one rule. Figures: wall time, CPU time, peak RSS, and ratios to the floor and to each peer.
 * Nothing is asserted: these machines are noisy; the numbers are for reading.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MAX_FILE_BYTES } from '../server/src/project/collect-files';

const REPO = process.cwd();
/** The published packages and contenders (third-party/package.json); the MCP SDK is the root package's. */
const THIRD_PARTY = join(REPO, 'third-party');
const packageDir = (p: string) =>
  [THIRD_PARTY, REPO].map((root) => join(root, 'node_modules', p)).find((d) => existsSync(d)) ??
  join(REPO, 'node_modules', p);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'agent-warden-bench-'));
// The corpora (~80 MB) go when the bench ends, however it ends; BENCH_KEEP=1 keeps them to look at.
process.on('exit', () => {
  if (process.env.BENCH_KEEP) console.log(`corpora kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

// ---- corpora
function generated(scale: number): string {
  const dir = join(work, `generated-${scale}x`);
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  for (let pkg = 0; pkg < 10 * scale; pkg++) {
    for (let i = 0; i < 10; i++) {
      write(
        `packages/p${pkg}/src/tools/tool-${i}.ts`,
        `import { tool } from 'ai';\nimport { z } from 'zod';\nimport { query } from '../db';\n/** @owner team-${pkg} @scope db:read */\nexport const t${i} = tool({\n  description: 'tool ${i}',\n  inputSchema: z.object({ id: z.string() }),\n  execute: async ({ id }) => query('SELECT * FROM t${i} WHERE id = $1', [id]),\n});\n${'// padding line to look like real code\n'.repeat(20)}`,
      );
      write(
        `packages/p${pkg}/src/util/helper-${i}.ts`,
        `export function helper${i}(x: number): number {\n  let s = 0;\n  for (let k = 0; k < x; k++) s += k * ${i};\n  return s;\n}\n${'export const c' + i + ' = ' + i + ';\n'}`.repeat(
          8,
        ),
      );
    }
    write(
      `packages/p${pkg}/src/db.ts`,
      `import pg from 'pg';\nconst pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });\nexport const query = (sql: string, args: unknown[]) => pool.query(sql, args);\n`,
    );
    write(
      `packages/p${pkg}/src/agent.ts`,
      `import { ToolLoopAgent } from 'ai';\n${Array.from({ length: 10 }, (_, i) => `import { t${i} } from './tools/tool-${i}';`).join('\n')}\n/** @owner team-${pkg} @revocation flag P${pkg} */\nexport const agent = new ToolLoopAgent({ model: {} as any, instructions: '', tools: { ${Array.from({ length: 10 }, (_, i) => `t${i}`).join(', ')} } });\n`,
    );
  }
  return dir;
}

/** Real code: agent frameworks, model SDKs and MCP servers, their published JavaScript (over 1M lines in all). */
const PUBLISHED = [
  '@modelcontextprotocol/sdk',
  '@modelcontextprotocol/server-github',
  'mcp-server-kubernetes',
  'openai',
  '@langchain/core',
  '@anthropic-ai/sdk',
  '@mastra/core',
];

function published(): string {
  const dir = join(work, 'published');
  for (const p of PUBLISHED) {
    const src = packageDir(p);
    if (existsSync(src))
      cpSync(src, join(dir, p.replace('/', '__')), {
        recursive: true,
        filter: (s) => !s.endsWith('.map') && !s.endsWith('.d.ts') && !s.endsWith('.d.mts') && !s.endsWith('.d.cts'),
      });
  }
  return dir;
}

/** The agent-dense corpus, copied out of its cache (contenders write their configs into the tree). */
function agentDense(): string {
  const fetched = spawnSync(process.execPath, [join(REPO, 'scripts/dense-corpus.mjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (fetched.status !== 0) throw new Error('the agent-dense corpus could not be fetched');
  const dir = join(work, 'agent-dense');
  cpSync(fetched.stdout.trim(), dir, { recursive: true });
  return dir;
}

/** Written in code that defines a tool or an agent, in any framework the corpus holds (a textual count). */
const DEFINES =
  /\b(createTool|tool|registerTool|defineTool|createReactAgent|createAgent|supplyData)\(|\.tool\(|new (Agent|ToolLoopAgent|McpServer|FastMCP|DynamicStructuredTool|FunctionTool)\b|ListToolsRequestSchema|extends (StructuredTool|Tool)\b/;

// ---- contenders
const floorScript = join(work, 'parse-floor.cjs');
writeFileSync(
  floorScript,
  `const ts = require(${JSON.stringify(require.resolve('typescript', { paths: [REPO] }))});
const fs = require('fs'); const path = require('path');
let n = 0, seen = 0;
// Optional: parse only every parts-th file starting at part (two processes on halves measure parallel headroom).
const part = Number(process.argv[3] ?? 0), parts = Number(process.argv[4] ?? 1);
// Given a file rather than a folder, parse that one alone (the largest file's parse bounds any scan's peak memory).
if (fs.statSync(process.argv[2]).isFile()) { ts.createSourceFile(process.argv[2], fs.readFileSync(process.argv[2], 'utf8'), ts.ScriptTarget.Latest, true); n++; }
else (function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) { const p = path.join(d, e.name);
  if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== '.agent-warden-cache') walk(p); }
  else if (/\\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(e.name) && !/\\.d\\.[mc]?ts$/.test(e.name) && seen++ % parts === part) { ts.createSourceFile(p, fs.readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true); n++; } } })(process.argv[2]);
console.error(n + ' files parsed');`,
);

interface Sample {
  wall: number;
  cpu: number;
  rss: number;
}

function measure(cmd: string[], cwd: string): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...cmd], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const lines = r.stderr.trim().split('\n');
  // Exit 1 is "found something" for every contender; anything else is a run that did not do the work.
  if (r.status === null || r.status > 1)
    throw new Error(`${cmd.join(' ')} failed (exit ${r.status}):\n${lines.slice(-15, -1).join('\n')}`);
  const [e = NaN, u = NaN, s = NaN, m = NaN] = (lines.pop() ?? '').split(' ').map(Number);
  return { wall: e, cpu: u + s, rss: m / 1024 };
}

const bin = (n: string) =>
  [THIRD_PARTY, REPO].map((root) => join(root, 'node_modules/.bin', n)).find((b) => existsSync(b)) ?? n;
const CLI = join(REPO, 'dist/cli.js');

function contenders(dir: string, largest: string): [string, () => Sample][] {
  writeFileSync(
    join(dir, '.secretlintrc.json'),
    JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
  );
  writeFileSync(
    join(dir, 'eslint.config.mjs'),
    `import tsParser from ${JSON.stringify(require.resolve('@typescript-eslint/parser', { paths: [REPO] }))};\nexport default [{ files: ['**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}'], languageOptions: { parser: tsParser }, rules: { 'no-debugger': 'error' } }];\n`,
  );
  writeFileSync(join(dir, 'agent-warden.json'), '{}');
  const cacheDir = join(dir, '.agent-warden-cache');
  return [
    ['parse floor (ts.createSourceFile)', () => measure([process.execPath, floorScript, dir], dir)],
    // The least memory a scan that parses every file with this compiler can peak at.
    [LARGEST_ALONE, () => measure([process.execPath, floorScript, largest], dir)],
    // What two cores give here: the same floor split over two processes at once (threads cannot beat this).
    [
      'parse floor, 2 processes on halves',
      () =>
        measure(
          [
            'bash',
            '-c',
            `"${process.execPath}" "${floorScript}" . 0 2 & "${process.execPath}" "${floorScript}" . 1 2 & wait`,
          ],
          dir,
        ),
    ],
    [
      'agent-warden cold',
      () => {
        rmSync(cacheDir, { recursive: true, force: true });
        return measure([process.execPath, CLI, 'scan', '.', '--format', 'json', '--output', '/dev/null'], dir);
      },
    ],
    [
      'agent-warden warm (--cache)',
      () => {
        measure([process.execPath, CLI, 'scan', '.', '--format', 'json', '--cache', '--output', '/dev/null'], dir);
        return measure(
          [process.execPath, CLI, 'scan', '.', '--format', 'json', '--cache', '--output', '/dev/null'],
          dir,
        );
      },
    ],
    [
      'agent-warden --threads 2',
      () => {
        rmSync(cacheDir, { recursive: true, force: true });
        return measure(
          [process.execPath, CLI, 'scan', '.', '--format', 'json', '--threads', '2', '--output', '/dev/null'],
          dir,
        );
      },
    ],
    [
      'secretlint 13 (recommended)',
      () => measure([bin('secretlint'), '**/*', '--format', 'json', '--no-color', '--output', '/dev/null'], dir),
    ],
    [
      'eslint (+ts parser, 1 rule)',
      // Its config named: published packages ship eslint.config files of their own, which ESLint would load for
      // their folders (and fail on, their plugins not being installed).
      () =>
        measure(
          [
            bin('eslint'),
            '.',
            '-c',
            join(dir, 'eslint.config.mjs'),
            '--no-warn-ignored',
            '-f',
            'json',
            '-o',
            '/dev/null',
          ],
          dir,
        ),
    ],
  ];
}

const LARGEST_ALONE = 'parse floor, the largest file alone';

/** The source files every contender parses: outside node_modules folders (at any depth), as the floor walks them. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  (function walk(d: string) {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.agent-warden-cache') walk(join(d, e.name));
      } else if (/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(e.name) && !/\.d\.[mc]?ts$/.test(e.name))
        out.push(join(d, e.name));
    }
  })(dir);
  return out;
}

/** The largest source file the analyzer parses (a larger one it skips). */
function largestSource(dir: string): { path: string; bytes: number } {
  const sized = sourceFiles(dir).map((path) => ({ path, bytes: statSync(path).size }));
  return sized.filter((f) => f.bytes <= MAX_FILE_BYTES).reduce((a, b) => (b.bytes > a.bytes ? b : a));
}

/** The source files' count, their lines, and how many define a tool or an agent in their text (DEFINES). */
function sourceStats(dir: string): { files: number; lines: number; defining: number } {
  const files = sourceFiles(dir);
  let lines = 0;
  let defining = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (DEFINES.test(text)) defining++;
  }
  return { files: files.length, lines, defining };
}

/** The files where the analyzer found a tool or an agent, from its inventory. */
function filesWithIdentities(dir: string): number {
  const r = spawnSync(process.execPath, [CLI, 'inventory', '.', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const inv = JSON.parse(r.stdout) as { agents: { file: string }[]; tools: { file: string }[] };
  return new Set([...inv.agents, ...inv.tools].map((x) => x.file)).size;
}

/** One cold scan with `--timing`: its stage table, as the CLI prints it. */
function stageTable(dir: string): string {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', '--output', '/dev/null', '--timing'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const lines = r.stderr.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Stage'));
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const wanted = new Set((process.env.BENCH_CORPORA ?? 'dense,generated,published').split(','));
/** Contenders left out (`BENCH_SKIP=eslint`: words of their names, comma-separated), so more runs fit in the time. */
const skipped = (process.env.BENCH_SKIP ?? '').split(',').filter(Boolean);
const ratio = (wall: number, other: number | undefined) => (other === undefined ? '—' : (wall / other).toFixed(2));
const corpora: [string, string][] = [
  ...(wanted.has('dense') ? ([['agent-dense (npm)', agentDense()]] as [string, string][]) : []),
  ...(wanted.has('generated')
    ? ([
        ['generated 1×', generated(1)],
        ['generated 2×', generated(2)],
        ['generated 4×', generated(4)],
      ] as [string, string][])
    : []),
  ...(wanted.has('published') ? ([['published packages', published()]] as [string, string][]) : []),
];
const rssOf = new Map<string, number>();

console.log(`runs per contender: ${RUNS} (alternated), medians; machine: ${cpus().length} cores\n`);
const wallOf = new Map<string, number>();
for (const [name, dir] of corpora) {
  const largest = largestSource(dir);
  const list = contenders(dir, largest.path).filter(([n]) => !skipped.some((word) => n.includes(word)));
  const samples = new Map<string, Sample[]>(list.map(([n]) => [n, []]));
  for (let run = 0; run < RUNS; run++) for (const [n, fn] of list) samples.get(n)!.push(fn());
  const { files, lines, defining } = sourceStats(dir);
  console.log(`### ${name} (${files.toLocaleString('en')} source files, ${lines.toLocaleString('en')} lines)\n`);
  if (dir.endsWith('agent-dense')) {
    console.log(
      `${defining.toLocaleString('en')} of ${files.toLocaleString('en')} source files (${((100 * defining) / files).toFixed(0)}%) define a tool or an agent in their text; the analyzer finds tools or agents in ${filesWithIdentities(dir).toLocaleString('en')}\n`,
    );
  }
  if (dir.endsWith('published'))
    console.log(
      `${PUBLISHED.map((p) => `${p}@${JSON.parse(readFileSync(join(packageDir(p), 'package.json'), 'utf8')).version}`).join(', ')}\n`,
    );
  console.log('| contender | wall s | CPU s | peak RSS MB | × floor | × secretlint | × eslint |');
  console.log('|---|---|---|---|---|---|---|');
  const med = (n: string) => {
    const s = samples.get(n);
    return s ? median(s.map((x) => x.wall)) : undefined;
  };
  const floor = med('parse floor (ts.createSourceFile)');
  for (const [n] of list) {
    const s = samples.get(n)!;
    const wall = med(n)!;
    wallOf.set(`${name}:${n}`, wall);
    rssOf.set(`${name}:${n}`, median(s.map((x) => x.rss)));
    console.log(
      `| ${n} | ${wall.toFixed(2)} | ${median(s.map((x) => x.cpu)).toFixed(2)} | ${median(s.map((x) => x.rss)).toFixed(0)} | ${ratio(wall, floor)} | ${ratio(wall, med('secretlint 13 (recommended)'))} | ${ratio(wall, med('eslint (+ts parser, 1 rule)'))} |`,
    );
  }
  console.log('');
  if (dir.endsWith('agent-dense')) {
    console.log(`Time per stage, one cold scan (agent-warden scan --timing):\n\n${stageTable(dir)}\n`);
    const w = (n: string) => wallOf.get(`${name}:${n}`)!;
    const floorWall = w('parse floor (ts.createSourceFile)');
    const secretlint = w('secretlint 13 (recommended)');
    // What the machine and the compiler allow, measured in the same run: where a goal lies beyond it, no scan that
    // parses every file with this compiler can meet it here.
    console.log('| agent-dense corpus | measured | goal | the bound here |\n|---|---|---|---|');
    console.log(
      `| cold scan, one thread ÷ parse floor | ${(w('agent-warden cold') / floorWall).toFixed(2)}× | ≤ 1.0× | |`,
    );
    console.log(
      `| cold scan --threads 2 ÷ parse floor | ${(w('agent-warden --threads 2') / floorWall).toFixed(2)}× | ≤ 0.7× | the floor on two processes: ${(w('parse floor, 2 processes on halves') / floorWall).toFixed(2)}× |`,
    );
    console.log(
      `| cold scan ÷ secretlint 13 | ${(w('agent-warden cold') / secretlint).toFixed(2)}× | < 1 (faster) | the parse floor ÷ secretlint: ${(floorWall / secretlint).toFixed(2)}× |`,
    );
    console.log(
      `| peak RSS of the cold scan | ${rssOf.get(`${name}:agent-warden cold`)!.toFixed(0)} MB | ≤ 250 MB | parsing its largest file alone (${(largest.bytes / 1e6).toFixed(1)} MB, ${largest.path.slice(dir.length + 1)}): ${rssOf.get(`${name}:${LARGEST_ALONE}`)!.toFixed(0)} MB |\n`,
    );
  }
}
if (wanted.has('generated')) {
  const g = (scale: string) => wallOf.get(`generated ${scale}:agent-warden cold`)!;
  console.log(
    `growth, agent-warden cold: 2×/1× = ${(g('2×') / g('1×')).toFixed(2)}, 4×/1× = ${(g('4×') / g('1×')).toFixed(2)} (linear would be 2 and 4)`,
  );
}
