/**
 * A ledger change and its audit row in one transaction: both are stored or neither. The audit
 * row is about the unit the change touched (null for changes of the whole organization).
 */
import type { Db } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';

interface AuditedChange {
  /** `ledger.payment`, `ledger.charge_run`, … (audit/audit.ts names them for people). */
  action: string;
  /** The unit the change is about, or null. */
  unitId: number | null;
  /** Amounts, dates, counts: what the audit page shows; never personal data. */
  detail: Record<string, unknown>;
}

export async function audited<T>(
  db: Db,
  actor: Actor,
  change: AuditedChange,
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await work(tx);
    await recordAudit(tx, {
      ...actor,
      action: change.action,
      subjectType: 'unit',
      subjectId: change.unitId ?? undefined,
      detail: change.detail,
    });
    return result;
  });
}
