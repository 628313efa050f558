import type { Rule } from './rule';

export const hardcodedSecret: Rule = {
  meta: {
    id: 'hardcoded-secret',
    defaultSeverity: 'error',
    summary:
      'A credential (AI provider key, cloud, source-control, payment or messaging token, private key, JWT, password) is written into source, prompts or config.',
    why: "A hardcoded key is a long-lived credential anyone with the repository (or the model's context) can use, cannot be rotated without a code change, and ends up in history forever (OWASP NHI2 secret leakage, NHI7 long-lived secrets).",
    fix: 'Revoke and rotate the key first — it is compromised once committed. Then read it at run time (`process.env.NAME`, a secret manager, or a short-lived token broker).',
    incorrect: [
      { code: `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '\${FAKE_KEY:openai-api-key}' });` },
      { file: '.env', code: `ANTHROPIC_API_KEY=\${FAKE_KEY:anthropic-api-key}\n` },
    ],
    correct: [
      { code: `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });` },
      { file: '.env.example', code: `OPENAI_API_KEY=your-openai-key-here\n` },
    ],
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
        ctx.report({
          loc: s.loc,
          // In test code a key is usually a fixture: still reported, one level lower (`testPaths` in the config).
          severity: inTest ? 'warning' : undefined,
          message: `Hardcoded ${s.provider} secret (${s.ruleId}, ${s.masked})${inTest ? ' in test code' : ''}: anyone with this code can act as the agent. Revoke and rotate it, then read it at run time, e.g. \`process.env.${s.envName ?? 'SECRET_NAME'}\`.`,
          subject: `secret:${s.ruleId}:${s.hash}`,
          data: { envName: s.envName ?? 'SECRET', secretRule: s.ruleId },
        });
      }
    }
  },
};
