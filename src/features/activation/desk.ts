import { and, eq } from 'drizzle-orm';
import type { DeskQueue } from '../desk/desk-queue.ts';
import { countWaiting } from '../desk/waiting.ts';
import { activationRequests } from './schema.ts';

/** Remote applications for e-BOK whose e-mail is confirmed and which wait for a clerk's decision. */
export const activationRequestsQueue: DeskQueue = {
  key: 'activation.requests',
  label: 'Wnioski o dostęp do e-BOK',
  href: '/panel/aktywacja/wnioski',
  capability: 'accounts.open',
  waiting: (db, { organizationId }) =>
    countWaiting(db, {
      table: activationRequests,
      since: activationRequests.createdAt,
      where: and(eq(activationRequests.organizationId, organizationId), eq(activationRequests.status, 'pending')),
    }),
};
