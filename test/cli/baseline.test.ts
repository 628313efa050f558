import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';

const AGENT = (pad: string, key: string) => `${pad}import { tool } from 'ai';
import OpenAI from 'openai';
${pad}export const client = new OpenAI({ apiKey: '${key}' });
${pad}export const lookup = tool({ description: 'x', inputSchema: {} as any, execute: async () => fetch('https://orders.example/api') });
`;

describe('baseline', () => {
  it('known findings stay known when lines are inserted above every one of them; a new finding is still reported', () => {
    const key = FAKE_KEYS['openai-api-key']!();
    const dir = tempProject({ 'src/agent.ts': AGENT('', key) });
    const write = runCli(['scan', '--baseline', 'baseline.json', '--update-baseline'], { cwd: dir });
    expect(write.code).toBe(0);
    expect(write.stderr).toMatch(/wrote 3 findings to baseline\.json/);
    const baseline = readFileSync(join(dir, 'baseline.json'), 'utf8');
    expect(baseline).not.toContain(key.slice(0, 10));

    writeFileSync(join(dir, 'src/agent.ts'), AGENT('// moved down\n\n', key));
    const moved = runCli(['scan', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(moved.stdout).findings).toEqual([]);
    expect(moved.code).toBe(0);

    // A different key on the same line is a new finding.
    writeFileSync(join(dir, 'src/agent.ts'), AGENT('// moved down\n\n', FAKE_KEYS['openai-api-key']!()));
    const changed = JSON.parse(
      runCli(['scan', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir }).stdout,
    );
    expect(changed.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['hardcoded-secret']);
  });

  it('--update-baseline drops findings that are gone; the config can name the baseline', () => {
    const dir = tempProject({
      'agent-warden.json': '{ "baseline": "known.json" }',
      'src/agent.ts': AGENT('', FAKE_KEYS['groq-api-key']!()),
    });
    runCli(['scan', '--update-baseline'], { cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, 'known.json'), 'utf8')).findings).toHaveLength(3);
    writeFileSync(join(dir, 'src/agent.ts'), 'export const nothing = 1;\n');
    runCli(['scan', '--update-baseline'], { cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, 'known.json'), 'utf8')).findings).toEqual([]);
  });
});

describe('github and markdown formats', () => {
  it('github: workflow commands with escaped properties and data', () => {
    const dir = tempProject({ 'src/a,b.ts': AGENT('', FAKE_KEYS['github-token']!()) });
    const out = runCli(['scan', '--format', 'github'], { cwd: dir }).stdout.trim().split('\n');
    expect(out[0]).toMatch(
      /^::error file=src\/a%2Cb\.ts,line=3,endLine=3,col=45,endColumn=\d+,title=agent-warden hardcoded-secret::Hardcoded GitHub secret/,
    );
    expect(out.some((l) => l.startsWith('::warning file=src/a%2Cb.ts,line=4'))).toBe(true);
  });

  it('markdown: counts per rule and a findings table', () => {
    const dir = tempProject({ 'src/agent.ts': AGENT('', FAKE_KEYS['github-token']!()) });
    const md = runCli(['scan', '--format', 'markdown'], { cwd: dir }).stdout;
    expect(md).toContain('## Agent Warden');
    expect(md).toMatch(/🔴 \*\*1\*\* errors · 🟡 \*\*2\*\* warnings/);
    expect(md).toContain('| 🔴 | `src/agent.ts:3` | `hardcoded-secret` |');
  });
});
