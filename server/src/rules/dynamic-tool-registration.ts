import { defineRule } from './rule';

export const dynamicToolRegistration = defineRule({
  meta: {
    id: 'dynamic-tool-registration',
    defaultSeverity: 'info',
    summary: 'Tools are registered from computed names, loops or data: the inventory cannot list them all.',
    why: 'A reviewer cannot govern tools nobody can see. Tools that only exist at run time escape scope, owner and approval review.',
    fix: 'Register tools with literal names where you can. Where tools really are data-driven, document the source with `@scope`/`@owner` on the registering code and suppress this finding with a reason.',
    when: 'Whatever the risk, as info: where tools are registered from data the inventory cannot list, every other rule is blind to them.',
    incorrect: [
      {
        code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'x', version: '1' });
for (const def of loadDefinitions()) {
  server.registerTool(def.name, { description: def.description }, async () => ({ content: [] }));
}
declare function loadDefinitions(): { name: string; description: string }[];`,
      },
    ],
    correct: [
      {
        code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'x', version: '1' });
server.registerTool('echo', { description: 'Echo' }, async () => ({ content: [] }));`,
      },
    ],
    messages: {
      dynamic: 'Tools registered{{where}} at run time ({{why}}) are not in the inventory.',
    },
    mappings: { maestro: ['L3'], nistAiRmf: ['MAP'], owaspAgentic: ['ASI02'], owaspNhi: ['NHI5'] },
  },
  check(ctx) {
    // Several unlisted tools in one list (`[a, b, c]`, each a parameter) are one place to look.
    const seen = new Set<string>();
    for (const d of ctx.graph.dynamicRegistrations) {
      const key = `${d.loc.file}:${d.loc.start.line}:${d.loc.start.column}\0${d.owner}\0${d.why}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        loc: d.loc,
        messageId: 'dynamic',
        data: { where: d.owner ? ` on '${d.owner}'` : '', why: d.why },
        subject: `dynamic:${d.framework}:${d.why}`,
      });
    }
  },
});
