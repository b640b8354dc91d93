import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/**
 * Ids for new ledger entries, taken from the entries' own sequence (so no other insert can take
 * them). Set-wise writers (`copyRows` with `identity: true`) write them with their rows and so
 * know every new entry's id without looking each one up again.
 */
export async function reserveEntryIds(db: Db, { count }: { count: number }): Promise<number[]> {
  if (count === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select nextval(pg_get_serial_sequence('ledger_entries', 'id'))::text as id
        from generate_series(1, ${count}::int)`,
  );
  return rows.map((row) => Number(row.id));
}
