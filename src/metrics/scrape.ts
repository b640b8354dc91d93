import { createHash, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/client.ts';
import { ping } from '../db/client.ts';
import { importQueueFigures } from '../features/units/import/queue-figures.ts';
import { observeAuditActions } from '../lib/audit-observers.ts';
import { outboxFigures } from '../mail/outbox-figures.ts';
import {
  collectProcessMetrics,
  databaseConnections,
  databaseUp,
  importJobs,
  importOldestWaiting,
  observeAuditAction,
  outboxMessages,
  outboxOldestUnsent,
  registry,
} from './registry.ts';

let observing = false;
/** Switches metrics on for this process: Node's figures, and sign-in failures as they happen. */
export function enableMetrics(): void {
  if (observing) return;
  observing = true;
  collectProcessMetrics();
  observeAuditActions(observeAuditAction);
}

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The figures read at scrape time, then the whole registry in Prometheus' text format. */
export async function renderMetrics(database: Database | undefined, now = new Date()): Promise<string> {
  await readDatabaseFigures(database, now);
  return registry.metrics();
}

export const metricsContentType = registry.contentType;

async function readDatabaseFigures(database: Database | undefined, now: Date): Promise<void> {
  if (database?.kind === 'postgres') {
    const pool = (database.db as unknown as { $client: PoolCounts }).$client;
    databaseConnections.set({ state: 'total' }, pool.totalCount);
    databaseConnections.set({ state: 'idle' }, pool.idleCount);
    databaseConnections.set({ state: 'waiting' }, pool.waitingCount);
  } else if (database) {
    databaseConnections.set({ state: 'total' }, 1);
  }
  if (!database) {
    databaseUp.set(0);
    return;
  }
  try {
    await ping(database.db);
    const [imports, outbox] = await Promise.all([
      importQueueFigures(database.db, { now }),
      outboxFigures(database.db, { now }),
    ]);
    databaseUp.set(1);
    importJobs.set({ state: 'waiting' }, imports.waiting);
    importJobs.set({ state: 'running' }, imports.running);
    importOldestWaiting.set(imports.oldestWaitingSeconds);
    outboxMessages.set({ state: 'unsent' }, outbox.unsent);
    outboxMessages.set({ state: 'retrying' }, outbox.retrying);
    outboxMessages.set({ state: 'failed' }, outbox.failed);
    outboxOldestUnsent.set(outbox.oldestUnsentSeconds);
  } catch {
    // The figures that need the database keep their last values; `up` says they are stale.
    databaseUp.set(0);
  }
}

/** Whether an Authorization header carries the token (compared in constant time). */
export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
