import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/schema.ts';
import { outboxMessages } from '../outbox/schema.ts';
import { siteFiles } from '../site/schema.ts';
import { persons, units } from '../units/schema.ts';
import type { FieldValue } from './personal/fields.ts';

export type ConsentMethod = 'desk' | 'scan' | 'online';
/** `pending`: waits for the address to be confirmed by its link; only `given` has effect. */
export type ConsentState = 'pending' | 'given' | 'withdrawn' | 'superseded' | 'expired';

/**
 * Consents to electronic correspondence, one row per declaration: the history is the rows of a
 * person. At most one row of a person is `given` at a time, and a `given` row always has its
 * address confirmed (a check constraint, so no code path can make an unconfirmed address count).
 */
export const consents = pgTable(
  'correspondence_consents',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    personId: bigint({ mode: 'number' })
      .notNull()
      .references(() => persons.id),
    channel: text().$type<'email'>().notNull().default('email'),
    email: text().notNull(),
    method: text().$type<ConsentMethod>().notNull(),
    /** Version of the declaration's text (documents feature) the person signed or accepted. */
    textVersion: integer().notNull(),
    state: text().$type<ConsentState>().notNull().default('pending'),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    /** Staff account that recorded it; null when the member gave it online. */
    recordedByAccountId: bigint({ mode: 'number' }),
    recordedByLabel: text().notNull(),
    addressConfirmedAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnByLabel: text(),
    withdrawnMethod: text().$type<'desk' | 'online'>(),
    scanId: bigint({ mode: 'number' }),
  },
  (t) => [
    index('correspondence_consents_person').on(t.organizationId, t.personId, t.id),
    uniqueIndex('correspondence_consents_one_given').on(t.personId).where(sql`state = 'given'`),
    check('correspondence_consents_given_confirmed', sql`state <> 'given' or address_confirmed_at is not null`),
  ],
);

/** Single-use links that confirm a consent's address; only a hash of the token is kept. */
export const consentTokens = pgTable('correspondence_consent_tokens', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  organizationId: bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id),
  consentId: bigint({ mode: 'number' })
    .notNull()
    .references(() => consents.id),
  tokenHash: text().notNull().unique(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});

/** `expired`: left undecided for 30 days, its files purged (RODO). */
export type ScanState = 'pending' | 'accepted' | 'rejected' | 'expired';
/** `ebok`: a signed-in member's declaration; `public`: from the public form, with an ID scan. */
export type ScanSource = 'ebok' | 'public';

/**
 * Signed declarations sent as scans, waiting for staff: from e-BOK (the member's person is known)
 * or from the public form (name and unit address typed, an ID scan attached; staff match the
 * person in the register when accepting). The files go with the decision, or after 30 days.
 */
export const consentScans = pgTable(
  'correspondence_consent_scans',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    source: text().$type<ScanSource>().notNull().default('ebok'),
    /** Known from the start in e-BOK; chosen by staff on acceptance for the public form. */
    personId: bigint({ mode: 'number' }).references(() => persons.id),
    /** As typed in the public form. */
    firstName: text(),
    lastName: text(),
    unitAddress: text(),
    email: text().notNull(),
    /** The declaration's scan in site_files; null once purged. */
    fileId: bigint({ mode: 'number' }).references(() => siteFiles.id, { onDelete: 'set null' }),
    fileName: text().notNull(),
    /** The ID's scan (public form only); null once purged. */
    idFileId: bigint({ mode: 'number' }).references(() => siteFiles.id, { onDelete: 'set null' }),
    state: text().$type<ScanState>().notNull().default('pending'),
    reason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedByLabel: text(),
  },
  (t) => [
    index('correspondence_consent_scans_queue').on(t.organizationId, t.state, t.id),
    index('correspondence_consent_scans_stale').on(t.state, t.createdAt),
  ],
);

export type LetterState = 'draft' | 'scheduled' | 'sent';

