import { randomFrom } from './fake-keys';

const ALPHABETS: Record<string, string> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  bech32: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
  b32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
};

/**
 * Expands `${alnum:36}`-style templates (secret rule examples) into random text at test time. With `rand`
 * (a seeded generator) the draws are the same on every run: rules with entropy thresholds reject a small
 * share of truly random bodies by design, and a test must not fail one run in several for that.
 */
export function expandTemplate(template: string, rand?: () => number): string {
  const draw = (alphabet: string, n: number) =>
    rand
      ? Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('')
      : randomFrom(alphabet, n);
  return template.replace(
    /\$\{(alnum|hex|upper|lower|digits|b64url|b64|bech32|b32):(\d+)\}/g,
    (_, kind: string, n: string) => draw(ALPHABETS[kind]!, Number(n)),
  );
}
