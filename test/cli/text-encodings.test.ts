import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText, type TextEncoding } from '../../server/src/project/text-encoding';
import { runCli, tempProject } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { gitOk } from '../helpers/git';

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

describe('reading a file’s text', () => {
  const text = 'export const café = "naïve";\r\n// 日本語\n';
  it.each<[string, Buffer, TextEncoding]>([
    ['UTF-8', Buffer.from(text, 'utf8'), 'utf8'],
    ['UTF-8 with a byte order mark (Visual Studio)', Buffer.concat([BOM8, Buffer.from(text, 'utf8')]), 'utf8-bom'],
    ['UTF-16 little-endian (Windows PowerShell 5)', utf16le(text), 'utf16le'],
    ['UTF-16 big-endian', utf16be(text), 'utf16be'],
  ])('%s: the text without its mark, and the same bytes written back', (_, bytes, encoding) => {
    const read = decodeText(bytes);
    expect(read).toEqual({ text, encoding });
    expect(encodeText(text, encoding).equals(bytes)).toBe(true);
  });

  it.each<[string, Buffer]>([
    ['a NUL byte', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3])],
    ['a NUL character in UTF-16', utf16le('abc\0def')],
    ['UTF-16 without a byte order mark (cannot be told from binary)', Buffer.from('const a = 1;', 'utf16le')],
  ])('%s: skipped as a binary file', (_, bytes) => {
    expect(decodeText(bytes)).toEqual({ skipped: 'skipped: binary file' });
  });
});

describe('files written with a byte order mark or in UTF-16, through the CLI', () => {
  it('scan finds a key in a UTF-16 .env, and --fix edits a UTF-8 file with a mark at the right place', () => {
    const openai = FAKE_KEYS['openai-api-key']!();
    const anthropic = FAKE_KEYS['anthropic-api-key']!();
    const dir = tempProject({
      'src/client.ts': Buffer.concat([
        BOM8,
        Buffer.from(`export const client = { apiKey: '${openai}' };\nexport const n = 1;\n`, 'utf8'),
      ]),
      '.env': utf16le(`ANTHROPIC_API_KEY=${anthropic}\r\n`),
    });
    const r = runCli(['scan', '--fix', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toContain('fixed 1 problem in 1 file');
    expect(r.stderr).not.toContain('binary');
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; file: string; line: number; column: number }[];
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['hardcoded-secret', '.env', 1, 19]]);
    expect(r.stdout + r.stderr).not.toContain(anthropic);
    // The key's literal replaced whole, the mark kept.
    expect(readFileSync(join(dir, 'src/client.ts'))).toEqual(
      Buffer.concat([
        BOM8,
        Buffer.from(`export const client = { apiKey: process.env.OPENAI_API_KEY };\nexport const n = 1;\n`, 'utf8'),
      ]),
    );
  });

  it('scan --staged reads a staged UTF-16 file as the working tree’s is read', () => {
    const dir = tempProject({ 'README.md': '# app\n' });
    gitOk(dir, 'init', '-q', '-b', 'main');
    gitOk(dir, 'add', '-A');
    gitOk(dir, 'commit', '-q', '-m', 'init');
    const key = FAKE_KEYS['anthropic-api-key']!();
    writeFileSync(join(dir, '.env'), utf16le(`ANTHROPIC_API_KEY=${key}\r\n`));
    gitOk(dir, 'add', '.env');
    const r = runCli(['scan', '--staged', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; file: string }[];
    expect(findings.map((f) => [f.ruleId, f.file])).toEqual([['hardcoded-secret', '.env']]);
    expect(r.stdout + r.stderr).not.toContain(key);
  });
});
