import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutBundledDependencies } from '../../server/src/analyzer/bundled-dependencies';
import { IncrementalTree } from '../../server/src/analyzer/extract';
import { analyseFile } from '../../server/src/engine';
import { analyzeFiles } from '../helpers/analyze';

/**
 * A bundle's copies of its dependencies are read for secrets only, as node_modules is; its own code, and a copied
 * module that registers tools it is given, are parsed for facts.
 */
const REPO = join(__dirname, '../..');

const factsOf = (file: string, text: string, tree?: IncrementalTree) =>
  analyseFile({ file, text }, {}, 'facts', tree).facts!;
/** A tool's name as the model sees it (a string value). */
const nameOf = (t: { name?: unknown }) => (t.name as { v?: string } | undefined)?.v;
const envReads = (file: string, text: string) =>
  factsOf(file, text)
    .credentials.map((c) => c.name)
    .sort();
const lineBreaks = (text: string) => [...text.matchAll(/\r\n|[\r\n\u2028\u2029]/g)].map((m) => m.index);

/** The parts of a text left by `withoutBundledDependencies`: its lines that are not blank. */
const keptLines = (text: string) =>
  withoutBundledDependencies(text)
    .split(/\r?\n/)
    .filter((l) => l.trim());

describe('bundles made by esbuild and rolldown', () => {
  let dir: string;
  const bundles: Record<string, string> = {};

  // An MCP server as published: its own code, the MCP SDK and zod, a library whose helper registers the tools it is
  // given (as @modelcontextprotocol/ext-apps's `registerAppTool`), and one that reads a key of its own.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agent-warden-bundle-'));
    const pkg = (name: string, code: string) => {
      mkdirSync(join(dir, 'node_modules', name), { recursive: true });
      writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
      writeFileSync(join(dir, 'node_modules', name, 'index.js'), code);
    };
    pkg(
      'telemetry-lite',
      `const key = process.env.TELEMETRY_API_KEY;\nexport function track(event) {\n  return fetch('https://telemetry.invalid/' + event, { headers: { key } });\n}\n`,
    );
    pkg(
      'app-tools',
      `export function registerAppTool(server, name, config, cb) {\n  return server.registerTool(name, { ...config, _meta: { ui: true } }, cb);\n}\n`,
    );
    mkdirSync(join(dir, 'node_modules/@modelcontextprotocol'), { recursive: true });
    symlinkSync(join(REPO, 'node_modules/zod'), join(dir, 'node_modules/zod'));
    symlinkSync(
      join(REPO, 'node_modules/@modelcontextprotocol/sdk'),
      join(dir, 'node_modules/@modelcontextprotocol/sdk'),
    );
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/server.ts'),
      [
        `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';`,
        `import { z } from 'zod';`,
        `import { track } from 'telemetry-lite';`,
        `import { registerAppTool } from 'app-tools';`,
        `const server = new McpServer({ name: 'search', version: '1.0.0' });`,
        `const apiKey = process.env.SEARCH_API_KEY;`,
        `server.registerTool('lookup', { inputSchema: { q: z.string() } }, async ({ q }) => {`,
        `  await track('lookup');`,
        `  return { content: [{ type: 'text', text: q + apiKey }] };`,
        `});`,
        `registerAppTool(server, 'dashboard', { description: 'A dashboard' }, async () => ({ content: [] }));`,
      ].join('\n'),
    );
    const entry = join(dir, 'src/server.ts');
    const esbuilt = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false });
    bundles['esbuild'] = esbuilt.outputFiles[0]!.text;
    const rolled = await rolldown({ input: entry, platform: 'node', cwd: dir, logLevel: 'silent' });
    bundles['rolldown'] = (await rolled.generate({ format: 'esm' })).output[0].code;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const bundler of ['esbuild', 'rolldown']) {
    it(`${bundler}: only the server's own code and the helper that registers tools are left, at the same positions`, () => {
      const text = bundles[bundler]!;
      const own = withoutBundledDependencies(text);
      expect(own.length).toBe(text.length);
      expect(lineBreaks(own)).toEqual(lineBreaks(text));
      const kept = keptLines(text)
        .filter((l) => !l.startsWith('//'))
        .join('\n');
      expect(kept).toContain('registerAppTool(server');
      expect(kept).toContain('.registerTool(name,');
      expect(kept).not.toMatch(/TELEMETRY_API_KEY|class McpServer|ZodType/);
      // What is left is the server's code, the helper, the bundler's own runtime (`__toESM`…) and the modules' names.
      expect(kept.length).toBeLessThan(text.length / 100);
    });

    it(`${bundler}: the bundle's tools are found, and a dependency's own key is not read as the server's`, () => {
      const text = bundles[bundler]!;
      const file = `dist/${bundler}.mjs`;
      expect(factsOf(file, text).syntaxErrors).toBe(0);
      const tools = analyzeFiles({ [file]: text }).graph.tools.map((t) => t.name);
      expect(tools.sort()).toEqual(['dashboard', 'lookup']);
      expect(envReads(file, text)).toEqual(['SEARCH_API_KEY']);
    });
  }

  it('an open bundle being edited has the facts of a fresh parse', () => {
    const file = 'dist/esbuild.mjs';
    let text = bundles['esbuild']!;
    const tree = new IncrementalTree();
    factsOf(file, text, tree);
    for (const name of ['lookup2', 'lookup3']) {
      text = text.replace(/registerTool\("lookup\d*"/, `registerTool("${name}"`);
      // Parsed whole, as an open buffer's first version is (a buffer's facts keep every function).
      expect(factsOf(file, text, tree)).toEqual(factsOf(file, text, new IncrementalTree()));
      expect(factsOf(file, text, tree).tools.map(nameOf)).toContain(name);
    }
  });
});

