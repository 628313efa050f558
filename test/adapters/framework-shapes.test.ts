import { describe, expect, it } from 'vitest';
import { ADAPTERS, adaptersFor, showsFrameworkShape } from '../../server/src/analyzer/adapters';

/**
 * A framework's object in use, in a file that imports none of its modules (`shapes`): every adapter's shape is searched
 * for in one pass, and the adapters a file gets are those whose own shape it shows.
 */

const cases = [
  { text: 'server.registerTool("search", { description: "d" }, handler);', frameworks: ['mcp'] },
  { text: 'this.server.tool(\n  "lookup", schema, run);', frameworks: ['mcp'] },
  { text: 'ai.defineTool({ name: "weather" }, fn);', frameworks: ['genkit'] },
  // `.registerTool(` is also the MCP server's shape.
  { text: 'navigator.modelContext.registerTool({ name: "add" });', frameworks: ['mcp', 'webmcp'] },
  { text: 'navigator.modelContext?.provideContext({ tools });', frameworks: ['webmcp'] },
  { text: 'const tool = makeTool(); tool.run(); registerTools(list);', frameworks: [] },
  { text: 'server.tool("x", schema, run); ai.defineFlow({ name: "f" }, fn);', frameworks: ['mcp', 'genkit'] },
  // `.tool(` with a name not written out is too common a shape to be MCP's.
  { text: 'client.tool(name, schema, run);', frameworks: [] },
];

describe('framework shapes in a file that imports no framework', () => {
  it.each(cases)('$text', ({ text, frameworks }) => {
    expect(showsFrameworkShape(text)).toBe(frameworks.length > 0);
    expect(adaptersFor([], text).map((a) => a.framework)).toEqual(
      ADAPTERS.filter((a) => frameworks.includes(a.framework)).map((a) => a.framework),
    );
  });
});
