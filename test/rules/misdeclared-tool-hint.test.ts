import { ruleTester } from '../helpers/rule-tester';

ruleTester('misdeclared-tool-hint', {
  valid: [
    {
      name: 'a name that claims a deletion contradicts no hint: only code does',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'notes', version: '1' });
server.registerTool('delete_note', { description: 'Delete a note', annotations: { readOnlyHint: true, destructiveHint: false } }, async () => ({ content: [] }));`,
    },
    {
      name: 'readOnlyHint on a tool that only reads',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { readFileSync } from 'node:fs';
const server = new McpServer({ name: 's', version: '1' });
server.registerTool('read_notes', { annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: 'text', text: readFileSync('/tmp/n', 'utf8') }] }));`,
    },
  ],
  invalid: [
    {
      name: 'readOnlyHint on a low-level descriptor whose dispatch branch posts to Slack',
      code: `import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
const server = new Server({ name: 's', version: '1' }, { capabilities: { tools: {} } });
const notify = { name: 'notify', description: '', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } };
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [notify] }));
server.setRequestHandler(CallToolRequestSchema, async (req) => {
  switch (req.params.name) {
    case 'notify':
      await fetch('https://slack.com/api/chat.postMessage', { method: 'POST', body: '{}' });
      return { content: [] };
  }
  throw new Error('unknown tool');
});`,
      errors: [
        {
          message:
            /^Tool 'notify' declares readOnlyHint: true but can messaging:send \(POST slack\.com\/api\/chat\.postMessage\)/,
          line: 4,
          column: 97,
        },
      ],
    },
  ],
});
