import type { Db } from '../../db/client.ts';
import type { Capability } from '../../policy.ts';

/** How much work waits in one queue, and since when the oldest item waits. */
export interface WaitingWork {
  count: number;
  oldestSince: Date | null;
}

/**
 * One queue of waiting work on the clerk's desk (`/panel`). Each feature that creates work for
 * staff exports its queue (e.g. `features/ledger/desk.ts`) and the desk lists it in `queues.ts`.
 * The desk shows a queue only to staff who hold its capability.
 */
export interface DeskQueue {
  /** Stable key, e.g. 'bank.unmatched'. */
  key: string;
  /** Polish label, e.g. 'Nieprzypisane wpłaty z wyciągów'. */
  label: string;
  /** The queue's page, sorted oldest first. */
  href: string;
  capability: Capability;
  waiting(db: Db, input: { organizationId: number }): Promise<WaitingWork>;
}
