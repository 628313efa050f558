import { describe, expect, it } from 'vitest';
import { findAuditRecords } from '../../server/src/enrich/audit';
import { linkFiles, toolNamed } from '../helpers/link';

describe('findAuditRecords', () => {
  const g = linkFiles({
    'src/tools.ts': `import { tool } from 'ai';\nimport { auditLog } from './audit';
function record(action: string) { auditLog.write({ action }); }
export const refund = tool({ description: '', inputSchema: {} as any, execute: async () => { record('refund'); return 1; } });
export const lookup = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
  });
  findAuditRecords(g);

  it('finds the audit call the tool’s code reaches, through a helper', () => {
    expect(toolNamed(g, 'refund').audit).toMatchObject({ file: 'src/tools.ts', start: { line: 3 } });
  });

  it('finds the audit call of compiled CommonJS, `(0, audit_1.recordAudit)(…)`', () => {
    const cjs = linkFiles({
      'src/tools.js': `const { tool } = require('ai');\nconst audit_1 = require('./audit');
function record(action) { (0, audit_1.recordAudit)({ action }); }
exports.refund = tool({ description: '', inputSchema: {}, execute: async () => { record('refund'); return 1; } });`,
    });
    findAuditRecords(cjs);
    expect(toolNamed(cjs, 'refund').audit).toMatchObject({ file: 'src/tools.js', start: { line: 3 } });
  });

  it('finds none where the code writes none', () => {
    expect(toolNamed(g, 'lookup').audit).toBeUndefined();
  });
});
