import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * LangGraph's own runtime is the oracle: the fixture (shaped after LangGraph.js's examples: tools in files of their
 * own as `tool()`, a `StructuredTool` class and a `DynamicStructuredTool`, two `createReactAgent`s, one stopping
 * before its tools, a supervisor over both, and a hand-built `StateGraph` with a `ToolNode`) is loaded on the pinned
 * `@langchain/langgraph` and `@langchain/langgraph-supervisor`, and every compiled graph is read back: the tools of
 * its `tools` node (the names the model is bound with), its `interruptBefore`, and for the supervisor the agents its
 * `transfer_to_…` hand-off tools reach.
 */
const PROBE = `
const graphs = await import('./langgraph-travel.mjs');
const toolsOf = (g) => (g.nodes.tools?.bound?.tools ?? []).map((t) => t.name);
const shapes = Object.entries(graphs).map(([exported, g]) => {
  const supervisor = g.nodes.supervisor?.bound;
  if (supervisor) {
    const tools = toolsOf(supervisor);
    const handoffs = tools.filter((t) => t.startsWith('transfer_to_'));
    return {
      name: supervisor.name,
      tools: tools.filter((t) => !handoffs.includes(t)),
      delegates: handoffs.map((t) => t.slice('transfer_to_'.length)),
      approvals: [],
    };
  }
  const tools = toolsOf(g);
  return { name: g.name ?? exported, tools, delegates: [], approvals: g.interruptBefore?.includes('tools') ? tools : [] };
});
console.log(JSON.stringify(shapes));
process.exit(0);
`;

describe('LangGraph: static inventory = the runtime’s compiled graphs', () => {
  it('@langchain/langgraph 1.7, @langchain/langgraph-supervisor 1.1', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/langgraph-travel';
    // No OPENAI_API_KEY: ChatOpenAI is made, never called.
    const live = probeRuntime(`${fixture}/src/index.ts`, 'langgraph-travel', PROBE, 'frameworks');
    expect(live.map((a) => a.name)).toEqual(['flight_assistant', 'hotel_assistant', 'supervisor', 'weatherGraph']);
    // Framework gates only: that book_flight calls interrupt() in its code is for a unit test, not the runtime.
    const gates = (detail: string) => !detail.startsWith('asks for approval in code');
    expect(staticAgents(fixture, 'langchain', gates)).toEqual(live);
  });
});
