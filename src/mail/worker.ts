import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/client.ts';
import { retryTransient } from '../db/transient.ts';
import {
  claimDueMessages,
  markFailed,
  markRetry,
  markSent,
  type OutboxMessage,
  releaseUnsent,
} from '../features/outbox/outbox.ts';
import { findFilesByIds } from '../files/store.ts';
import { startPolling } from '../jobs/polling.ts';

/** How long claimed messages stay a worker's unless told otherwise (MAIL_LOCK_SECONDS). */
const DEFAULT_LOCK_MS = 5 * 60_000;

/** After this many attempts a message is given up (about a day of retries). */
export const MAX_ATTEMPTS = 10;

/** Wait before attempt n+1: 30 s, 1, 2, 4, 8 … minutes, at most 4 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 4 * 3_600_000);
}

/** SMTP 5xx replies are permanent (no such mailbox…); everything else may pass on a retry. */
export function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl, { pool: true, maxConnections: 4 } as never);
}

export interface MailWorkerOptions {
  db: Db;
  transport: Transporter;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  clock?: () => Date;
  batchSize?: number;
  /** How long a claimed message stays ours before another worker may retry it. */
  lockMs?: number;
  /**
   * Shutdown: once it aborts, no message is claimed or begun; those being sent finish, and those
   * claimed but not begun are released at once (not left locked for `lockMs`); no more waiting
   * for an unreachable database.
   */
  signal?: AbortSignal | undefined;
}

type LoadedFile = { id: number; name: string; contentType: string; data: Buffer };

/**
 * Attachments by reference: the files of a pass are loaded once and shared by its messages (a
 * mailing attaches the same files to every message). A missing file fails the message for good.
 */
async function attachmentsOf(
  options: MailWorkerOptions,
  message: OutboxMessage,
  cache: Map<number, Promise<LoadedFile | undefined>>,
) {
  const ids = message.attachmentFileIds ?? [];
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length) {
    const loading = findFilesByIds(options.db, missing);
    for (const id of missing)
      cache.set(
        id,
        loading.then((files) => files.find((f) => f.id === id)),
      );
  }
  const files = await Promise.all(ids.map((id) => cache.get(id)));
  return files.map((file, i) => {
    if (!file) throw Object.assign(new Error(`attachment ${ids[i]} is missing`), { responseCode: 554 });
    return { filename: file.name, content: file.data, contentType: file.contentType };
  });
}

async function sendOne(
  options: MailWorkerOptions,
  message: OutboxMessage,
  cache: Map<number, Promise<LoadedFile | undefined>>,
): Promise<void> {
  const now = options.clock ?? (() => new Date());
  // What happened must reach the database even if it is failing over right now: a message the SMTP
  // server accepted but left `sending` would go out again once its lock passes. Another worker
  // could reclaim it only through the same database, so retrying for the whole lock is safe.
  const record = (work: () => Promise<void>) =>
    retryTransient(work, {
      timeoutMs: options.lockMs ?? DEFAULT_LOCK_MS,
      signal: options.signal,
      onRetry: (error, attempt) => {
        if (attempt === 1) options.log.warn({ outboxId: message.id, err: error }, 'database unavailable, retrying');
      },
    });
  let accepted = false;
  try {
    const attachments = await attachmentsOf(options, message, cache);
    await options.transport.sendMail({
      ...(attachments.length ? { attachments } : {}),
      from: message.fromAddress,
      to: message.toAddress,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
      messageId: message.messageId,
    });
    accepted = true;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (isPermanent(error) || message.attempts >= MAX_ATTEMPTS) {
      options.log.error({ outboxId: message.id, err: error }, 'mail failed permanently');
      await record(() => markFailed(options.db, { id: message.id, error: text }));
    } else {
      options.log.warn({ outboxId: message.id, attempts: message.attempts, err: error }, 'mail failed, will retry');
      await record(() =>
        markRetry(options.db, {
          id: message.id,
          error: text,
          at: new Date(now().getTime() + retryDelayMs(message.attempts)),
        }),
      );
    }
  }
  if (accepted) await record(() => markSent(options.db, { message, at: now() }));
}

/**
 * Sends everything due now; returns how many messages were attempted. A sliding window: `batchSize`
 * (default 20) senders each take the next claimed message as soon as their last one is done, and
 * the next batch is claimed while the current one is still being sent, so a slow message holds up
 * nobody. At most `batchSize` messages are in flight — the crash window, where a message may be
 * accepted by the server but not yet marked sent — and at most two batches are claimed at a time.
 */
export async function drainOutbox(options: MailWorkerOptions): Promise<number> {
  const now = options.clock ?? (() => new Date());
  const size = options.batchSize ?? 20;
  const cache = new Map<number, Promise<LoadedFile | undefined>>();
  const claimed: OutboxMessage[] = [];
  let claiming: Promise<void> | undefined;
  let exhausted = false;
  let failure: unknown;
  let attempted = 0;
  const stopping = () => options.signal?.aborted === true;
  const claimMore = (): Promise<void> => {
    if (stopping()) {
      exhausted = true;
      return Promise.resolve();
    }
    claiming ??= claimDueMessages(options.db, { now: now(), limit: size, lockMs: options.lockMs ?? DEFAULT_LOCK_MS })
      .then(
        (batch) => {
          if (batch.length === 0) exhausted = true;
          claimed.push(...batch);
        },
        (error: unknown) => {
          failure = error;
          exhausted = true;
        },
      )
      .finally(() => {
        claiming = undefined;
      });
    return claiming;
  };
  const sender = async () => {
    for (;;) {
      if (stopping()) return;
      if (!exhausted && claimed.length < size) void claimMore();
      const message = claimed.shift();
      if (message) {
        attempted++;
        await sendOne(options, message, cache);
      } else if (claiming) await claiming;
      else return;
    }
  };
  await Promise.all(Array.from({ length: size }, sender));
  if (claiming) await claiming;
  if (claimed.length > 0)
    await releaseUnsent(
      options.db,
      claimed.map((message) => message.id),
    );
  if (failure !== undefined) throw failure;
  return attempted;
}

/** Polls the outbox until stopped; several processes may run one each. */
export function startMailWorker(options: MailWorkerOptions & { intervalMs?: number }): { stop(): Promise<void> } {
  const stopping = new AbortController();
  const polling = startPolling({
    pass: (signal) => drainOutbox({ ...options, signal }),
    intervalMs: options.intervalMs ?? 2000,
    log: options.log,
    failureMessage: 'mail worker pass failed',
  });
  return {
    async stop() {
      stopping.abort();
      await polling.stop();
      options.transport.close();
    },
  };
}
