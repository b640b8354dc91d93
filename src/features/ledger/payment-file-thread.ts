/**
 * The thread that reads and checks a payments file (payment-file.ts), started for one import by
 * `checkPaymentFileInThread` (payment-file-runner.ts) with `PaymentFileInput` as its first
 * message. It sends each staged piece as transferred bytes and waits for the piece to be taken
 * (at most two pieces on their way), so a fast reader never piles up a whole file in memory.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { checkPaymentFile, type PaymentFileInput } from './payment-file.ts';
import type { FromPaymentThread, ToPaymentThread } from './payment-file-runner.ts';

if (!parentPort) throw new Error('payment-file-thread.ts runs as a worker thread only');
const port = parentPort;

// Reading a file is background work: when the cores are busy, the server's thread (requests) and
// the database's go first. On Linux the nice value is the calling thread's own; where it cannot be
// set, the thread simply runs at the usual priority.
try {
  setPriority(0, 10);
} catch {}
const post = (message: FromPaymentThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const IN_FLIGHT = 2;
let unanswered = 0;
let wakeUp: (() => void) | undefined;

async function run(input: PaymentFileInput): Promise<void> {
  try {
    const result = await checkPaymentFile(input, async (piece) => {
      unanswered++;
      post({ kind: 'piece', piece }, [piece.text.buffer as ArrayBuffer]);
      while (unanswered >= IN_FLIGHT) await new Promise<void>((resolve) => (wakeUp = resolve));
    });
    post({ kind: 'done', result });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ kind: 'failed', error: { name: e.name, message: e.message, stack: e.stack } });
  }
}

port.on('message', (message: ToPaymentThread) => {
  if (message.kind === 'start') void run(message.input);
  else {
    unanswered--;
    wakeUp?.();
    wakeUp = undefined;
  }
});
