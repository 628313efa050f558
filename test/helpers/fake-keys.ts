import { randomInt } from 'node:crypto';

/**
 * Key-shaped strings built at run time, so the repository never contains one (and a scan of the
 * repository with Agent Warden itself stays clean). Each is valid for its rule's format, random otherwise.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const B64URL = `${ALNUM}-_`;

export function randomFrom(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** Joins parts at run time so no literal in this file is itself a match. */
const j = (...parts: string[]) => parts.join('');

export const FAKE_KEYS: Record<string, () => string> = {
  'openai-api-key': () => j('sk-', 'proj-', randomFrom(B64URL, 74), 'T3Blbk', 'FJ', randomFrom(B64URL, 74)),
  'anthropic-api-key': () => j('sk-ant-', 'api03-', randomFrom(ALNUM, 93), 'AA'),
  'anthropic-admin-key': () => j('sk-ant-', 'admin01-', randomFrom(ALNUM, 93), 'AA'),
  'google-api-key': () => j('AI', 'za', randomFrom(ALNUM, 35)),
  'huggingface-token': () => j('hf', '_', randomFrom(LETTERS, 34)),
  'groq-api-key': () => j('gs', 'k_', randomFrom(ALNUM, 52)),
  'replicate-api-token': () => j('r8', '_', randomFrom(ALNUM, 37)),
  'xai-api-key': () => j('xa', 'i-', randomFrom(ALNUM, 80)),
  'perplexity-api-key': () => j('pp', 'lx-', randomFrom(ALNUM, 48)),
  'langsmith-api-key': () => j('lsv2', '_pt_', randomFrom(HEX, 32), '_', randomFrom(HEX, 10)),
  'openrouter-api-key': () => j('sk-or', '-v1-', randomFrom(HEX, 64)),
  'aws-access-key-id': () => j('AK', 'IA', randomFrom(UPPER32, 16)),
  'github-token': () => j('gh', 'p_', randomFrom(ALNUM, 36)),
  'github-fine-grained-token': () => j('github', '_pat_', randomFrom(`${ALNUM}_`, 82)),
  'gitlab-token': () => j('gl', 'pat-', randomFrom(ALNUM, 20)),
  'stripe-secret-key': () => j('sk', '_live_', randomFrom(ALNUM, 32)),
  'slack-token': () =>
    j('xo', 'xb-', randomFrom('0123456789', 12), '-', randomFrom('0123456789', 12), '-', randomFrom(ALNUM, 24)),
  'sendgrid-api-key': () => j('S', 'G.', randomFrom(B64URL, 22), '.', randomFrom(B64URL, 43)),
  jwt: () => j('ey', 'J', randomFrom(B64URL, 30), '.ey', 'J', randomFrom(B64URL, 60), '.', randomFrom(B64URL, 43)),
};

/** Expands `${FAKE_KEY:rule-id}` markers in documentation examples and fixtures. */
export function expandFakeKeys(code: string): string {
  return code.replace(/\$\{FAKE_KEY:([a-z0-9-]+)\}/g, (_, id: string) => {
    const make = FAKE_KEYS[id];
    if (!make) throw new Error(`no fake key generator for ${id}`);
    return make();
  });
}
