import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { THIRD_PARTY } from './cli';

export interface LiveTool {
  name: string;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean };
}

/** The published package's entry point (its `bin`). */
export function entryOf(pkg: string): string {
  // Not require.resolve: it gives the installation's real path, outside the repository (scripts/third-party.mjs).
  const dir = join(THIRD_PARTY, 'node_modules', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const bin =
    typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin as Record<string, string>)[0];
  return join(dir, bin);
}

/** Starts a published MCP server over stdio and asks it `tools/list`. */
export async function liveTools(
  pkg: string,
  opts: { args?: string[]; env?: Record<string, string> } = {},
): Promise<LiveTool[]> {
  return liveToolsOf(entryOf(pkg), opts);
}

/** Runs a server script with node over stdio and asks it `tools/list`. */
export async function liveToolsOf(
  script: string,
  opts: { args?: string[]; env?: Record<string, string> } = {},
): Promise<LiveTool[]> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...opts.env };
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [script, ...(opts.args ?? [])],
    env,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'agent-warden-oracle', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    return tools.map((t) => ({ name: t.name, annotations: t.annotations as LiveTool['annotations'] }));
  } finally {
    await client.close();
  }
}
