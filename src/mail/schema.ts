/**
 * Moved to features/outbox/schema.ts. Kept only so that correspondence (its schema and tests)
 * still compiles until it imports from there; the integrator removes this file.
 */
export { type OutboxStatus, outboxMessages } from '../features/outbox/schema.ts';
