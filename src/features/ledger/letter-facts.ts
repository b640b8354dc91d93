/**
 * The ledger's door for personalised letters (correspondence): for many units at once, the
 * balance on a day, the next due date, the unit's account number, the payment QR text for the
 * amount due and the monthly fee by component. One statement for the balances and one read of
 * the fees, whatever the number of units.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import type { Organization } from '../organizations/queries.ts';
import { listUnitBases } from '../units/unit-facts.ts';
import { type FeeLine, feeLines } from './fees.ts';
import { listFeeComponents, listFeeRates } from './queries.ts';
import type { FeeBasisValues } from './rules/fees.ts';
import { nextMonthStart } from './rules/months.ts';
import { paymentQrString, transferTitle, virtualNrb } from './rules/transfer.ts';
import { chargeDueDate } from './rules/working-days.ts';
import { ledgerSettingsOf } from './settings.ts';

export interface UnitLetterFacts {
  /** Grosze owed on the day (> 0 owed, < 0 overpaid). */
  balance: number;
  /** The first due day on or after the day. */
  dueDate: string;
  /** The unit's own account (or the organization's); undefined when neither is set. */
  nrb: string | undefined;
  /** Payment QR text for what is owed; undefined when nothing is owed or it does not fit. */
  qrText: string | undefined;
  /** The monthly fee on the day, by component. */
  fee: { lines: FeeLine[]; total: number; basis: FeeBasisValues };
}

/**
 * The first due date on or after `day`: the organization's due day of a month, moved to the next
 * working day as charges are (art. 115 KC).
 */
export function nextDueDate(day: string, dueDay: number): string {
  const thisMonth = chargeDueDate(day.slice(0, 7), dueDay);
  return thisMonth >= day ? thisMonth : chargeDueDate(nextMonthStart(day).slice(0, 7), dueDay);
}

export async function unitLetterFacts(
  db: Db,
  {
    organization,
    units,
    asOf,
  }: { organization: Organization; units: readonly { unitId: number; label: string }[]; asOf: string },
): Promise<Map<number, UnitLetterFacts>> {
  const organizationId = organization.id;
  const unitIds = [...new Set(units.map((u) => u.unitId))];
  const facts = new Map<number, UnitLetterFacts>();
  if (unitIds.length === 0) return facts;
  const [balanceRows, bases, components, rates] = await readTogether(db, [
    () =>
      queryRows<{ unit_id: string; balance: string }>(
        db,
        sql`select unit_id::text, sum(amount)::text as balance from ledger_entries
          where organization_id = ${organizationId}
            and unit_id = any(${sql.param(unitIds.map(String))}::text[]::bigint[])
            and value_date <= ${asOf}::date
          group by unit_id`,
      ),
    () => listUnitBases(db, { organizationId, day: asOf }),
    () => listFeeComponents(db, { organizationId }),
    () => listFeeRates(db, { organizationId }),
  ]);
  const balances = new Map(balanceRows.map((r) => [Number(r.unit_id), Number(r.balance)]));
  const basesById = new Map(bases.map((b) => [b.unitId, b]));
  const settings = ledgerSettingsOf(organization);
  const dueDate = nextDueDate(asOf, settings.dueDay);
  for (const unit of units) {
    if (facts.has(unit.unitId)) continue;
    const balance = balances.get(unit.unitId) ?? 0;
    const nrb = settings.virtualAccountPrefix
      ? virtualNrb(settings.virtualAccountPrefix, unit.unitId)
      : (organization.bankAccount ?? undefined);
    const qrText =
      nrb && balance > 0
        ? paymentQrString({
            nip: settings.taxId,
            nrb,
            amount: balance,
            recipient: organization.shortName,
            title: transferTitle(unit.label, unit.unitId),
          })
        : undefined;
    const basis = basesById.get(unit.unitId);
    const lines = basis ? feeLines(components, rates, basis, asOf) : [];
    facts.set(unit.unitId, {
      balance,
      dueDate,
      nrb,
      qrText,
      fee: {
        lines,
        total: lines.reduce((s, l) => s + l.amount, 0),
        basis: { areaHundredths: basis?.areaHundredths ?? 0, personsCount: basis?.personsCount ?? 0 },
      },
    });
  }
  return facts;
}
