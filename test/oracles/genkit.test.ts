import { describe, expect, it } from 'vitest';
import { probeRuntime, staticAgents } from '../helpers/framework-oracle';

/**
 * Genkit's own runtime is the oracle: the fixture (shaped after Genkit's samples: the instance in `genkit.ts`, tools
 * in files of their own, a namespaced tool named by string in a prompt, an interrupt, a flow calling `generate`, one
 * whose `generate` uses `@genkit-ai/middleware`: file tools, a sub-agent's delegation tool, tool approval) is
 * loaded on the pinned `genkit`, its default model replaced by one that records what it is offered, and every
 * prompt and flow is run once: the tool names each model call receives are the model-facing names. Tools
 * `defineInterrupt` made (`restartable: false` in their metadata) are the approval gates.
 */
const PROBE = `
const { ai, ...flowsAndPrompts } = await import('./genkit-app.mjs');
let offered = [];
ai.defineModel({ name: 'oracle/recorder' }, async (req) => {
  offered = (req.tools ?? []).map((t) => t.name);
  return { message: { role: 'model', content: [{ text: 'ok' }] }, finishReason: 'stop' };
});
ai.registry.registerValue('defaultModel', 'defaultModel', 'oracle/recorder');
const actions = await ai.registry.listActions();
const gates = new Set(
  Object.entries(actions)
    .filter(([key, a]) => key.startsWith('/tool/') && a.__action.metadata?.tool?.restartable === false)
    .map(([, a]) => a.__action.name),
);
const shapes = [];
for (const [name, run] of Object.entries(flowsAndPrompts)) {
  await run(name === 'waiter' ? {} : 'autumn');
  const agent = name === 'waiter' ? 'waiter' : run.__action.name;
  shapes.push({ name: agent, tools: offered, delegates: [], approvals: offered.filter((t) => gates.has(t)) });
}
console.log(JSON.stringify(shapes));
`;

describe('Genkit: static inventory = what the runtime offers the model', () => {
  it('genkit 1.42', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/genkit-app';
    const live = probeRuntime(`${fixture}/src/index.ts`, 'genkit-app', PROBE, 'frameworks');
    expect(live.map((a) => a.name)).toEqual(['menuSuggestionFlow', 'recipeFlow', 'waiter']);
    expect(live[1]!.tools).toEqual([
      'delegate_to_sommelier',
      'list_files',
      'read_file',
      'search_and_replace',
      'todaysMenu',
      'write_file',
    ]);
    // Framework gates only: the runtime cannot say that placeOrder's code asks first (a unit test does).
    expect(staticAgents(fixture, 'genkit', (detail) => detail.startsWith('defineInterrupt'))).toEqual(live);
  });
});
