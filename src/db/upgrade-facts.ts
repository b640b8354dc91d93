import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './client.ts';

/**
 * What an upgrade must leave as it was, read from a database by plain SQL (not by feature code,
 * which changes with the versions): the migrations applied, the row count of every table, a
 * checksum of the money, and the balances of the demo members. scripts/make-upgrade-fixture.ts
 * stores them with each fixture; src/db/upgrade.int.test.ts compares them after migrating.
 */
export interface UpgradeFacts {
  /** drizzle's journal of applied migrations, oldest first: the file's SHA-256 and its timestamp. */
  migrations: { hash: string; createdAt: number }[];
  /** Rows per table of the public schema, by name. */
  counts: Record<string, number>;
  /** The sum of every ledger amount and of their absolute values, as exact decimals. */
  ledger: { sum: string; absoluteSum: string };
  /** Sum of the ledger entries of the units each demo member holds a right to, by login. */
  balances: Record<string, string>;
}

export async function fixtureFacts(db: Db): Promise<UpgradeFacts> {
  const migrations = (
    await queryRows<{ hash: string; created_at: string | number }>(
      db,
      sql`select hash, created_at from drizzle.__drizzle_migrations order by id`,
    )
  ).map((row) => ({ hash: row.hash, createdAt: Number(row.created_at) }));
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(name)}`);
    counts[name] = rows[0]?.n ?? 0;
  }
  const [ledger] = await queryRows<{ sum: string; absolute_sum: string }>(
    db,
    sql`select coalesce(sum(amount), 0)::text as sum, coalesce(sum(abs(amount)), 0)::text as absolute_sum
        from ledger_entries`,
  );
  const balances = Object.fromEntries(
    (
      await queryRows<{ login: string; balance: string }>(
        db,
        sql`select a.login, coalesce(sum(e.amount), 0)::text as balance
            from accounts a
            join (select distinct person_id, unit_id from rights) r on r.person_id = a.person_id
            join ledger_entries e on e.unit_id = r.unit_id
            where a.login like 'mieszkaniec%'
            group by a.login order by a.login`,
      )
    ).map((row) => [row.login, row.balance]),
  );
  return {
    migrations,
    counts,
    ledger: { sum: ledger?.sum ?? '0', absoluteSum: ledger?.absolute_sum ?? '0' },
    balances,
  };
}
