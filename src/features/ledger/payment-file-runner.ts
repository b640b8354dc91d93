/**
 * Runs `checkPaymentFile` (payment-file.ts) in a thread of its own for one import: the file's
 * bytes go there once (transferred, not copied again), the staged pieces come back as bytes, and
 * the server's thread only passes them on to the database. A thread that dies or throws fails the
 * import with its error.
 */
import { Worker } from 'node:worker_threads';
import type { PaymentFileInput, PaymentFileResult, StagedPiece } from './payment-file.ts';

export type ToPaymentThread = { kind: 'start'; input: PaymentFileInput } | { kind: 'taken' };
export type FromPaymentThread =
  | { kind: 'piece'; piece: StagedPiece }
  | { kind: 'done'; result: PaymentFileResult }
  | { kind: 'failed'; error: { name: string; message: string; stack?: string | undefined } };

// The same from src/ (tests, scripts: TypeScript) and dist/ (the built app).
const threadFile = new URL(`./payment-file-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * Checks the file in its own thread; `onPiece` gets each staged piece in order, one at a time
 * (the thread reads on meanwhile). Rejects with `onPiece`'s error (the thread is stopped) or the
 * thread's own.
 */
export async function checkPaymentFileInThread(
  input: PaymentFileInput,
  onPiece: (piece: StagedPiece) => Promise<void>,
): Promise<PaymentFileResult> {
  // The upload's bytes move to the thread: a copy of their own, so the caller's buffer stays whole.
  const source =
    'bytes' in input.source ? { ...input.source, bytes: new Uint8Array(input.source.bytes) } : input.source;
  const worker = new Worker(threadFile);
  try {
    return await new Promise<PaymentFileResult>((resolve, reject) => {
      let queue = Promise.resolve();
      let failed = false;
      // Rejects only once the piece being staged has settled: the caller then deletes every piece
      // that reached the database, none arriving after it.
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        void queue.then(() => reject(error));
      };
      worker.on('message', (message: FromPaymentThread) => {
        if (message.kind === 'piece') {
          queue = queue.then(async () => {
            if (failed) return;
            try {
              await onPiece(message.piece);
              worker.postMessage({ kind: 'taken' } satisfies ToPaymentThread);
            } catch (error) {
              fail(error);
            }
          });
        } else if (message.kind === 'done') {
          void queue.then(() => {
            if (!failed) resolve(message.result);
          });
        } else {
          const error = new Error(message.error.message);
          error.name = message.error.name;
          if (message.error.stack) error.stack = `${message.error.stack}\n    at (the payments file thread)`;
          fail(error);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the payments file thread ended (exit code ${code})`)));
      worker.postMessage(
        { kind: 'start', input: { ...input, source } } satisfies ToPaymentThread,
        'bytes' in source ? [source.bytes.buffer as ArrayBuffer] : [],
      );
    });
  } finally {
    await worker.terminate();
  }
}
