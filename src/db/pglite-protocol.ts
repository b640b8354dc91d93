/**
 * The messages between the server's thread and the PGlite thread (`pglite-thread.ts`): a small
 * RPC over the worker's MessagePort. Each request carries an id its reply repeats; statements of
 * a transaction carry the transaction's id. Binary data (COPY's `/dev/blob`, dumps) travels as
 * transferred bytes.
 */

/** How a new thread opens its database. */
export interface ThreadOptions {
  /** PGlite data directory or `memory://`. */
  dataDir: string;
  /** A data directory dump to start from (else the install-time seed for a new directory). */
  dump?: Uint8Array | undefined;
}

export type Request =
  | {
      id: number;
      op: 'query';
      text: string;
      params: unknown[];
      rowMode: 'object' | 'array';
      /** Types the caller parses itself: the thread hands their text over unparsed. */
      rawTypes: number[];
      blob?: Uint8Array | undefined;
      tx?: number | undefined;
    }
  | { id: number; op: 'exec'; text: string; blob?: Uint8Array | undefined; tx?: number | undefined }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'dump'; compression: 'none' | 'gzip' | 'auto' }
  | { id: number; op: 'close' };

/** A query's result as it crosses the port (a written `/dev/blob` as bytes). */
export interface WireResults {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number | undefined;
  command?: string | undefined;
  rowCount?: number | undefined;
  blob?: Uint8Array | undefined;
}

/** An error as it crosses the port: its name, message, stack and the SQL error's fields (code, constraint…). */
export interface WireError {
  name: string;
  message: string;
  stack?: string | undefined;
  fields: Record<string, string | number | boolean>;
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** The first message of a thread: its database opened, or why not. */
export type Startup = { started: true } | { started: false; error: WireError };
