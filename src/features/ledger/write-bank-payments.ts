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
import { type CopyColumn, copyRows } from '../../db/copy.ts';
import type { BankPayment } from './bank-payments.ts';
import { reserveEntryIds } from './reserve-entry-ids.ts';

const columns: CopyColumn[] = [
  { name: 'id', type: 'bigint' },
  { name: 'organization_id', type: 'bigint' },
  { name: 'unit_id', type: 'bigint' },
  { name: 'booking_date', type: 'date' },
  { name: 'value_date', type: 'date' },
  { name: 'kind', type: 'ledger_entry_kind' },
  { name: 'amount', type: 'bigint' },
  { name: 'description', type: 'text' },
  { name: 'source', type: 'text' },
  { name: 'source_ref', type: 'text' },
];

/** Writes the payments; returns the ids of the new ledger entries by source reference. */
export async function writeBankPayments(
  db: Db,
  { organizationId, payments }: { organizationId: number; payments: BankPayment[] },
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (payments.length === 0) return ids;
  // The entries' ids are reserved first and written with the rows: the caller learns them
  // without looking every reference up again afterwards.
  const reserved = await reserveEntryIds(db, { count: payments.length });
  const rows = payments.map((p, i) => {
    if (!(Number.isSafeInteger(p.amount) && p.amount > 0)) throw new Error('a bank payment must be positive');
    if (!p.sourceRef.startsWith('bank:')) throw new Error('a bank payment is booked under a bank: reference');
    const id = reserved[i] as number;
    ids.set(p.sourceRef, id);
    return [
      id,
      organizationId,
      p.unitId,
      p.date,
      p.date,
      'payment',
      -p.amount,
      (p.description || 'Wpłata').slice(0, 500),
      'bank',
      p.sourceRef,
    ];
  });
  await copyRows(db, { table: 'ledger_entries', columns, rows, identity: true });
  return ids;
}
