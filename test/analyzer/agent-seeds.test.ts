import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { ADAPTERS } from '../../server/src/analyzer/adapters';
import { extractFacts, importedSpecifiers } from '../../server/src/analyzer/extract';
import { type ModuleBinding, moduleBindings } from '../../server/src/analyzer/framework-imports';
import { definesIdentities, isAgentSeed } from '../../server/src/analyzer/relevance';

/**
 * The pre-filter's seed test (relevance.ts `isAgentSeed`): a file is parsed first when it takes from an agent
 * SDK a name some adapter knows. Dropping a file that defines something would lose tools silently, so the
 * property under test is one-way: whatever the full extraction finds defined, the seed test keeps.
 */
const seed = (text: string) => isAgentSeed(text, importedSpecifiers(text));

describe('moduleBindings: how a file binds a module, from its text', () => {
  const ai = (m: string) => m === 'ai';
  it.each<[string, string, ModuleBinding[]]>([
    [
      'named, aliased, type-only members',
      "import { tool as t, type ToolSet, generateText } from 'ai';",
      [
        { kind: 'named', module: 'ai', imported: 'tool', local: 't' },
        { kind: 'named', module: 'ai', imported: 'generateText', local: 'generateText' },
      ],
    ],
    ['a type-only import binds nothing', "import type { Tool } from 'ai';", []],
    ['namespace', "import * as sdk from 'ai';", [{ kind: 'whole', module: 'ai', local: 'sdk' }]],
    [
      'default and named',
      "import ai, { tool } from 'ai';",
      [
        { kind: 'whole', module: 'ai', local: 'ai' },
        { kind: 'named', module: 'ai', imported: 'tool', local: 'tool' },
      ],
    ],
    [
      'multi-line named',
      'import {\n  tool, // the one\n  jsonSchema,\n} from "ai";',
      [
        { kind: 'named', module: 'ai', imported: 'tool', local: 'tool' },
        { kind: 'named', module: 'ai', imported: 'jsonSchema', local: 'jsonSchema' },
      ],
    ],
    ['CommonJS, as tsc emits', 'const ai_1 = require("ai");', [{ kind: 'whole', module: 'ai', local: 'ai_1' }]],
    [
      'CommonJS, as bundlers emit',
      'var import_ai = __toESM(require("ai"));',
      [{ kind: 'whole', module: 'ai', local: 'import_ai' }],
    ],
    ['TypeScript import-equals', "import ai = require('ai');", [{ kind: 'whole', module: 'ai', local: 'ai' }]],
    [
      'destructured require',
      "const { tool, jsonSchema: js } = require('ai');",
      [
        { kind: 'named', module: 'ai', imported: 'tool', local: 'tool' },
        { kind: 'named', module: 'ai', imported: 'jsonSchema', local: 'js' },
      ],
    ],
    [
      'a rest element takes every other export',
      "const { jsonSchema, ...ai } = require('ai');",
      [{ kind: 'unknown', module: 'ai' }],
    ],
    ['dynamic import is unknown', "const { tool } = await import('ai');", [{ kind: 'unknown', module: 'ai' }]],
    ['require used in place is unknown', "const t = require('ai').tool;", [{ kind: 'unknown', module: 'ai' }]],
    ['re-exports and side effects bind nothing', "export { tool } from 'ai';\nexport * from 'ai';\nimport 'ai';", []],
    [
      'JSDoc and line comments are skipped',
      "/**\n * import { tool } from 'ai';\n * const x = require('ai');\n */\n// import { tool } from 'ai'",
      [],
    ],
    [
      'code after a comment closed on the same line is not skipped',
      "/* setup */ import { tool } from 'ai';",
      [{ kind: 'named', module: 'ai', imported: 'tool', local: 'tool' }],
    ],
    ['other modules are not listed', "import { tool } from 'not-ai';\nconst z = require('zod');", []],
    ['a default import named `type`', "import type from 'ai';", [{ kind: 'whole', module: 'ai', local: 'type' }]],
    [
      'no statement keyword before `from` (a word that starts with one is not one)',
      "imports from 'ai'",
      [{ kind: 'unknown', module: 'ai' }],
    ],
  ])('%s', (_, text, expected) => {
    expect(moduleBindings(text, ai)).toEqual(expected);
  });

  // No timing asserted: a pattern that backtracked over these would hang the test past its timeout.
  const unknown: ModuleBinding[] = [{ kind: 'unknown', module: 'ai' }];
  it.each<[string, string, ModuleBinding[]]>([
    [
      'a megabyte of `import ` before one specifier (the last binds nothing)',
      `${'import '.repeat(150_000)}from 'ai'`,
      [],
    ],
    // A forward search from each `import` to the next quote took 4.5 s for 20,000 of these (quadratic).
    ['a megabyte of unfinished imports', `${'import x '.repeat(110_000)};require('ai')`, unknown],
    [
      'a megabyte of white space inside a clause (past the window)',
      `import ${' '.repeat(1_000_000)}{ tool } from 'ai'`,
      unknown,
    ],
    ['an unclosed destructuring before require', `const {${' a,'.repeat(300_000)} = require('ai')`, unknown],
  ])('reads hostile text in bounded time: %s', (_, text, expected) => {
    expect(moduleBindings(text, ai)).toEqual(expected);
  });

  it('reads at most 200 mentions, then assumes any use', () => {
    expect(moduleBindings("x(require('ai'));\n".repeat(300), ai)).toHaveLength(201);
    const many = moduleBindings("const a = require('ai');\n".repeat(100_000), ai);
    expect(many).toHaveLength(201);
    expect(many.filter((b) => b.kind === 'whole')).toHaveLength(200);
    expect(many.at(-1)).toEqual({ kind: 'unknown', module: 'ai' });
  });
});

