import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../helpers/analyze';

/** The model an agent calls, as its options name it: read for the AI bill of materials. */
const cases: [string, string, string | undefined][] = [
  [
    'a model id (Mastra)',
    `import { Agent } from '@mastra/core/agent';\nexport const a = new Agent({ id: 'a', name: 'a', instructions: 'x', model: 'openai/gpt-5-mini' });`,
    'openai/gpt-5-mini',
  ],
  [
    "a provider's model function (AI SDK)",
    `import { generateText, tool } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function answer(q: string) {\n  return generateText({ model: openai('gpt-5-mini'), prompt: q, tools: {} });\n}`,
    'gpt-5-mini',
  ],
  [
    'a client built with one, through a variable (LangGraph)',
    `import { createReactAgent } from '@langchain/langgraph/prebuilt';\nimport { ChatOpenAI } from '@langchain/openai';\nconst llm = new ChatOpenAI({ model: 'gpt-4o-mini', temperature: 0 });\nexport const a = createReactAgent({ llm, tools: [], name: 'travel' });`,
    'gpt-4o-mini',
  ],
  [
    'none the code shows',
    `import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'plain', instructions: 'x' });`,
    undefined,
  ],
];

describe('the model an agent calls', () => {
  it.each(cases)('%s', (_, code, model) => {
    const [agent] = analyzeFiles({ 'src/agent.ts': code }).graph.agents;
    expect(agent?.model).toBe(model);
  });
});
