/**
 * The ledger's door for money that arrives by bank (the bank feature's statement import and its
 * queue of unmatched credits): which unit a virtual account belongs to, the cooperative's own
 * accounts, payments booked under a bank reference, and booking payments and refunds inside the
 * caller's transaction (the statement and its payments are one transaction).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { normalizeNrb } from '../../lib/nrb.ts';
import type { Organization } from '../organizations/queries.ts';
import { unitDebt } from './debt.ts';
import { insertEntries, type NewEntry } from './queries.ts';
import { ledgerSettingsOf } from './settings.ts';

/**
 * The unit whose virtual account an account is (see rules/transfer.ts virtualNrb: the prefix,
 * then the unit's number padded with zeros), or undefined for any other account; the
 * organization's settings are read once (a statement asks for every credit).
 */
export function virtualAccountsOf(organization: Organization): (nrb: string) => number | undefined {
  const prefix = ledgerSettingsOf(organization).virtualAccountPrefix;
  if (!prefix) return () => undefined;
  return (nrb) => {
    const digits = normalizeNrb(nrb);
    if (!/^\d{26}$/.test(digits) || !digits.startsWith(prefix, 2)) return undefined;
    const unit = Number(digits.slice(2 + prefix.length));
    return Number.isSafeInteger(unit) && unit > 0 ? unit : undefined;
  };
}

/** The cooperative's own accounts (the organization's account and further ones in the settings), as NRB digits. */
export function cooperativeAccounts(organization: Organization): string[] {
  const accounts = [organization.bankAccount ?? '', ...ledgerSettingsOf(organization).bankAccounts];
  return [...new Set(accounts.map(normalizeNrb).filter((a) => /^\d{26}$/.test(a)))];
}

/** A payment already in the ledger under a reference. */
export interface BookedPayment {
  entryId: number;
  unitId: number;
  amount: number;
  valueDate: string;
}

/**
 * Payments booked under these references (the bank's or an import's reference, as
 * `payment:<reference>` by staff and the CSV import), by reference.
 */
export async function paymentsByReference(
  db: Db,
  { organizationId, references }: { organizationId: number; references: string[] },
): Promise<Map<string, BookedPayment>> {
  const found = new Map<string, BookedPayment>();
  for (let i = 0; i < references.length; i += 50_000) {
    const refs = references.slice(i, i + 50_000).map((r) => `payment:${r}`);
    const rows = await queryRows<{
      id: string;
      unit_id: string;
      amount: string;
      value_date: string;
      source_ref: string;
    }>(
      db,
      // One probe of the (organization, reference) index per reference, whatever the planner
      // knows of the ledger: with `= any(array)` a ledger not yet analysed was read whole for
      // every chunk of a bank statement. `offset 0` keeps the subquery from becoming a join,
      // and the kind is checked outside it: inside, statistics that said payments were rare
      // (taken before a first statement) led the planner to the index by kind, which reads every
      // payment for each reference.
      sql`select e.id::text, e.unit_id::text, e.amount::text, e.value_date::text, e.source_ref
          from unnest(${sql.param(refs)}::text[]) as r(ref)
          cross join lateral (
            select id, unit_id, amount, value_date, source_ref, kind from ledger_entries
            where organization_id = ${organizationId} and source_ref = r.ref
            offset 0) e
          where e.kind = 'payment'`,
    );
    for (const r of rows) {
      found.set(r.source_ref.slice('payment:'.length), {
        entryId: Number(r.id),
        unitId: Number(r.unit_id),
        amount: -Number(r.amount),
        valueDate: r.value_date,
      });
    }
  }
  return found;
}

export interface BankPayment {
  unitId: number;
  /** The bank's booking date: the payment's booking and value date. */
  date: string;
  /** Grosze, > 0. */
  amount: number;
  /** The transfer title as the bank gave it. */
  description: string;
  /** Unique in the organization (`bank:<entry key>`): booking it twice is a no-op. */
  sourceRef: string;
}

/** Books payments from a bank statement; returns the ids of those booked, by source reference. */
export async function bookBankPayments(
  db: Db,
  { organizationId, payments }: { organizationId: number; payments: BankPayment[] },
): Promise<Map<string, number>> {
  const entries: NewEntry[] = payments.map((p) => {
    if (!(p.amount > 0)) throw new Error('a bank payment must be positive');
    return {
      unitId: p.unitId,
      bookingDate: p.date,
      valueDate: p.date,
      kind: 'payment',
      componentId: null,
      amount: -p.amount,
      description: (p.description || 'Wpłata').slice(0, 500),
      dueDate: null,
      source: 'bank',
      sourceRef: p.sourceRef,
      correctsEntryId: null,
    };
  });
  return insertEntries(db, { organizationId, entries });
}

/**
 * Books money paid out to a unit's holder (a refund of an overpayment shown as a debit on the
 * statement): a correction entry that raises the balance by the amount.
 */
export async function bookBankRefund(
  db: Db,
  {
    organizationId,
    unitId,
    date,
    amount,
    description,
    sourceRef,
  }: { organizationId: number; unitId: number; date: string; amount: number; description: string; sourceRef: string },
): Promise<number | undefined> {
  if (!(amount > 0)) throw new Error('a refund must be positive');
  const ids = await insertEntries(db, {
    organizationId,
    entries: [
      {
        unitId,
        bookingDate: date,
        valueDate: date,
        kind: 'correction',
        componentId: null,
        amount,
        description: description.slice(0, 500),
        dueDate: null,
        source: 'bank',
        sourceRef,
        correctsEntryId: null,
      },
    ],
  });
  return ids.get(sourceRef);
}

/** A charge of a unit not paid in full on a day: what a payer may point a payment at (art. 451 § 1 KC). */
export interface OpenCharge {
  entryId: number;
  unitId: number;
  description: string;
  /** Effective due date (art. 115 KC). */
  dueDate: string;
  /** Grosze still unpaid. */
  remaining: number;
}

/** Each unit's open charges on `asOf`, oldest due first, by the same allocation as every balance. */
export async function openCharges(
  db: Db,
  { organization, unitIds, asOf }: { organization: Organization; unitIds: number[]; asOf: string },
): Promise<Map<number, OpenCharge[]>> {
  const settings = ledgerSettingsOf(organization);
  const found = new Map<number, OpenCharge[]>();
  for (const unitId of new Set(unitIds)) {
    const debt = await unitDebt(db, { organizationId: organization.id, unitId, asOf, settings, full: true });
    found.set(
      unitId,
      debt.debts
        // Positive ids are ledger entries (the opening balance has none).
        .filter((d) => d.remaining > 0 && d.id > 0)
        .map((d) => ({
          entryId: d.id,
          unitId,
          description: d.description ?? 'należność',
          dueDate: d.dueDate,
          remaining: d.remaining,
        })),
    );
  }
  return found;
}
