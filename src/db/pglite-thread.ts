/**
 * The embedded database's own thread: PGlite runs here, so that a long statement (a payments
 * import, a backup) never stalls the server's thread, which keeps answering requests meanwhile.
 * Started by `PgliteThread.start` (pglite-remote.ts) with `ThreadOptions` as workerData; answers
 * the `Request`s of pglite-protocol.ts. Statements run in arrival order under PGlite's own locks
 * (a statement outside the open transaction waits for it, exactly as in-process). An error from
 * inside WebAssembly leaves PGlite unusable: the thread then ends, and the server sees it die.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import type { Reply, Request, Startup, ThreadOptions, WireError, WireResults } from './pglite-protocol.ts';
import { pgliteExtensions, seedForNewDataDir } from './pglite-seed.ts';

if (!parentPort) throw new Error('pglite-thread.ts runs as a worker thread only');
const port = parentPort;
const options = workerData as ThreadOptions;

function wireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: WireError['fields'] = {};
  // The SQL error's fields (code, detail, constraint, table…); params and options may not cross.
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

const identity = (value: string) => value;

async function wireResults(results: Results): Promise<{ value: WireResults; transfer: ArrayBuffer[] }> {
  const { blob, ...rest } = results;
  if (!blob) return { value: rest, transfer: [] };
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { value: { ...rest, blob: bytes }, transfer: [bytes.buffer] };
}

const blobOf = (bytes: Uint8Array | undefined) =>
  bytes ? { blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) } : ({} as QueryOptions);

interface OpenTransaction {
  tx: Transaction;
  finish(commit: boolean): void;
  done: Promise<void>;
}

async function main(): Promise<void> {
  let pglite: PGlite;
  try {
    const dump = options.dump ? new Blob([options.dump as Uint8Array<ArrayBuffer>]) : undefined;
    const startFrom = dump ?? (await seedForNewDataDir(options.dataDir));
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      extensions: pgliteExtensions,
      ...(startFrom ? { loadDataDir: startFrom } : {}),
    });
  } catch (error) {
    port.postMessage({ started: false, error: wireError(error) } satisfies Startup);
    return;
  }
  const transactions = new Map<number, OpenTransaction>();
  let nextTransaction = 1;

  const reply = (id: number, value: unknown, transfer: ArrayBuffer[] = []) =>
    port.postMessage({ id, ok: true, value } satisfies Reply, transfer);
  const fail = (id: number, error: unknown) => {
    port.postMessage({ id, ok: false, error: wireError(error) } satisfies Reply);
    // PGlite cannot go on after its WebAssembly failed: the thread ends, the server notices.
    if (error instanceof WebAssembly.RuntimeError) process.exit(1);
  };
  const target = (tx: number | undefined): PGlite | Transaction => {
    if (tx === undefined) return pglite;
    const open = transactions.get(tx);
    if (!open) throw new Error('Transaction is closed');
    return open.tx;
  };

  function begin(id: number): void {
    const txId = nextTransaction++;
    let started = false;
    let finish: (commit: boolean) => void = () => {};
    const ended = new Promise<boolean>((resolve) => {
      finish = resolve;
    });
    const done = pglite
      .transaction(async (tx) => {
        transactions.set(txId, { tx, finish, done });
        started = true;
        reply(id, txId);
        if (!(await ended) && !tx.closed) await tx.rollback();
      })
      .finally(() => transactions.delete(txId));
    done.catch((error: unknown) => {
      if (!started) fail(id, error);
    });
  }

  async function handle(request: Request): Promise<void> {
    switch (request.op) {
      case 'query': {
        const parsers = Object.fromEntries(request.rawTypes.map((type) => [type, identity]));
        const results = await target(request.tx).query<Record<string, unknown>>(request.text, request.params, {
          rowMode: request.rowMode,
          parsers,
          ...blobOf(request.blob),
        });
        const { value, transfer } = await wireResults(results);
        return reply(request.id, value, transfer);
      }
      case 'exec': {
        const list = await target(request.tx).exec(request.text, blobOf(request.blob));
        const wired = await Promise.all(list.map(wireResults));
        return reply(
          request.id,
          wired.map((one) => one.value),
          wired.flatMap((one) => one.transfer),
        );
      }
      case 'begin':
        return begin(request.id);
      case 'end': {
        const open = transactions.get(request.tx);
        if (!open) return reply(request.id, undefined);
        open.finish(request.commit);
        await open.done;
        return reply(request.id, undefined);
      }
      case 'dump': {
        const dump = await pglite.dumpDataDir(request.compression);
        const bytes = new Uint8Array(await dump.arrayBuffer());
        return reply(request.id, bytes, [bytes.buffer]);
      }
      case 'close': {
        await pglite.close();
        reply(request.id, undefined);
        port.close();
        return;
      }
    }
  }

  port.on('message', (request: Request) => {
    handle(request).catch((error: unknown) => fail(request.id, error));
  });
  port.postMessage({ started: true } satisfies Startup);
}

await main();
