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
  /**
   * Values of the format that are not secrets: public by design (a key meant for browsers), or a signature that
   * expires within the day, inside the URL it signs. `before` is the text just before the value.
   */
  isPublic?: (value: string, before: string) => boolean;
  /**
   * Examples that run as tests. Templates, expanded at test time so no key-shaped string is committed:
   * `${alnum:N}`, `${hex:N}`, `${upper:N}`, `${lower:N}`, `${digits:N}`, `${b64url:N}`, `${b64:N}`, `${b32:N}`, `${bech32:N}`.
   */
  examples?: { positive: string[]; negative?: string[] };
  /**
   * For patterns that open with a long run (a variable name before a keyword, 32 hex digits before a
   * suffix), which a regex engine retries at every position: every match contains a hit of `pattern` (global) that starts at
   * most `reach` characters after the match does, and no match is longer than `maxLength`. The engine
   * then runs the rule only in a window around each hit, with exactly the matches a plain scan finds.
   */
  anchor?: (
    | { pattern: RegExp; words?: undefined }
    /**
     * Hits are where one of these words starts, in any case (lower-case ASCII): found by the pass over the text that
     * finds every rule's keywords, rather than by a search of their own.
     */
    | { words: readonly string[]; pattern?: undefined }
  ) & {
    reach: number;
    maxLength: number;
    /** Sticky: what must follow at a hit for a match to use it (a cheap test that skips most hits in keyword-dense text). */
    then?: RegExp;
  };
}

/** A key with a fixed literal prefix and a fixed-length body: the common, precise case. */
function prefixed(
  id: string,
  provider: string,
  prefix: string,
  body: string,
  length: string,
  opts: {
    envName?: string;
    reference?: string;
    description?: string;
    keywords?: string[];
    minEntropy?: number;
    positive: string[];
    negative?: string[];
  },
): SecretRule {
  const esc = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    id,
    provider,
    description: opts.description ?? `${provider} credential (\`${prefix}…\`).`,
    pattern: new RegExp(`(?<![A-Za-z0-9_])(${esc}${body}{${length}})(?![A-Za-z0-9_])`, 'g'),
    keywords: opts.keywords ?? [prefix.toLowerCase()],
    minEntropy: opts.minEntropy,
    reference: opts.reference,
    envName: opts.envName,
    examples: { positive: opts.positive, negative: opts.negative },
  };
}

/** A value without a telling prefix, found next to the provider's name (`COHERE_API_KEY = "…"`). */
function keyworded(
  id: string,
  provider: string,
  names: string[],
  body: string,
  length: string,
  opts: { envName?: string; minEntropy?: number; positive: string[]; negative?: string[] },
): SecretRule {
  const nameAlt = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return {
    id,
    provider,
    description: `${provider} API key (no fixed prefix: found beside the provider's name).`,
    // Quoted after `:`/`=`/`=>`, or bare only right after `=` (a .env line): an identifier is not a key.
    pattern: new RegExp(
      `(?:${nameAlt})[\\w.-]{0,30}?["']?(?:\\s{0,5}(?::|=|:=|=>)\\s{0,5}["'\`](${body}{${length}})|=(${body}{${length}}))(?![A-Za-z0-9_-])`,
      'gi',
    ),
    keywords: names.map((n) => n.toLowerCase()),
    minEntropy: opts.minEntropy ?? 3,
    envName: opts.envName,
    examples: { positive: opts.positive, negative: opts.negative },
  };
}

/** Character classes of key bodies. */
const A = '[A-Za-z0-9]';
const H = '[a-f0-9]';
const U = '[A-Z0-9]';
const B = '[A-Za-z0-9_-]';

/**
 * What names a secret, for the two generic rules: each rule's pattern, its anchor and the anchor's check are built
 * from the same words, so that a word added to one cannot be missing from the others (the anchored scan would then
 * skip matches the pattern finds).
 */
