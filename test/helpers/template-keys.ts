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

/** Expands `${alnum:36}`-style templates (secret rule examples) into random text at test time. */
export function expandTemplate(template: string): string {
  return template.replace(/\$\{(alnum|hex|upper|lower|digits|b64url|b64|bech32|b32):(\d+)\}/g, (_, kind: string, n: string) => randomFrom(ALPHABETS[kind], Number(n)));
}
