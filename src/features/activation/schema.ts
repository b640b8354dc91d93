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

/**
 * How the cooperative verified the identity of a person before opening an account or handing
 * over a new starting password at the desk (no document numbers).
 */
export const identityVerifications = pgTable(
  'identity_verifications',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    personId: bigint({ mode: 'number' })
      .notNull()
      .references(() => persons.id),
    accountId: bigint({ mode: 'number' }).references(() => accounts.id),
    method: text().$type<'desk' | 'remote'>().notNull(),
    purpose: text().$type<'activation' | 'password_reset'>().notNull().default('activation'),
    /** `dowód osobisty`, `paszport`, … — the kind only, never its number. */
    documentType: text().notNull(),
    verifiedBy: bigint({ mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    verifiedAt: timestamp({ withTimezone: true }).notNull(),
    /** When the printed activation form was signed at the desk (null for remote: the scan is the form). */
    formSignedAt: timestamp({ withTimezone: true }),
    termsVersion: integer(),
  },
  (t) => [index('identity_verifications_person').on(t.organizationId, t.personId)],
);

export type ResetStatus = 'pending' | 'done' | 'dismissed';

/** "I forgot my password" requests waiting for staff; the answer to the member is always the same. */
export const passwordResetRequests = pgTable(
  'password_reset_requests',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** What the person typed (login or e-mail), for staff to recognise the request. */
    typed: text().notNull(),
    accountId: bigint({ mode: 'number' }).references(() => accounts.id),
    status: text().$type<ResetStatus>().notNull().default('pending'),
    handledBy: bigint({ mode: 'number' }).references(() => accounts.id),
    handledAt: timestamp({ withTimezone: true }),
    outcome: text(),
    ip: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('password_reset_requests_org_status').on(t.organizationId, t.status)],
);

/** Single-use links sent by e-mail (address change, self-service reset), stored as hashes. */
export const emailTokens = pgTable('email_tokens', {
  tokenHash: text().primaryKey(),
  organizationId: bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id),
  purpose: text().$type<'email_change' | 'password_reset'>().notNull(),
  accountId: bigint({ mode: 'number' })
    .notNull()
    .references(() => accounts.id),
  email: text(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});
