import { SECRET_ENV_NAME } from '../secrets/env-names';
import { defineRule } from './rule';

const INTO = { prompt: 'prompt text', description: 'a tool description', result: "a tool's result" } as const;

export const secretInPrompt = defineRule({
  meta: {
    id: 'secret-in-prompt',
    defaultSeverity: 'error',
    summary:
      "A credential is written into prompt text, a tool description, or a tool's result: the model (and whoever can talk to it) sees it.",
    why: 'Anything in the context window can be repeated back: a prompt injection only has to ask. A key in a prompt or a tool result is a leaked key (OWASP LLM02 sensitive information disclosure, NHI2 secret leakage).',
    fix: 'Keep credentials out of text: pass them to the client that needs them (`new Client({ apiKey })`), and return only the data a tool fetched.',
    when: 'Whatever the risk: a credential in a prompt or model-visible text is given to the model and to whoever can read its context.',
    incorrect: [
      {
        code: `import { generateText } from 'ai';
export const ask = (q: string) => generateText({ model: {} as any, system: \`You may call the API with key \${process.env.BILLING_API_KEY}.\`, prompt: q });`,
      },
      {
        code: `import { tool } from 'ai';
export const debug = tool({ description: 'Show config', inputSchema: {} as any, execute: async () => process.env.DATABASE_PASSWORD });`,
      },
    ],
    correct: [
      {
        code: `import { generateText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
export const ask = (q: string) => generateText({ model: openai('gpt-5'), system: 'You answer billing questions.', prompt: q });`,
      },
    ],
    messages: {
      flowsIntoModel: 'Credential `{{name}}` flows into {{into}} ({{via}}), where the model sees it.',
    },
    inTestCode: true,
    mappings: {
      maestro: ['L1', 'L6'],
      nistAiRmf: ['MANAGE'],
      owaspAgentic: ['ASI06'],
      owaspNhi: ['NHI2'],
      owaspLlm: ['LLM02', 'LLM07'],
      cwe: ['CWE-200'],
    },
  },
  check(ctx) {
    const implFns = new Set(ctx.graph.tools.flatMap((t) => t.implFunctions ?? []));
    for (const facts of ctx.facts.values()) {
      if (!facts.sdkImports.length) continue; // only agent code feeds models
      for (const c of facts.credentials) {
        const flow = c.flowsInto;
        if (!flow || !SECRET_ENV_NAME.test(c.name)) continue;
        if (flow.kind === 'result' && !(c.fnId && implFns.has(c.fnId))) continue;
        ctx.report({
          loc: c.loc,
          messageId: 'flowsIntoModel',
          data: { name: c.name, into: INTO[flow.kind], via: flow.via },
          subject: `leak:${c.name}:${flow.kind}:${flow.via}`,
        });
      }
    }
  },
});
