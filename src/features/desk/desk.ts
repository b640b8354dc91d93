import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import type { StaffAccount } from '../../http/auth.ts';
import { can } from '../../policy.ts';
import type { DeskQueue, WaitingWork } from './desk-queue.ts';
import { deskQueues } from './queues.ts';

export interface DeskRow extends WaitingWork {
  key: string;
  label: string;
  href: string;
}

/** The queues this staff member may work on, with how much waits in each (read together). */
export async function loadDesk(
  db: Db,
  {
    account,
    organizationId,
    queues = deskQueues,
  }: { account: StaffAccount; organizationId: number; queues?: readonly DeskQueue[] },
): Promise<DeskRow[]> {
  const mine = queues.filter((queue) => can(account, queue.capability));
  const counts = await readTogether(
    db,
    mine.map((queue) => () => queue.waiting(db, { organizationId })),
  );
  return mine.map((queue, i) => ({
    key: queue.key,
    label: queue.label,
    href: queue.href,
    ...(counts[i] ?? { count: 0, oldestSince: null }),
  }));
}
