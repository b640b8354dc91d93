import type { DeskQueue } from '../desk/desk-queue.ts';
import { listNoticesToMark } from './settle.ts';

/** Paper notices of sent fee changes that the clerk has not yet marked handed over or posted. */
export const noticesToMark: DeskQueue = {
  key: 'fees.notices_to_mark',
  label: 'Zawiadomienia o zmianie opłat do oznaczenia jako doręczone',
  href: '/panel/finanse/zmiany-oplat/doreczenia',
  capability: 'letters.recipients',
  async waiting(db, { organizationId }) {
    const rows = await listNoticesToMark(db, { organizationId });
    const oldest = rows.map((r) => r.plan.sentAt).filter((d): d is Date => d !== null)[0] ?? null;
    return { count: rows.length, oldestSince: oldest };
  },
};
