/**
 * The one set-wise writer of new ledger entries, for the doors that book thousands at once (a
 * bank statement's payments, every building's media settlements): their ids are taken from the
 * entries' own sequence first (so no other insert can take them) and written with the rows by
 * `copyRows` — COPY on PostgreSQL, a multi-row insert on PGlite — so the caller knows every new
 * entry's id without looking each one up again. Runs inside the caller's transaction; the
 * caller vouches that every source reference is new (a repeat fails the whole transaction on
 * the ledger's unique reference rather than booking anything twice).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type CopyColumn, copyRows } from '../../db/copy.ts';
import type { EntryKind } from './queries.ts';

export interface NewLedgerEntry {
  unitId: number;
  bookingDate: string;
  valueDate: string;
  kind: EntryKind;
  amount: number;
  description: string;
  dueDate: string | null;
  source: string;
  sourceRef: string;
}

const columns: CopyColumn[] = [
  { name: 'id', type: 'bigint' },
  { name: 'organization_id', type: 'bigint' },
  { name: 'unit_id', type: 'bigint' },
  { name: 'booking_date', type: 'date' },
  { name: 'value_date', type: 'date' },
  { name: 'kind', type: 'ledger_entry_kind' },
  { name: 'amount', type: 'bigint' },
  { name: 'description', type: 'text' },
  { name: 'due_date', type: 'date' },
  { name: 'source', type: 'text' },
  { name: 'source_ref', type: 'text' },
];

/** Writes the entries; returns their new ids in the same order. */
export async function copyLedgerEntries(
  db: Db,
  { organizationId, entries }: { organizationId: number; entries: readonly NewLedgerEntry[] },
): Promise<number[]> {
  if (entries.length === 0) return [];
  // The sequence is named once (per row, its look-up cost ten times the `nextval`), and the ids
  // come back as one text rather than a row each.
  const reserved = await queryRows<{ ids: string }>(
    db,
    sql`select string_agg(nextval(s.seq)::text, ',') as ids
        from (select pg_get_serial_sequence('ledger_entries', 'id')::regclass as seq offset 0) s,
          generate_series(1, ${entries.length}::int)`,
  );
  const ids = (reserved[0]?.ids ?? '').split(',').map(Number);
  if (ids.length !== entries.length) throw new Error('ledger ids were not reserved');
  await copyRows(db, {
    table: 'ledger_entries',
    columns,
    identity: true,
    rows: entries.map((e, i) => [
      ids[i] as number,
      organizationId,
      e.unitId,
      e.bookingDate,
      e.valueDate,
      e.kind,
      e.amount,
      e.description,
      e.dueDate,
      e.source,
      e.sourceRef,
    ]),
  });
  return ids;
}
