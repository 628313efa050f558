/**
 * Inputs for fuzzing the analyzer: generated agent code (fast-check), mutations of real files from pinned
 * packages (truncation after every kind of token, byte flips, invalid UTF-8, BOM, CRLF/CR, spliced tokens),
 * and hand-made extremes (10,000-deep nesting, minified bundles, very long lines and strings, binary).
 * Deterministic for a seed. Used by `npm run fuzz` (the full run) and by a smaller run in the tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { loadTypeScript } from '../../server/src/typescript';
import { prng } from '../helpers/prng';

// The fuzzer tokenises inputs itself, before the analyzer has loaded the compiler.
const ts = loadTypeScript();

export { prng };

export interface FuzzInput {
  /** What the input is, for the report: `mutation:truncate-after-OpenBraceToken`, `generated:agent-code`, … */
  kind: string;
  /** Where it came from (a real file, or a generator). */
  origin: string;
  /** The file name it is analysed under (the extension picks the parser). */
  file: string;
  text: string;
}

/** Real agent code to mutate: MCP servers and SDK sources from pinned packages, and the example project. */
export function seedFiles(repo: string, limit: number): { origin: string; file: string; text: string }[] {
  const roots = [
    'examples/support-desk/src',
    'third-party/node_modules/@modelcontextprotocol/server-github/dist',
    'third-party/node_modules/@modelcontextprotocol/server-slack/dist',
    'third-party/node_modules/@modelcontextprotocol/server-gitlab/dist',
    'third-party/node_modules/@modelcontextprotocol/server-postgres/dist',
    'third-party/node_modules/mcp-server-kubernetes/dist',
    'node_modules/@modelcontextprotocol/sdk/dist/esm/server',
    'third-party/node_modules/openai/src/resources',
    'third-party/node_modules/@langchain/core/dist/tools',
  ];
  const out: { origin: string; file: string; text: string }[] = [];
  for (const root of roots) {
    const abs = join(repo, root);
    if (!existsSync(abs)) continue;
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts') && statSync(p).size < 200_000)
          out.push({ origin: relative(repo, p), file: `src/${name}`, text: readFileSync(p, 'utf8') });
      }
    };
    walk(abs);
  }
  // Spread the picks over every root rather than taking the first `limit` of one.
  const step = Math.max(1, Math.floor(out.length / limit));
  return out.filter((_, i) => i % step === 0).slice(0, limit);
}

/** Token end offsets of a file, first occurrence of each token kind (the truncation points). */
function tokenEnds(text: string): Map<string, number> {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const firstEnd = new Map<string, number>();
  for (let k = scanner.scan(), n = 0; k !== ts.SyntaxKind.EndOfFileToken && n < 200_000; k = scanner.scan(), n++) {
    const name = ts.SyntaxKind[k];
    if (!firstEnd.has(name)) firstEnd.set(name, scanner.getTokenEnd());
  }
  return firstEnd;
}

const SPLICES = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '`',
  '${',
  '/*',
  '*/',
  '//',
  '"',
  "'",
  '<',
  '>',
  '</',
  '=>',
  'async ',
  'class ',
  '@',
  '#',
  '\\',
  '\u2028',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'tool({',
  'new Agent({',
  'server.tool(',
  'import ',
  'export * from ',
  'require(',
  '...',
];

