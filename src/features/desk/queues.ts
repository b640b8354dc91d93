import { passwordRequestsQueue } from '../accounts/desk.ts';
import { activationRequestsQueue } from '../activation/desk.ts';
import { consentScansQueue, printQueue } from '../correspondence/desk.ts';
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
];
