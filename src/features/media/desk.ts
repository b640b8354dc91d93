import type { DeskQueue } from '../desk/desk-queue.ts';
import { waitingDeclarations, waitingReadings } from './queries.ts';

/** Readings that looked wrong (a member confirmed them, or an import brought them). */
export const flaggedReadingsQueue: DeskQueue = {
  key: 'media.flagged_readings',
  label: 'Odczyty liczników do sprawdzenia',
  href: '/panel/media/odczyty-do-sprawdzenia',
  capability: 'media.manage',
  async waiting(db, { organizationId }) {
    const { count, oldest } = await waitingReadings(db, { organizationId });
    return { count, oldestSince: oldest };
  },
};

/** Members' declarations of the persons count, waiting for a decision. */
export const personsDeclarationsQueue: DeskQueue = {
  key: 'media.persons_declarations',
  label: 'Deklaracje liczby osób do decyzji',
  href: '/panel/media/deklaracje',
  capability: 'media.manage',
  async waiting(db, { organizationId }) {
    const { count, oldest } = await waitingDeclarations(db, { organizationId });
    return { count, oldestSince: oldest };
  },
};
