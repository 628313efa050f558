import { describe, expect, it } from 'vitest';
import { type PathMapping, resolveModulePath } from '../../server/src/analyzer/resolve';
import { agentNamed, linkFiles } from '../helpers/link';

/** Import resolution through tsconfig `paths` and workspace packages, as a monorepo with many packages has them. */
const files = new Set([
  'packages/tools/src/index.ts',
  'packages/tools/src/search.ts',
  'packages/web/src/lib/db.ts',
  'packages/web/lib/db.ts',
  'apps/bot/src/index.ts',
]);
const workspacePackage = (name: string, dir: string): PathMapping => ({
  dir: '.',
  paths: { [name]: [`${dir}/src/index`, `${dir}/index`], [`${name}/*`]: [`${dir}/src/*`, `${dir}/*`] },
});
const mappings: PathMapping[] = [
  ...Array.from({ length: 200 }, (_, i) => workspacePackage(`@acme/p${i}`, `packages/p${i}`)),
  workspacePackage('@acme/tools', 'packages/tools'),
  { dir: 'packages/web', paths: { '@/*': ['./src/*'] } },
  { dir: 'apps/bot', baseUrl: '.', paths: {} },
];

describe('resolving through path mappings', () => {
  it.each([
    ['apps/bot/src/index.ts', '@acme/tools', 'packages/tools/src/index.ts'],
    ['apps/bot/src/index.ts', '@acme/tools/search', 'packages/tools/src/search.ts'],
    ['packages/web/src/page.ts', '@/lib/db', 'packages/web/src/lib/db.ts'],
    ['apps/bot/src/other.ts', 'src/index', 'apps/bot/src/index.ts'],
    ['apps/bot/src/index.ts', '@acme/unknown', undefined],
    ['apps/bot/src/index.ts', 'zod', undefined],
    ['packages/tools/src/index.ts', './search', 'packages/tools/src/search.ts'],
  ])('%s imports %s: %s', (from, spec, expected) => {
    expect(resolveModulePath(from, spec, files, mappings)).toBe(expected);
  });

  it('lets the nearest tsconfig decide before workspace packages', () => {
    const shadowing: PathMapping[] = [
      workspacePackage('@acme/tools', 'packages/tools'),
      { dir: 'packages/web', paths: { '@acme/tools': ['./lib/db'] } },
    ];
    expect(resolveModulePath('packages/web/src/a.ts', '@acme/tools', files, shadowing)).toBe('packages/web/lib/db.ts');
    expect(resolveModulePath('apps/bot/src/a.ts', '@acme/tools', files, shadowing)).toBe('packages/tools/src/index.ts');
  });
});

describe('linking, where two folders import the same relative specifier', () => {
  // Each `./tools` is the tools file of the folder that imports it: a link that remembered where a specifier leads
  // by the specifier alone would give both agents the first folder's tool.
  const folder = (dir: string, agent: string, toolName: string) => ({
    [`src/${dir}/tools.ts`]:
      `import { tool } from '@openai/agents';\nimport { z } from 'zod';\n` +
      `export const lookup = tool({ name: '${toolName}', description: 'Looks up a record', ` +
      `parameters: z.object({}), execute: async () => 'ok' });\n`,
    [`src/${dir}/agent.ts`]:
      `import { Agent } from '@openai/agents';\nimport { lookup } from './tools';\n` +
      `export const agent = new Agent({ name: '${agent}', instructions: 'Help.', tools: [lookup] });\n`,
  });
  const g = linkFiles({
    ...folder('orders', 'Orders', 'lookup_order'),
    ...folder('invoices', 'Invoices', 'lookup_invoice'),
  });
  const toolsOf = (agent: string) => agentNamed(g, agent).tools.map((id) => g.tools.get(id)?.name);

  it.each([
    ['Orders', ['lookup_order']],
    ['Invoices', ['lookup_invoice']],
  ])('%s has its own folder’s tool', (agent, tools) => {
    expect(toolsOf(agent)).toEqual(tools);
  });
});
