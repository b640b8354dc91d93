import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.ts';
import { accounts } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { persons } from '../units/schema.ts';

export type ActivationStatus = 'awaiting_email' | 'pending' | 'approved' | 'rejected' | 'expired';

/**
 * Remote applications for e-BOK: the applicant's data and two scans (signed form, ID). The scans'
 * bytes are deleted as soon as the request is decided or purged (RODO); the decision stays.
 */
export const activationRequests = pgTable(
  'activation_requests',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    status: text().$type<ActivationStatus>().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    pesel: text(),
    unitAddress: text().notNull(),
    email: text().notNull(),
    phone: text(),
    emailTokenHash: text(),
    emailTokenExpiresAt: timestamp({ withTimezone: true }),
    emailConfirmedAt: timestamp({ withTimezone: true }),
    formScan: bytea(),
    formScanType: text(),
    idScan: bytea(),
    idScanType: text(),
    /** Bytes of both scans, kept after the scans are deleted. */
    scanBytes: integer().notNull().default(0),
    personId: bigint({ mode: 'number' }).references(() => persons.id),
    accountId: bigint({ mode: 'number' }).references(() => accounts.id),
    decidedBy: bigint({ mode: 'number' }).references(() => accounts.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
    scansDeletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('activation_requests_org_status').on(t.organizationId, t.status, t.createdAt),
    uniqueIndex('activation_requests_token').on(t.emailTokenHash),
  ],
);
