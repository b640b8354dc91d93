import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Osiedle's Prometheus metrics, one set per process. Labels take values from small fixed sets
 * only — route patterns (`/ebok/finanse/:unitId`, never the URL), methods, status codes, audit
 * action names, job and pool states — so no login, address, token or id ever becomes a label.
 */
export const registry = new Registry();

let processMetrics = false;
/** Node's own figures (CPU, memory, event loop lag, GC) too; once, when metrics are switched on. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
}

export const httpRequestDuration = new Histogram({
  name: 'osiedle_http_request_duration_seconds',
  help: 'Time from the request to the response sent, by route pattern, method and status code.',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const httpServerErrors = new Counter({
  name: 'osiedle_http_server_errors_total',
  help: 'Responses with a 5xx status, by route pattern (503 while starting or stopping included).',
  labelNames: ['route', 'status'] as const,
  registers: [registry],
});

/** Audit actions counted as they are recorded: sign-in trouble, never who or from where. */
export const countedAuditActions = [
  'signin.failure',
  'signin.throttled',
  'signin.mfa_failure',
  'account.locked',
] as const;

export const auditEvents = new Counter({
  name: 'osiedle_audit_events_total',
  help: 'Sign-in failures (wrong password, unknown login, …), attempts during a lock, wrong second-factor codes and accounts locked, as recorded in the audit log by this process.',
  labelNames: ['action'] as const,
  registers: [registry],
});
for (const action of countedAuditActions) auditEvents.inc({ action }, 0);

const counted = new Set<string>(countedAuditActions);

/** Counts an audit action if it is one of the above (an observer of src/lib/audit-observers.ts). */
export function observeAuditAction(action: string): void {
  if (counted.has(action)) auditEvents.inc({ action });
}

export const databaseUp = new Gauge({
  name: 'osiedle_database_up',
  help: '1 when the database answered at this scrape, 0 when not (or not yet connected).',
  registers: [registry],
});

export const databaseConnections = new Gauge({
  name: 'osiedle_database_pool_connections',
  help: 'PostgreSQL pool: connections open (total), idle, and requests waiting for one (waiting). PGlite is one connection (total 1) whose queue is not observable.',
  labelNames: ['state'] as const,
  registers: [registry],
});

export const importJobs = new Gauge({
  name: 'osiedle_register_import_jobs',
  help: 'Register import jobs (checks and applies) waiting for a worker, and running.',
  labelNames: ['state'] as const,
  registers: [registry],
});

export const importOldestWaiting = new Gauge({
  name: 'osiedle_register_import_oldest_waiting_seconds',
  help: 'How long the longest-waiting register import job has waited for a worker (0 when none waits).',
  registers: [registry],
});

export const outboxMessages = new Gauge({
  name: 'osiedle_outbox_messages',
  help: 'Outbox messages not yet sent (unsent), of those waiting to retry after a failure (retrying), and given up for good (failed).',
  labelNames: ['state'] as const,
  registers: [registry],
});

export const outboxOldestUnsent = new Gauge({
  name: 'osiedle_outbox_oldest_unsent_seconds',
  help: 'Age of the oldest message not yet sent (0 when the outbox is empty).',
  registers: [registry],
});