const SECRET_WORD_LIST = [
  'secret',
  'token',
  'password',
  'passwd',
  'credential',
  ...['api', 'private', 'access', 'auth'].flatMap((w) => [`${w}_key`, `${w}-key`, `${w}key`]),
  'client_secret',
  'client-secret',
  'clientsecret',
];
const SECRET_WORDS = SECRET_WORD_LIST.join('|');
/** The same, as `.env` files spell names: upper case. */
const ENV_SECRET_WORDS = String.raw`API_?KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|ACCESS_KEY`;
/** Between a name and its quoted value: an optional closing quote, then `:`, `=`, `:=` or `=>`. */
const ASSIGNED = String.raw`["']?\s{0,5}(?::|=|:=|=>)\s{0,5}`;

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
    examples: {
      positive: ['sk-proj-${b64url:74}T3BlbkFJ${b64url:74}', 'sk-${alnum:20}T3BlbkFJ${alnum:20}'],
      negative: ['sk-proj-${b64url:20}'],
    },
  },
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    description: 'Anthropic API key (`sk-ant-api03-…AA`).',
    pattern: /\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/g,
    keywords: ['sk-ant-api03'],
    reference: 'gitleaks rule anthropic-api-key',
    envName: 'ANTHROPIC_API_KEY',
    examples: { positive: ['sk-ant-api03-${b64url:93}AA'], negative: ['sk-ant-api03-${b64url:20}AA'] },
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    description: 'Anthropic Admin API key (`sk-ant-admin01-…AA`).',
    pattern: /\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/g,
    keywords: ['sk-ant-admin01'],
    reference: 'gitleaks rule anthropic-admin-api-key',
    envName: 'ANTHROPIC_ADMIN_KEY',
    examples: { positive: ['sk-ant-admin01-${b64url:93}AA'] },
  },
  {
    id: 'google-api-key',
    provider: 'Google',
    description: 'Google API key (Gemini, Maps, Firebase…): `AIza` + 35 characters.',
    pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    keywords: ['aiza'],
    reference: 'gitleaks rule gcp-api-key',
    envName: 'GOOGLE_GENERATIVE_AI_API_KEY',
    examples: { positive: ['AIza${b64url:35}'], negative: ['AIza${b64url:20}'] },
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
    examples: { positive: ['hf_${lower:34}'], negative: ['hf_${lower:10}'] },
  },
  {
    id: 'groq-api-key',
    provider: 'Groq',
    description: 'Groq API key (`gsk_` + 52 characters).',
    pattern: /\b(gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9])/g,
    keywords: ['gsk_'],
    envName: 'GROQ_API_KEY',
    examples: { positive: ['gsk_${alnum:52}'] },
  },
  {
    id: 'replicate-api-token',
    provider: 'Replicate',
    description: 'Replicate API token (`r8_` + 37 characters).',
    pattern: /\b(r8_[A-Za-z0-9]{37})(?![A-Za-z0-9])/g,
    keywords: ['r8_'],
    minEntropy: 3.5,
    envName: 'REPLICATE_API_TOKEN',
    examples: { positive: ['r8_${alnum:37}'] },
  },
  {
    id: 'xai-api-key',
    provider: 'xAI',
    description: 'xAI (Grok) API key (`xai-` + 80 characters).',
    pattern: /\b(xai-[A-Za-z0-9]{80})(?![A-Za-z0-9])/g,
    keywords: ['xai-'],
    envName: 'XAI_API_KEY',
    examples: { positive: ['xai-${alnum:80}'] },
  },
  {
    id: 'perplexity-api-key',
    provider: 'Perplexity',
    description: 'Perplexity API key (`pplx-` + 48 characters).',
    pattern: /\b(pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9])/g,
    keywords: ['pplx-'],
    envName: 'PERPLEXITY_API_KEY',
    examples: { positive: ['pplx-${alnum:48}'] },
  },
  {
    id: 'langsmith-api-key',
    provider: 'LangSmith',
    description: 'LangSmith API key (`lsv2_pt_` / `lsv2_sk_`).',
    pattern: /\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})(?![a-f0-9])/g,
    keywords: ['lsv2_'],
    envName: 'LANGSMITH_API_KEY',
    examples: { positive: ['lsv2_pt_${hex:32}_${hex:10}', 'lsv2_sk_${hex:32}_${hex:10}'] },
  },
  {
    id: 'openrouter-api-key',
    provider: 'OpenRouter',
    description: 'OpenRouter API key (`sk-or-v1-` + 64 hex).',
    pattern: /\b(sk-or-v1-[a-f0-9]{64})(?![a-f0-9])/g,
    keywords: ['sk-or-v1-'],
    envName: 'OPENROUTER_API_KEY',
    examples: { positive: ['sk-or-v1-${hex:64}'] },
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
    examples: { positive: ['AKIA${b32:16}'], negative: [['AKIA', 'IOSFODNN7EXAMPLE'].join('')] },
  },
  {
    id: 'aws-secret-access-key',
    provider: 'AWS',
    description: 'AWS secret access key assigned to an AWS-named variable (40 base64 characters).',
    pattern: /aws_?(?:secret)?_?(?:access)?_?key["']?\s*[:=]\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    keywords: ['aws'],
    minEntropy: 4,
    envName: 'AWS_SECRET_ACCESS_KEY',
    examples: {
      positive: ['aws_secret_access_key = "${b64:40}"'],
      negative: [`aws_secret_access_key = "${['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/')}"`],
    },
  },
  // ---- Source control
  {
    id: 'github-token',
    provider: 'GitHub',
    description:
      'GitHub token (classic PAT `ghp_`, OAuth `gho_`, user-to-server `ghu_`, server-to-server `ghs_`, refresh `ghr_`).',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    reference: 'gitleaks rules github-pat, github-oauth, github-app-token',
    envName: 'GITHUB_TOKEN',
    examples: { positive: ['ghp_${alnum:36}', 'ghs_${alnum:36}'], negative: ['ghp_${alnum:20}'] },
  },
  {
    id: 'github-fine-grained-token',
    provider: 'GitHub',
    description: 'GitHub fine-grained personal access token (`github_pat_` + 82 characters).',
    pattern: /\b(github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    keywords: ['github_pat_'],
    reference: 'gitleaks rule github-fine-grained-pat',
    envName: 'GITHUB_TOKEN',
    examples: { positive: ['github_pat_${alnum:22}_${alnum:59}'] },
  },
  {
    id: 'gitlab-token',
    provider: 'GitLab',
    description: 'GitLab personal access token (`glpat-` + 20 characters).',
    pattern: /\b(glpat-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])/g,
    keywords: ['glpat-'],
    reference: 'gitleaks rule gitlab-pat',
    envName: 'GITLAB_TOKEN',
    examples: { positive: ['glpat-${b64url:20}'] },
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
    examples: { positive: ['sk_live_${alnum:32}', 'rk_live_${alnum:32}'], negative: ['sk_test_${alnum:32}'] },
  },
  // ---- Messaging
  {
    id: 'slack-token',
    provider: 'Slack',
    description: 'Slack bot, user, app or configuration token (`xoxb-`, `xoxp-`, `xapp-`…).',
    pattern:
      /\b(xox[abposr]-[0-9]{8,14}-[0-9A-Za-z-]{8,250}|xapp-\d-[A-Z0-9]{9,12}-\d{10,16}-[a-z0-9]{32,80})(?![0-9A-Za-z-])/g,
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xapp-'],
    minEntropy: 3,
    reference: 'gitleaks rules slack-bot-token, slack-user-token, slack-app-token',
    envName: 'SLACK_BOT_TOKEN',
    examples: {
      positive: ['xoxb-${digits:12}-${digits:12}-${alnum:24}'],
      negative: [['xox', 'b-your-bot-token'].join('')],
    },
  },
  {
    id: 'slack-webhook-url',
    provider: 'Slack',
    description: 'Slack incoming webhook URL.',
    pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{40,120})/g,
    keywords: ['hooks.slack.com'],
    envName: 'SLACK_WEBHOOK_URL',
    examples: { positive: ['https://hooks.slack.com/services/T${upper:8}/B${upper:8}/${alnum:24}'] },
  },
  {
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    description: 'SendGrid API key (`SG.` + 22 + `.` + 43 characters).',
    pattern: /\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    keywords: ['sg.'],
    envName: 'SENDGRID_API_KEY',
    examples: { positive: ['SG.${b64url:22}.${b64url:43}'] },
  },
  {
    id: 'twilio-api-key',
    provider: 'Twilio',
    description: 'Twilio API key SID (`SK` + 32 hex).',
    pattern: /\b(SK[0-9a-f]{32})\b/g,
    keywords: ['twilio'],
    envName: 'TWILIO_API_KEY',
    examples: { positive: ['twilioApiKey = "SK${hex:32}"'] },
  },
  ...MORE_RULES(),
  // ---- Keys and tokens in standard formats
  {
    id: 'private-key',
    provider: 'PEM',
    description: 'A PEM-encoded private key block.',
    pattern:
      /(-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s\\n]{32,}?-----END)/g,
    keywords: ['private key'],
    reference: 'gitleaks rule private-key',
    envName: 'PRIVATE_KEY',
    examples: {
      positive: ['-----BEGIN RSA PRIVATE KEY-----\\n${b64:64}\\n-----END RSA PRIVATE KEY-----'],
      negative: ['-----BEGIN PUBLIC KEY-----\\n${b64:64}\\n-----END PUBLIC KEY-----'],
    },
  },
  {
    id: 'jwt',
    provider: 'JWT',
    description: 'A signed JSON Web Token.',
    pattern: /\b(eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{20,1000})(?![A-Za-z0-9_-])/g,
    keywords: ['eyj'],
    reference: 'gitleaks rule jwt',
    envName: 'JWT_TOKEN',
    isPublic: isPublicJwt,
    examples: { positive: ['eyJ${b64url:30}.eyJ${b64url:60}.${b64url:43}'] },
  },
  {
    id: 'database-url-password',
    provider: 'Database',
    description: 'A database connection string with an inline password.',
    pattern:
      /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^:\s/@'"`]{1,100}:([^@\s/'"`]{3,200})@[^\s'"`]{1,200}/g,
    keywords: ['://'],
    // The scheme: at most 11 characters before `://`; the whole match: 11 + 3 + 100 + 1 + 200 + 1 + 200. Most `://`
    // in code start a URL without a password, which `then` turns away at once.
    anchor: {
      pattern: /:\/\//g,
      reach: 11,
      maxLength: 516,
      then: /:\/\/[^:\s/@'"`]{1,100}:[^@\s/'"`]{3,200}@/y,
    },
    envName: 'DATABASE_URL',
    freeForm: true,
    examples: {
      positive: ['postgres://app:${alnum:20}@db.internal:5432/orders'],
      negative: ['postgres://app:password@localhost/db', 'postgres://app:${DB_PASSWORD}@db/x'],
    },
  },
  // ---- Generic: a high-entropy value in a place named like a secret.
  {
    id: 'generic-secret',
    provider: 'Generic',
    description: 'A high-entropy value assigned to a variable, property or setting named like a secret.',
    pattern: new RegExp(
      String.raw`(?<name>[A-Za-z0-9_.-]{0,40}(?:${SECRET_WORDS})[A-Za-z0-9_]{0,40})${ASSIGNED}["'${'`'}](?<secret>[\x21\x23-\x26\x28-\x5f\x61-\x7e]{16,300})["'${'`'}]`,
      'gi',
    ),
    keywords: ['key', 'secret', 'token', 'passw', 'credential'],
    minEntropy: 3.7,
    freeForm: true,
    // The name: at most 40 characters before the keyword; the whole match: 40 + 16 + 40 + 15 + 302.
    anchor: {
      words: SECRET_WORD_LIST,
      reach: 40,
      maxLength: 420,
      then: new RegExp(String.raw`(?:${SECRET_WORDS})[A-Za-z0-9_]{0,40}${ASSIGNED}["'${'`'}]`, 'iy'),
    },
    examples: {
      positive: ['const ledgerApiKey = "${alnum:28}";'],
      negative: [
        'const ledgerApiKey = "passwordpassword";',
        'const sessionToken = "?NonExpressionParenKeyword";',
        'const credentialsPath = "/run/secrets/gcp-service-account.json";',
        '// Set the credential: `GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp-service-account.json`',
      ],
    },
  },
  {
    id: 'generic-secret',
    provider: 'Generic',
    description: 'A high-entropy value in a `.env`-style assignment named like a secret.',
    pattern: new RegExp(
      String.raw`^[ \t]{0,100}(?:export[ \t]{1,20})?(?<name>[A-Z0-9_]{0,40}(?:${ENV_SECRET_WORDS})[A-Z0-9_]{0,40})[ \t]{0,20}=[ \t]{0,20}["']?(?<secret>[\x21\x24-\x26\x28-\x7e]{16,300})`,
      'gm',
    ),
    keywords: ['key', 'secret', 'token', 'passw', 'credential'],
    // The name's keyword: at most 100 + 6 + 20 + 40 characters after the line starts; the whole match: that, the
    // keyword (11), 40, 20, 1, 20, 1 and 300. The keyword is upper case: a lower-case `token` in code is no hit.
    anchor: {
      pattern: new RegExp(ENV_SECRET_WORDS, 'g'),
      reach: 166,
      maxLength: 559,
      then: new RegExp(String.raw`(?:${ENV_SECRET_WORDS})[A-Z0-9_]{0,40}[ \t]{0,20}=`, 'y'),
    },
    minEntropy: 3.7,
    freeForm: true,
    examples: {
      positive: ['LEDGER_API_KEY=${alnum:28}'],
      negative: [
        'API_KEY=your-key-here-please',
        'API_KEY=${OTHER_KEY}',
        // Where a credential file is, not a credential.
        'GOOGLE_APPLICATION_CREDENTIALS=/home/app/secrets/service-account.json',
        'AWS_SHARED_CREDENTIALS_FILE=~/.aws/credentials',
      ],
    },
  },
];