/** A bundle's lines, as a bundler writes them. */
const lines = (...ls: string[]) => ls.join('\n');

describe('what is taken for a bundled dependency', () => {
  /** Texts that bundle something: the lines left (not blank), which are where they were. */
  const bundles: { name: string; text: string; kept: string[] }[] = [
    {
      name: 'modules named by comments (esbuild, rolldown 1): a dependency up to the next module',
      text: lines(
        '// node_modules/zod/index.js',
        'var z = { string: () => ({}) };',
        '// node_modules/.pnpm/got@14.0.0/node_modules/got/index.js',
        'var got = (u) => fetch(u);',
        '// src/index.ts',
        "server.tool('a', {}, async () => got('x'));",
      ),
      kept: [
        '// node_modules/zod/index.js',
        '// node_modules/.pnpm/got@14.0.0/node_modules/got/index.js',
        '// src/index.ts',
        "server.tool('a', {}, async () => got('x'));",
      ],
    },
    {
      name: 'a path out of the project (`../../node_modules/…`) is a dependency too',
      text: lines('// ../../node_modules/ky/index.js', 'var ky = 1;', '// ../shared/src/util.ts', 'var util = 2;'),
      kept: ['// ../../node_modules/ky/index.js', '// ../shared/src/util.ts', 'var util = 2;'],
    },
    {
      name: 'regions (rolldown as tsdown runs it): a dependency up to its `//#endregion`',
      text: lines(
        '//#region node_modules/zod/index.js',
        'var z = 1;',
        '//#endregion',
        '//#region src/index.ts',
        'var a = z;',
        '//#endregion',
      ),
      kept: [
        '//#region node_modules/zod/index.js',
        '//#endregion',
        '//#region src/index.ts',
        'var a = z;',
        '//#endregion',
      ],
    },
    {
      name: 'Windows line breaks',
      text: ['// node_modules/zod/index.js', 'var z = 1;', '// src/index.ts', 'var a = z;', ''].join('\r\n'),
      kept: ['// node_modules/zod/index.js', '// src/index.ts', 'var a = z;'],
    },
  ];
  for (const c of bundles) {
    it(c.name, () => {
      expect(keptLines(c.text)).toEqual(c.kept);
      expect(lineBreaks(withoutBundledDependencies(c.text))).toEqual(lineBreaks(c.text));
    });
  }

  /** Texts returned as they are. */
  const untouched: { name: string; text: string }[] = [
    { name: 'a text naming no dependency', text: "import { tool } from 'ai';\nexport const t = tool({});\n" },
    {
      name: 'a dependency that registers tools it is given',
      text: lines(
        '// node_modules/ext-apps/index.js',
        'function registerAppTool(s, n, c, h) { return s.registerTool(n, c, h); }',
        '// src/index.ts',
        "registerAppTool(server, 'a', {}, h);",
      ),
    },
    {
      name: 'a dependency that runs to the end of the file (what follows it is not marked)',
      text: lines('// src/index.ts', 'var a = 1;', '// node_modules/zod/index.js', 'var z = 2;', 'export { a, z };'),
    },
    {
      name: 'a region cut short by the next one',
      text: lines('//#region node_modules/zod/index.js', 'var z = 1;', '//#region src/index.ts', 'var a = z;'),
    },
    {
      name: 'one comment naming a dependency, which is not a bundle',
      text: lines('// node_modules/zod/index.js', 'patchZod();', 'const a = 1;'),
    },
    {
      name: 'comments that are not a path alone on their line',
      text: lines(
        '// see node_modules/zod/index.js',
        'var a = 1;',
        '  // node_modules/x/index.js',
        'var b = 2;',
        '// node_modules/y/README',
        'var c = 3;',
      ),
    },
  ];
  for (const c of untouched) {
    it(`${c.name} is left as it is`, () => {
      expect(withoutBundledDependencies(c.text)).toBe(c.text);
    });
  }

  it('a marker line inside a string, which would cut a statement, leaves the whole text to be parsed', () => {
    const text = lines(
      'var a = 1;',
      '// node_modules/a/index.js',
      'const doc = `',
      '// node_modules/b/index.js',
      '`;',
      "server.registerTool('late', {}, async () => ({ content: [] }));",
    );
    expect(withoutBundledDependencies(text)).not.toBe(text);
    const facts = factsOf('dist/index.js', text);
    expect(facts.syntaxErrors).toBe(0);
    expect(facts.tools.map(nameOf)).toEqual(['late']);
  });
});
