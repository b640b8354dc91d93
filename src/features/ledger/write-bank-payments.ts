/**
 * The ledger's set-wise door for a bank statement's payments: all of them written in one go
 * inside the caller's open transaction (the statement and its payments commit together) — by
 * `COPY` on PostgreSQL, by a multi-row insert on PGlite (db/copy.ts) — so a statement of 100,000
 * credits costs about what copying its payment rows costs. The ledger's triggers keep the
 * monthly and yearly totals as for any insert.
 *
 * Unlike `bookBankPayments` (one by one from the queue, a repeat is a no-op) the caller vouches
 * that every source reference is new: the statement import writes only entries whose key it has
 * never stored, under its lock; a repeat fails the whole transaction rather than being skipped.
 */
import type { Db } from '../../db/client.ts';
import type { BankPayment } from './bank-payments.ts';
import { copyLedgerEntries } from './copy-entries.ts';

/** Writes the payments; returns the ids of the new ledger entries by source reference. */
export async function writeBankPayments(
  db: Db,
  { organizationId, payments }: { organizationId: number; payments: BankPayment[] },
): Promise<Map<string, number>> {
  for (const p of payments) {
    if (!(Number.isSafeInteger(p.amount) && p.amount > 0)) throw new Error('a bank payment must be positive');
    if (!p.sourceRef.startsWith('bank:')) throw new Error('a bank payment is booked under a bank: reference');
  }
  const newIds = await copyLedgerEntries(db, {
    organizationId,
    entries: payments.map((p) => ({
      unitId: p.unitId,
      bookingDate: p.date,
      valueDate: p.date,
      kind: 'payment',
      amount: -p.amount,
      description: (p.description || 'Wpłata').slice(0, 500),
      dueDate: null,
      source: 'bank',
      sourceRef: p.sourceRef,
    })),
  });
  return new Map(payments.map((p, i) => [p.sourceRef, newIds[i] as number]));
}
