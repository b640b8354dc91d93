/** The clerk's desk: fault reports not yet taken up, and messages waiting for an answer. */
import type { DeskQueue } from '../desk/desk-queue.ts';
import { countWaiting } from './queries.ts';

export const newFaultsQueue: DeskQueue = {
  key: 'requests.faults',
  label: 'Nowe zgłoszenia usterek',
  href: '/panel/zgloszenia?status=nowe',
  capability: 'requests.handle',
  waiting: (db, { organizationId }) => countWaiting(db, { organizationId, kind: 'fault' }),
};

export const waitingMessagesQueue: DeskQueue = {
  key: 'requests.messages',
  label: 'Wiadomości czekające na odpowiedź',
  href: '/panel/wiadomosci?status=oczekuje',
  capability: 'requests.handle',
  waiting: (db, { organizationId }) => countWaiting(db, { organizationId, kind: 'message' }),
};
