/**
 * CRM MCP server: exposes customer records to the support agents.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import pg from 'pg';
import { z } from 'zod';

const db = new pg.Pool({ connectionString: process.env.CRM_DATABASE_URL });

/**
 * @owner team-crm
 * Mistake: no @revocation — how do we pull this server from every client in a hurry?
 */
export const server = new McpServer({ name: 'acme-crm', version: '1.4.0' });

/**
 * @owner team-crm
 * @scope db:read
 */
server.registerTool(
  'get_customer',
  { description: 'Fetch a customer record by id', inputSchema: { id: z.string() }, annotations: { readOnlyHint: true } },
  async ({ id }) => {
    const { rows } = await db.query('SELECT id, name, email, plan FROM customers WHERE id = $1', [id]);
    return { content: [{ type: 'text', text: JSON.stringify(rows[0] ?? null) }] };
  },
);

/**
 * @owner team-crm
 * @scope db:write
 * @expires 2026-03-31
 * Granted for the spring data clean-up only. Mistakes: the grant has lapsed, the tool deletes rows its scope
 * does not cover, with no approval gate, and it tells clients it is not destructive.
 */
server.registerTool(
  'merge_customers',
  { description: 'Merge two duplicate customer records', inputSchema: { keepId: z.string(), dropId: z.string() }, annotations: { destructiveHint: false } },
  async ({ keepId, dropId }) => {
    await db.query('UPDATE tickets SET customer_id = $1 WHERE customer_id = $2', [keepId, dropId]);
    await db.query('DELETE FROM customers WHERE id = $1', [dropId]);
    return { content: [{ type: 'text', text: `merged ${dropId} into ${keepId}` }] };
  },
);

// Report tools are generated from a table of saved queries: the inventory cannot list them.
const SAVED_REPORTS = await db.query('SELECT slug, title, sql FROM saved_reports').then((r) => r.rows);
for (const report of SAVED_REPORTS) {
  server.registerTool(`report_${report.slug}`, { description: report.title }, async () => {
    const { rows } = await db.query(report.sql);
    return { content: [{ type: 'text', text: JSON.stringify(rows) }] };
  });
}

await server.connect(new StdioServerTransport());