/** Further formats, by provider family. Prefixes and lengths as documented by each provider or by gitleaks' rule set. */
function MORE_RULES(): SecretRule[] {
  return [
    // ---- AI providers and agent tooling
    prefixed('huggingface-org-token', 'Hugging Face', 'api_org_', '[A-Za-z]', '34', {
      envName: 'HF_TOKEN',
      minEntropy: 3.5,
      reference: 'gitleaks rule huggingface-organization-api-token',
      positive: ['api_org_${lower:34}'],
      negative: ['api_org_${lower:10}'],
    }),
    prefixed('langsmith-legacy-key', 'LangSmith', 'ls__', H, '32', {
      envName: 'LANGCHAIN_API_KEY',
      positive: ['ls__${hex:32}'],
    }),
    prefixed('pinecone-api-key', 'Pinecone', 'pcsk_', B, '40,80', {
      envName: 'PINECONE_API_KEY',
      minEntropy: 3.5,
      positive: ['pcsk_${alnum:6}_${b64url:60}'],
    }),
    prefixed('cerebras-api-key', 'Cerebras', 'csk-', A, '48', {
      envName: 'CEREBRAS_API_KEY',
      positive: ['csk-${alnum:48}'],
    }),
    prefixed('nvidia-api-key', 'NVIDIA', 'nvapi-', B, '64', {
      envName: 'NVIDIA_API_KEY',
      positive: ['nvapi-${b64url:64}'],
    }),
    prefixed('fireworks-api-key', 'Fireworks', 'fw_', A, '24', {
      envName: 'FIREWORKS_API_KEY',
      minEntropy: 3.5,
      positive: ['fw_${alnum:24}'],
    }),
    prefixed('tavily-api-key', 'Tavily', 'tvly-', A, '32', {
      envName: 'TAVILY_API_KEY',
      positive: ['tvly-${alnum:32}'],
    }),
    prefixed('firecrawl-api-key', 'Firecrawl', 'fc-', H, '32', {
      envName: 'FIRECRAWL_API_KEY',
      positive: ['fc-${hex:32}'],
    }),
    prefixed('e2b-api-key', 'E2B', 'e2b_', H, '40', { envName: 'E2B_API_KEY', positive: ['e2b_${hex:40}'] }),
    prefixed('langfuse-secret-key', 'Langfuse', 'sk-lf-', '[a-f0-9-]', '36', {
      envName: 'LANGFUSE_SECRET_KEY',
      positive: ['sk-lf-${hex:8}-${hex:4}-${hex:4}-${hex:4}-${hex:12}'],
    }),
    prefixed('helicone-api-key', 'Helicone', 'sk-helicone-', '[a-z0-9-]', '30,80', {
      envName: 'HELICONE_API_KEY',
      minEntropy: 3.5,
      positive: ['sk-helicone-${lower:7}-${lower:7}-${lower:7}-${lower:7}'],
    }),
    prefixed('databricks-token', 'Databricks', 'dapi', H, '32', {
      envName: 'DATABRICKS_TOKEN',
      reference: 'gitleaks rule databricks-api-token',
      positive: ['dapi${hex:32}'],
    }),
    prefixed('anyscale-api-key', 'Anyscale', 'esecret_', A, '20,40', {
      envName: 'ANYSCALE_API_KEY',
      minEntropy: 3.5,
      positive: ['esecret_${alnum:30}'],
    }),
    prefixed('voyage-api-key', 'Voyage AI', 'pa-', B, '43', {
      envName: 'VOYAGE_API_KEY',
      minEntropy: 3.8,
      keywords: ['voyage', 'pa-'],
      positive: ['pa-${b64url:43}'],
    }),
    prefixed('mem0-api-key', 'Mem0', 'm0-', A, '40', {
      envName: 'MEM0_API_KEY',
      minEntropy: 3.5,
      positive: ['m0-${alnum:40}'],
    }),
    prefixed('deepseek-api-key', 'DeepSeek', 'sk-', H, '32', {
      envName: 'DEEPSEEK_API_KEY',
      keywords: ['deepseek'],
      description: 'DeepSeek API key (`sk-` + 32 hex) in DeepSeek code.',
      positive: ['DEEPSEEK_API_KEY=sk-${hex:32}'],
    }),
    keyworded('cohere-api-key', 'Cohere', ['cohere', 'co_api_key'], A, '40', {
      envName: 'COHERE_API_KEY',
      positive: ['COHERE_API_KEY = "${alnum:40}"'],
      negative: ['COHERE_API_KEY = "${alnum:12}"'],
    }),
    keyworded('mistral-api-key', 'Mistral', ['mistral'], A, '32', {
      envName: 'MISTRAL_API_KEY',
      positive: ['mistralApiKey: "${alnum:32}"'],
    }),
    keyworded('elevenlabs-api-key', 'ElevenLabs', ['elevenlabs', 'xi-api-key', 'xi_api_key'], '[a-z0-9_]', '32,51', {
      envName: 'ELEVENLABS_API_KEY',
      positive: ['ELEVENLABS_API_KEY=sk_${hex:48}'],
    }),
    keyworded('together-api-key', 'Together AI', ['together'], '[a-f0-9]', '64', {
      envName: 'TOGETHER_API_KEY',
      positive: ['TOGETHER_API_KEY="${hex:64}"'],
    }),
    keyworded('assemblyai-api-key', 'AssemblyAI', ['assemblyai', 'assembly_ai'], H, '32', {
      envName: 'ASSEMBLYAI_API_KEY',
      positive: ['assemblyAiKey = "${hex:32}"'],
    }),
    keyworded('deepgram-api-key', 'Deepgram', ['deepgram'], H, '40', {
      envName: 'DEEPGRAM_API_KEY',
      positive: ['DEEPGRAM_API_KEY: "${hex:40}"'],
    }),
    keyworded(
      'azure-openai-key',
      'Azure OpenAI',
      ['azure_openai', 'azureopenai', 'azure-openai', 'azure_api_key', 'azure_openai_api_key'],
      '[a-zA-Z0-9]',
      '32,84',
      { envName: 'AZURE_OPENAI_API_KEY', positive: ['AZURE_OPENAI_API_KEY="${hex:32}"'] },
    ),
    keyworded('wandb-api-key', 'Weights & Biases', ['wandb'], H, '40', {
      envName: 'WANDB_API_KEY',
      positive: ['WANDB_API_KEY=${hex:40}'],
    }),
    keyworded('serpapi-key', 'SerpApi', ['serpapi', 'serp_api'], H, '64', {
      envName: 'SERPAPI_API_KEY',
      positive: ['serpApiKey: "${hex:64}"'],
    }),
    keyworded('exa-api-key', 'Exa', ['exa_api_key', 'exaapikey', 'exa-api-key'], '[a-f0-9-]', '36', {
      envName: 'EXA_API_KEY',
      positive: ['EXA_API_KEY="${hex:8}-${hex:4}-${hex:4}-${hex:4}-${hex:12}"'],
    }),
    keyworded('stability-api-key', 'Stability AI', ['stability'], '[A-Za-z0-9-]', '51', {
      envName: 'STABILITY_API_KEY',
      positive: ['STABILITY_API_KEY=sk-${alnum:48}'],
    }),
    keyworded(
      'brave-search-key',
      'Brave Search',
      ['brave_api_key', 'brave_search', 'x-subscription-token'],
      '[A-Za-z0-9_-]',
      '27,40',
      { envName: 'BRAVE_API_KEY', positive: ['BRAVE_API_KEY="BSA${alnum:28}"'] },
    ),
    // ---- Cloud and platforms
    {
      id: 'gcp-service-account-key',
      provider: 'Google Cloud',
      description: 'A Google Cloud service account key file (JSON with a private key).',
      pattern:
        /"type"\s{0,3}:\s{0,3}"service_account"[^}]{0,3000}?"private_key"\s{0,3}:\s{0,3}"(-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\n]{64,})/g,
      keywords: ['service_account'],
      envName: 'GOOGLE_APPLICATION_CREDENTIALS',
      examples: {
        positive: [
          '{"type": "service_account", "project_id": "p", "private_key": "-----BEGIN PRIVATE KEY-----\\n${b64:120}\\n-----END PRIVATE KEY-----\\n"}',
        ],
      },
    },
    {
      id: 'azure-storage-key',
      provider: 'Azure',
      description: 'An Azure Storage account key in a connection string (`AccountKey=…`, 88 base64 characters).',
      pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
      keywords: ['accountkey='],
      envName: 'AZURE_STORAGE_CONNECTION_STRING',
      examples: {
        positive: [
          'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${b64:86}==;EndpointSuffix=core.windows.net',
        ],
      },
    },
    keyworded(
      'azure-client-secret',
      'Azure AD',
      ['azure_client_secret', 'client_secret', 'clientsecret'],
      '[A-Za-z0-9_~.-]',
      '34,40',
      {
        envName: 'AZURE_CLIENT_SECRET',
        minEntropy: 3.8,
        positive: ['AZURE_CLIENT_SECRET="${alnum:3}8Q~${b64url:31}"'],
      },
    ),
    prefixed('digitalocean-token', 'DigitalOcean', 'dop_v1_', H, '64', {
      envName: 'DIGITALOCEAN_TOKEN',
      reference: 'gitleaks rule digitalocean-pat',
      positive: ['dop_v1_${hex:64}'],
    }),
    prefixed('digitalocean-oauth-token', 'DigitalOcean', 'doo_v1_', H, '64', {
      envName: 'DIGITALOCEAN_TOKEN',
      positive: ['doo_v1_${hex:64}'],
    }),
    prefixed('alibaba-access-key-id', 'Alibaba Cloud', 'LTAI', A, '20', {
      envName: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
      minEntropy: 3,
      reference: 'gitleaks rule alibaba-access-key-id',
      positive: ['LTAI${alnum:20}'],
    }),
    keyworded('cloudflare-api-token', 'Cloudflare', ['cloudflare', 'cf_api_token'], '[A-Za-z0-9_-]', '40', {
      envName: 'CLOUDFLARE_API_TOKEN',
      minEntropy: 3.5,
      positive: ['CLOUDFLARE_API_TOKEN=${b64url:40}'],
    }),
    keyworded('heroku-api-key', 'Heroku', ['heroku'], '[a-f0-9-]', '36', {
      envName: 'HEROKU_API_KEY',
      positive: ['HEROKU_API_KEY="${hex:8}-${hex:4}-${hex:4}-${hex:4}-${hex:12}"'],
    }),
    keyworded('vercel-token', 'Vercel', ['vercel_token', 'vercel'], A, '24', {
      envName: 'VERCEL_TOKEN',
      minEntropy: 3.5,
      positive: ['VERCEL_TOKEN=${alnum:24}'],
    }),
    prefixed('flyio-token', 'Fly.io', 'FlyV1 fm2_', '[A-Za-z0-9+/=_-]', '50,400', {
      envName: 'FLY_API_TOKEN',
      keywords: ['flyv1'],
      minEntropy: 3.5,
      positive: ['FlyV1 fm2_${b64url:120}'],
    }),
    prefixed('doppler-token', 'Doppler', 'dp.pt.', A, '43', {
      envName: 'DOPPLER_TOKEN',
      reference: 'gitleaks rule doppler-api-token',
      positive: ['dp.pt.${alnum:43}'],
    }),
    prefixed('vault-service-token', 'HashiCorp Vault', 'hvs.', B, '24,200', {
      envName: 'VAULT_TOKEN',
      minEntropy: 3.5,
      reference: 'gitleaks rule vault-service-token',
      positive: ['hvs.${b64url:90}'],
    }),
    prefixed('vault-batch-token', 'HashiCorp Vault', 'hvb.', B, '24,300', {
      envName: 'VAULT_TOKEN',
      minEntropy: 3.5,
      positive: ['hvb.${b64url:120}'],
    }),
    {
      ...prefixed('terraform-cloud-token', 'Terraform Cloud', '.atlasv1.', B, '60,70', {
        envName: 'TFE_TOKEN',
        positive: ['${alnum:14}.atlasv1.${b64url:67}'],
      }),
      pattern: /\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,70})(?![A-Za-z0-9_-])/g,
    },
    prefixed('pulumi-token', 'Pulumi', 'pul-', H, '40', {
      envName: 'PULUMI_ACCESS_TOKEN',
      positive: ['pul-${hex:40}'],
    }),
    prefixed('supabase-management-token', 'Supabase', 'sbp_', H, '40', {
      envName: 'SUPABASE_ACCESS_TOKEN',
      positive: ['sbp_${hex:40}'],
    }),
    prefixed('planetscale-token', 'PlanetScale', 'pscale_tkn_', B, '43', {
      envName: 'PLANETSCALE_TOKEN',
      reference: 'gitleaks rule planetscale-api-token',
      positive: ['pscale_tkn_${b64url:43}'],
    }),
    prefixed('planetscale-password', 'PlanetScale', 'pscale_pw_', B, '43', {
      envName: 'DATABASE_PASSWORD',
      positive: ['pscale_pw_${b64url:43}'],
    }),
    prefixed('neon-api-key', 'Neon', 'napi_', A, '64', { envName: 'NEON_API_KEY', positive: ['napi_${alnum:64}'] }),
    prefixed('npm-token', 'npm', 'npm_', A, '36', {
      envName: 'NPM_TOKEN',
      reference: 'gitleaks rule npm-access-token',
      positive: ['npm_${alnum:36}'],
    }),
    prefixed('pypi-token', 'PyPI', 'pypi-AgEIcHlwaS5vcmc', B, '50,1000', {
      envName: 'PYPI_TOKEN',
      reference: 'gitleaks rule pypi-upload-token',
      positive: ['pypi-AgEIcHlwaS5vcmc${b64url:80}'],
    }),
    prefixed('rubygems-key', 'RubyGems', 'rubygems_', H, '48', {
      envName: 'GEM_HOST_API_KEY',
      positive: ['rubygems_${hex:48}'],
    }),
    prefixed('nuget-key', 'NuGet', 'oy2', '[a-z0-9]', '43', {
      envName: 'NUGET_API_KEY',
      keywords: ['nuget', 'oy2'],
      minEntropy: 3.5,
      positive: ['oy2${lower:43}'],
    }),
    prefixed('docker-hub-token', 'Docker Hub', 'dckr_pat_', B, '27', {
      envName: 'DOCKER_TOKEN',
      positive: ['dckr_pat_${b64url:27}'],
    }),
    prefixed('jfrog-token', 'JFrog', 'AKCp', A, '69', {
      envName: 'JFROG_TOKEN',
      reference: 'gitleaks rule jfrog-api-key',
      positive: ['AKCp${alnum:69}'],
    }),
    prefixed('onepassword-service-token', '1Password', 'ops_eyJ', '[A-Za-z0-9+/=_-]', '200,1000', {
      envName: 'OP_SERVICE_ACCOUNT_TOKEN',
      positive: ['ops_eyJ${b64url:250}'],
    }),
    prefixed('age-secret-key', 'age', 'AGE-SECRET-KEY-1', '[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]', '58', {
      envName: 'AGE_SECRET_KEY',
      keywords: ['age-secret-key-1'],
      positive: ['AGE-SECRET-KEY-1${bech32:58}'],
    }),
    // ---- Source control
    prefixed('gitlab-oauth-secret', 'GitLab', 'gloas-', B, '64', {
      envName: 'GITLAB_OAUTH_SECRET',
      positive: ['gloas-${b64url:64}'],
    }),
    prefixed('gitlab-deploy-token', 'GitLab', 'gldt-', B, '20', {
      envName: 'GITLAB_DEPLOY_TOKEN',
      positive: ['gldt-${b64url:20}'],
    }),
    prefixed('gitlab-runner-token', 'GitLab', 'glrt-', B, '20,30', {
      envName: 'GITLAB_RUNNER_TOKEN',
      positive: ['glrt-${b64url:20}'],
    }),
    prefixed('gitlab-trigger-token', 'GitLab', 'glptt-', H, '40', {
      envName: 'GITLAB_TRIGGER_TOKEN',
      positive: ['glptt-${hex:40}'],
    }),
    prefixed('bitbucket-app-password', 'Bitbucket', 'ATBB', A, '32', {
      envName: 'BITBUCKET_APP_PASSWORD',
      minEntropy: 3.5,
      positive: ['ATBB${alnum:32}'],
    }),
    // ---- Payments and commerce
    prefixed('stripe-webhook-secret', 'Stripe', 'whsec_', A, '32,64', {
      envName: 'STRIPE_WEBHOOK_SECRET',
      minEntropy: 3.5,
      positive: ['whsec_${alnum:32}'],
    }),
    prefixed('square-access-token', 'Square', 'sq0atp-', B, '22', {
      envName: 'SQUARE_ACCESS_TOKEN',
      reference: 'gitleaks rule square-access-token',
      positive: ['sq0atp-${b64url:22}'],
    }),
    prefixed('square-secret', 'Square', 'sq0csp-', B, '43', {
      envName: 'SQUARE_SECRET',
      positive: ['sq0csp-${b64url:43}'],
    }),
    {
      ...prefixed('braintree-token', 'Braintree', 'access_token$production$', '[a-z0-9]', '16', {
        envName: 'BRAINTREE_ACCESS_TOKEN',
        keywords: ['access_token$production$'],
        positive: ['access_token$production$${lower:16}$${hex:32}'],
      }),
      pattern: /(access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32})/g,
    },
    prefixed('shopify-access-token', 'Shopify', 'shpat_', H, '32', {
      envName: 'SHOPIFY_ACCESS_TOKEN',
      reference: 'gitleaks rule shopify-access-token',
      positive: ['shpat_${hex:32}'],
    }),
    prefixed('shopify-shared-secret', 'Shopify', 'shpss_', H, '32', {
      envName: 'SHOPIFY_SHARED_SECRET',
      positive: ['shpss_${hex:32}'],
    }),
    prefixed('shopify-custom-app-token', 'Shopify', 'shpca_', H, '32', {
      envName: 'SHOPIFY_ACCESS_TOKEN',
      positive: ['shpca_${hex:32}'],
    }),
    prefixed('shopify-private-app-token', 'Shopify', 'shppa_', H, '32', {
      envName: 'SHOPIFY_ACCESS_TOKEN',
      positive: ['shppa_${hex:32}'],
    }),
    keyworded('plaid-secret', 'Plaid', ['plaid'], H, '30', {
      envName: 'PLAID_SECRET',
      positive: ['PLAID_SECRET="${hex:30}"'],
    }),
    // ---- Messaging and email
    prefixed('twilio-account-sid', 'Twilio', 'AC', H, '32', {
      envName: 'TWILIO_ACCOUNT_SID',
      keywords: ['twilio'],
      description: 'Twilio Account SID (with an auth token nearby it is a credential pair).',
      positive: ['twilio.accountSid = "AC${hex:32}"'],
    }),
    keyworded('twilio-auth-token', 'Twilio', ['twilio_auth_token', 'twilioauthtoken', 'authtoken'], H, '32', {
      envName: 'TWILIO_AUTH_TOKEN',
      positive: ['TWILIO_AUTH_TOKEN=${hex:32}'],
    }),
    prefixed('mailgun-api-key', 'Mailgun', 'key-', H, '32', {
      envName: 'MAILGUN_API_KEY',
      keywords: ['mailgun'],
      positive: ['mailgun({ key: "key-${hex:32}" })'],
    }),
    // Anchored on `-us<digit>`: the pattern opens with 32 hex digits, which a plain scan tries at every position.
    {
      ...prefixed('mailchimp-api-key', 'Mailchimp', '', H, '32', {
        envName: 'MAILCHIMP_API_KEY',
        keywords: ['-us'],
        positive: ['${hex:32}-us12'],
      }),
      pattern: /(?<![A-Za-z0-9])([a-f0-9]{32}-us[0-9]{1,2})(?![A-Za-z0-9])/g,
      anchor: { pattern: /-us[0-9]/g, reach: 32, maxLength: 40 },
    },
    prefixed('resend-api-key', 'Resend', 're_', B, '30,40', {
      envName: 'RESEND_API_KEY',
      minEntropy: 3.5,
      keywords: ['resend', 're_'],
      positive: ['re_${alnum:8}_${alnum:24}'],
    }),
    keyworded('postmark-token', 'Postmark', ['postmark'], '[a-f0-9-]', '36', {
      envName: 'POSTMARK_SERVER_TOKEN',
      positive: ['POSTMARK_SERVER_TOKEN="${hex:8}-${hex:4}-${hex:4}-${hex:4}-${hex:12}"'],
    }),
    {
      id: 'discord-bot-token',
      provider: 'Discord',
      description: 'A Discord bot token.',
      pattern:
        /(?<![A-Za-z0-9_-])([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/g,
      keywords: ['discord'],
      minEntropy: 3.5,
      envName: 'DISCORD_TOKEN',
      examples: { positive: ['discord.login("M${b64url:25}.${b64url:6}.${b64url:38}")'] },
    },
    {
      id: 'discord-webhook-url',
      provider: 'Discord',
      description: 'A Discord webhook URL (anyone holding it can post).',
      pattern:
        /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,70})/g,
      keywords: ['discord'],
      envName: 'DISCORD_WEBHOOK_URL',
      examples: { positive: ['https://discord.com/api/webhooks/${digits:18}/${b64url:68}'] },
    },
    {
      id: 'telegram-bot-token',
      provider: 'Telegram',
      description: 'A Telegram bot token.',
      pattern: /(?<![0-9])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
      keywords: [':aa'],
      envName: 'TELEGRAM_BOT_TOKEN',
      examples: { positive: ['${digits:10}:AA${b64url:33}'] },
    },
    {
      id: 'teams-webhook-url',
      provider: 'Microsoft Teams',
      description: 'A Microsoft Teams incoming webhook URL.',
      pattern:
        /(https:\/\/[a-z0-9-]{1,60}\.webhook\.office\.com\/webhookb2\/[a-z0-9@-]{40,120}\/IncomingWebhook\/[a-f0-9]{32}\/[a-f0-9-]{36})/g,
      keywords: ['webhook.office.com'],
      envName: 'TEAMS_WEBHOOK_URL',
      examples: {
        positive: [
          'https://acme.webhook.office.com/webhookb2/${hex:8}-${hex:4}-${hex:4}-${hex:4}-${hex:12}@${hex:8}-${hex:4}-${hex:4}-${hex:4}-${hex:12}/IncomingWebhook/${hex:32}/${hex:8}-${hex:4}-${hex:4}-${hex:4}-${hex:12}',
        ],
      },
    },
    // ---- Monitoring and productivity
    prefixed('sentry-auth-token', 'Sentry', 'sntrys_', '[A-Za-z0-9+/=_]', '60,300', {
      envName: 'SENTRY_AUTH_TOKEN',
      minEntropy: 3.5,
      positive: ['sntrys_eyJ${b64:120}'],
    }),
    prefixed('sentry-user-token', 'Sentry', 'sntryu_', H, '64', {
      envName: 'SENTRY_AUTH_TOKEN',
      positive: ['sntryu_${hex:64}'],
    }),
    prefixed('new-relic-user-key', 'New Relic', 'NRAK-', U, '27', {
      envName: 'NEW_RELIC_API_KEY',
      reference: 'gitleaks rule new-relic-user-api-key',
      positive: ['NRAK-${upper:27}'],
    }),
    prefixed('grafana-cloud-token', 'Grafana', 'glc_', '[A-Za-z0-9+/=]', '32,400', {
      envName: 'GRAFANA_CLOUD_TOKEN',
      minEntropy: 3.5,
      positive: ['glc_eyJ${b64:80}'],
    }),
    prefixed('grafana-service-account-token', 'Grafana', 'glsa_', '[A-Za-z0-9_]', '41', {
      envName: 'GRAFANA_TOKEN',
      minEntropy: 3.5,
      positive: ['glsa_${alnum:32}_${hex:8}'],
    }),
    keyworded('datadog-api-key', 'Datadog', ['datadog', 'dd_api_key', 'dd_app_key'], H, '32,40', {
      envName: 'DD_API_KEY',
      positive: ['DD_API_KEY=${hex:32}'],
    }),
    keyworded('pagerduty-key', 'PagerDuty', ['pagerduty'], '[A-Za-z0-9+_-]', '20', {
      envName: 'PAGERDUTY_TOKEN',
      minEntropy: 3.5,
      positive: ['PAGERDUTY_TOKEN="${alnum:20}"'],
    }),
    prefixed('linear-api-key', 'Linear', 'lin_api_', A, '40', {
      envName: 'LINEAR_API_KEY',
      reference: 'gitleaks rule linear-api-key',
      positive: ['lin_api_${alnum:40}'],
    }),
    prefixed('notion-token', 'Notion', 'ntn_', A, '46', {
      envName: 'NOTION_TOKEN',
      minEntropy: 3.5,
      positive: ['ntn_${alnum:46}'],
    }),
    prefixed('notion-integration-secret', 'Notion', 'secret_', A, '43', {
      envName: 'NOTION_TOKEN',
      keywords: ['notion'],
      positive: ['new Client({ auth: "secret_${alnum:43}" }) // notion'],
    }),
    {
      ...prefixed('airtable-pat', 'Airtable', 'pat', A, '14', {
        envName: 'AIRTABLE_API_KEY',
        keywords: ['airtable'],
        positive: ['airtable.configure({ apiKey: "pat${alnum:14}.${hex:64}" })'],
      }),
      pattern: /(?<![A-Za-z0-9])(pat[A-Za-z0-9]{14}\.[a-f0-9]{64})(?![A-Za-z0-9])/g,
    },
    prefixed('figma-token', 'Figma', 'figd_', B, '40', { envName: 'FIGMA_TOKEN', positive: ['figd_${b64url:40}'] }),
    keyworded(
      'atlassian-api-token',
      'Atlassian',
      ['atlassian', 'jira_api_token', 'confluence'],
      '[A-Za-z0-9_=-]',
      '24,192',
      { envName: 'ATLASSIAN_API_TOKEN', minEntropy: 3.5, positive: ['JIRA_API_TOKEN=ATATT3x${b64url:180}'] },
    ),
    keyworded('okta-api-token', 'Okta', ['okta'], '00[A-Za-z0-9_-]', '40', {
      envName: 'OKTA_API_TOKEN',
      positive: ['OKTA_API_TOKEN="00${b64url:40}"'],
    }),
    // ---- Generic formats
    {
      id: 'npmrc-auth-token',
      provider: 'npm registry',
      description: 'A registry auth token in an .npmrc (`//registry/:_authToken=…`).',
      pattern: /\/\/[^\s:]{1,200}\/:_(?:authToken|password)\s{0,3}=\s{0,3}([^\s$"'{}]{16,200})/g,
      keywords: ['_authtoken', '_password'],
      minEntropy: 3,
      envName: 'NPM_TOKEN',
      examples: {
        positive: ['//registry.npmjs.org/:_authToken=${alnum:36}'],
        negative: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
      },
    },
    {
      id: 'url-credentials',
      provider: 'URL',
      description: 'A password embedded in an http(s) URL (`https://user:password@host`).',
      pattern: /\bhttps?:\/\/[^\s:/@'"`]{1,100}:([^\s@/'"`]{6,200})@[A-Za-z0-9.-]{3,200}/g,
      keywords: ['://'],
      minEntropy: 3,
      freeForm: true,
      envName: 'SERVICE_URL',
      examples: {
        positive: ['https://admin:${alnum:20}@internal.example.com/api'],
        negative: ['https://user:${PASSWORD}@example.com'],
      },
    },
  ];
}

/**
 * Not a credential, though shaped as one:
 * - a JWT whose claims give it the `anon` role: Supabase's anonymous (publishable) key, which its docs say is safe in a
 *   browser and ships in every client; what it may do is decided by row-level security, not by keeping it secret;
 * - a JWT in the query of the URL it signs (a storage or CDN signed URL: `…/object/sign/a.png?token=…`) that expires
 *   within a day of being issued: by the time the code is read it signs nothing.
 */
function isPublicJwt(token: string, before: string): boolean {
  const claims = jwtClaims(token);
  if (!claims) return false;
  if (claims.role === 'anon') return true;
  const { iat, exp } = claims;
  const inSignedUrl = /https?:\/\/[^\s'"`]*[?&][\w.-]+=$/.test(before);
  return inSignedUrl && typeof iat === 'number' && typeof exp === 'number' && exp - iat <= 24 * 60 * 60;
}

function jwtClaims(token: string): Record<string, unknown> | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
