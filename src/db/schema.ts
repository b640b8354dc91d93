// Every table of the application, gathered for Drizzle and drizzle-kit.
// Features own their tables; other features call their functions, never these tables.

export * from '../features/accounts/schema.ts';
export * from '../features/activation/schema.ts';
export * from '../features/audit/schema.ts';
export * from '../features/bank/schema.ts';
export * from '../features/bookings/schema.ts';
export * from '../features/correspondence/schema.ts';
export * from '../features/correspondence/templates/schema.ts';
export * from '../features/documents/schema.ts';
export * from '../features/fee-changes/schema.ts';
export * from '../features/ledger/schema.ts';
export * from '../features/media/schema.ts';
export * from '../features/member-documents/schema.ts';
export * from '../features/organizations/schema.ts';
export * from '../features/outbox/schema.ts';
export * from '../features/reminders/schema.ts';
export * from '../features/requests/schema.ts';
export * from '../features/site/schema.ts';
export * from '../features/units/schema.ts';
export * from '../ops/backup/schema.ts';
