/**
 * Writing many rows into a feature's own table inside the caller's open transaction, set-wise:
 * on PostgreSQL with `COPY … FROM STDIN` over that transaction's connection (pg-copy-streams),
 * on PGlite (and outside a transaction) with multi-row `INSERT … SELECT FROM unnest(…)`. One
 * door, two engines: the same rows, the same triggers and constraints, the same result.
 * `COPY` has no `ON CONFLICT` and no `RETURNING`: callers write rows they know to be new (and, where
 * they need the new ids, take them from the identity sequence first and write them with the rows:
 * `COPY` accepts an identity column's values, the insert says `OVERRIDING SYSTEM VALUE`).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Db, queryRows } from './client.ts';
import { type CopyValue, copyText } from './copy-text.ts';

export { type CopyValue, copyText } from './copy-text.ts';

export interface CopyColumn {
  name: string;
  /** The column's SQL type, for the unnest fallback (`bigint`, `date`, `text`, `jsonb`, an enum's name). */
  type: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const UNNEST_CHUNK = 50_000;
/** Rows sent to COPY per piece of the stream (a few MB of text at most in memory at once). */
const COPY_PIECE = 5_000;

/** The connection of a node-postgres transaction, or undefined (PGlite, or the pool outside a transaction). */
function connectionOf(db: Db): pg.ClientBase | undefined {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : undefined;
}

/** Whether `copyRows` will use COPY on this database handle (a PostgreSQL transaction). */
export function canCopy(db: Db): boolean {
  return connectionOf(db) !== undefined;
}

function* pieces(rows: CopyValue[][]): Generator<string> {
  for (let i = 0; i < rows.length; i += COPY_PIECE) {
    let text = '';
    for (const row of rows.slice(i, i + COPY_PIECE)) text += `${row.map(copyText).join('\t')}\n`;
    yield text;
  }
}

/** Inserts the rows (each in the order of `columns`) into `table`. */
export async function copyRows(
  db: Db,
  {
    table,
    columns,
    rows,
    identity = false,
  }: {
    table: string;
    columns: CopyColumn[];
    rows: CopyValue[][];
    /** The rows carry the values of the table's identity column (taken from its sequence by the caller). */
    identity?: boolean;
  },
): Promise<void> {
  if (rows.length === 0) return;
  for (const name of [table, ...columns.map((c) => c.name)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not an identifier: ${name}`);
  }
  for (const c of columns) if (!IDENTIFIER.test(c.type)) throw new Error(`not a type name: ${c.type}`);
  const names = columns.map((c) => c.name).join(', ');
  const connection = connectionOf(db);
  if (connection) {
    const stream = connection.query(copyFrom(`copy ${table} (${names}) from stdin`));
    await pipeline(Readable.from(pieces(rows)), stream);
    return;
  }
  for (let i = 0; i < rows.length; i += UNNEST_CHUNK) {
    const chunk = rows.slice(i, i + UNNEST_CHUNK);
    const arrays = columns.map(
      (c, k) =>
        sql`${sql.param(chunk.map((row) => (row[k] === null || row[k] === undefined ? null : String(row[k]))))}::text[]::${sql.raw(c.type)}[]`,
    );
    await queryRows(
      db,
      sql`insert into ${sql.raw(table)} (${sql.raw(names)}) ${identity ? sql`overriding system value` : sql``}
          select * from unnest(${sql.join(arrays, sql`, `)})`,
    );
  }
}

interface PgliteClient {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

/** PGlite's client under a Drizzle handle (the thread, or its open transaction), or undefined (PostgreSQL). */
function pgliteClientOf(db: Db): PgliteClient | undefined {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof pg.Pool || client instanceof pg.Client) return undefined;
  return client && typeof (client as PgliteClient).query === 'function' ? (client as PgliteClient) : undefined;
}

/**
 * Inserts rows given as COPY text (one line per row, columns in the order of `columns`, values
 * written with `copyText`) into `table`: on PostgreSQL with `COPY … FROM STDIN` (in a transaction
 * of its own outside one), on PGlite through its `/dev/blob` device. The bytes pass through as
 * they are: nothing is parsed or built per row on this thread.
 */
export async function copyTextInto(
  db: Db,
  { table, columns, text }: { table: string; columns: readonly { name: string }[]; text: Uint8Array },
): Promise<void> {
  if (text.byteLength === 0) return;
  for (const name of [table, ...columns.map((c) => c.name)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not an identifier: ${name}`);
  }
  const names = columns.map((c) => c.name).join(', ');
  const pglite = pgliteClientOf(db);
  if (pglite) {
    await pglite.query(`copy ${table} (${names}) from '/dev/blob'`, [], {
      blob: new Blob([text as Uint8Array<ArrayBuffer>]),
    });
    return;
  }
  const connection = connectionOf(db);
  if (!connection) {
    await db.transaction((tx) => copyTextInto(tx, { table, columns, text }));
    return;
  }
  const stream = connection.query(copyFrom(`copy ${table} (${names}) from stdin`));
  await pipeline(Readable.from([Buffer.from(text.buffer, text.byteOffset, text.byteLength)]), stream);
}
