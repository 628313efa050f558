import { describe, expect, it } from 'vitest';
import { SECRET_RULES } from '../../server/src/secrets/secret-rules';
import { analyzeFiles } from '../helpers/analyze';
import { FAKE_KEYS, randomFrom } from '../helpers/fake-keys';
import { ruleTester } from '../helpers/rule-tester';

const openai = FAKE_KEYS['openai-api-key']!();

ruleTester('hardcoded-secret', {
  valid: [
    { name: 'read from the environment', code: `const apiKey = process.env.OPENAI_API_KEY;` },
    {
      name: 'placeholder in .env.example',
      filename: '.env.example',
      code: `OPENAI_API_KEY=your-openai-key-here\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n`,
    },
    { name: 'template placeholder', code: 'const key = `${process.env.ANTHROPIC_API_KEY}`;' },
    {
      name: 'a UUID in a token-named field is an id, not a secret',
      code: `const sessionToken = '3f0b9a52-1c7e-4c1a-9a7e-2b6d8e4f1a90';`,
    },
    {
      name: 'a git SHA in a secret-named field',
      code: `const secretCommit = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';`,
    },
    { name: 'low-entropy value in a secret-named field', code: `const password = 'passwordpassword';` },
    {
      name: 'suppressed with a reason',
      code: `// agent-warden-ignore-next-line hardcoded-secret -- revoked test key, kept for a regression test\nconst k = '${openai}';`,
    },
  ],
  invalid: [
    {
      name: 'OpenAI key in a client constructor',
      code: `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '${openai}' });`,
      errors: [
        {
          message: /^Hardcoded OpenAI secret \(openai-api-key, sk-p…\(164 chars\)\)\.$/,
          line: 2,
          column: 38,
        },
      ],
    },
    {
      name: 'key inside prompt text',
      code: `const system = \`You are a helper. Use the key ${FAKE_KEYS['anthropic-api-key']!()} when calling billing.\`;`,
      errors: [
        { message: /^Hardcoded Anthropic secret \(anthropic-api-key, sk-a…\(108 chars\)\)/, line: 1, column: 47 },
      ],
    },
    {
      name: 'key in a .env file',
      filename: '.env',
      code: `# local\nGITHUB_TOKEN=${FAKE_KEYS['github-token']!()}\n`,
      errors: [{ message: /^Hardcoded GitHub secret \(github-token, ghp_…\(40 chars\)\)/, line: 2, column: 14 }],
    },
    {
      name: 'key in an MCP client config env block',
      filename: '.vscode/mcp.json',
      code: `{\n  "servers": {\n    "github": { "command": "npx", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${FAKE_KEYS['github-fine-grained-token']!()}" } }\n  }\n}\n`,
      errors: [
        { message: /^Hardcoded GitHub secret \(github-fine-grained-token, gith…\(93 chars\)\)/, line: 3, column: 77 },
      ],
    },
    {
      name: 'generic high-entropy value named like a secret, with the env name taken from the variable',
      code: `const ledgerApiKey = '${randomFrom('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 28)}';`,
      errors: [
        {
          message: /^Hardcoded Generic secret \(generic-secret, .{4}…\(28 chars\)\)\.$/,
          line: 1,
          column: 23,
        },
      ],
    },
  ],
});

describe('hardcoded-secret: every provider format is found, and masked', () => {
  for (const [id, make] of Object.entries(FAKE_KEYS)) {
    it(id, () => {
      const key = make();
      const r = analyzeFiles({ 'src/config.ts': `export const value = "${key}";\n` });
      const f = r.findings.filter((x) => x.ruleId === 'hardcoded-secret');
      expect(f).toHaveLength(1);
      expect(f[0]!.message).toContain(`(${id}, `);
      expect(f[0]!.message).not.toContain(key);
      expect(f[0]!.message).not.toContain(key.slice(0, 12));
    });
  }

  it('every provider rule is tested: a generator here, or examples of its own (test/secrets)', () => {
    const untested = SECRET_RULES.filter((r) => !FAKE_KEYS[r.id] && !r.examples).map((r) => r.id);
    expect(untested).toEqual([]);
  });

  it('the fingerprint follows the secret, not its line', () => {
    const key = FAKE_KEYS['groq-api-key']!();
    const a = analyzeFiles({ 'a.ts': `const k = "${key}";` }).findings[0]!;
    const b = analyzeFiles({ 'a.ts': `\n\n\n// moved down\nconst k = "${key}";` }).findings[0]!;
    const c = analyzeFiles({ 'a.ts': `const k = "${FAKE_KEYS['groq-api-key']!()}";` }).findings[0]!;
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});

ruleTester('hardcoded-secret', {
  valid: [],
  invalid: [
    {
      name: 'in test code it is a warning',
      filename: 'test/client.test.ts',
      code: `export const k = '${FAKE_KEYS['groq-api-key']!()}';`,
      errors: [
        {
          message: /^Hardcoded Groq secret \(groq-api-key, gsk_…\(56 chars\)\) in test code\.$/,
          line: 1,
          column: 19,
          severity: 'warning',
        },
      ],
    },
    {
      name: '`testPaths: []` treats no path as test code',
      filename: 'test/client.test.ts',
      config: { testPaths: [] },
      code: `export const k = '${FAKE_KEYS['groq-api-key']!()}';`,
      errors: [
        {
          message: /^Hardcoded Groq secret \(groq-api-key, gsk_…\(56 chars\)\)\.$/,
          line: 1,
          column: 19,
          severity: 'error',
        },
      ],
    },
  ],
});

describe('hardcoded-secret: keys split across concatenated literals', () => {
  it('is found, masked, and no piece of it survives in the facts', () => {
    const key = FAKE_KEYS['anthropic-api-key']!();
    const code = `export const apiKey = '${key.slice(0, 14)}' + '${key.slice(14, 60)}' +\n  '${key.slice(60)}';\n`;
    const r = analyzeFiles({ 'src/split.ts': code });
    const f = r.findings.filter((x) => x.ruleId === 'hardcoded-secret');
    expect(f.map((x) => [x.loc.start.line, x.loc.start.column])).toEqual([[1, 23]]);
    expect(f[0]!.message).toContain('(anthropic-api-key, sk-a…(108 chars))');
    expect(JSON.stringify(r.facts)).not.toContain(key.slice(14, 60));
  });
});
