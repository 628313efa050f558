import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, tempProject } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';

const AGENT = `import { tool } from 'ai';
export const lookup = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });
`;

describe('where the CLI writes its output (-o, --fix)', () => {
  it('-o a named pipe writes the report into the pipe and leaves the pipe in place', () => {
    const dir = tempProject({ 'src/agent.ts': AGENT });
    // A reader is waiting on the pipe, as with `-o >(jq .)`; a rename over the pipe would leave it waiting.
    const script = `mkfifo out.fifo && (timeout 20 cat out.fifo > got.json &) && "$0" "$1" scan . --format json -o out.fifo`;
    const r = spawnSync('sh', ['-c', script, process.execPath, CLI], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(lstatSync(join(dir, 'out.fifo')).isFIFO()).toBe(true);
    spawnSync('sh', ['-c', 'timeout 20 sh -c "while [ ! -s got.json ]; do sleep 0.05; done"'], { cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, 'got.json'), 'utf8')).stats.tools).toBe(1);
  });

  it('-o a symbolic link writes the file it points to and keeps the link and the file’s mode', () => {
    const dir = tempProject({ 'src/agent.ts': AGENT, 'reports/latest.json': '{}' });
    chmodSync(join(dir, 'reports/latest.json'), 0o640);
    symlinkSync('reports/latest.json', join(dir, 'report.json'));
    runCli(['scan', 'src', '--format', 'json', '-o', 'report.json'], { cwd: dir });
    expect(readlinkSync(join(dir, 'report.json'))).toBe('reports/latest.json');
    expect(JSON.parse(readFileSync(join(dir, 'reports/latest.json'), 'utf8')).stats.tools).toBe(1);
    expect(statSync(join(dir, 'reports/latest.json')).mode & 0o777).toBe(0o640);
  });

  it('-o a new file in an existing folder writes it whole', () => {
    const dir = tempProject({ 'src/agent.ts': AGENT });
    mkdirSync(join(dir, 'out'));
    runCli(['scan', 'src', '--format', 'json', '-o', 'out/report.json'], { cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')).stats.tools).toBe(1);
  });

  it('--fix keeps an executable script executable', () => {
    const key = FAKE_KEYS['openai-api-key']!();
    const dir = tempProject({
      'bin/agent.js': `#!/usr/bin/env node\nimport OpenAI from 'openai';\nnew OpenAI({ apiKey: '${key}' });\n`,
    });
    chmodSync(join(dir, 'bin/agent.js'), 0o755);
    const r = runCli(['scan', '--fix', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toContain('fixed 1 problem in 1 file');
    expect(readFileSync(join(dir, 'bin/agent.js'), 'utf8')).toContain('process.env.OPENAI_API_KEY');
    expect(statSync(join(dir, 'bin/agent.js')).mode & 0o777).toBe(0o755);
  });
});
