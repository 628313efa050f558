import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * The Claude Agent SDK's own runtime is the oracle for the tools a project gives Claude: the fixture (shaped after
 * the SDK's custom-tools guide: tools in files of their own, grouped by `createSdkMcpServer`, the servers handed to
 * `query()`) is loaded on the pinned SDK, and each SDK MCP server is asked for its tools over MCP, as Claude Code
 * asks it. The query itself needs the Claude Code binary and a model; it is not run: its delegation to the servers
 * by their keys is checked beside.
 */
const PROBE = `
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
const { travelServer, weatherServer } = await import('./claude-agent-travel.mjs');
const agents = [];
for (const server of [travelServer, weatherServer]) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.instance.connect(serverSide);
  const client = new Client({ name: 'oracle', version: '1.0.0' });
  await client.connect(clientSide);
  const { tools } = await client.listTools();
  agents.push({ name: server.name, tools: tools.map((t) => t.name), delegates: [], approvals: [] });
}
console.log(JSON.stringify(agents));
process.exit(0);
`;

describe('Claude Agent SDK: static inventory = the tools its MCP servers list', () => {
  it('@anthropic-ai/claude-agent-sdk 0.3', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/claude-agent-travel';
    const live = probeRuntime(`${fixture}/src/index.ts`, 'claude-agent-travel', PROBE, 'claude');
    expect(live).toEqual([
      { name: 'travel', tools: ['book_flight', 'search_flights'], delegates: [], approvals: [] },
      { name: 'weather', tools: ['get_forecast'], delegates: [], approvals: [] },
    ]);
    const inventory = staticAgents(fixture, 'claude-agent');
    expect(inventory.filter((a) => a.name !== 'planTrip')).toEqual(live);
    expect(inventory.find((a) => a.name === 'planTrip')?.delegates).toEqual(['travel', 'weather']);
  });
});
