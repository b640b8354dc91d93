import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/schema.ts';
import { persons } from '../units/schema.ts';

export const accountKinds = ['member', 'staff'] as const;
export type AccountKind = (typeof accountKinds)[number];

export const staffRoles = ['admin', 'clerk', 'accountant', 'editor'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Logins of members (e-BOK) and staff (back office), per organization. */
export const accounts = pgTable(
  'accounts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    kind: text().$type<AccountKind>().notNull(),
    /** Unique per organization, compared case-insensitively. */
    login: text().notNull(),
    displayName: text().notNull(),
    /** argon2id PHC string; its parameters travel with it so they can be raised later. */
    passwordHash: text().notNull(),
    status: text().$type<'active' | 'disabled'>().notNull().default('active'),
    /** Set for starting passwords: the account can do nothing but choose a new password. */
    mustChangePassword: boolean().notNull().default(false),
    /** When a starting password stops working. */
    passwordExpiresAt: timestamp({ withTimezone: true }),
    /**
     * When the starting password was used to sign in: it works once, and that session can only
     * set a new password. Cleared when a new starting password is issued.
     */
    temporaryPasswordUsedAt: timestamp({ withTimezone: true }),
    roles: text().array().$type<StaffRole[]>().notNull().default(sql`'{}'::text[]`),
    /** The member's person in the register (members only). */
    personId: bigint({ mode: 'number' }).references(() => persons.id),
    /** The e-mail given in the activation form: new passwords go there. */
    activationEmail: text(),
    phone: text(),
    /** TOTP secret, encrypted with AES-256-GCM (lib/secret-box.ts). */
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** Last accepted TOTP time step: a code is never accepted twice. */
    totpLastTimeStep: bigint({ mode: 'number' }),
    failedAttempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_org_login').on(t.organizationId, sql`lower(${t.login})`),
    index('accounts_org_person').on(t.organizationId, t.personId),
    /** The few staff among thousands of members: the back office lists them on every queue page. */
    index('accounts_org_staff').on(t.organizationId, t.login).where(sql`${t.kind} = 'staff'`),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    accountId: bigint({ mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** What the session may do: `full`, or the step of sign-in still to take. */
    stage: text().$type<SessionStage>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

export type SessionStage = 'full' | 'mfa' | 'password_change' | 'mfa_enrolment';

/** Single-use recovery codes for two-factor authentication, hashed. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    accountId: bigint({ mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('recovery_codes_account').on(t.accountId)],
);

/** Fixed-window request counters shared by every process (rate limits per IP). */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
});

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
