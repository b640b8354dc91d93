import type { Actor } from '../audit/audit.ts';

/**
 * Who makes a change of the register, and so in which organization: every state change takes
 * one, and writes its audit row with it in the change's own transaction (recordAudit).
 */
export interface RegisterChange {
  actor: Actor;
}

/** Names of the fields whose values differ: what the audit row records (never the values). */
export function changedFields<T extends object>(before: T, after: Partial<T>): string[] {
  return Object.entries(after)
    .filter(([key, value]) => before[key as keyof T] !== value)
    .map(([key]) => key);
}
