import { allImplementations, type LinkedGraph } from '../analyzer/link';

/** Where each tool (or what its code calls) writes an audit record, if it does. */
export function findAuditRecords(g: LinkedGraph): void {
  for (const t of g.tools.values()) {
    for (const impl of allImplementations(g.implementations.get(t.id))) {
      t.audit ??= g.functions.auditIn(impl.val, impl.file);
    }
  }
}
