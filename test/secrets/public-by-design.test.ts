import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../server/src/secrets/scan-secrets';

// Built at run time: no key-shaped string is committed.
const jwt = (claims: object) =>
  [{ alg: 'HS256', typ: 'JWT' }, claims].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.') +
  `.${'Zm9vYmFyYmF6cXV4'.repeat(3)}`;

describe('keys that are public by design are not secrets', () => {
  it("a Supabase anon key (role 'anon'), as a CLI ships it for its hosted backend", () => {
    const key = jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'anon', iat: 1748735756, exp: 2064311756 });
    const text = `const anonKey = process.env.TM_SUPABASE_ANON_KEY || \`${key}\`;\n`;
    expect(scanSecrets(text)).toEqual([]);
  });

  it('a Supabase service-role key is one (it bypasses row-level security)', () => {
    const key = jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'service_role', iat: 1748735756 });
    expect(scanSecrets(`const serviceKey = '${key}';\n`).map((f) => f.ruleId)).toEqual(['jwt']);
  });

  it('a JWT whose claims cannot be read is still reported', () => {
    const key = `eyJhbGciOiJIUzI1NiJ9.eyJzQ8vN2kLp7Wm4Rt9Xc3Bv6Yh1Jd5Fg0S.${'Zm9vYmFyYmF6cXV4'.repeat(3)}`;
    expect(scanSecrets(`const token = '${key}';\n`).map((f) => f.ruleId)).toEqual(['jwt']);
  });

  it('a signed URL for a stored image, whose token expires within the hour', () => {
    const token = jwt({ url: 'avatars/a.png', iat: 1700000000, exp: 1700003600 });
    const text = `const avatar = "https://xyz.supabase.co/storage/v1/object/sign/avatars/a.png?token=${token}";\n`;
    expect(scanSecrets(text)).toEqual([]);
  });

  it('a long-lived token in a URL is still one, as is a short-lived one outside a URL', () => {
    const longLived = jwt({ sub: 'svc', iat: 1700000000, exp: 1800000000 });
    expect(scanSecrets(`fetch("https://api.example.com/v1/items?access_token=${longLived}");\n`).length).toBe(1);
    const shortLived = jwt({ sub: 'svc', iat: 1700000000, exp: 1700003600 });
    expect(scanSecrets(`const token = '${shortLived}';\n`).length).toBe(1);
  });

  it('placeholder passwords in a redaction test, and marker strings, are not secrets', () => {
    const samples = [
      "expect(redact({ password: 'hunter2-Secret!' })).toEqual({ password: '[REDACTED]' });",
      "const REDACTED_MARKER = 'sk-proj-REDACTED-REDACTED-REDACTED';",
      'const apiKey = process.env.OPENAI_API_KEY ?? "your-api-key-here";',
      `const token = "ghp_${'x'.repeat(36)}";`,
    ];
    for (const text of samples) expect(scanSecrets(`${text}\n`), text).toEqual([]);
  });
});
