import { createHash } from 'node:crypto';
import type { Database } from '../../src/db/client.ts';
import { quoteIdent, withSession } from '../../src/ops/backup/engine.ts';
import { listTables, readSequences } from '../../src/ops/backup/tables.ts';

export interface TableContents {
  rows: number;
  /** SHA-256 of the rows as text (UTC, ISO dates, hex bytea), sorted: the same on both engines. */
  sha256: string;
}

/** Every table's rows and every identity sequence, in a form that compares across engines. */
export async function contentsOf(database: Database): Promise<{
  tables: Record<string, TableContents>;
  sequences: Record<string, string>;
}> {
  return withSession(database, 'snapshot', async (session) => {
    const tables: Record<string, TableContents> = {};
    for (const table of await listTables(session)) {
      const rows = await session.rows<{ row: string }>(
        `select t::text as row from ${quoteIdent(table.name)} t order by t::text collate "C"`,
      );
      const hash = createHash('sha256');
      for (const { row } of rows) hash.update(row).update('\n');
      tables[table.name] = { rows: rows.length, sha256: hash.digest('hex') };
    }
    const sequences: Record<string, string> = {};
    for (const s of await readSequences(session)) sequences[`${s.table}.${s.column}`] = `${s.lastValue}/${s.isCalled}`;
    return { tables, sequences };
  });
}

/** The schema as the catalog describes it: constraints, indexes and triggers with their states. */
export async function schemaOf(database: Database): Promise<string[]> {
  return withSession(database, 'snapshot', async (session) => {
    const rows = await session.rows<{ line: string }>(
      `select c.relname || ' constraint ' || con.conname || ' ' || pg_get_constraintdef(con.oid) as line
       from pg_constraint con join pg_class c on c.oid = con.conrelid
       where c.relnamespace = 'public'::regnamespace
       union all
       select 'index ' || pg_get_indexdef(x.indexrelid) from pg_index x join pg_class t on t.oid = x.indrelid
       where t.relnamespace = 'public'::regnamespace
       union all
       select c.relname || ' trigger ' || t.tgname || ' ' || t.tgenabled::text from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where c.relnamespace = 'public'::regnamespace and not t.tgisinternal
       union all
       select c.relname || ' column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
         || ' ' || a.attidentity::text
       from pg_attribute a join pg_class c on c.oid = a.attrelid
       where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
       order by 1`,
    );
    return rows.map((row) => row.line);
  });
}
