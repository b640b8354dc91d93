/**
 * The ledger's set-wise door for a bank statement's payments: all of a chunk's payments written
 * in one go inside the caller's open transaction (the statement and its payments commit
 * together) — by `COPY` on PostgreSQL, through PGlite's COPY device on PGlite (db/copy.ts) — so
 * a statement of 100,000 credits costs about what copying its payment rows costs. The ledger's
 * triggers keep the monthly and yearly totals as for any insert (or once per statement, when
 * the caller deferred them: deferred-totals.ts).
 *
 * The ids are taken first (`reserveBankPaymentIds`, with the chunk's other look-ups), so the
 * caller knows each payment's entry id at once and can send the write when its connection is
 * free, matching its next chunk meanwhile. Unlike `bookBankPayments` (one by one from the queue, a repeat
 * is a no-op) the caller vouches that every source reference is new: the statement import writes
 * only entries whose key it has never stored, under its lock; a repeat fails the whole
 * transaction rather than being skipped.
 */
import type { Db } from '../../db/client.ts';
import type { BankPayment } from './bank-payments.ts';
import { type NewLedgerEntry, prepareLedgerEntries, reserveLedgerEntryIds } from './copy-entries.ts';

/** Takes ids for up to `count` payments (those not used are gaps in the ledger's ids). */
export function reserveBankPaymentIds(db: Db, { count }: { count: number }): Promise<number[]> {
  return reserveLedgerEntryIds(db, { count });
}

/**
 * Prepares the payments' write under the reserved ids (the i-th payment gets the i-th id):
 * returns the write, which the caller runs when its connection is free and awaits before its
 * transaction reads the payments or ends.
 */
export function prepareBankPayments(
  db: Db,
  { organizationId, payments, ids }: { organizationId: number; payments: BankPayment[]; ids: readonly number[] },
): () => Promise<void> {
  const entries: NewLedgerEntry[] = [];
  for (const p of payments) {
    if (!(Number.isSafeInteger(p.amount) && p.amount > 0)) throw new Error('a bank payment must be positive');
    if (!p.sourceRef.startsWith('bank:')) throw new Error('a bank payment is booked under a bank: reference');
    entries.push({
      unitId: p.unitId,
      bookingDate: p.date,
      valueDate: p.date,
      kind: 'payment',
      amount: -p.amount,
      description: (p.description || 'Wpłata').slice(0, 500),
      dueDate: null,
      source: 'bank',
      sourceRef: p.sourceRef,
    });
  }
  return prepareLedgerEntries(db, { organizationId, entries, ids });
}
