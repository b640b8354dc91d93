/**
 * Reading a large bank file in a thread of its own (read-thread.ts): decoding and parsing a
 * 100,000-entry statement takes seconds, and on the importer's thread it held up every reply of
 * the database it waited for (the importer read the next chunk in slices between them). The
 * file's bytes go to the thread once; its statement events come back in batches, in order; a
 * broken file fails with the same StatementFileError (file and line) as when read in place.
 */
import { Worker } from 'node:worker_threads';
import type { BankEncoding } from './decode.ts';
import type { StatementEventReader } from './read.ts';
import { type BankFormat, type StatementEvent, StatementFileError } from './statement.ts';

export type ToReadThread =
  | { kind: 'start'; file: string; bytes: Uint8Array; encoding: BankEncoding | undefined }
  | { kind: 'start'; file: string; path: string; encoding: BankEncoding | undefined }
  | { kind: 'taken' };
export type FromReadThread =
  | { kind: 'opened'; format: BankFormat; encoding: BankEncoding }
  | { kind: 'events'; events: StatementEvent[] }
  | { kind: 'done' }
  | {
      kind: 'failed';
      file?: { file: string; line: number | undefined; reason: string };
      error?: { name: string; message: string; stack?: string | undefined };
    };

// The same from src/ (tests, scripts: TypeScript) and dist/ (the built app).
const threadFile = new URL(`./read-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

function errorOf(message: Extract<FromReadThread, { kind: 'failed' }>): Error {
  if (message.file) return new StatementFileError(message.file.file, message.file.line, message.file.reason);
  const error = new Error(message.error?.message ?? 'the bank file thread failed');
  error.name = message.error?.name ?? 'Error';
  if (message.error?.stack) error.stack = `${message.error.stack}\n    at (the bank file thread)`;
  return error;
}

/**
 * Opens the file in a thread: resolves once it is decoded and its format recognised (or rejects
 * with the StatementFileError of an empty, unreadable or unknown file). `close` stops the thread.
 * The file is its bytes, or a file on disk that the thread reads itself (an upload taken to a
 * temporary file never passes through this thread's memory whole).
 */
export async function openStatementFileInThread(
  file: string,
  source: Uint8Array | { path: string },
  encoding?: BankEncoding,
): Promise<StatementEventReader> {
  const worker = new Worker(threadFile);
  const batches: StatementEvent[][] = [];
  let opened: { format: BankFormat; encoding: BankEncoding } | undefined;
  let done = false;
  let failure: Error | undefined;
  let wakeUp: (() => void) | undefined;
  const wake = () => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };
  worker.on('message', (message: FromReadThread) => {
    if (message.kind === 'opened') opened = { format: message.format, encoding: message.encoding };
    else if (message.kind === 'events') batches.push(message.events);
    else if (message.kind === 'done') done = true;
    else failure ??= errorOf(message);
    wake();
  });
  worker.on('error', (error) => {
    failure ??= error;
    wake();
  });
  worker.on('exit', (code) => {
    if (!done) failure ??= new Error(`the bank file thread ended (exit code ${code})`);
    wake();
  });
  const close = async () => {
    done = true;
    await worker.terminate();
  };
  const waitForMessage = () => new Promise<void>((resolve) => (wakeUp = resolve));
  if (source instanceof Uint8Array) {
    // The thread gets a copy of its own (transferred), so the caller's buffer stays whole.
    const copy = new Uint8Array(source);
    worker.postMessage({ kind: 'start', file, bytes: copy, encoding } satisfies ToReadThread, [
      copy.buffer as ArrayBuffer,
    ]);
  } else worker.postMessage({ kind: 'start', file, path: source.path, encoding } satisfies ToReadThread);
  while (!opened && !failure) await waitForMessage();
  if (!opened) {
    await close();
    throw failure;
  }
  const next = async (size: number): Promise<StatementEvent[] | undefined> => {
    const events: StatementEvent[] = [];
    let entries = 0;
    while (entries < size) {
      const batch = batches.shift();
      if (batch) {
        worker.postMessage({ kind: 'taken' } satisfies ToReadThread);
        for (const event of batch) {
          events.push(event);
          if (event.kind === 'entry') entries++;
        }
        continue;
      }
      if (failure) throw failure;
      if (done) break;
      await waitForMessage();
    }
    return events.length > 0 ? events : undefined;
  };
  return { format: opened.format, encoding: opened.encoding, next, close };
}
