import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * LlamaIndex.TS's own runtime is the oracle: the fixture (shaped after LlamaIndex's multi-agent example: tools in
 * files of their own in both `tool()` forms and `FunctionTool.from`, query engines as tools (`index.queryTool`,
 * `asQueryTool`, `new QueryEngineTool`) over an in-memory index, two agents, one handing off to the other, run
 * together by `multiAgent`) is loaded on the pinned `llamaindex` and `@llamaindex/workflow`, and the workflow's
 * agents are read back: each one's tools (by `metadata.name`, what the model is given) and `canHandoffTo`. The
 * `handOff` tool the workflow adds for a hand-off is the delegation itself, compared as such.
 */
const PROBE = `
const { workflow } = await import('./llamaindex-agents.mjs');
const agents = workflow.getAgents().map((a) => ({
  name: a.name,
  tools: a.tools.map((t) => t.metadata.name).filter((n) => n !== 'handOff'),
  delegates: a.canHandoffTo,
  approvals: [],
}));
console.log(JSON.stringify(agents));
`;

describe('LlamaIndex.TS: static inventory = the runtime’s agents', () => {
  it('llamaindex 0.12, @llamaindex/workflow 1.1', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/llamaindex-agents';
    const live = probeRuntime(`${fixture}/src/index.ts`, 'llamaindex-agents', PROBE, 'frameworks');
    expect(live.map((a) => a.name)).toEqual(['TemperatureAgent', 'WeatherAgent']);
    expect(live[1]!.tools).toEqual(['climate_facts', 'fetchWeather', 'query_engine_tool', 'weather_archive']);
    expect(staticAgents(fixture, 'llamaindex')).toEqual(live);
  });
});
