import { describe, expect, it, vi } from 'vitest';
import type { AnalysisResult, FileFacts } from '../../server/src/analyzer/types';
import { runAnalysis } from '../../server/src/cli/analysis';
import { analyseFile } from '../../server/src/engine';
import { IncrementalTree } from '../../server/src/analyzer/extract';
import { join } from 'node:path';
import { REPO } from '../helpers/cli';
import { PROJECTS } from '../helpers/projects';
import { analyzeCode } from '../helpers/analyze';

const factsOf = (text: string, file = 'src/tools.ts'): FileFacts => analyseFile({ file, text }).facts!;
/** Each function kept, by name, with the names of the functions of the file it still calls. */
function callGraph(facts: FileFacts): Record<string, string[]> {
  const names = new Map(facts.functions.map((f) => [f.id, f.name]));
  return Object.fromEntries(
    facts.functions.map((f) => [
      f.name,
      f.calls.flatMap((c) => (c.callee.k === 'fn' ? [names.get(c.callee.id) ?? `missing ${c.callee.id}`] : [])),
    ]),
  );
}

const MCP = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
const server = new McpServer({ name: 'ops', version: '1.0.0' });
`;

describe('functions that reach nothing leave the facts', () => {
  it.each([
    {
      name: 'helpers of a tool: dropped with the calls to them (a method of what it is given: no caller gives an object)',
      code: `${MCP}
function pad(s: string) { return s.padStart(8); }
function label(s: string) { return '[' + s + ']'; }
server.tool('lookup', { q: z.string() }, async ({ q }) => {
  const res = await fetch('https://api.example.com/find?q=' + label(q) + pad('x'));
  return { content: [{ type: 'text', text: await res.text() }] };
});`,
      kept: { '<module>': ['<anonymous@7>'], '<anonymous@7>': [] },
    },
    {
      name: 'a chain down to a catalog call: every link kept',
      code: `${MCP}
import { execSync } from 'node:child_process';
function run(cmd: string) { return execSync(cmd).toString(); }
function runAll(cmds: string[]) { return cmds.map((c) => run(c)); }
server.tool('shell', { cmd: z.string() }, async ({ cmd }) => ({ content: [{ type: 'text', text: runAll([cmd])[0] }] }));`,
      kept: {
        '<module>': ['<anonymous@8>'],
        run: [],
        runAll: ['<anonymous@7>'],
        '<anonymous@7>': ['run'],
        '<anonymous@8>': ['runAll'],
      },
    },
    {
      name: 'a helper given a package’s object, and its caller: kept',
      code: `${MCP}
import { Octokit } from '@octokit/rest';
const gh = new Octokit();
function drop(client, repo: string) { return client.rest.repos.delete({ owner: 'acme', repo }); }
function dropAll(client, repos: string[]) { for (const r of repos) drop(client, r); }
server.tool('drop', { repo: z.string() }, async ({ repo }) => {
  dropAll(gh, [repo]);
  return { content: [{ type: 'text', text: 'gone' }] };
});`,
      kept: { '<module>': ['<anonymous@9>'], drop: [], dropAll: ['drop'], '<anonymous@9>': ['dropAll'] },
    },
    {
      name: 'an exported helper: kept, another file may call it',
      code: `export function slug(s: string) { return '#' + s; }
function local(s: string) { return slug(s) + '!'; }
function shorten(s: string) { return s + '?'; }
export const shout = (s: string) => local(s) + '!!';`,
      kept: { slug: [], shout: ['local'], local: ['slug'] },
    },
    {
      name: 'a function given the server: kept, with what calls it',
      code: `${MCP}
function registerAll(s: McpServer) {
  s.tool('ping', {}, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
}
function setUp() { registerAll(server); }
setUp();`,
      kept: { '<module>': ['setUp'], registerAll: ['<anonymous@6>'], '<anonymous@6>': [], setUp: ['registerAll'] },
    },
    {
      name: 'a method of a tool class: kept though it reaches nothing (found by its name)',
      code: `import { StructuredTool } from '@langchain/core/tools';
import { z } from 'zod';
export class Echo extends StructuredTool {
  name = 'echo';
  description = 'Echoes';
  schema = z.object({ text: z.string() });
  async _call({ text }: { text: string }) { return text; }
  quoted(text: string) { return '> ' + text; }
}
function unquoted(text: string) { return '' + text; }`,
      kept: { _call: [], quoted: [] },
    },
  ])('$name', ({ code, kept }) => {
    expect(callGraph(factsOf(code))).toEqual(kept);
  });
});

it('an open buffer’s facts keep every function (its next keystroke reads them)', () => {
  const text = 'function pad(s: string) { return s; }\nexport const label = (s: string) => pad(s);';
  const names = (facts?: FileFacts) => facts?.functions.map((f) => f.name);
  expect(names(analyseFile({ file: 'a.ts', text }, {}, 'facts', new IncrementalTree()).facts)).toEqual([
    '<module>',
    'pad',
    'label',
  ]);
});

it('the helper given the object still shows the tool’s capability', () => {
  const code = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Octokit } from '@octokit/rest';
import { z } from 'zod';
const server = new McpServer({ name: 'ops', version: '1.0.0' });
const gh = new Octokit();
function drop(client, repo: string) { return client.rest.repos.delete({ owner: 'acme', repo }); }
server.tool('drop', { repo: z.string() }, async ({ repo }) => { drop(gh, repo); return { content: [] }; });`;
  const { graph } = analyzeCode(code, 'src/tools.ts');
  expect(graph.tools.map((t) => [t.name, t.capabilities.map((c) => c.capability)])).toEqual([
    ['drop', ['repo:delete']],
  ]);
});

/** Every example and fixture project, analysed with the facts as extracted and with what reaches nothing dropped. */
describe('dropping changes no graph and no finding', async () => {
  const withDropped = await Promise.all(PROJECTS.map((p) => runAnalysis(['.'], {}, join(REPO, p))));
  vi.resetModules();
  vi.doMock('../../server/src/capabilities/inert-functions', () => ({ dropInertFunctions: () => {} }));
  const keeping = (await import('../../server/src/cli/analysis')).runAnalysis;
  const withAll = await Promise.all(PROJECTS.map((p) => keeping(['.'], {}, join(REPO, p))));
  const keptByThatRun = (await import('../../server/src/engine')).analyseFile;
  vi.doUnmock('../../server/src/capabilities/inert-functions');
  // Test files share a worker's module registry: the modules loaded with the stand-in must not serve the next file.
  vi.resetModules();
  const essence = (result: AnalysisResult) => ({ graph: result.graph, findings: result.findings });

  it.each(PROJECTS.map((p, i) => ({ p, i })))('$p', ({ i }) => {
    expect(essence(withDropped[i]!)).toEqual(essence(withAll[i]!));
  });

  it('the second run kept every function', () => {
    const code = 'function pad(s: string) { return s; }\nexport const label = (s: string) => pad(s);';
    const names = (facts?: FileFacts) => facts?.functions.map((f) => f.name);
    expect(names(keptByThatRun({ file: 'a.ts', text: code }).facts)).toEqual(['<module>', 'pad', 'label']);
    expect(names(factsOf(code, 'a.ts'))).toEqual(['label']);
  });
});
