import { describe, expect, it } from 'vitest';
import { alternateBuilds, type Build, buildSignature, moduleOfBuild } from '../../server/src/analyzer/alternate-builds';
import { OwnerResolver } from '../../server/src/analyzer/owners';
import { DEFAULT_CONFIG } from '../../server/src/config/load-config';
import { analyseFile, type SourceInput } from '../../server/src/engine';
import { analyze } from '../../server/src/pipeline/pipeline';
import { Prefilter } from '../../server/src/pipeline/prefilter';
import { isSourceFile } from '../../server/src/analyzer/extract';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { TODAY } from '../helpers/analyze';
import { inputsOf } from '../helpers/projects';

/**
 * A package built for both module systems ships each module twice; a program loads one. The ESM build is analysed,
 * the other read for secrets only (unless it is open), and what imports it is led to the ESM build.
 */

const build = (file: string, specifiers: string[], seed = true, subclass = false): Build => ({
  file,
  signature: buildSignature(specifiers),
  seed,
  subclass,
});
const SDK = ['@modelcontextprotocol/sdk/server/mcp.js', 'zod'];

describe('which files are another build of one module', () => {
  it.each([
    {
      name: '.js and .mjs (tsup): the .js',
      builds: [build('d/index.js', SDK), build('d/index.mjs', SDK)],
      left: ['d/index.js'],
    },
    {
      name: '.js and .cjs ("type": "module"): the .cjs',
      builds: [build('d/a.cjs', SDK), build('d/a.js', SDK)],
      left: ['d/a.cjs'],
    },
    {
      name: 'esm/ and cjs/ folders (tsc twice): the cjs one',
      builds: [build('lib/cjs/tools/x.js', SDK), build('lib/esm/tools/x.js', SDK)],
      left: ['lib/cjs/tools/x.js'],
    },
    {
      name: 'three builds: all but the .mjs',
      builds: [build('d/i.cjs', SDK), build('d/i.js', SDK), build('d/i.mjs', SDK)],
      left: ['d/i.cjs', 'd/i.js'],
    },
    {
      name: 'relative imports naming other chunks: still one module',
      builds: [build('d/i.js', [...SDK, './chunk-AB12.js']), build('d/i.mjs', ['./chunk-CD34.mjs', ...SDK])],
      left: ['d/i.js'],
    },
    {
      name: 'other packages imported: two modules',
      builds: [build('d/i.js', SDK), build('d/i.mjs', ['zod'])],
      left: [],
    },
    {
      name: 'more relative imports in one: two modules',
      builds: [build('d/i.js', SDK), build('d/i.mjs', [...SDK, './extra.mjs'])],
      left: [],
    },
    {
      name: 'the build left is a seed and the analysed one is not: both analysed',
      builds: [build('d/i.js', SDK, true), build('d/i.mjs', SDK, false)],
      left: [],
    },
    {
      name: 'the analysed build is a seed and the other is not: one',
      builds: [build('d/i.js', SDK, false), build('d/i.mjs', SDK, true)],
      left: ['d/i.js'],
    },
    {
      name: 'a subclass only in the build left: both',
      builds: [build('d/i.cjs', SDK, true, true), build('d/i.js', SDK)],
      left: [],
    },
    { name: 'other folders: two modules', builds: [build('a/index.js', SDK), build('b/index.mjs', SDK)], left: [] },
    { name: 'TypeScript sources are not builds', builds: [build('src/i.ts', SDK), build('src/i.mts', SDK)], left: [] },
  ])('$name', ({ builds, left }) => {
    expect([...alternateBuilds(builds, () => false).keys()].sort()).toEqual(left);
  });

  it('an ESM wrapper that imports the CommonJS build is not a build of its own', () => {
    const builds = [build('d/i.cjs', SDK), build('d/i.mjs', SDK)];
    expect([...alternateBuilds(builds, (from, to) => from === 'd/i.mjs' && to === 'd/i.cjs').keys()]).toEqual([]);
  });

  it('what the paths of two builds share', () => {
    expect(moduleOfBuild('lib/esm/a/b.js')).toBe(moduleOfBuild('lib/cjs/a/b.js'));
    expect(moduleOfBuild('dist/x.mjs')).toBe(moduleOfBuild('dist/x.cjs'));
    expect(moduleOfBuild('dist/x.mjs')).not.toBe(moduleOfBuild('dist/y.mjs'));
    expect(moduleOfBuild('src/x.ts')).toBeUndefined();
  });
});

const FIXTURE = 'test/fixtures/dual-build-package';

const opts = () => ({
  config: DEFAULT_CONFIG,
  today: TODAY,
  owners: new OwnerResolver({ cwd: '/virtual', configOwners: {}, configDir: '/virtual' }),
});