/** Every mutation of one real file. */
export function mutations(seed: { origin: string; file: string; text: string }, rand: () => number): FuzzInput[] {
  const out: FuzzInput[] = [];
  const { origin, file, text } = seed;
  const add = (kind: string, t: string, f = file) => out.push({ kind, origin, file: f, text: t });
  for (const [kind, end] of tokenEnds(text)) add(`truncate-after-${kind}`, text.slice(0, end));
  for (let i = 0; i < 4; i++) add('truncate-mid-token', text.slice(0, Math.floor(rand() * text.length)));
  for (let i = 0; i < 4; i++) {
    const bytes = Buffer.from(text, 'utf8');
    const flips = 1 + Math.floor(rand() * 16);
    for (let k = 0; k < flips && bytes.length; k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
    add('byte-flips', bytes.toString('utf8'));
  }
  const invalid = Buffer.from(text, 'utf8');
  if (invalid.length) {
    for (let k = 0; k < 8; k++) invalid[Math.floor(rand() * invalid.length)] = [0xc3, 0xe2, 0xf0, 0xff, 0x80][k % 5]!;
    add('invalid-utf8', invalid.toString('latin1')); // as a lenient reader would decode it
  }
  add('bom', `\uFEFF${text}`);
  add('crlf', text.replace(/\r?\n/g, '\r\n'));
  add('cr-only', text.replace(/\r?\n/g, '\r'));
  for (let i = 0; i < 4; i++) {
    const at = Math.floor(rand() * text.length);
    add('splice-token', text.slice(0, at) + SPLICES[Math.floor(rand() * SPLICES.length)] + text.slice(at));
  }
  for (let i = 0; i < 2; i++) {
    const a = Math.floor(rand() * text.length);
    const b = Math.min(text.length, a + Math.floor(rand() * 2000));
    add('delete-span', text.slice(0, a) + text.slice(b));
    add('duplicate-span', text.slice(0, b) + text.slice(a, b) + text.slice(b));
  }
  add('as-tsx', text, file.replace(/\.\w+$/, '.tsx'));
  add('as-json', text, 'config/mcp.json');
  return out;
}

/** Hand-made extremes. */
export function extremes(): FuzzInput[] {
  const deep = 10_000;
  const x = (kind: string, text: string, file = 'src/extreme.ts'): FuzzInput => ({
    kind,
    origin: 'extreme',
    file,
    text,
  });
  return [
    x('nesting-parens-10000', `${'('.repeat(deep)}1${')'.repeat(deep)};`),
    x('nesting-arrays-10000', `export const a = ${'['.repeat(deep)}${']'.repeat(deep)};`),
    x('nesting-objects-10000', `export const o = ${'{a:'.repeat(deep)}1${'}'.repeat(deep)};`),
    x('nesting-blocks-10000', `function f() {${'if (x) {'.repeat(deep)}${'}'.repeat(deep)}}`),
    x('nesting-arrows-10000', `const f = ${'() => '.repeat(deep)}1;`),
    x('nesting-calls-10000', `import { tool } from 'ai';\n${'tool('.repeat(deep)}${')'.repeat(deep)};`),
    x(
      'nesting-unclosed-10000',
      `import { tool } from 'ai';\nexport const t = tool({ execute: async () => ${'{['.repeat(deep)}`,
    ),
    x('concatenation-10000', `const s = ${Array.from({ length: deep }, (_, i) => `'p${i}'`).join(' + ')};`),
    x('binary-chain-100000', `const n = ${Array.from({ length: 100_000 }, () => 'a').join(' + ')};`),
    x('long-line-2mb', `export const data = [${'1,'.repeat(1_000_000)}];`),
    x('long-string-4mb', `export const s = '${'x'.repeat(4_000_000)}';`),
    x('long-template-1mb', `export const s = \`${'${a}b'.repeat(200_000)}\`;`),
    x('long-comment-2mb', `/* ${'*'.repeat(2_000_000)} */`),
    x('long-regex', `const r = /${'a|'.repeat(100_000)}b/;`),
    x(
      'many-tools-5000',
      `import { tool } from 'ai';\n${Array.from({ length: 5000 }, (_, i) => `export const t${i} = tool({ description: 'd', inputSchema: {} as any, execute: async () => fetch('https://x/${i}') });`).join('\n')}`,
    ),
    x('keyword-soup-1mb', 'api_key token secret password credential sk- ghp_ xoxb- AKIA '.repeat(20_000)),
    x('prefix-repeats', `const k = '${'sk-ant-api03-'.repeat(50_000)}';`),
    x('only-bom', '\uFEFF'),
    x('empty', ''),
    x('nul-bytes', '\u0000'.repeat(10_000)),
    x('lone-surrogates', '\uD800\uDC00\uDFFF'.repeat(10_000)),
    x('binary-as-text', Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)).toString('latin1')),
    x('jsx-in-ts', 'const a = <div>{</div>;', 'src/extreme.ts'),
    x('env-file', `${'A'.repeat(100_000)}=${'b'.repeat(100_000)}\n`, '.env'),
    x('json-deep', `${'['.repeat(deep)}${']'.repeat(deep)}`, 'mcp.json'),
    x('markdown-prompt', `# Prompt\n${'<!-- agent-warden-ignore-file -->\n'.repeat(1000)}`, 'prompts/p.md'),
  ];
}

/** Property-based agent code: tools, agents and MCP registrations with arbitrary names, strings and shapes. */
export function generatedAgentCode(seed: number, runs: number): FuzzInput[] {
  const name = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('x', 'search', 'delete_all', 'a-b', '$', '🙂', 'constructor', '__proto__'),
  );
  const str = fc.string({ maxLength: 40, unit: 'binary' }).map((s) => JSON.stringify(s));
  const expr = fc.oneof(
    str,
    fc.constantFrom(
      'process.env.API_KEY',
      'undefined',
      '{} as any',
      '[]',
      'z.object({})',
      'fetch(url)',
      "exec('rm -rf /')",
      'stripe.refunds.create({})',
      '...rest',
      'await x',
      'a ?? b',
      '`${a}`',
    ),
  );
  const prop = fc.tuple(name, expr).map(([k, v]) => `${JSON.stringify(k)}: ${v}`);
  const obj = fc.array(prop, { maxLength: 6 }).map((ps) => `{ ${ps.join(', ')} }`);
  const jsdoc = fc.constantFrom(
    '',
    '/** @owner team-a @scope db:read */\n',
    '/** @owner */\n',
    '/** @scope */\n',
    '/** @approval required @expires 2020-01-01 */\n',
    '// agent-warden-ignore-next-line -- why\n',
    '/** @revocation flag X */\n',
  );
  const definition = fc.oneof(
    fc.tuple(jsdoc, name, obj).map(([d, n, o]) => `${d}export const ${safeIdent(n)} = tool(${o});`),
    fc.tuple(jsdoc, obj).map(([d, o]) => `${d}export const agent = new Agent(${o});`),
    fc
      .tuple(jsdoc, name, str, obj)
      .map(([d, n, s, o]) => `${d}server.tool(${JSON.stringify(n)}, ${s}, ${o}, async (args) => ({ content: [] }));`),
    fc.tuple(jsdoc, obj).map(([d, o]) => `${d}export const a${Math.abs(d.length)} = createAgent(${o});`),
    fc.tuple(obj).map(([o]) => `await generateText(${o});`),
    fc.tuple(name, obj).map(([n, o]) => `server.registerTool(${JSON.stringify(n)}, ${o}, async () => ({}));`),
  );
  const program = fc
    .array(definition, { minLength: 1, maxLength: 8 })
    .map(
      (defs) =>
        `import { tool, generateText } from 'ai';\nimport { Agent } from '@openai/agents';\nimport { createAgent } from 'langchain';\nimport { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nconst server = new McpServer({ name: 's', version: '1' });\n${defs.join('\n')}\n`,
    );
  return fc
    .sample(program, { seed, numRuns: runs })
    .map((text) => ({ kind: 'generated:agent-code', origin: 'fast-check', file: 'src/generated.ts', text }));
}

function safeIdent(s: string): string {
  const id = s.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[A-Za-z_$]/.test(id) ? id : `_${id}`;
}
