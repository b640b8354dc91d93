/**
 * What an accountant does about debt: books statutory interest as a ledger entry (never done
 * automatically), records the payer's own indication of what a payment pays (art. 451 § 1 KC),
 * and, for the administrator, keeps the statutory rate table and the organization's debt settings.
 * Each change and its audit row in one transaction.
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { ValidationError } from '../../errors.ts';
import { formatCalendarDate } from '../../lib/format.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { audited } from './audited.ts';
import { holderDebts } from './debt.ts';
import { insertIndication, lastInterestBooking, replaceInterestRates } from './debt-queries.ts';
import { findEntry, insertEntries } from './queries.ts';
import { type RateRow, rateTableProblem } from './rules/interest.ts';
import { addDays } from './rules/months.ts';
import type { LedgerSettingKeys, LedgerSettings } from './settings.ts';

/**
 * Books the current holders' statutory interest on `asOf` as one `interest` entry, due in 14
 * days. From the next day interest counts again from zero (the booked sum bears none, art. 482
 * KC). The previous holders' interest is not booked on the unit: it is their debt, not the
 * current holders'. A second booking for the same day is refused.
 */
export async function bookInterest(
  db: Db,
  { actor, unitId, asOf, settings }: { actor: Actor; unitId: number; asOf: string; settings: LedgerSettings },
): Promise<number> {
  const organizationId = actor.organizationId;
  const last = await lastInterestBooking(db, { organizationId, unitId });
  if (last !== undefined && asOf <= last) {
    throw new ValidationError([
      {
        field: 'dzien',
        message: `Odsetki są już zaksięgowane do ${formatCalendarDate(last)}; wybierz późniejszy dzień.`,
      },
    ]);
  }
  const periods = await holderDebts(db, { organizationId, unitId, asOf, settings, startDate: settings.startDate });
  const current = periods.at(-1);
  const amount = current && current.lastDay === asOf ? current.debt.interest : 0;
  if (amount <= 0) {
    throw new ValidationError([
      { field: 'dzien', message: 'Na ten dzień obecni posiadacze nie mają odsetek do zaksięgowania.' },
    ]);
  }
  return audited(db, actor, { action: 'ledger.interest', unitId, detail: { amount, asOf } }, async (tx) => {
    const inserted = await insertEntries(tx, {
      organizationId,
      entries: [
        {
          unitId,
          bookingDate: asOf,
          valueDate: asOf,
          kind: 'interest',
          componentId: null,
          amount,
          description: `Odsetki ustawowe za opóźnienie do ${formatCalendarDate(asOf)}`,
          dueDate: addDays(asOf, 14),
          source: 'interest_booking',
          sourceRef: `interest:${unitId}:${asOf}`,
          correctsEntryId: null,
        },
      ],
    });
    const id = inserted.get(`interest:${unitId}:${asOf}`);
    if (id === undefined) {
      throw new ValidationError([{ field: 'dzien', message: 'Odsetki na ten dzień są już zaksięgowane.' }]);
    }
    return id;
  });
}

/** Records that the payer said what a payment pays; both entries must be this unit's. */
export async function recordIndication(
  db: Db,
  { actor, unitId, paymentId, debtId }: { actor: Actor; unitId: number; paymentId: number; debtId: number },
): Promise<void> {
  const organizationId = actor.organizationId;
  const [payment, debt] = await readTogether(db, [
    () => findEntry(db, { organizationId, entryId: paymentId }),
    () => findEntry(db, { organizationId, entryId: debtId }),
  ]);
  if (!payment || payment.unitId !== unitId || payment.amount >= 0) {
    throw new ValidationError([{ field: 'wplata', message: 'Wybierz wpłatę tego lokalu.' }]);
  }
  if (!debt || debt.unitId !== unitId || debt.amount <= 0) {
    throw new ValidationError([{ field: 'naleznosc', message: 'Wybierz należność tego lokalu.' }]);
  }
  await audited(db, actor, { action: 'ledger.indication', unitId, detail: { paymentId, debtId } }, (tx) =>
    insertIndication(tx, { organizationId, unitId, paymentEntryId: paymentId, debtEntryId: debtId }),
  );
}

/** Replaces the rate table; a gap or an overlap is refused at the `stawki` field. */
export async function saveInterestRates(db: Db, { actor, rows }: { actor: Actor; rows: RateRow[] }): Promise<void> {
  const sorted = [...rows].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const problem = rateTableProblem(sorted);
  if (problem) throw new ValidationError([{ field: 'stawki', message: problem }]);
  await db.transaction(async (tx) => {
    await replaceInterestRates(tx, { organizationId: actor.organizationId, rows: sorted });
    await recordAudit(tx, {
      ...actor,
      action: 'ledger.interest_rates',
      subjectType: 'organization',
      subjectId: actor.organizationId,
      detail: { rows: sorted.length, latest: sorted.at(-1) },
    });
  });
}

/** The organization's debt settings: the due day, interest at all and from what amount, the settlement split. */
export async function saveDebtSettings(
  db: Db,
  {
    actor,
    settings,
  }: {
    actor: Actor;
    settings: Required<
      Pick<LedgerSettingKeys, 'interestEnabled' | 'interestMinimum' | 'ledgerDueDay' | 'settlementSplit'>
    >;
  },
): Promise<void> {
  if (settings.ledgerDueDay < 1 || settings.ledgerDueDay > 28) {
    throw new ValidationError([{ field: 'termin', message: 'Dzień płatności: od 1 do 28.' }]);
  }
  await db.transaction(async (tx) => {
    // The ledger's keys live beside the organization's own in its settings JSON (settings.ts).
    await updateOrganizationSettings(tx, actor.organizationId, settings as Partial<Organization['settings']>);
    await recordAudit(tx, {
      ...actor,
      action: 'ledger.debt_settings',
      subjectType: 'organization',
      subjectId: actor.organizationId,
      detail: settings,
    });
  });
}
