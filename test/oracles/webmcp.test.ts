import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { probeRuntime } from '../helpers/framework-oracle';

/**
 * A browser is the WebMCP runtime; the oracle is a page run on the MCP-B polyfill (`@mcp-b/webmcp-polyfill`, the
 * W3C draft's API) over happy-dom's DOM. The fixture (shaped after shop pages exposing WebMCP tools: inline tools on
 * `document.modelContext`, a tool object from another module on the older `navigator.modelContext`, behind feature
 * checks) is loaded as the page's script, and the page's `modelContext.getTools()` is read back with each tool's
 * hints. The page is the identity; the probe reports it as one agent named `page`.
 */
const PROBE = `
import { GlobalRegistrator } from '@happy-dom/global-registrator';
GlobalRegistrator.register({ url: 'https://shop.example.com/' });
const { initializeWebMCPPolyfill } = await import('@mcp-b/webmcp-polyfill');
initializeWebMCPPolyfill();
// happy-dom's document is not the polyfill's Document: the page reaches the same context through it.
if (!document.modelContext) Object.defineProperty(document, 'modelContext', { value: navigator.modelContext });
await import('./webmcp-shop.mjs');
await new Promise((resolve) => setTimeout(resolve, 50));
const tools = await navigator.modelContext.getTools();
const hint = (t) => (t.annotations?.readOnlyHint ? ' read-only' : '') + (t.annotations?.destructiveHint ? ' destructive' : '');
console.log(JSON.stringify([{ name: 'page', tools: tools.map((t) => t.name + hint(t)), delegates: [], approvals: [] }]));
process.exit(0);
`;

interface InventoryTool {
  name: string;
  framework: string;
  hints: { readOnly: boolean | null; destructive: boolean | null } | null;
}

describe('WebMCP: static inventory = the tools the page registers', () => {
  it('@mcp-b/webmcp-polyfill 5.1', { timeout: 90_000 }, () => {
    const fixture = 'test/fixtures/webmcp-shop';
    const [page] = probeRuntime(`${fixture}/src/main.ts`, 'webmcp-shop', PROBE, 'frameworks');
    expect(page!.tools).toHaveLength(3);
    const { tools } = JSON.parse(runCli(['inventory', fixture]).stdout) as { tools: InventoryTool[] };
    const hint = (t: InventoryTool) =>
      (t.hints?.readOnly ? ' read-only' : '') + (t.hints?.destructive ? ' destructive' : '');
    const staticTools = tools
      .filter((t) => t.framework === 'webmcp')
      .map((t) => t.name + hint(t))
      .sort();
    expect(staticTools).toEqual(page!.tools);
  });
});
