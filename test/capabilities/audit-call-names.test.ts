import { describe, expect, it } from 'vitest';
import { AUDIT_CALL, AUDIT_CALL_LAST_NAMES } from '../../server/src/capabilities/collect-functions';
import { prng } from '../helpers/prng';

// The extractor reads a call's text for the audit pattern only when its last name is one AUDIT_CALL can end
// with: the list must cover every match, or audit records would be missed.
describe('AUDIT_CALL_LAST_NAMES', () => {
  const words = [
    'audit',
    'auditLog',
    'logAudit',
    'recordAudit',
    'writeAudit',
    'emitAudit',
    'auditEvent',
    'trackAction',
    'auditTrail',
    'auditX',
    'log',
    'write',
    'record',
    'info',
    'emit',
    'logger',
    'db',
    'send',
    'Audit',
    'audits',
    'x',
  ];
  const random = prng(7);
  const next = (n: number) => Math.floor(random() * n);

  it('holds the last name of every call text the pattern matches (5,000 random dotted calls)', () => {
    let matched = 0;
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: 1 + next(4) }, () => words[next(words.length)]).join('.');
      if (!AUDIT_CALL.test(text)) continue;
      matched++;
      expect(AUDIT_CALL_LAST_NAMES, text).toContain(text.slice(text.lastIndexOf('.') + 1));
    }
    expect(matched).toBeGreaterThan(200);
  });
});
