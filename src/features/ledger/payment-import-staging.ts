/**
 * The SQL of a payments import (import-payments.ts): its rows are staged in
 * `ledger_payment_import_rows` piece by piece, each piece its own short statement, and booked
 * into the ledger at the end in one transaction, one piece per statement, straight from the
 * staging table (nothing crosses to the server's thread but counts and the report's conflicts).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { copyTextInto } from '../../db/copy.ts';
import { stagedColumns } from './payment-file.ts';

const TABLE = 'ledger_payment_import_rows';

/** Writes one staged piece (COPY text from payment-file.ts) in a statement of its own. */
export async function stagePiece(db: Db, { text }: { text: Uint8Array }): Promise<void> {
  await copyTextInto(db, { table: TABLE, columns: stagedColumns, text });
}

/** Books a staged piece into the ledger; a reference already booked is skipped. Returns the entries booked. */
export async function bookStagedPiece(
  db: Db,
  { importId, piece, bookingDate }: { importId: string; piece: number; bookingDate: string },
): Promise<number> {
  const [result] = await queryRows<{ booked: number }>(
    db,
    sql`with booked as (
          insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, component_id, amount,
            description, due_date, source, source_ref, corrects_entry_id)
          select organization_id, unit_id, ${bookingDate}::date, value_date, 'payment', null, -amount,
            description, null, 'import', 'payment:' || reference, null
          from ledger_payment_import_rows
          where import_id = ${importId} and piece = ${piece}
          order by line
          on conflict (organization_id, source_ref) do nothing
          returning 1
        )
        select count(*)::int as booked from booked`,
  );
  return Number(result?.booked ?? 0);
}

export interface StagedConflict {
  line: number;
  reference: string;
  unitId: number;
  amount: number;
  valueDate: string;
  booked: { unitId: number; amount: number; valueDate: string };
}

/**
 * Staged rows whose reference is booked (before this import, by hand or from a bank statement)
 * as a payment with another unit, amount or value date, in the file's order. Rows this import
 * booked match themselves.
 */
export async function stagedConflicts(
  db: Db,
  { importId, limit }: { importId: string; limit: number },
): Promise<{ conflicts: StagedConflict[]; total: number }> {
  const rows = await queryRows<{
    line: number;
    reference: string;
    unit_id: string;
    amount: string;
    value_date: string;
    booked_unit_id: string;
    booked_amount: string;
    booked_value_date: string;
    total: number;
  }>(
    db,
    sql`select s.line, s.reference, s.unit_id::text, s.amount::text, s.value_date::text,
          e.unit_id::text as booked_unit_id, (-e.amount)::text as booked_amount,
          e.value_date::text as booked_value_date, count(*) over ()::int as total
        from ledger_payment_import_rows s
        join ledger_entries e
          on e.organization_id = s.organization_id and e.source_ref = 'payment:' || s.reference and e.kind = 'payment'
        where s.import_id = ${importId}
          and (e.unit_id <> s.unit_id or -e.amount <> s.amount or e.value_date <> s.value_date)
        order by s.line
        limit ${limit}`,
  );
  return {
    total: rows[0]?.total ?? 0,
    conflicts: rows.map((r) => ({
      line: r.line,
      reference: r.reference,
      unitId: Number(r.unit_id),
      amount: Number(r.amount),
      valueDate: r.value_date,
      booked: { unitId: Number(r.booked_unit_id), amount: Number(r.booked_amount), valueDate: r.booked_value_date },
    })),
  };
}

/**
 * Deletes an import's staged rows, a piece per statement (so that other pages answer in between
 * on PGlite), then lets the table's space be used again (PGlite has no autovacuum).
 */
export async function dropStaged(db: Db, { importId, pieces }: { importId: string; pieces: number }): Promise<void> {
  for (let piece = 0; piece < pieces; piece++) {
    await db.execute(sql`delete from ledger_payment_import_rows where import_id = ${importId} and piece = ${piece}`);
  }
  if (pieces > 0) await db.execute(sql.raw(`vacuum ${TABLE}`));
}

/** Rows left by an import cut off (the process stopped) more than a day ago. */
export async function dropStaleStaged(db: Db): Promise<void> {
  await db.execute(sql`delete from ledger_payment_import_rows where staged_at < now() - interval '1 day'`);
}
