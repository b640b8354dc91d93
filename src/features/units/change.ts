import type { Db } from '../../db/client.ts';
import type { Actor, AuditWriter } from './audit.ts';

/** What every state change of the register takes besides its input. */
export interface ChangeContext {
  /** The database or a transaction; the change runs in a transaction (a savepoint inside one). */
  db: Db;
  organizationId: number;
  actor: Actor;
  /** Called inside the change's transaction with that transaction (see audit.ts). */
  audit: AuditWriter;
}

/** Names of the fields whose values differ: what the audit row records (never the values). */
export function changedFields<T extends object>(before: T, after: Partial<T>): string[] {
  return Object.entries(after)
    .filter(([key, value]) => before[key as keyof T] !== value)
    .map(([key]) => key);
}
