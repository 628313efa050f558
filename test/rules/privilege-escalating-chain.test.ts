import { ruleTester } from '../helpers/rule-tester';

const SHELL = `import { Agent, tool } from '@openai/agents';
import { execSync } from 'node:child_process';
/** @owner ops @scope system:exec */
const shell = tool({ name: 'shell', description: '', parameters: {} as any, needsApproval: true, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
/** @owner ops @revocation flag OPS */
const ops = new Agent({ name: 'Ops', tools: [shell] });
`;

ruleTester('privilege-escalating-chain', {
  valid: [
    {
      name: 'the agent declares what the handoff grants',
      code: `${SHELL}/** @owner support @scope tickets:read system:exec @revocation flag SUPPORT */
export const support = new Agent({ name: 'Support', handoffs: [ops] });`,
    },
    {
      name: 'an agent with no scope and no tools of its own has no grant to exceed',
      code: `${SHELL}export const support = new Agent({ name: 'Support', handoffs: [ops] });`,
    },
    {
      name: 'an agent’s own tools are theirs to declare: no chain without delegation',
      code: `${SHELL}/** @owner ops @scope tickets:read @revocation flag X */
export const direct = new Agent({ name: 'Direct', tools: [shell] });`,
    },
  ],
  invalid: [
    {
      name: 'a handoff reaches code execution beyond the agent’s scope',
      code: `${SHELL}/** @owner support @scope tickets:read @revocation flag SUPPORT */
export const support = new Agent({ name: 'Support', handoffs: [ops] });`,
      errors: [
        {
          messageId: 'escalates',
          message:
            "Agent 'Support' reaches system:exec (command computed at run time) through hands off to agent 'Ops' → tool 'shell', beyond its scope (tickets:read).",
          line: 8,
          column: 42,
          fixes: [],
        },
      ],
    },
    {
      name: 'a tool that runs an agent reaches what the agent’s tools can do',
      code: `${SHELL}/** @owner support @scope tickets:read */
export const askOps = ops.asTool({ toolName: 'ask_ops', toolDescription: '' });`,
      errors: [
        {
          messageId: 'escalates',
          message: /^Tool 'ask_ops' reaches system:exec \(command computed at run time\) through runs agent 'Ops'/,
          line: 8,
          column: 46,
        },
      ],
    },
  ],
});
