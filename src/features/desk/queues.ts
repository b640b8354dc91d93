import { passwordRequestsQueue } from '../accounts/desk.ts';
import { activationRequestsQueue } from '../activation/desk.ts';
import { unmatchedCreditsQueue } from '../bank/desk.ts';
import { pendingBookingsQueue } from '../bookings/desk.ts';
import { consentScansQueue, printQueue } from '../correspondence/desk.ts';
import { noticesToMark } from '../fee-changes/desk.ts';
import { certificateRequestsQueue } from '../ledger/desk.ts';
import { flaggedReadingsQueue, personsDeclarationsQueue } from '../media/desk.ts';
import { newFaultsQueue, waitingMessagesQueue } from '../requests/desk.ts';
import type { DeskQueue } from './desk-queue.ts';

/**
 * Every queue of waiting work, in the order the desk shows them. A feature that adds a queue
 * exports a `DeskQueue` and adds it here (one line).
 */
export const deskQueues: readonly DeskQueue[] = [
  activationRequestsQueue,
  passwordRequestsQueue,
  consentScansQueue,
  printQueue,
  noticesToMark,
  newFaultsQueue,
  waitingMessagesQueue,
  unmatchedCreditsQueue,
  flaggedReadingsQueue,
  personsDeclarationsQueue,
  certificateRequestsQueue,
  pendingBookingsQueue,
];