describe('isAgentSeed', () => {
  it.each([
    ['a tool', "import { tool } from 'ai';\nexport const t = tool({ description: 'x', execute: async () => 1 });"],
    ['an aliased tool', "import { tool as defineTool } from 'ai';"],
    ['a model call (its prompts are checked for secrets)', "import { generateText } from 'ai';"],
    ['a namespace read for a known name', "import * as ai from 'ai';\nai.tool({});"],
    ['tsc output', 'const ai_1 = require("ai");\nconst t = (0, ai_1.tool)({});'],
    ['bundled CommonJS with optional chaining', 'var import_ai = __toESM(require("ai"));\nimport_ai?.tool({});'],
    ['a whole module passed on (could be used any way)', "const ai = require('ai');\nregister(ai);"],
    ['a destructured require', "const { createTool } = require('@mastra/core/tools');"],
    ['a dynamic import', "const { tool } = await import('ai');"],
    [
      'a provider-defined tool',
      "import { openai } from '@ai-sdk/openai';\nconst tools = { web: openai.tools.webSearch({}) };",
    ],
    [
      'a LangChain tool class',
      "import { StructuredTool } from '@langchain/core/tools';\nclass Lookup extends StructuredTool {}",
    ],
    ['a Mastra agent', "import { Agent } from '@mastra/core/agent';"],
    ['an ADK agent', "import { LlmAgent } from '@google/adk';"],
    ['a Claude Agent SDK query', "import { query } from '@anthropic-ai/claude-agent-sdk';"],
    [
      'an MCP server known only by its type (shape-recognised registrations)',
      "import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport const register = (s: McpServer) => s.tool('x', async () => ({ content: [] }));",
    ],
    ['a raw model client', "import OpenAI from 'openai';"],
  ])('seed: %s', (_, text) => {
    expect(seed(text)).toBe(true);
  });

  it.each([
    ['no SDK at all', "import { z } from 'zod';"],
    ['SDK types only', "import type { ModelMessage } from 'ai';"],
    ['SDK helpers only', "import { jsonSchema, generateId } from 'ai';"],
    ['a schema-compat package of the framework', "import { zodToJsonSchema } from '@mastra/schema-compat';"],
    ['a barrel re-exporting the SDK', "export { tool, generateText } from 'ai';"],
    [
      'an example in a doc comment',
      "/**\n * @example\n * import { createTool } from '@mastra/core/tools';\n * const t = createTool({ id: 'x' });\n */\nexport const x = 1;",
    ],
    [
      'a whole module read only for helpers',
      'const _ai_sdk_provider_utils = require("@ai-sdk/provider-utils");\n_ai_sdk_provider_utils.isAbortError(e);',
    ],
    [
      'a provider used only as a model',
      "import { openai } from '@ai-sdk/openai';\nexport const model = openai('gpt-5');",
    ],
  ])('not a seed: %s', (_, text) => {
    expect(seed(text)).toBe(false);
  });
});

