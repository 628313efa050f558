import { ruleTester } from '../helpers/rule-tester';

ruleTester('undeclared-capability', {
  valid: [
    {
      name: 'scope with a wildcard covers the capability',
      code: `import { tool } from 'ai';\nimport { writeFileSync } from 'node:fs';\n/** @scope file:* */\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => writeFileSync('/srv/x', 'y') });`,
    },
    {
      name: "unscoped tools are unscoped-tool's business",
      code: `import { tool } from 'ai';\nimport { writeFileSync } from 'node:fs';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => writeFileSync('/srv/x', 'y') });`,
    },
  ],
  invalid: [
    {
      name: 'a write beyond a read scope; a critical one is an error',
      code: `import { tool } from 'ai';
import { writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
/** @scope file:read */
export const t = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async () => { writeFileSync('/srv/x', 'y'); return execSync('ls -la').toString(); } });`,
      errors: [
        {
          message: /^Tool 't' can file:write \(\/srv\/x\), which its scope \(file:read\) does not cover/,
          line: 5,
          column: 14,
          severity: 'warning',
        },
        {
          message: /^Tool 't' can system:read \(ls -la\), which its scope \(file:read\) does not cover/,
          line: 5,
          column: 14,
          severity: 'warning',
        },
      ],
    },
  ],
});
