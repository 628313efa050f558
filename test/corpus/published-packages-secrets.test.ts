import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, THIRD_PARTY } from '../helpers/cli';

/**
 * Published SDKs (pinned in third-party/package.json; the MCP SDK in package.json) contain no hardcoded secret:
 * every finding here would be a false positive.
 */
const PACKAGES = ['openai', '@anthropic-ai/sdk', '@langchain/core'];
const ROOT_PACKAGES = ['@modelcontextprotocol/sdk'];

describe('secrets in published agent SDKs', () => {
  it(`${[...PACKAGES, ...ROOT_PACKAGES].join(', ')}: no hardcoded secret`, { timeout: 180_000 }, () => {
    // The installed package folders (some packages do not export ./package.json).
    const dirs = [
      ...PACKAGES.map((p) => join(THIRD_PARTY, 'node_modules', p)),
      ...ROOT_PACKAGES.map((p) => join(REPO, 'node_modules', p)),
    ];
    const r = runCli(['scan', ...dirs, '--format', 'json', '--threads', '2']);
    const out = JSON.parse(r.stdout);
    expect(out.stats.files).toBeGreaterThan(3000); // their JavaScript; declaration files are not read
    expect(
      out.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'hardcoded-secret')
        .map((f: { file: string; line: number; message: string }) => `${f.file}:${f.line} ${f.message}`),
    ).toEqual([]);
  });
});
