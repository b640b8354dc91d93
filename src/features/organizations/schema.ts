import { sql } from 'drizzle-orm';
import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Organization-wide settings kept as JSON; every key is optional and has a default in code. */
export interface OrganizationSettings {
  /** Date from which the ledger starts (opening balances are booked on it), YYYY-MM-DD. */
  ledgerStartDate?: string;
  /** Office opening hours shown on the contact page, one line per entry. */
  officeHours?: string[];
  /** Days a starting password works (default 14). */
  temporaryPasswordDays?: number;
  /** Members may reset a forgotten password themselves by a link to their activation e-mail (default off). */
  selfServiceReset?: boolean;
  /** Sign-out after this many minutes without a request (default 15). */
  sessionIdleMinutes?: number;
  /** Sign-out this many hours after sign-in whatever happens (default 8). */
  sessionAbsoluteHours?: number;
  /** Visitors counted before this site (e.g. on the old one); the footer counter starts from it. */
  visitorCountStart?: number;
  /** Emergency numbers (pogotowie techniczne, gaz, dźwigi) shown in the site's footer and in e-BOK. */
  emergencyPhones?: { label: string; phone: string }[];
  /** The organization's look (features/branding): colours `#rrggbb` and the logo's stored file. */
  branding?: {
    primaryColor?: string;
    darkColor?: string;
    logoFileId?: number;
    /** The logo's file key, also the version in its address. */
    logoKey?: string;
  };
}

/** The tenant: a housing cooperative (spółdzielnia) or community (wspólnota). */
export const organizations = pgTable('organizations', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** Short, URL-safe identifier used by the CLI, e.g. `paderewski`. */
  slug: text().notNull().unique(),
  name: text().notNull(),
  shortName: text().notNull(),
  street: text().notNull(),
  postcode: text().notNull(),
  city: text().notNull(),
  phone: text(),
  fax: text(),
  email: text(),
  /** The organization's own bank account (NRB, 26 digits, no spaces). */
  bankAccount: text(),
  /** Host name this organization's site answers on; null for the default organization. */
  hostname: text().unique(),
  settings: jsonb().$type<OrganizationSettings>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Instance-wide secrets generated on first start (e.g. the session key outside production). */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
