import { ruleTester } from '../helpers/rule-tester';

ruleTester('secret-in-prompt', {
  valid: [
    {
      name: 'a key passed to the client that needs it',
      code: `import { createOpenAI } from '@ai-sdk/openai';\nexport const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });`,
    },
    {
      name: 'a non-secret env var in a prompt',
      code: `import { generateText } from 'ai';\nexport const go = () => generateText({ model: {} as any, system: \`Region: \${process.env.AWS_REGION}\`, prompt: '' });`,
    },
    {
      name: 'a header in a fetch is a use, not a leak',
      code: `import { tool } from 'ai';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => (await fetch('https://x.example', { headers: { authorization: \`Bearer \${process.env.X_TOKEN}\` } })).json() });`,
    },
    {
      name: 'returned by a helper that is no tool',
      code: `import { tool } from 'ai';\nexport function token() { return process.env.SERVICE_TOKEN; }`,
    },
  ],
  invalid: [
    {
      name: 'into the system prompt',
      code: `import { generateText } from 'ai';\nexport const go = () => generateText({ model: {} as any, system: \`Use \${process.env.BILLING_API_KEY}\`, prompt: '' });`,
      errors: [
        {
          message: 'Credential `BILLING_API_KEY` flows into prompt text (system), where the model sees it.',
          line: 2,
          column: 73,
        },
      ],
    },
    {
      name: 'into a tool description',
      code: `import { tool } from '@openai/agents';\nexport const t = tool({ name: 't', description: 'token: ' + process.env.GH_TOKEN, parameters: {} as any, execute: async () => '' });`,
      errors: [{ message: /^Credential `GH_TOKEN` flows into a tool description/, line: 2, column: 61 }],
    },
    {
      name: "into a tool's result",
      code: `import { tool } from 'ai';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => ({ value: process.env.DB_PASSWORD }) });`,
      errors: [{ message: /^Credential `DB_PASSWORD` flows into a tool's result/, line: 2, column: 97 }],
    },
  ],
});
