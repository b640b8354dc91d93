/**
 * One transaction on either engine, with COPY streamed in PostgreSQL's text format: on a server
 * over the wire (pg-copy-streams), on PGlite through its `/dev/blob` device in pieces (so neither
 * side ever holds a whole table in memory).
 */
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Database } from '../../db/client.ts';
import type { PgliteThread, ThreadTransaction } from '../../db/pglite-remote.ts';

export interface Session {
  readonly engine: 'pglite' | 'postgres';
  rows<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs SQL without parameters (several statements allowed). */
  run(text: string): Promise<void>;
  /** The table's rows as COPY text, in pieces as they come. */
  copyOut(table: string, columns: readonly string[]): AsyncIterable<Buffer>;
  /** Loads COPY text into the table; returns the number of rows. */
  copyIn(table: string, columns: readonly string[], data: AsyncIterable<Buffer>): Promise<number>;
}

/**
 * `snapshot`: read only, one consistent view of the whole database (REPEATABLE READ on a server;
 * PGlite is one connection, so nothing else runs meanwhile). `write`: one transaction that
 * either commits entirely or leaves the database as it was.
 */
export type SessionMode = 'snapshot' | 'write';

/** Output and input formats independent of the server's settings, so both engines write the same text. */
const sessionSettings = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 3',
  "set local bytea_output = 'hex'",
  "set local client_encoding = 'UTF8'",
].join(';\n');

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function copyTarget(table: string, columns: readonly string[]): string {
  return `${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})`;
}

export async function withSession<T>(
  database: Database,
  mode: SessionMode,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  if (database.pglite) return withPgliteSession(database.pglite, mode, work);
  if (database.pool) return withPostgresSession(database.pool, mode, work);
  throw new Error('database has neither a PGlite instance nor a pool');
}

/**
 * COPY text regrouped into pieces of at least `target` bytes that end at the first line end (a
 * row) after that, in linear time whatever the chunks and the rows.
 */
export async function* wholeLines(source: AsyncIterable<Buffer>, target: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of source) {
    let start = 0;
    while (start < chunk.length) {
      const from = start + Math.max(target - bytes, 1) - 1;
      const end = from < chunk.length ? chunk.indexOf(0x0a, from) + 1 : 0;
      if (end === 0) {
        parts.push(chunk.subarray(start));
        bytes += chunk.length - start;
        break;
      }
      parts.push(chunk.subarray(start, end));
      bytes += end - start;
      yield parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, bytes);
      parts = [];
      bytes = 0;
      start = end;
    }
  }
  if (bytes > 0) yield Buffer.concat(parts, bytes);
}

// --- PostgreSQL server --------------------------------------------------------------------------

async function withPostgresSession<T>(
  pool: pg.Pool,
  mode: SessionMode,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(mode === 'snapshot' ? 'begin isolation level repeatable read read only' : 'begin');
    await client.query(sessionSettings);
    if (mode === 'write') await client.query('set local synchronous_commit = off');
    const result = await work(postgresSession(client));
    await client.query('commit');
    return result;
  } catch (error) {
    // A COPY cut off midway leaves the connection in no state to reuse: it is closed instead.
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

function postgresSession(client: pg.PoolClient): Session {
  return {
    engine: 'postgres',
    async rows<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async run(text) {
      await client.query(text);
    },
    async *copyOut(table, columns) {
      yield* client.query(copyTo(`copy ${copyTarget(table, columns)} to stdout`)) as AsyncIterable<Buffer>;
    },
    async copyIn(table, columns, data) {
      const stream = client.query(copyFrom(`copy ${copyTarget(table, columns)} from stdin`));
      await pipeline(data, stream);
      return stream.rowCount;
    },
  };
}

// --- PGlite -------------------------------------------------------------------------------------

/** Heap pages per COPY out of PGlite (8 MiB of table) and bytes per COPY into it. */
const PGLITE_PAGES_PER_PIECE = 1024;
const PGLITE_BYTES_PER_PIECE = 8 * 1024 * 1024;

async function withPgliteSession<T>(
  client: PgliteThread,
  mode: SessionMode,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  return client.transaction(async (tx) => {
    if (mode === 'snapshot') await tx.exec('set transaction isolation level repeatable read, read only');
    await tx.exec(sessionSettings);
    return work(pgliteSession(tx));
  });
}

function pgliteSession(tx: ThreadTransaction): Session {
  return {
    engine: 'pglite',
    async rows<T>(text: string, params: unknown[] = []) {
      return (await tx.query<T>(text, params)).rows;
    },
    async run(text) {
      await tx.exec(text);
    },
    async *copyOut(table, columns) {
      // By ranges of heap pages (a TID range scan), so each piece stays small.
      const size = await tx.query<{ pages: number }>(
        `select (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int as pages`,
        [quoteIdent(table)],
      );
      const pages = size.rows[0]?.pages ?? 0;
      const list = columns.map(quoteIdent).join(', ');
      for (let from = 0; ; from += PGLITE_PAGES_PER_PIECE) {
        const last = from + PGLITE_PAGES_PER_PIECE >= pages;
        const to = last ? '' : ` and ctid < '(${from + PGLITE_PAGES_PER_PIECE},0)'::tid`;
        const result = await tx.query(
          `copy (select ${list} from ${quoteIdent(table)} where ctid >= '(${from},0)'::tid${to}) to '/dev/blob'`,
        );
        if (result.blob && result.blob.size > 0) yield Buffer.from(await result.blob.arrayBuffer());
        if (last) break;
      }
    },
    async copyIn(table, columns, data) {
      const statement = `copy ${copyTarget(table, columns)} from '/dev/blob'`;
      let rows = 0;
      // Whole lines only: a row never spans two COPY statements.
      for await (const piece of wholeLines(data, PGLITE_BYTES_PER_PIECE)) {
        const result = await tx.query(statement, [], { blob: new Blob([piece as Uint8Array<ArrayBuffer>]) });
        rows += result.affectedRows ?? 0;
      }
      return rows;
    },
  };
}
