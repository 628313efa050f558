import { ruleTester } from '../helpers/rule-tester';

ruleTester('dynamic-tool-registration', {
  valid: [
    {
      name: 'literal names, including through a const',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const NAME = 'echo';
const server = new McpServer({ name: 'x', version: '1' });
server.registerTool(NAME, { description: 'Echo' }, async () => ({ content: [] }));
server.tool(\`ping\`, async () => ({ content: [] }));`,
    },
  ],
  invalid: [
    {
      name: 'registered in a loop',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'x', version: '1' });
declare const defs: { name: string }[];
for (const d of defs) server.registerTool(d.name, {}, async () => ({ content: [] }));`,
      errors: [
        {
          message:
            /^Tools registered at run time \(registered inside a loop or callback; name computed at run time: loop variable\)/,
          line: 4,
          column: 23,
        },
      ],
    },
    {
      name: 'registered from .forEach with a parameter name',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'x', version: '1' });
declare const defs: { name: string }[];
defs.forEach((d) => server.tool(d.name, async () => ({ content: [] })));`,
      errors: [
        { message: /registered inside a loop or callback; name computed at run time: parameter/, line: 4, column: 21 },
      ],
    },
    {
      name: 'AI SDK tools spread from a run-time value',
      code: `import { generateText } from 'ai';
declare const mcpTools: Record<string, never>;
export const go = () => generateText({ model: {} as any, prompt: '', tools: { ...mcpTools } });`,
      errors: [{ message: /^Tools registered on 'go' at run time \(declared without a value\)/, line: 3, column: 82 }],
    },
  ],
});

ruleTester('dynamic-tool-registration', {
  valid: [],
  invalid: [
    {
      name: 'tools registered from data',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nconst server = new McpServer({ name: 'x', version: '1' });\nfor (const t of loadTools()) server.registerTool(t.name, {}, async () => ({ content: [] }));`,
      errors: [{ messageId: 'dynamic', line: 3, column: 30, fixes: [] }],
    },
  ],
});
