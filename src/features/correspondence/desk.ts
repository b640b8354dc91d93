import { and, eq } from 'drizzle-orm';
import type { DeskQueue } from '../desk/desk-queue.ts';
import { countWaiting } from '../desk/waiting.ts';
import { consentScans, deliveries } from './schema.ts';

/** Scanned consent declarations waiting for a clerk to accept or reject them. */
export const consentScansQueue: DeskQueue = {
  key: 'correspondence.consent_scans',
  label: 'Skany oświadczeń o zgodzie',
  href: '/panel/korespondencja/skany',
  capability: 'consents.manage',
  waiting: (db, { organizationId }) =>
    countWaiting(db, {
      table: consentScans,
      since: consentScans.createdAt,
      where: and(eq(consentScans.organizationId, organizationId), eq(consentScans.state, 'pending')),
    }),
};

/** Paper letters waiting to be printed and posted. */
export const printQueue: DeskQueue = {
  key: 'correspondence.print',
  label: 'Listy do wydruku',
  href: '/panel/korespondencja/druk',
  capability: 'letters.recipients',
  waiting: (db, { organizationId }) =>
    countWaiting(db, {
      table: deliveries,
      since: deliveries.createdAt,
      where: and(eq(deliveries.organizationId, organizationId), eq(deliveries.state, 'to_print')),
    }),
};
