import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OwnerResolver } from '../../server/src/analyzer/owners';
import { DEFAULT_CONFIG } from '../../server/src/config/load-config';
import { analyseFile, analyzeResults, extractOptions, pathMappingsOf, type SourceInput } from '../../server/src/engine';
import { analyze } from '../../server/src/pipeline/pipeline';
import { Prefilter } from '../../server/src/pipeline/prefilter';
import type { AnalysisResult } from '../../server/src/analyzer/types';
import { isSourceFile } from '../../server/src/analyzer/extract';
import { WorkspaceState } from '../../server/src/lsp/workspace-state';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { TODAY } from '../helpers/analyze';
import { inputsOf } from '../helpers/projects';

/**
 * The text pre-filter: only agent code and what it imports is parsed; everything else is read for secrets.
 * Fixture `prefilter-reachability`: an agent file reaching a barrel, a `paths`-aliased module and a Stripe
 * client; a tool whose approval gate is set by the agent that imports it; a file that no agent imports; a
 * model call that defines nothing, whose own imports are therefore not parsed; an SDK importer that takes
 * only a type and a helper from it, not parsed at all.
 */
const FIXTURE = 'test/fixtures/prefilter-reachability';

/** Both steps of the pre-filter, as `analyze` runs them: the depth each source file is analysed at. */
function depthsFor(inputs: SourceInput[], prefilter = new Prefilter(inputs)): Map<string, string | undefined> {
  const depthOf = prefilter.depths(
    inputs.filter((i) => prefilter.isSeed(i.file)).map((i) => analyseFile(i, {}, 'facts')),
  );
  return new Map(inputs.filter((i) => isSourceFile(i.file)).map((i) => [i.file, depthOf(i.file)]));
}

const opts = () => ({
  config: DEFAULT_CONFIG,
  today: TODAY,
  owners: new OwnerResolver({ cwd: '/virtual', configOwners: {}, configDir: '/virtual' }),
});
/** Every source file parsed, as before the pre-filter: the reference the filtered run must equal. */
const everythingParsed = (inputs: SourceInput[]): AnalysisResult =>
  analyzeResults(
    inputs.map((i) => analyseFile(i, extractOptions(DEFAULT_CONFIG, pathMappingsOf(inputs)), 'facts')),
    opts(),
  );
const findingKeys = (r: AnalysisResult) =>
  r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.start.line}:${f.loc.start.column} ${f.message}`);

describe('fixture: prefilter-reachability', () => {
  const inputs = inputsOf(FIXTURE);

  it('parses files taking an SDK entry point and what those defining tools or agents reach (barrel, export *, paths alias); reads the rest for secrets', () => {
    expect(Object.fromEntries(depthsFor(inputs))).toEqual({
      'src/agent.ts': 'facts',
      'src/billing/index.ts': 'facts',
      'src/billing/refund.ts': 'facts',
      'src/lib/mailer.ts': 'facts',
      'src/payouts-agent.ts': 'facts',
      'src/tools/wire.ts': 'facts',
      'src/unrelated/chat-types.ts': 'secrets',
      'src/unrelated/history.ts': 'secrets',
      'src/unrelated/report.ts': 'secrets',
      'src/unrelated/summarise.ts': 'facts',
    });
  });

  it('built a slice at a time (as the language server indexes), pauses between slices and decides the same', () => {
    // Told to pause whenever it asks: after each input's aliases are found, and between two files of the graph.
    const steps = Prefilter.sliced(inputs, [], () => true);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    const sources = inputs.filter((i) => isSourceFile(i.file));
    expect(pauses).toBe(inputs.length + sources.length - 1);
    expect(Object.fromEntries(depthsFor(inputs, step.value))).toEqual(Object.fromEntries(depthsFor(inputs)));
  });

  it('the tool still reaches Stripe through the barrel and the network through the alias', () => {
    const result = analyze(inputs, opts());
    const tool = result.graph.tools.find((t) => t.name === 'refundTool');
    expect(tool?.capabilities.map((c) => c.capability).sort()).toEqual(expect.arrayContaining(['payments:write']));
    expect(tool?.capabilities.some((c) => c.evidence.file === 'src/lib/mailer.ts')).toBe(true);
  });

  it('finds exactly what a run that parses every file finds', () => {
    expect(findingKeys(analyze(inputs, opts()))).toEqual(findingKeys(everythingParsed(inputs)));
  });
});

describe('the pre-filter changes no finding on the other fixtures and the example project', () => {
  for (const dir of ['examples/support-desk', 'test/fixtures/chain-across-files']) {
    it(dir, () => {
      const inputs = inputsOf(dir).filter((i) => !i.file.includes('node_modules'));
      const filtered = analyze(inputs, opts());
      expect(filtered.findings.length).toBeGreaterThan(0);
      expect(findingKeys(filtered)).toEqual(findingKeys(everythingParsed(inputs)));
    });
  }
});

describe('subclasses of a tool class, in files that do not import the SDK', () => {
  const inputs: SourceInput[] = [
    {
      file: 'src/tools/base.ts',
      text: `import { StructuredTool } from '@langchain/core/tools';
export abstract class CalendarBase extends StructuredTool { name = 'calendar'; description = ''; }`,
    },
    {
      file: 'src/tools/create.ts',
      text: `import { CalendarBase } from './base';
import { write } from '../lib/api';
export class CreateEvent extends CalendarBase { name = 'calendar_create'; async _call() { return write(); } }`,
    },
    {
      file: 'src/tools/create-recurring.ts',
      text: `import { CreateEvent } from './create';
