import { defineRule } from './rule';

export const hardcodedSecret = defineRule({
  meta: {
    id: 'hardcoded-secret',
    defaultSeverity: 'error',
    summary:
      'A credential (AI provider key, cloud, source-control, payment or messaging token, private key, JWT, password) is written into source, prompts or config.',
    why: "A hardcoded key is a long-lived credential anyone with the repository (or the model's context) can use, cannot be rotated without a code change, and ends up in history forever (OWASP NHI2 secret leakage, NHI7 long-lived secrets).",
    fix: 'Revoke and rotate the key first — it is compromised once committed. Then read it at run time (`process.env.NAME`, a secret manager, or a short-lived token broker).',
    when: 'Whatever the risk: a key in code is a leaked key. An error in production code, a warning in test, eval and fixture code (`testPaths`), where keys are usually fixtures.',
    incorrect: [
      { code: `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '\${FAKE_KEY:openai-api-key}' });` },
      { file: '.env', code: `ANTHROPIC_API_KEY=\${FAKE_KEY:anthropic-api-key}\n` },
    ],
    correct: [
      { code: `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });` },
      { file: '.env.example', code: `OPENAI_API_KEY=your-openai-key-here\n` },
    ],
    messages: {
      secret: 'Hardcoded {{provider}} secret ({{secretRule}}, {{masked}}){{inTest}}.',
      readFromEnv: 'Read the secret from process.env.{{envName}} instead',
    },
    inTestCode: true,
    mappings: {
      maestro: ['L4', 'L6'],
      nistAiRmf: ['MANAGE'],
      owaspAgentic: ['ASI03'],
      owaspNhi: ['NHI2', 'NHI7'],
      owaspLlm: ['LLM02'],
      cwe: ['CWE-798'],
    },
    fixable: true,
  },
  check(ctx) {
    for (const matches of ctx.secrets.values()) {
      for (const s of matches) {
        const inTest = ctx.isTestPath(s.loc.file);
        const envName = s.envName ?? 'SECRET_NAME';
        ctx.report({
          loc: s.loc,
          // In test code a key is usually a fixture: still reported, one level lower (`testPaths` in the config).
          severity: inTest ? 'warning' : undefined,
          messageId: 'secret',
          data: {
            provider: s.provider,
            secretRule: s.ruleId,
            masked: s.masked,
            inTest: inTest ? ' in test code' : '',
            envName,
          },
          subject: `secret:${s.ruleId}:${s.hash}`,
          fix: {
            messageId: 'readFromEnv',
            data: { envName: s.envName ?? 'SECRET' },
            action: { kind: 'read-secret-from-env', envName: s.envName ?? 'SECRET' },
            preferred: true,
          },
        });
      }
    }
  },
});
