import { adapterTable } from '../helpers/inventory';

adapterTable('WebMCP adapter', [
  {
    name: 'registerTool on document.modelContext, navigator.modelContext and a variable holding one',
    files: `document.modelContext.registerTool({ name: 'search', description: '', execute: async () => '' });
window.navigator.modelContext?.registerTool({ name: 'add_to_cart', description: '', execute: async () => '' });
const mc = navigator.modelContext;
mc.registerTool({ name: 'checkout', description: '', execute: async () => '' });
export {};`,
    expected: { tools: ['search', 'add_to_cart', 'checkout'] },
  },
  {
    name: 'a tool object from another module, and the older provideContext({ tools })',
    files: {
      'src/tools.ts': `export const track = { name: 'track_order', description: '', execute: async () => '' };
export const cancel = { name: 'cancel_order', description: '', execute: async () => '' };`,
      'src/page.ts': `import { cancel, track } from './tools';
document.modelContext.registerTool(track);
navigator.modelContext.provideContext({ tools: [cancel] });`,
    },
    expected: { tools: ['track_order', 'cancel_order'] },
  },
  {
    name: 'useWebMCP in a React component',
    files: `import { useWebMCP } from '@mcp-b/react-webmcp';
export function Cart() {
  useWebMCP({ name: 'clear_cart', description: '', execute: async () => 'cleared' });
  return null;
}`,
    expected: { tools: ['clear_cart'] },
  },
  {
    name: 'registerTool on anything else is not WebMCP (nor an MCP server without a name first)',
    files: `declare const registry: { registerTool(t: object): void };
registry.registerTool({ name: 'x', execute: async () => '' });
export const modelContext = 1;`,
    expected: { tools: [] },
  },
]);
