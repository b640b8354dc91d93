import { noticesToMark } from '../fee-changes/desk.ts';
import type { DeskQueue } from './desk-queue.ts';

/**
 * Every queue of waiting work, in the order the desk shows them. A feature that adds a queue
 * exports a `DeskQueue` and adds it here (one line).
 */
export const deskQueues: readonly DeskQueue[] = [noticesToMark];
