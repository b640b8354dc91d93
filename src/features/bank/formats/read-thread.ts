/**
 * The thread that reads a large bank file (decode, recognise, parse, check balances), started for
 * one file by `openStatementFileInThread` (read-runner.ts) with the file's bytes (or the path
 * of the file on disk, read here) as its first message. It sends the file's statement events in batches and stays at most `AHEAD` batches
 * ahead of the importer, so a fast reader never piles up a whole file in memory, and the
 * importer's thread is free to pass each chunk to the database the moment it is asked for.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { streamStatementFile } from './read.ts';
import type { FromReadThread, ToReadThread } from './read-runner.ts';
import { type StatementEvent, StatementFileError } from './statement.ts';

if (!parentPort) throw new Error('read-thread.ts runs as a worker thread only');
const port = parentPort;

// At the usual priority (unlike the payments file's thread): the import waits for each chunk read
// here, and on a busy machine a lowered thread starved it (a 100,000-credit re-import, nothing but
// reading, took five times as long).
/** Entries per message. */
const BATCH = 1_000;
/** Batches sent and not yet taken: as many as the importer's largest chunk needs. */
const AHEAD = 30;
let unanswered = 0;
let wakeUp: (() => void) | undefined;
const post = (message: FromReadThread) => port.postMessage(message);

async function run(message: Extract<ToReadThread, { kind: 'start' }>): Promise<void> {
  try {
    const bytes = 'path' in message ? await readFile(message.path) : message.bytes;
    const reader = streamStatementFile(message.file, bytes, message.encoding);
    post({ kind: 'opened', format: reader.format, encoding: reader.encoding });
    let batch: StatementEvent[] = [];
    let entries = 0;
    const send = async () => {
      unanswered++;
      post({ kind: 'events', events: batch });
      batch = [];
      entries = 0;
      while (unanswered >= AHEAD) await new Promise<void>((resolve) => (wakeUp = resolve));
    };
    for (const event of reader.events) {
      batch.push(event);
      if (event.kind === 'entry' && ++entries >= BATCH) await send();
    }
    if (batch.length > 0) await send();
    post({ kind: 'done' });
  } catch (error) {
    if (error instanceof StatementFileError) {
      post({ kind: 'failed', file: { file: error.file, line: error.line, reason: error.reason } });
    } else {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ kind: 'failed', error: { name: e.name, message: e.message, stack: e.stack } });
    }
  }
}

port.on('message', (message: ToReadThread) => {
  if (message.kind === 'start') void run(message);
  else {
    unanswered--;
    wakeUp?.();
    wakeUp = undefined;
  }
});
