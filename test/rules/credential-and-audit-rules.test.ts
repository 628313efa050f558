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
          message:
            '`BILLING_API_KEY` flows into prompt text (system): the model sees the credential and can be talked into repeating it. Pass it to the client that needs it instead.',
          line: 2,
          column: 73,
        },
      ],
    },
    {
      name: 'into a tool description',
      code: `import { tool } from '@openai/agents';\nexport const t = tool({ name: 't', description: 'token: ' + process.env.GH_TOKEN, parameters: {} as any, execute: async () => '' });`,
      errors: [{ message: /^`GH_TOKEN` flows into a tool description/, line: 2, column: 61 }],
    },
    {
      name: "into a tool's result",
      code: `import { tool } from 'ai';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => ({ value: process.env.DB_PASSWORD }) });`,
      errors: [{ message: /^`DB_PASSWORD` flows into a tool's result/, line: 2, column: 97 }],
    },
  ],
});

ruleTester('long-lived-credential', {
  valid: [
    {
      name: 'a read-only tool may use a static key',
      code: `import { tool } from 'ai';\nimport pg from 'pg';\nconst pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => pool.query('SELECT 1') });`,
    },
    {
      name: 'a token read per call is not module-level',
      code: `import { tool } from 'ai';\nimport Stripe from 'stripe';\nexport const t = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async () => new Stripe(process.env.STRIPE_SECRET_KEY!).refunds.create({}) });`,
    },
  ],
  invalid: [
    {
      name: 'a module-level key behind a critical client',
      code: `import { tool } from 'ai';\nimport Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport const t = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async () => stripe.refunds.create({}) });`,
      errors: [
        {
          message: /^Tool 't' \(critical\) acts with `STRIPE_SECRET_KEY`, a static credential read at module level/,
          line: 4,
          column: 18,
        },
      ],
    },
  ],
});

ruleTester('unlogged-action', {
  valid: [
    {
      name: 'audited through a helper',
      code: `import { tool } from 'ai';\nimport { rmSync } from 'node:fs';\nfunction audit(e: object) { console.log(JSON.stringify(e)); }\nfunction remove(p: string) { audit({ remove: p }); rmSync(p); }\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async ({ p }: { p: string }) => remove(p) });`,
    },
    {
      name: 'medium-risk tools need no audit record',
      code: `import { tool } from 'ai';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => fetch('https://example.com') });`,
    },
  ],
  invalid: [
    {
      name: 'a file write with no audit record',
      code: `import { tool } from 'ai';\nimport { writeFileSync } from 'node:fs';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => writeFileSync('/x', 'y') });`,
      errors: [
        {
          message: /^Tool 't' can file:write \(\/x\) but writes no audit record/,
          line: 3,
          column: 18,
          severity: 'info',
        },
      ],
    },
  ],
});