/**
 * Who a letter goes to (resolved in audience.ts). Chosen units and persons may be empty while the
 * letter is a draft: the clerk picks them on the draft's page. Debtors: units whose balance on
 * `asOf` is above `threshold` grosze (from the ledger), reaching their holders on that day.
 */
export type Audience =
  | { kind: 'all' }
  | { kind: 'building'; buildingId: number }
  | { kind: 'units'; unitIds: number[] }
  | { kind: 'persons'; personIds: number[] }
  | { kind: 'debtors'; asOf: string; threshold: number };

export type AudienceKind = Audience['kind'];

export const letters = pgTable(
  'correspondence_letters',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    subject: text().notNull(),
    bodyMarkdown: text().notNull(),
    audience: jsonb().$type<Audience>().notNull(),
    state: text().$type<LetterState>().notNull().default('draft'),
    scheduledAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdByLabel: text().notNull(),
    /**
     * Set when a feature sends a personalised letter of its own (personal/send.ts), e.g.
     * `fees.notice:12`: the same key again adds no letter and no second delivery.
     */
    sourceKey: text(),
  },
  (t) => [
    index('correspondence_letters_org').on(t.organizationId, t.id),
    index('correspondence_letters_due').on(t.state, t.scheduledAt),
    uniqueIndex('correspondence_letters_source_key')
      .on(t.organizationId, t.sourceKey)
      .where(sql`source_key is not null`),
  ],
);

export const letterAttachments = pgTable('correspondence_letter_attachments', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  organizationId: bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id),
  letterId: bigint({ mode: 'number' })
    .notNull()
    .references(() => letters.id),
  fileId: bigint({ mode: 'number' })
    .notNull()
    .references(() => siteFiles.id),
  name: text().notNull(),
  size: integer().notNull(),
});

export type DeliveryChannel = 'email' | 'paper';
/**
 * e-mail: `queued` → `sent` | `failed` (then the channel becomes paper, `to_print`);
 * paper: `to_print` → `printed`. The e-mail states follow the outbox by a trigger.
 */
export type DeliveryState = 'queued' | 'sent' | 'to_print' | 'printed';

/**
 * One letter to one person by one channel; unique per letter and person (and unit, for a
 * personalised letter: one delivery per unit the person holds, each with that unit's figures),
 * so nothing is doubled.
 */
export const deliveries = pgTable(
  'correspondence_deliveries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    letterId: bigint({ mode: 'number' })
      .notNull()
      .references(() => letters.id),
    personId: bigint({ mode: 'number' })
      .notNull()
      .references(() => persons.id),
    /** Name and postal address at sending time, for the envelope. */
    recipientName: text().notNull(),
    postalAddress: text().notNull(),
    channel: text().$type<DeliveryChannel>().notNull(),
    email: text(),
    state: text().$type<DeliveryState>().notNull(),
    outboxMessageId: bigint({ mode: 'number' }).references(() => outboxMessages.id),
    /** Why the e-mail did not go (then delivered on paper). */
    emailError: text(),
    readAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    printedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** A personalised letter: the unit whose figures it carries. */
    unitId: bigint({ mode: 'number' }).references(() => units.id),
    /** A personalised letter: the values of its fields for this recipient, as sent (personal/fields.ts). */
    fields: jsonb().$type<Record<string, FieldValue>>(),
    /** A personalised letter sent with its PDF: that PDF (the e-mail's attachment, e-BOK's copy). */
    fileId: bigint({ mode: 'number' }).references(() => siteFiles.id),
  },
  (t) => [
    uniqueIndex('correspondence_deliveries_letter_person_unit').on(
      t.letterId,
      t.personId,
      sql`coalesce(${t.unitId}, 0)`,
    ),
    index('correspondence_deliveries_person').on(t.organizationId, t.personId, t.id),
    index('correspondence_deliveries_print').on(t.organizationId, t.state),
    index('correspondence_deliveries_outbox').on(t.outboxMessageId),
  ],
);
