import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';

const KEY = FAKE_KEYS['github-token']();

function project() {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    files[`src/tool-${i}.ts`] = `import { tool } from 'ai';\nimport { writeFileSync } from 'node:fs';\nexport const t${i} = tool({ description: '', inputSchema: {} as any, execute: async () => writeFileSync('/tmp/${i}', 'x') });\n`;
  }
  files['src/leak.ts'] = `export const key = '${KEY}';\n`;
  return tempProject(files);
}

const findings = (dir: string, ...args: string[]) => JSON.parse(runCli(['scan', '--format', 'json', ...args], { cwd: dir }).stdout).findings;

describe('--threads and --cache give the same findings as a plain run', () => {
  it('worker threads', () => {
    const dir = project();
    expect(findings(dir, '--threads', '2')).toEqual(findings(dir));
  });

  it('a warm cache, a changed file re-analysed, a config change invalidating everything', () => {
    const dir = project();
    const plain = findings(dir);
    expect(findings(dir, '--cache')).toEqual(plain);
    const cacheFile = join(dir, '.agent-warden-cache/file-results.json');
    expect(existsSync(cacheFile)).toBe(true);
    expect(readFileSync(cacheFile, 'utf8')).not.toContain(KEY.slice(0, 12)); // masks and hashes only
    expect(findings(dir, '--cache')).toEqual(plain);

    writeFileSync(join(dir, 'src/tool-3.ts'), 'export const nothing = 3;\n');
    const afterEdit = findings(dir, '--cache');
    expect(afterEdit).toEqual(findings(dir));
    expect(afterEdit.length).toBeLessThan(plain.length);

    // The config's catalog changes extraction: cached results must not survive it.
    writeFileSync(join(dir, 'agent-warden.json'), JSON.stringify({ capabilities: [{ module: 'node:fs', call: 'writeFileSync', capability: 'scratch:write', tier: 'low' }] }));
    const reconfigured = findings(dir, '--cache');
    expect(reconfigured).toEqual(findings(dir));
    expect(reconfigured.some((f: { message: string }) => f.message.includes('file:write'))).toBe(false);
  });
});
