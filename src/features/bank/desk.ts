/** The bank's waiting work for the clerk's desk: credits from statements that no unit claimed yet. */
import type { DeskQueue } from '../desk/desk-queue.ts';
import { countWaiting } from './queries.ts';

export const unmatchedCreditsQueue: DeskQueue = {
  key: 'bank.unmatched',
  label: 'Nieprzypisane wpłaty z wyciągów',
  href: '/panel/finanse/wyciagi/do-wyjasnienia',
  capability: 'ledger.book',
  async waiting(db, { organizationId }) {
    const { count, oldest } = await countWaiting(db, { organizationId });
    return { count, oldestSince: oldest ? new Date(`${oldest}T00:00:00Z`) : null };
  },
};
