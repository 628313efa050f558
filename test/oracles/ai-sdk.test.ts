import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * The AI SDK's own runtime is the oracle: the fixture (shaped after the AI SDK chatbot template: tools in files of
 * their own, some made per request by a factory, keyed where a route gives them to `streamText`; and a
 * `ToolLoopAgent` whose tools a helper assembles) runs on the pinned `ai` 6. The route's function is called with a
 * mock model that records the tools each request offers it, by the names the model is given; the agent's are its
 * `tools` keys, and those it gates are the tools with `needsApproval`.
 */
const PROBE = `
import { MockLanguageModelV3 } from 'ai/test';
const { chat, researcher } = await import('./ai-sdk-chatbot.mjs');
const model = new MockLanguageModelV3({
  doStream: async () => { throw new Error('recorded'); },
});
try { await chat(model, 'What is the weather in Lisbon?'); } catch {}
const offered = model.doStreamCalls.flatMap((c) => (c.tools ?? []).map((t) => t.name));
const agents = [
  { name: 'chat', tools: offered, delegates: [], approvals: [] },
  {
    name: 'researcher',
    tools: Object.keys(researcher.tools),
    delegates: [],
    approvals: Object.entries(researcher.tools).filter(([, t]) => t.needsApproval === true).map(([k]) => k),
  },
];
console.log(JSON.stringify(agents));
process.exit(0);
`;

describe('AI SDK: static inventory = the runtime’s agents', () => {
  it('ai 6', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/ai-sdk-chatbot';
    const live = probeRuntime(`${fixture}/src/index.ts`, 'ai-sdk-chatbot', PROBE, 'frameworks');
    expect(live.find((a) => a.name === 'chat')?.tools).toEqual(['createDocument', 'getWeather', 'updateDocument']);
    expect(staticAgents(fixture, 'ai-sdk')).toEqual(live);
  });
});
