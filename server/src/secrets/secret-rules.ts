/**
 * Secret formats, as data. Each entry: what the provider's key looks like, keywords a file must
 * contain before the (more expensive) pattern runs, and where the format is documented.
 *
 * Patterns are written to run in linear time: no nested quantifiers, bounded repetitions, and a
 * fixed literal prefix wherever the format has one.
 */
export interface SecretRule {
  id: string;
  provider: string;
  description: string;
  /** The secret is the named group `secret`, else capture group 1, else the whole match; a `name` group names the variable. */
  pattern: RegExp;
  /** Lower-case substrings; the pattern only runs on text containing at least one. */
  keywords: string[];
  /** Minimum Shannon entropy (bits/char) of the secret, for formats without a fixed checksum or marker. */
  minEntropy?: number;
  /** Where the format is documented (a public rule set or the provider's docs). */
  reference?: string;
  /** Suggested environment variable name for the "move to env" fix. */
  envName?: string;
  /** Free-form values (passwords, generic secrets): placeholder words like `changeme` mark stand-ins. */
  freeForm?: boolean;
}

export const SECRET_RULES: SecretRule[] = [
  // ---- AI providers first: the keys an agent's own identity runs on.
  {
    id: 'openai-api-key',
    provider: 'OpenAI',
    description: 'OpenAI API key (project, service-account, admin or legacy); all carry the `T3BlbkFJ` marker.',
    pattern: /\b(sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200})/g,
    keywords: ['t3blbkfj'],
    reference: 'gitleaks rule openai-api-key',
    envName: 'OPENAI_API_KEY',
  },
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    description: 'Anthropic API key (`sk-ant-api03-…AA`).',
    pattern: /\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/g,
    keywords: ['sk-ant-api03'],
    reference: 'gitleaks rule anthropic-api-key',
    envName: 'ANTHROPIC_API_KEY',
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    description: 'Anthropic Admin API key (`sk-ant-admin01-…AA`).',
    pattern: /\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/g,
    keywords: ['sk-ant-admin01'],
    reference: 'gitleaks rule anthropic-admin-api-key',
    envName: 'ANTHROPIC_ADMIN_KEY',
  },
  {
    id: 'google-api-key',
    provider: 'Google',
    description: 'Google API key (Gemini, Maps, Firebase…): `AIza` + 35 characters.',
    pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    keywords: ['aiza'],
    reference: 'gitleaks rule gcp-api-key',
    envName: 'GOOGLE_GENERATIVE_AI_API_KEY',
  },
  {
    id: 'huggingface-token',
    provider: 'Hugging Face',
    description: 'Hugging Face access token (`hf_` + 34 letters).',
    pattern: /\b(hf_[A-Za-z]{34})(?![A-Za-z0-9])/g,
    keywords: ['hf_'],
    minEntropy: 3.5,
    reference: 'gitleaks rule huggingface-access-token',
    envName: 'HF_TOKEN',
  },
  {
    id: 'groq-api-key',
    provider: 'Groq',
    description: 'Groq API key (`gsk_` + 52 characters).',
    pattern: /\b(gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9])/g,
    keywords: ['gsk_'],
    envName: 'GROQ_API_KEY',
  },
  {
    id: 'replicate-api-token',
    provider: 'Replicate',
    description: 'Replicate API token (`r8_` + 37 characters).',
    pattern: /\b(r8_[A-Za-z0-9]{37})(?![A-Za-z0-9])/g,
    keywords: ['r8_'],
    minEntropy: 3.5,
    envName: 'REPLICATE_API_TOKEN',
  },
  {
    id: 'xai-api-key',
    provider: 'xAI',
    description: 'xAI (Grok) API key (`xai-` + 80 characters).',
    pattern: /\b(xai-[A-Za-z0-9]{80})(?![A-Za-z0-9])/g,
    keywords: ['xai-'],
    envName: 'XAI_API_KEY',
  },
  {
    id: 'perplexity-api-key',
    provider: 'Perplexity',
    description: 'Perplexity API key (`pplx-` + 48 characters).',
    pattern: /\b(pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9])/g,
    keywords: ['pplx-'],
    envName: 'PERPLEXITY_API_KEY',
  },
  {
    id: 'langsmith-api-key',
    provider: 'LangSmith',
    description: 'LangSmith API key (`lsv2_pt_` / `lsv2_sk_`).',
    pattern: /\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})(?![a-f0-9])/g,
    keywords: ['lsv2_'],
    envName: 'LANGSMITH_API_KEY',
  },
  {
    id: 'openrouter-api-key',
    provider: 'OpenRouter',
    description: 'OpenRouter API key (`sk-or-v1-` + 64 hex).',
    pattern: /\b(sk-or-v1-[a-f0-9]{64})(?![a-f0-9])/g,
    keywords: ['sk-or-v1-'],
    envName: 'OPENROUTER_API_KEY',
  },
  // ---- Cloud
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    description: 'AWS access key id (`AKIA`/`ASIA`… + 16 characters).',
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})\b/g,
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    minEntropy: 3,
    reference: 'gitleaks rule aws-access-token',
    envName: 'AWS_ACCESS_KEY_ID',
  },
  {
    id: 'aws-secret-access-key',
    provider: 'AWS',
    description: 'AWS secret access key assigned to an AWS-named variable (40 base64 characters).',
    pattern: /aws_?(?:secret)?_?(?:access)?_?key["']?\s*[:=]\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    keywords: ['aws'],
    minEntropy: 4,
    envName: 'AWS_SECRET_ACCESS_KEY',
  },
  // ---- Source control
  {
    id: 'github-token',
    provider: 'GitHub',
    description: 'GitHub token (classic PAT `ghp_`, OAuth `gho_`, user-to-server `ghu_`, server-to-server `ghs_`, refresh `ghr_`).',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    reference: 'gitleaks rules github-pat, github-oauth, github-app-token',
    envName: 'GITHUB_TOKEN',
  },
  {
    id: 'github-fine-grained-token',
    provider: 'GitHub',
    description: 'GitHub fine-grained personal access token (`github_pat_` + 82 characters).',
    pattern: /\b(github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    keywords: ['github_pat_'],
    reference: 'gitleaks rule github-fine-grained-pat',
    envName: 'GITHUB_TOKEN',
  },
  {
    id: 'gitlab-token',
    provider: 'GitLab',
    description: 'GitLab personal access token (`glpat-` + 20 characters).',
    pattern: /\b(glpat-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])/g,
    keywords: ['glpat-'],
    reference: 'gitleaks rule gitlab-pat',
    envName: 'GITLAB_TOKEN',
  },
  // ---- Payments
  {
    id: 'stripe-secret-key',
    provider: 'Stripe',
    description: 'Stripe live secret or restricted key (`sk_live_` / `rk_live_`).',
    pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9])/g,
    keywords: ['sk_live_', 'rk_live_'],
    reference: 'gitleaks rule stripe-access-token',
    envName: 'STRIPE_SECRET_KEY',
  },
  // ---- Messaging
  {
    id: 'slack-token',
    provider: 'Slack',
    description: 'Slack bot, user, app or configuration token (`xoxb-`, `xoxp-`, `xapp-`…).',
    pattern: /\b(xox[abposr]-[0-9A-Za-z-]{10,250}|xapp-\d-[A-Z0-9]{9,12}-\d{10,16}-[a-z0-9]{32,80})(?![0-9A-Za-z-])/g,
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xapp-'],
    minEntropy: 3,
    reference: 'gitleaks rules slack-bot-token, slack-user-token, slack-app-token',
    envName: 'SLACK_BOT_TOKEN',
  },
  {
    id: 'slack-webhook-url',
    provider: 'Slack',
    description: 'Slack incoming webhook URL.',
    pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{40,120})/g,
    keywords: ['hooks.slack.com'],
    envName: 'SLACK_WEBHOOK_URL',
  },
  {
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    description: 'SendGrid API key (`SG.` + 22 + `.` + 43 characters).',
    pattern: /\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    keywords: ['sg.'],
    envName: 'SENDGRID_API_KEY',
  },
  {
    id: 'twilio-api-key',
    provider: 'Twilio',
    description: 'Twilio API key SID (`SK` + 32 hex).',
    pattern: /\b(SK[0-9a-f]{32})\b/g,
    keywords: ['twilio'],
    envName: 'TWILIO_API_KEY',
  },
  // ---- Keys and tokens in standard formats
  {
    id: 'private-key',
    provider: 'PEM',
    description: 'A PEM-encoded private key block.',
    pattern: /(-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s\\n]{32,}?-----END)/g,
    keywords: ['private key'],
    reference: 'gitleaks rule private-key',
    envName: 'PRIVATE_KEY',
  },
  {
    id: 'jwt',
    provider: 'JWT',
    description: 'A signed JSON Web Token.',
    pattern: /\b(eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{20,1000})(?![A-Za-z0-9_-])/g,
    keywords: ['eyj'],
    reference: 'gitleaks rule jwt',
    envName: 'JWT_TOKEN',
  },
  {
    id: 'database-url-password',
    provider: 'Database',
    description: 'A database connection string with an inline password.',
    pattern: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^:\s/@'"`]{1,100}:([^@\s/'"`]{3,200})@[^\s'"`]{1,200}/g,
    keywords: ['://'],
    envName: 'DATABASE_URL',
    freeForm: true,
  },
  // ---- Generic: a high-entropy value in a place named like a secret.
  {
    id: 'generic-secret',
    provider: 'Generic',
    description: 'A high-entropy value assigned to a variable, property or setting named like a secret.',
    pattern:
      /(?<name>[A-Za-z0-9_.-]{0,40}(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|credential|private[_-]?key|access[_-]?key|auth[_-]?key|client[_-]?secret)[A-Za-z0-9_]{0,40})["']?\s{0,5}(?::|=|:=|=>)\s{0,5}["'`](?<secret>[^"'`\s]{16,300})["'`]/gi,
    keywords: ['key', 'secret', 'token', 'passw', 'credential'],
    minEntropy: 3.7,
    freeForm: true,
  },
  {
    id: 'generic-secret',
    provider: 'Generic',
    description: 'A high-entropy value in a `.env`-style assignment named like a secret.',
    pattern: /^[ \t]*(?:export[ \t]+)?(?<name>[A-Z0-9_]{0,40}(?:API_?KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|ACCESS_KEY)[A-Z0-9_]{0,40})[ \t]*=[ \t]*["']?(?<secret>[^\s"'#]{16,300})/gm,
    keywords: ['key', 'secret', 'token', 'passw', 'credential'],
    minEntropy: 3.7,
    freeForm: true,
  },
];
