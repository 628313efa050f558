import { ruleTester } from '../helpers/rule-tester';

ruleTester('unlogged-action', {
  valid: [
    {
      name: 'audited through a helper',
      code: `import { tool } from 'ai';\nimport { rmSync } from 'node:fs';\nfunction audit(e: object) { console.log(JSON.stringify(e)); }\nfunction remove(p: string) { audit({ remove: p }); rmSync(p); }\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async ({ p }: { p: string }) => remove(p) });`,
    },
    {
      name: 'high-risk tools need none by default (framework traces and MCP host logs record tool calls)',
      code: `import { tool } from 'ai';\nimport { writeFileSync } from 'node:fs';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => writeFileSync('/x', 'y') });`,
    },
    {
      name: 'medium-risk tools need no audit record',
      code: `import { tool } from 'ai';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => fetch('https://example.com') });`,
    },
  ],
  invalid: [
    {
      name: 'a file write with no audit record, where governance.audit asks it from high risk',
      config: { governance: { audit: 'high' } },
      code: `import { tool } from 'ai';\nimport { writeFileSync } from 'node:fs';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => writeFileSync('/x', 'y') });`,
      errors: [
        {
          message: "Tool 't' can file:write (/x) but writes no audit record.",
          line: 3,
          column: 14,
          severity: 'warning',
        },
      ],
    },
  ],
});

ruleTester('unlogged-action', {
  valid: [],
  invalid: [
    {
      name: 'a critical-risk tool that records nothing',
      code: `import { tool } from 'ai';\nimport { execSync } from 'node:child_process';\nexport const run = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async ({ cmd }: any) => execSync(cmd) });`,
      errors: [{ messageId: 'unlogged', line: 3, column: 14, fixes: [], severity: 'warning' }],
    },
  ],
});