export class CreateRecurring extends CreateEvent { name = 'calendar_create_recurring'; }`,
    },
    { file: 'src/lib/api.ts', text: `export const write = async () => fetch('https://calendar.example/events');` },
    { file: 'src/tools/names.ts', text: `import { CalendarBase } from './base';\nexport type Base = CalendarBase;` },
  ];

  it('the files declaring classes that import a defining file are parsed, as is what they import', () => {
    expect(Object.fromEntries(depthsFor(inputs))).toEqual({
      'src/lib/api.ts': 'facts',
      'src/tools/base.ts': 'facts',
      'src/tools/create-recurring.ts': 'facts',
      'src/tools/create.ts': 'facts',
      'src/tools/names.ts': 'secrets',
    });
  });

  it('finds the tools a run parsing every file finds', () => {
    const result = analyze(inputs, opts());
    expect(result.graph.tools.map((t) => t.name).sort()).toEqual(['calendar_create', 'calendar_create_recurring']);
    expect(findingKeys(result)).toEqual(findingKeys(everythingParsed(inputs)));
  });
});

describe('a file importing a tool factory, which does not import the SDK', () => {
  const inputs: SourceInput[] = [
    {
      file: 'src/tools/act.ts',
      text: `import { tool } from 'ai';
export const actTool = (page: { act(): Promise<string> }) => tool({ description: 'Act', execute: async () => page.act() });`,
    },
    {
      file: 'src/tools/index.ts',
      text: `import { actTool } from './act';
import { hints } from '../lib/hints';
export const createTools = (page: any) => ({ act: actTool(page), hints });`,
    },
    { file: 'src/lib/hints.ts', text: `export const hints = ['click', 'type'];` },
  ];

  it('is parsed, for the keys it gives the tools; what it imports besides is not', () => {
    expect(Object.fromEntries(depthsFor(inputs))).toEqual({
      'src/lib/hints.ts': 'secrets',
      'src/tools/act.ts': 'facts',
      'src/tools/index.ts': 'facts',
    });
  });
});

describe('files read for secrets only', () => {
  it('a key split across concatenated literals is still found (the file gets parsed for it)', () => {
    const key = FAKE_KEYS['anthropic-api-key']!();
    const text = `export const client = { key: '${key.slice(0, 20)}' + '${key.slice(20)}' };\n`;
    const input = { file: 'src/unrelated/split.ts', text };
    expect(depthsFor([input]).get(input.file)).toBe('secrets');
    const result = analyseFile(input, {}, 'secrets');
    expect(result.depth).toBe('facts');
    expect(result.secrets.map((s) => s.ruleId)).toContain('anthropic-api-key');
  });

  it('a suppression directive inside a string is not one', () => {
    const text = "const help = '// agent-warden-ignore-next-line hardcoded-secret';\n";
    expect(analyseFile({ file: 'src/help.ts', text }, {}, 'secrets').suppressions).toEqual([]);
  });
});

describe('language server workspace: a file becomes parsed when agent code starts to import it', () => {
  const root = mkdtempSync(join(tmpdir(), 'aw-prefilter-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const agent = (withImport: boolean) =>
    `import { tool } from 'ai';\n${withImport ? "import { wipe } from './ops';\n" : ''}/** @owner ops @scope tickets:read */\nexport const cleanup = tool({ description: 'clean up', execute: async () => ${withImport ? 'wipe()' : "'ok'"} });\n`;

  it('indexes the helper for secrets only, then extracts it once the agent imports it', async () => {
    write('agent-warden.json', '{}');
    write('src/agent.ts', agent(false));
    write(
      'src/ops.ts',
      "import { execSync } from 'node:child_process';\nexport const wipe = () => execSync('rm -rf /var/cache/app');\n",
    );
    const state = new WorkspaceState(root);
    await state.index();
    const capabilitiesOf = () =>
      state
        .current()
        .graph.tools.find((t) => t.name === 'cleanup')
        ?.capabilities.map((c) => c.capability) ?? [];
    expect(state.current().facts.map((f) => f.file)).toEqual(['src/agent.ts']);
    expect(capabilitiesOf()).toEqual([]);

    state.update('src/agent.ts', agent(true)); // typed in the editor
    expect(
      state
        .current()
        .facts.map((f) => f.file)
        .sort(),
    ).toEqual(['src/agent.ts', 'src/ops.ts']);
    expect(capabilitiesOf()).toContain('system:exec');

    state.update('src/agent.ts', agent(false)); // and taken out again: ops.ts facts no longer count
    expect(state.current().facts.map((f) => f.file)).toEqual(['src/agent.ts']);
    expect(capabilitiesOf()).toEqual([]);
  });
});

describe('language server: a file’s findings from its import neighbourhood equal the whole-workspace ones', () => {
  for (const dir of ['examples/support-desk', 'test/fixtures/chain-across-files', FIXTURE]) {
    it(dir, async () => {
      const state = new WorkspaceState(join(process.cwd(), dir));
      await state.index();
      const files = state.files().filter((f) => !f.includes('node_modules'));
      const focused = new Map(
        files.map((f) => [
          f,
          state.findingsFor(f).map((x) => `${x.ruleId} ${x.loc.start.line}:${x.loc.start.column} ${x.message}`),
        ]),
      );
      const whole = state.current();
      let total = 0;
      for (const f of files) {
        const expected = whole.findings
          .filter((x) => x.loc.file === f)
          .map((x) => `${x.ruleId} ${x.loc.start.line}:${x.loc.start.column} ${x.message}`);
        total += expected.length;
        expect(focused.get(f), f).toEqual(expected);
      }
      expect(total).toBeGreaterThan(0);
    });
  }
});
