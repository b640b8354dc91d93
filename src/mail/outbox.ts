/**
 * Moved to features/outbox/. Kept only so that activation and accounts (converted in the same
 * wave) still compile; the integrator removes this file once they import from
 * features/outbox/outbox.ts themselves.
 */
export { enqueueMail, senderFor } from '../features/outbox/outbox.ts';
