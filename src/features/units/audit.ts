/**
 * The contract between the register's state changes and the audit log of the accounts issue.
 *
 * Every mutating function takes an `audit` writer and calls it once per change, inside the same
 * transaction, passing that transaction: the writer inserts its row there, so a change and its
 * audit row commit or roll back together (STYLE habit 8). Until `audit_log` exists, callers
 * pass `discardAudit` (CLI, demo) or a collecting writer (tests).
 */
import type { Db } from '../../db/client.ts';
import { type RequestOrigin, recordAudit } from '../audit/audit.ts';

/** Who made a change: a staff account, or the system (CLI, import job, demo loader). */
export interface Actor {
  /** The account id once accounts exist; null for the system. */
  accountId: number | null;
  /** For people reading the log: a login, `cli`, `demo`. */
  label: string;
}

export interface AuditEntry {
  organizationId: number;
  actor: Actor;
  /** Dotted verb: `unit.create`, `right.end`, `register.import`, … */
  action: string;
  subjectType: 'building' | 'unit' | 'person' | 'right' | 'occupancy' | 'register';
  subjectId: number | null;
  /** What changed: field names, dates, counts; never a PESEL or other personal data values. */
  detail: Record<string, unknown>;
}

export type AuditWriter = (entry: AuditEntry, db: Db) => Promise<void>;

/** Writes nothing: for loading demo data, which is no one's action. */
export const discardAudit: AuditWriter = async () => {};

/** Writes each entry to the audit log, in the transaction of the change, with where it came from. */
export function auditLogWriter(origin?: RequestOrigin): AuditWriter {
  return (entry, db) =>
    recordAudit(db, {
      organizationId: entry.organizationId,
      actorAccountId: entry.actor.accountId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? undefined,
      origin,
      detail: entry.actor.accountId === null ? { ...entry.detail, actor: entry.actor.label } : entry.detail,
    });
}

export const systemActor = (label: string): Actor => ({ accountId: null, label });