/** The string arguments of every `isExport(callee, …)` call in an adapter's source, read from the source itself. */
function namesCheckedIn(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'isExport') {
      for (const a of n.arguments.slice(1)) if (ts.isStringLiteral(a)) out.push(a.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
const ADAPTER_DIR = join(__dirname, '../../server/src/analyzer/adapters');
const adapterFiles = () =>
  readdirSync(ADAPTER_DIR)
    .filter((f) => f !== 'index.ts')
    .map((f) => join(ADAPTER_DIR, f));

describe('adapter entry points', () => {
  it('list every export name an adapter checks with isExport (a name left out would drop its files)', () => {
    let checked = 0;
    for (const adapter of ADAPTERS) {
      const entry = adapter.entryPoints;
      if (entry === 'any') continue;
      const file = adapterFiles().find((f) => readFileSync(f, 'utf8').includes(`framework: '${adapter.framework}'`))!;
      for (const name of namesCheckedIn(file)) {
        checked++;
        expect(entry.names, `${file}: isExport(…, '${name}')`).toContain(name);
      }
    }
    expect(checked).toBeGreaterThan(25);
  });
});

describe('the seed test never drops a file that defines something (every module × name × binding × use)', () => {
  const MODULES = [
    'ai',
    '@ai-sdk/openai',
    '@mastra/core/tools',
    '@mastra/core/agent',
    '@mastra/core',
    '@langchain/core/tools',
    'langchain',
    '@google/adk',
    '@anthropic-ai/claude-agent-sdk',
  ];
  // Names from the adapters' own checks, not from their entry points: the lists under test must not feed the test.
  const KNOWN_NAMES = [...new Set(adapterFiles().flatMap(namesCheckedIn))].concat('StructuredTool', 'Tool');
  const OTHER_NAMES = ['jsonSchema', 'generateId', 'openai', 'helpers', 'default'];
  /** One way of binding `name` from `module`, and the expression that reaches it. */
  const BINDINGS: ((module: string, name: string) => [string, string])[] = [
    (m, n) => [`import { ${n} } from '${m}';`, n],
    (m, n) => [`import { ${n} as local } from '${m}';`, 'local'],
    (m, n) => [`import * as ns from '${m}';`, `ns.${n}`],
    (m, n) => [`import def from '${m}';`, n === 'default' ? 'def' : `def.${n}`],
    (m, n) => [`const lib_1 = require("${m}");`, `(0, lib_1.${n})`],
    (m, n) => [`var import_lib = __toESM(require("${m}"));`, `import_lib.${n}`],
    (m, n) => [`const { ${n}: picked } = require('${m}');`, 'picked'],
    (m, n) => [`const lib = await import('${m}');`, `lib.${n}`],
    // Not `import type`: TypeScript rejects calling or extending a type-only import (the extractor does not check).
  ];
  const USES: ((callee: string) => string)[] = [
    (c) => `export const t = ${c}({ id: 'x', name: 'x', description: 'd', tools: {}, execute: async () => 1 });`,
    (c) => `export const a = new ${c}({ name: 'x', tools: {}, execute: async () => 1 });`,
    (c) => `export const b = ${c}(async () => 1, { name: 'x' });`,
    (c) => `export class T extends ${c} { name = 'x'; async _call() { return ''; } }`,
    (c) => `export const w = ${c}.tools.webSearch({});`,
    (c) => `export const g = ${c}('tool_x', 'desc', {}, async () => ({ content: [] }));`,
  ];

  it('every generated file the extraction finds a tool, agent or tool list in is a seed', () => {
    let files = 0;
    let defining = 0;
    let dropped = 0;
    for (const module of MODULES) {
      for (const name of [...KNOWN_NAMES, ...OTHER_NAMES]) {
        for (const bind of BINDINGS) {
          const [binding, callee] = bind(module, name);
          for (const use of USES) {
            const text = `${binding}\n${use(callee)}\n`;
            const specifiers = importedSpecifiers(text);
            const isSeed = isAgentSeed(text, specifiers);
            files++;
            if (!isSeed) dropped++;
            if (!definesIdentities(extractFacts('src/gen.ts', text, {}, specifiers))) continue;
            defining++;
            expect(isSeed, text).toBe(true);
          }
        }
      }
    }
    // Both sides are exercised: many files define something, and many are rightly dropped.
    expect(files).toBeGreaterThan(15_000);
    expect(defining).toBeGreaterThan(500);
    expect(dropped).toBeGreaterThan(10_000);
  }, 120_000);
});
