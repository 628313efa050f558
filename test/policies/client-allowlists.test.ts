import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as TypeScript from 'typescript';
import { describe, expect, it } from 'vitest';
import { type Authority, authorityOf } from '../../server/src/authority/model';
import { claudePermissions, gatedTools, openAiAgentsToolFilter } from '../../server/src/reporters/runtime-policies';
import { REPO, runCli, THIRD_PARTY } from '../helpers/cli';
import { analysisOf } from '../helpers/projects';

/** Projects with MCP servers and agents whose tools need approval, and ones without. */
const PROJECTS = ['examples/support-desk', 'test/fixtures/fastmcp-server', 'test/fixtures/cloudflare-mcp-agent'];
const authorityIn = async (project: string): Promise<Authority> => authorityOf((await analysisOf(project)).graph);
const namedTools = (a: Authority, id: string) => Object.keys(a.agents[id]!.tools).filter((t) => !t.startsWith('<'));

// Claude Code's permission rule syntax, as the settings schema on SchemaStore (claude-code-settings.json) gives it.
const PERMISSION_RULE =
  /^((Agent|Bash|Cd|Edit|ExitPlanMode|Glob|Grep|KillShell|LSP|Monitor|MultiEdit|NotebookEdit|PowerShell|Read|Skill|TaskCreate|TaskGet|TaskList|TaskOutput|TaskStop|TaskUpdate|TodoWrite|ToolSearch|WebFetch|WebSearch|Write)(\([^)]+\))?|mcp__.*)$/;

// The compiler loaded by Node itself, so that it finds its own default library files.
const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;

const SDK_TYPES = join(THIRD_PARTY, 'claude/node_modules/@anthropic-ai/claude-agent-sdk/sdk.d.ts');

/**
 * Type errors of each settings text against the Claude Agent SDK's `Settings` type, which the SDK generates from Claude
 * Code's settings schema: all in one compilation (the SDK's types take a second or more to check).
 */
function settingsTypeErrors(settings: string[]): { each: string[][]; elsewhere: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-claude-'));
  const file = join(dir, 'settings.ts');
  // One declaration per line: a diagnostic's line tells which text it is about.
  const body = settings.map((text, i) => `export const settings${i}: Settings = ${text.replace(/\n/g, ' ')};\n`);
  writeFileSync(file, `import type { Settings } from 'claude-agent-sdk';\n${body.join('')}`);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    paths: { 'claude-agent-sdk': [SDK_TYPES] },
  });
  const each = settings.map((): string[] => []);
  const elsewhere: string[] = []; // the import of the type, say
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.file?.fileName !== file) continue;
    const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line;
    (each[line - 1] ?? elsewhere).push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return { each, elsewhere };
}

describe('Claude Code / Claude Agent SDK permissions', () => {
  /** Every settings object written below, type-checked together at the end (one compilation of the SDK's types). */
  const written: string[] = [];

  it.each(PROJECTS)(
    '%s: each MCP server allows its tools and asks for those behind an approval gate',
    async (project) => {
      const authority = await authorityIn(project);
      for (const id of Object.keys(authority.agents)) {
        const text = claudePermissions(authority, id, 'srv');
        const { permissions } = JSON.parse(text) as { permissions: { allow: string[]; ask: string[] } };
        const gated = gatedTools(authority, id);
        const tools = namedTools(authority, id);
        expect(permissions.ask).toEqual(gated.map((t) => `mcp__srv__${t}`));
        expect(permissions.allow.sort()).toEqual(
          tools
            .filter((t) => !gated.includes(t))
            .map((t) => `mcp__srv__${t}`)
            .sort(),
        );
        for (const rule of [...permissions.allow, ...permissions.ask]) expect(rule).toMatch(PERMISSION_RULE);
        written.push(text);
      }
    },
  );

  it("each is valid by the Claude Agent SDK's Settings type, which does reject what is not settings", () => {
    expect(written.length).toBeGreaterThan(5);
    const notSettings = '{ "permissions": { "allow": "mcp__srv__x" } }';
    const { each, elsewhere } = settingsTypeErrors([...written, notSettings]);
    expect(elsewhere).toEqual([]);
    expect(each.slice(0, -1)).toEqual(written.map(() => []));
    expect(each.at(-1)).not.toEqual([]);
  });

  it('spells the server as Claude Code does, and says that the lists are enforced in process', () => {
    const r = runCli(['policy', '--format', 'claude', '--agent', 'mcp:acme-crm'], {
      cwd: join(REPO, 'examples/support-desk'),
    });
    expect(JSON.parse(r.stdout).permissions.allow).toEqual([
      'mcp__acme-crm__get_customer',
      'mcp__acme-crm__merge_customers',
    ]);
    expect(r.stderr).toContain("enforced in the agent's own process, not at a boundary it cannot skip");
  });
});

describe('OpenAI Agents static tool filter, applied by the Agents SDK itself', () => {
  const require = createRequire(join(THIRD_PARTY, 'frameworks/package.json'));
  const agents = require('@openai/agents-core') as {
    createMCPToolStaticFilter: (o: { allowed?: string[]; blocked?: string[] }) => unknown;
    getAllMcpTools: (servers: unknown[]) => Promise<{ name: string }[]>;
  };

  /** An MCP server as the SDK sees one, listing `tools`, with the filter. */
  const server = (name: string, tools: string[], toolFilter: unknown) => ({
    name,
    cacheToolsList: false,
    toolFilter,
    connect: async () => {},
    close: async () => {},
    listTools: async () =>
      tools.map((t) => ({ name: t, description: t, inputSchema: { type: 'object', properties: {}, required: [] } })),
    callTool: async () => [],
    invalidateToolsCache: async () => {},
  });

  /** How many servers the SDK filtered, over the projects. */
  let filtered = 0;
  /** How many tools behind an approval gate the filters blocked. */
  let blocked = 0;

  it.each(PROJECTS)('%s: the SDK lists exactly the tools that need no approval', async (project) => {
    const authority = await authorityIn(project);
    for (const id of Object.keys(authority.agents)) {
      const options = JSON.parse(openAiAgentsToolFilter(authority, id)) as { allowed: string[]; blocked: string[] };
      const tools = namedTools(authority, id);
      if (!options.allowed.length) continue; // an empty allow list allows everything in the SDK (docs/policies.md)
      filtered++;
      const listed = await agents.getAllMcpTools([
        server('srv', [...tools, 'a_tool_nobody_registered'], agents.createMCPToolStaticFilter(options)),
      ]);
      const gated = gatedTools(authority, id);
      blocked += gated.length;
      expect(listed.map((t) => t.name).sort()).toEqual(tools.filter((t) => !gated.includes(t)).sort());
    }
  });

  it('filtered servers of every project, among them one with a tool behind an approval gate', () => {
    expect(filtered).toBeGreaterThanOrEqual(PROJECTS.length);
    expect(blocked).toBeGreaterThan(0);
  });
});
