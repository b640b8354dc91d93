/**
 * The embedded database seen from the server's thread: PGlite itself runs in a worker thread
 * (`pglite-thread.ts`), and this object offers the part of PGlite's interface the code uses
 * (`query`, `exec`, `transaction`, `dumpDataDir`, `close`), so drizzle's PGlite driver, the
 * backups' COPY through `/dev/blob` and the migrations run unchanged while the server's thread
 * stays free for requests.
 *
 * If the thread dies (PGlite's WebAssembly failed, or it ran out of memory), every call waiting
 * for it and every later one fails with `DatabaseUnavailableError` (a 503 page), `state` becomes
 * `failed` and the `onFailure` listeners are told (the server then stops and exits 1 for the
 * process manager to start it again: src/service/server.ts). The thread holds the process open
 * only while a call is under way, as an in-process PGlite would.
 */
import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results } from '@electric-sql/pglite';
import type { Reply, Request, Startup, ThreadOptions, WireError, WireResults } from './pglite-protocol.ts';
import { DatabaseUnavailableError } from './transient.ts';

/** What the code may do inside a transaction (PGlite's `Transaction`, over the thread). */
export interface ThreadTransaction {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export type ThreadState = 'running' | 'failed' | 'closed';

// The same from src/db (tests, scripts: TypeScript) and dist/db (the built app).
const threadFile = new URL(`./pglite-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

function errorFromWire(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  Object.assign(error, wire.fields);
  if (wire.stack) error.stack = `${wire.stack}\n    at (the PGlite thread)`;
  return error;
}

async function bytesOf(blob: Blob | undefined): Promise<Uint8Array | undefined> {
  return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
}

/** The caller's parsers applied to the text the thread left unparsed for them. */
function resultsFromWire<T>(wire: WireResults, options: QueryOptions | undefined): Results<T> {
  const { blob, ...rest } = wire;
  const results = { ...rest, ...(blob ? { blob: new Blob([blob as Uint8Array<ArrayBuffer>]) } : {}) } as Results<T>;
  const parsers = options?.parsers;
  if (!parsers) return results;
  const parsed = results.fields.flatMap((field, index) => {
    const parser = parsers[field.dataTypeID];
    return parser ? [{ key: options?.rowMode === 'array' ? index : field.name, parser }] : [];
  });
  if (parsed.length === 0) return results;
  for (const row of results.rows as Record<string | number, unknown>[]) {
    for (const { key, parser } of parsed) {
      const value = row[key];
      if (typeof value === 'string') row[key] = parser(value);
    }
  }
  return results;
}

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly #failureListeners: ((error: Error) => void)[] = [];
  #nextId = 1;
  #state: ThreadState = 'running';
  #failure: Error | undefined;
  #closing = false;
  /** Open transactions: the thread holds the process open while one is. */
  #openTransactions = 0;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => this.#settle(reply));
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', (code) => {
      if (this.#state === 'running' && !this.#closing)
        this.#fail(new Error(`the PGlite thread ended (exit code ${code})`));
    });
  }

  /** Starts the thread and opens the database there (a new directory from the install-time seed). */
  static async start(options: { dataDir: string; dump?: Blob | undefined }): Promise<PgliteThread> {
    const dump = await bytesOf(options.dump);
    const workerData: ThreadOptions = { dataDir: options.dataDir, dump };
    const worker = new Worker(threadFile, { workerData, transferList: dump ? [dump.buffer as ArrayBuffer] : [] });
    let onMessage: (startup: Startup) => void = () => {};
    let onError: (error: Error) => void = () => {};
    let onExit: (code: number) => void = () => {};
    const startup = await new Promise<Startup>((resolve, reject) => {
      onMessage = resolve;
      onError = reject;
      onExit = (code) => reject(new Error(`the PGlite thread ended while starting (exit code ${code})`));
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    }).finally(() => worker.off('message', onMessage).off('error', onError).off('exit', onExit));
    if (!startup.started) {
      await worker.terminate();
      throw errorFromWire(startup.error);
    }
    const thread = new PgliteThread(worker);
    worker.unref();
    return thread;
  }

  /** `running`, `failed` (the thread died: nothing works until the process starts again) or `closed`. */
  get state(): ThreadState {
    return this.#state;
  }

  /** Called once if the thread dies (not when it is closed). */
  onFailure(listener: (error: Error) => void): void {
    this.#failureListeners.push(listener);
  }

  async query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(undefined, text, params, options);
  }

  async exec(text: string, options?: QueryOptions): Promise<Results[]> {
    return this.#exec(undefined, text, options);
  }

  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  async transaction<T>(work: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const txId = (await this.#call({ op: 'begin' })) as number;
    this.#openTransactions++;
    let closed = false;
    const end = async (commit: boolean) => {
      if (closed) return;
      closed = true;
      try {
        await this.#call({ op: 'end', tx: txId, commit });
      } finally {
        this.#openTransactions--;
        this.#holdProcess();
      }
    };
    const tx: ThreadTransaction = {
      query: <R>(text: string, params: unknown[] = [], options?: QueryOptions) => {
        if (closed) return Promise.reject(new Error('Transaction is closed'));
        return this.#query<R>(txId, text, params, options);
      },
      exec: (text: string, options?: QueryOptions) => {
        if (closed) return Promise.reject(new Error('Transaction is closed'));
        return this.#exec(txId, text, options);
      },
      rollback: () => end(false),
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      await end(false).catch(() => {});
      throw error;
    }
    await end(true);
    return result;
  }

  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'auto'): Promise<Blob> {
    const bytes = (await this.#call({ op: 'dump', compression })) as Uint8Array;
    return new Blob([bytes as Uint8Array<ArrayBuffer>]);
  }

  async close(): Promise<void> {
    if (this.#state !== 'running') return;
    this.#closing = true;
    try {
      await this.#call({ op: 'close' });
    } finally {
      this.#state = 'closed';
      await this.#worker.terminate();
    }
  }

  /** Ends the thread at once, as a crash would (for tests of what the server does then). */
  async kill(): Promise<void> {
    await this.#worker.terminate();
  }

  async #query<T>(
    tx: number | undefined,
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
  ): Promise<Results<T>> {
    const blob = await bytesOf(options?.blob);
    const wire = (await this.#call(
      {
        op: 'query',
        text,
        params,
        rowMode: options?.rowMode ?? 'object',
        rawTypes: Object.keys(options?.parsers ?? {}).map(Number),
        blob,
        tx,
      },
      blob ? [blob.buffer as ArrayBuffer] : [],
    )) as WireResults;
    return resultsFromWire<T>(wire, options);
  }

  async #exec(tx: number | undefined, text: string, options: QueryOptions | undefined): Promise<Results[]> {
    const blob = await bytesOf(options?.blob);
    const list = (await this.#call({ op: 'exec', text, blob, tx }, blob ? [blob.buffer as ArrayBuffer] : [])) as
      | WireResults[]
      | undefined;
    return (list ?? []).map((wire) => resultsFromWire(wire, undefined));
  }

  #call(body: RequestBody, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.#state === 'failed') {
      return Promise.reject(new DatabaseUnavailableError('the PGlite thread has died', { cause: this.#failure }));
    }
    if (this.#state === 'closed') return Promise.reject(new Error('PGlite is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#holdProcess();
      this.#worker.postMessage({ ...body, id } as Request, transfer);
    });
  }

  #settle(reply: Reply): void {
    const waiting = this.#pending.get(reply.id);
    if (!waiting) return;
    this.#pending.delete(reply.id);
    this.#holdProcess();
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(errorFromWire(reply.error));
  }

  /** The process stays up while the thread has work (a call under way or an open transaction). */
  #holdProcess(): void {
    if (this.#state !== 'running') return;
    if (this.#pending.size > 0 || this.#openTransactions > 0) this.#worker.ref();
    else this.#worker.unref();
  }

  #fail(cause: Error): void {
    if (this.#state !== 'running') return;
    this.#state = 'failed';
    this.#failure = cause;
    const error = new DatabaseUnavailableError('the PGlite thread has died', { cause });
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
    for (const listener of this.#failureListeners) listener(cause);
  }
}
