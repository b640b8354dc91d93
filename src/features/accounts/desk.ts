import { and, eq } from 'drizzle-orm';
import type { DeskQueue } from '../desk/desk-queue.ts';
import { countWaiting } from '../desk/waiting.ts';
import { passwordResetRequests } from './schema.ts';

/** "I forgot my password" requests waiting for a new password from staff. */
export const passwordRequestsQueue: DeskQueue = {
  key: 'accounts.password_requests',
  label: 'Prośby o nowe hasło',
  href: '/panel/hasla',
  capability: 'accounts.open',
  waiting: (db, { organizationId }) =>
    countWaiting(db, {
      table: passwordResetRequests,
      since: passwordResetRequests.createdAt,
      where: and(eq(passwordResetRequests.organizationId, organizationId), eq(passwordResetRequests.status, 'pending')),
    }),
};