function depthsFor(inputs: SourceInput[]): Record<string, string | undefined> {
  const prefilter = new Prefilter(inputs);
  const depthOf = prefilter.depths(
    inputs.filter((i) => prefilter.isSeed(i.file)).map((i) => analyseFile(i, {}, 'facts')),
  );
  return Object.fromEntries(inputs.filter((i) => isSourceFile(i.file)).map((i) => [i.file, depthOf(i.file)]));
}

describe('fixture: dual-build-package', () => {
  const inputs = inputsOf(FIXTURE);

  it('the ESM build is analysed; the CommonJS build is read for secrets', () => {
    expect(depthsFor(inputs)).toEqual({ 'lib/index.cjs': 'secrets', 'lib/index.js': 'facts' });
  });

  it('each tool once, from the ESM build, with what it does', () => {
    const tools = analyze(inputs, opts()).graph.tools.map((t) => ({
      file: t.loc.file,
      name: t.name,
      capabilities: t.capabilities.map((c) => c.capability),
    }));
    expect(tools).toEqual([
      { file: 'lib/index.js', name: 'get_forecast', capabilities: ['network:egress'] },
      { file: 'lib/index.js', name: 'save_report', capabilities: ['file:write'] },
    ]);
  });

  it('the CommonJS build alone finds the same: its calls of imported functions, `(0, import_x.f)(…)`, are read', () => {
    const tools = analyze(
      inputs.filter((i) => i.file !== 'lib/index.js'),
      opts(),
    ).graph.tools.map((t) => ({ name: t.name, capabilities: t.capabilities.map((c) => c.capability) }));
    expect(tools).toEqual([
      { name: 'get_forecast', capabilities: ['network:egress'] },
      { name: 'save_report', capabilities: ['file:write'] },
    ]);
  });

  it('a key in the CommonJS build is still found', () => {
    const key = FAKE_KEYS['openai-api-key']!();
    const withKey = inputs.map((i) =>
      i.file === 'lib/index.cjs' ? { ...i, text: `${i.text}\nconst OPENAI_API_KEY = "${key}";\n` } : i,
    );
    const secrets = analyze(withKey, opts()).findings.filter((f) => f.ruleId === 'hardcoded-secret');
    expect(secrets.map((f) => f.loc.file)).toEqual(['lib/index.cjs']);
  });

  it('an open CommonJS build is analysed', () => {
    const prefilter = new Prefilter(inputs);
    const depthOf = prefilter.depths([]);
    expect(depthOf('lib/index.cjs')).toBe('secrets');
    expect(prefilter.graph.factsNeeded([], ['lib/index.cjs']).has('lib/index.cjs')).toBe(true);
  });
});

describe('a file that imports the build not analysed is linked to the one that is', () => {
  const tools = (format: 'esm' | 'cjs') =>
    format === 'esm'
      ? `import { tool } from "ai";\nimport { z } from "zod";\nconst getForecast = tool({ description: "Forecast", inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => fetch("https://api.weather.example/" + city) });\nexport { getForecast };\n`
      : `var import_ai = require("ai");\nvar import_zod = require("zod");\nconst getForecast = (0, import_ai.tool)({ description: "Forecast", inputSchema: import_zod.z.object({ city: import_zod.z.string() }), execute: async ({ city }) => fetch("https://api.weather.example/" + city) });\nmodule.exports = { getForecast };\n`;
  const inputs: SourceInput[] = [
    { file: 'weather/lib/index.js', text: tools('esm') },
    { file: 'weather/lib/index.cjs', text: tools('cjs') },
    {
      file: 'app/agent.cjs',
      text: `const { generateText } = require("ai");
const { getForecast } = require("../weather/lib/index.cjs");
async function answer(prompt) {
  return generateText({ model: "openai/gpt-5-mini", prompt, tools: { getForecast } });
}
module.exports = { answer };
`,
    },
  ];

  it("an edit's neighbourhood holds the ESM build for a file importing the CommonJS one, and the other way", () => {
    const graph = new Prefilter(inputs).graph;
    expect(graph.neighbourhoodOf('app/agent.cjs')).toEqual(new Set(['app/agent.cjs', 'weather/lib/index.js']));
    expect(graph.neighbourhoodOf('weather/lib/index.js')).toEqual(
      new Set(['app/agent.cjs', 'weather/lib/index.cjs', 'weather/lib/index.js']),
    );
  });

  it("the CommonJS build is not analysed, and the agent is given the ESM build's tool", () => {
    expect(depthsFor(inputs)['weather/lib/index.cjs']).toBe('secrets');
    const graph = analyze(inputs, opts()).graph;
    expect(graph.tools.map((t) => [t.name, t.loc.file])).toEqual([['getForecast', 'weather/lib/index.js']]);
    expect(graph.agents.map((a) => [a.loc.file, a.tools])).toEqual([['app/agent.cjs', [graph.tools[0]!.id]]]);
  });
});
