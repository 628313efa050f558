import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../server/src/analyzer/extract';
import type { Finding } from '../server/src/analyzer/types';
import type { AnalysisResult } from '../server/src/analyzer/types';
import {
  applyEdits,
  approvalFix,
  type Fix,
  type FixContext,
  fixesForFinding,
  knownOwners,
} from '../server/src/fixes/fixes';
import { analyzeFiles, TODAY } from './helpers/analyze';
import { FAKE_KEYS } from './helpers/fake-keys';
import { REPO } from './helpers/cli';

/** Fixture projects: the example app and small focused files, each a map of path → text. */
function exampleProject(dir = 'examples/support-desk'): Record<string, string> {
  const root = join(REPO, dir);
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (/\.(ts|js)$|\.env/.test(name)) out[relative(root, abs)] = readFileSync(abs, 'utf8');
    }
  };
  walk(root);
  return out;
}

const FIXTURES: Record<string, Record<string, string>> = {
  'example project': exampleProject(),
  'fixture chain-across-files': exampleProject('test/fixtures/chain-across-files'),
  'fixture prefilter-reachability': exampleProject('test/fixtures/prefilter-reachability'),
  'secrets in strings, templates, JSX and comments': {
    'src/keys.tsx': [
      `import OpenAI from 'openai';`,
      `const client = new OpenAI({ apiKey: '${FAKE_KEYS['openai-api-key']!()}' });`,
      `const header = 'Bearer ${FAKE_KEYS['github-token']!()}';`,
      `const prompt = \`Use ${FAKE_KEYS['anthropic-api-key']!()} for billing\`;`,
      `// old key: ${FAKE_KEYS['groq-api-key']!()}`,
      `export const App = () => <Widget token="${FAKE_KEYS['stripe-secret-key']!()}" />;`,
      `declare const Widget: any;`,
    ].join('\n'),
  },
  'one-line JSDoc, indented definitions, inline tools': {
    'src/tools.ts': `import { generateText, tool } from 'ai';
/** Looks things up. */
export const lookup = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });
export async function run() {
  return generateText({
    model: {} as any,
    prompt: '',
    tools: {
      lookup,
      weather: tool({ description: 'w', inputSchema: {} as any, execute: async () => 2 }),
      empty: tool({}),
    },
  });
}`,
    'src/mcp.ts': `import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
/** @owner team-x */
const server = new Server({ name: 'low', version: '1' }, { capabilities: {} });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: 'drop_table', description: '', inputSchema: { type: 'object' } },
  ],
}));`,
  },
};

const key = (f: Finding) => `${f.ruleId}\u0000${f.subject}`;

function context(files: Record<string, string>, result: AnalysisResult, file: string): FixContext {
  return {
    file,
    text: files[file] ?? '',
    graph: result.graph,
    knownOwners: knownOwners(result.graph, {}),
    today: TODAY,
  };
}

function syntaxErrors(file: string, text: string): number {
  return ((parse(file, text) as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length;
}

describe('quick-fixes: each one parses, removes its finding, and is not offered again', () => {
  for (const [name, files] of Object.entries(FIXTURES)) {
    describe(name, () => {
      const before = analyzeFiles(files);
      const cases: { finding: Finding; fix: Fix }[] = [];
      for (const finding of before.findings) {
        for (const fix of fixesForFinding(finding, context(files, before, finding.loc.file)))
          cases.push({ finding, fix });
      }
      for (const tool of before.graph.tools) {
        if (!files[tool.loc.file]) continue;
        const fix = approvalFix(tool, context(files, before, tool.loc.file));
        if (fix) cases.push({ finding: { ruleId: 'approval', subject: tool.id } as Finding, fix });
      }

      it('offers fixes', () => expect(cases.length).toBeGreaterThan(3));

      for (const { finding, fix } of cases) {
        it(`${finding.ruleId} @ ${finding.loc?.file ?? fix.file}:${finding.loc?.start.line ?? ''} — ${fix.title}`, () => {
          const text = files[fix.file]!;
          const fixed = applyEdits(text, fix.edits);
          expect(fixed).not.toBe(text);
          expect(syntaxErrors(fix.file, fixed)).toBeLessThanOrEqual(syntaxErrors(fix.file, text));
          const after = analyzeFiles({ ...files, [fix.file]: fixed });
          if (finding.ruleId === 'approval') {
            const t = after.graph.tools.find(
              (x) =>
                x.loc.file === fix.file && x.name === before.graph.tools.find((b) => b.id === finding.subject)!.name,
            )!;
            expect(t.approval).toBeTruthy();
            expect(approvalFix(t, context({ ...files, [fix.file]: fixed }, after, fix.file))).toBeUndefined();
            return;
          }
          expect(after.findings.map(key)).not.toContain(key(finding));
          // Not offered again: no remaining finding in the file offers a fix with the same title.
          const again = after.findings
            .filter((f) => f.loc.file === fix.file)
            .flatMap((f) => fixesForFinding(f, context({ ...files, [fix.file]: fixed }, after, fix.file)));
          if (!fix.title.startsWith('Disable')) expect(again.map((x) => x.title)).not.toContain(fix.title);
        });
      }
    });
  }
});
