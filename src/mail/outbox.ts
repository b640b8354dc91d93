/**
 * Moved to features/outbox/. Kept only so that features not yet converted in this wave
 * (activation, accounts, correspondence) still compile; the integrator removes this file once
 * they import from features/outbox/ themselves.
 */
export {
  claimDueMessages,
  enqueueMail,
  enqueueMails,
  messageIdDomain,
  type OutboxMessage,
  type QueuedMail,
  senderFor,
} from '../features/outbox/outbox.ts';
