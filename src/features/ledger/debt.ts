/**
 * A unit's debt as the law counts it, on any day: the art. 451 KC allocation of its payments, what
 * is overdue and what is current, the overpayment, and statutory interest per unpaid debt
 * (informative until an accountant books it). One function for every page that shows a balance.
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { listHolderPeriods, listHolderPeriodsOfUnits } from '../units/holder-periods.ts';
import { type LastMonth, loadDebtInputs } from './debt-inputs.ts';
import { type DebtInput, listDebtorCandidates, loadInterestRates } from './debt-queries.ts';
import { allocate, type DebtPosition, type DebtState, debtPosition } from './rules/allocation.ts';
import { type HolderSegment, holderSegments, type RightPeriod, segmentLastDay } from './rules/holder-segments.ts';
import { type DebtInterest, interestAsOf, type RateRow } from './rules/interest.ts';
import type { LedgerSettings } from './settings.ts';

export interface UnitDebt extends DebtPosition {
  asOf: string;
  /** Interest per debt still unpaid on the day (empty when the organization counts none). */
  interestLines: DebtInterest[];
  /** Sum of the lines, or 0 below the organization's minimum. */
  interest: number;
  /** Whether the interest was left out for being below the minimum. */
  interestBelowMinimum: boolean;
  /**
   * The allocation, for the unit's history (which payment settled which debt); empty from
   * `unitDebts` for a window owing nothing (`settledDebt`: every debt in it is paid).
   */
  debts: DebtState[];
}

/**
 * The debt of a window whose balance is ≤ 0, without allocating it: nothing overdue or current,
 * no interest, the rest overpaid. Exact because the allocation (rules/allocation.ts) never leaves a
 * credit waiting while a debt is open, whatever the payers' indications, corrections or
 * settlement shares: so when the credits are at least the debts, every debt is paid in full, and
 * on a day no earlier than every entry of the window (interest counts only debts unpaid on the
 * day asked). Property-tested against the allocation (settled-debt.test.ts).
 */
export function settledDebt(balance: number, asOf: string): UnitDebt {
  if (balance > 0) throw new Error('settledDebt: the window owes something');
  return {
    overdue: 0,
    oldestOverdue: undefined,
    current: 0,
    currentDueDate: undefined,
    // 0 − 0 is +0, as the allocation's unspent credit is.
    overpayment: 0 - balance,
    balance,
    asOf,
    interestLines: [],
    interest: 0,
    interestBelowMinimum: false,
    debts: [],
  };
}

export interface DebtQuery {
  organizationId: number;
  unitId: number;
  /** The member's window start (undefined = the whole history). */
  from?: string | undefined;
  asOf: string;
  /** The window's last day when it ends before `asOf` (a former holder's period): entries after it are not theirs. */
  to?: string | undefined;
  /** `settlementSplit` how a settlement straddling a holder change is shared (default by days). */
  settings: Pick<LedgerSettings, 'interestEnabled' | 'interestMinimum'> &
    Partial<Pick<LedgerSettings, 'settlementSplit'>>;
  /** The rate table, when the caller computes many units (read once). */
  rates?: RateRow[];
  /** Allocate the whole window (the history shows every entry's allocation). */
  full?: boolean;
}

/** Computes a unit's debt from its own entries (reproducible from the ledger at any time). */
export async function unitDebt(db: Db, query: DebtQuery): Promise<UnitDebt> {
  const to = query.to !== undefined && query.to < query.asOf ? query.to : query.asOf;
  const [[input], rates] = await readTogether(db, [
    () =>
      loadDebtInputs(db, {
        organizationId: query.organizationId,
        windows: [{ unitId: query.unitId, from: query.from, to, until: query.to, asOf: query.asOf }],
        full: query.full,
        split: query.settings.settlementSplit,
      }),
    () =>
      query.rates ? Promise.resolve(query.rates) : loadInterestRates(db, { organizationId: query.organizationId }),
  ]);
  return debtFrom(input as DebtInput, rates, query);
}

/**
 * Several units' debts (the member's start page: every unit they hold or held), their entries
 * read together in the few statements of one `loadDebtInputs`, each allocated on its own exactly
 * as `unitDebt` does, except that a window owing nothing is not read entry by entry nor allocated
 * (`settledDebt`: same figures, no `debts`). All the queries share the organization, settings and
 * rate table.
 */
export async function unitDebts(
  db: Db,
  {
    organizationId,
    settings,
    rates,
    units,
  }: Pick<DebtQuery, 'organizationId' | 'settings'> & {
    rates: RateRow[];
    units: readonly Pick<DebtQuery, 'unitId' | 'from' | 'asOf' | 'to'>[];
  },
): Promise<UnitDebt[]> {
  const windows = units.map((unit) => ({
    unitId: unit.unitId,
    from: unit.from,
    to: unit.to !== undefined && unit.to < unit.asOf ? unit.to : unit.asOf,
    until: unit.to,
    asOf: unit.asOf,
  }));
  const inputs = await loadDebtInputs(db, { organizationId, windows, split: settings.settlementSplit, above: 0 });
  return units.map((unit, i) => {
    const input = inputs[i] as DebtInput;
    return input.balanceOnly !== undefined
      ? settledDebt(input.balanceOnly, unit.asOf)
      : debtFrom(input, rates, { ...unit, settings });
  });
}

/**
 * The debt of a window that cannot cross a holder change (no first day and no end: settlement-
 * shares.ts `mayCross`) and owed nothing at the start of its last day's month, from its balance
 * and that month as one statement of the start page read them (`lastMonthColumns`), with no
 * statement of its own. `loadDebtInputs` would cut at the last month end before that month with
 * a balance ≤ 0, which is the last one with entries (nothing is booked between them), carry that
 * balance in as a credit dated before every entry left, and find no lump in one month: so the
 * month's entries after that credit are the whole input. Undefined when the window owed something
 * at the month's start (then `unitDebts`). Tested against `unitDebt` on random ledgers.
 */
export function lastMonthDebt(
  { balance, lastMonth }: { balance: number; lastMonth: LastMonth },
  rates: readonly RateRow[],
  { asOf, settings }: Pick<DebtQuery, 'asOf' | 'settings'>,
): UnitDebt | undefined {
  const before = balance - lastMonth.items.reduce((sum, item) => sum + item.amount, 0);
  if (before > 0) return undefined;
  const input: DebtInput = {
    opening: before,
    openingDay: lastMonth.start,
    items: lastMonth.items,
    indications: lastMonth.indications,
    interestSince: lastMonth.interestSince,
  };
  return debtFrom(input, rates, { asOf, settings, from: undefined });
}

export function debtFrom(
  input: DebtInput,
  rates: readonly RateRow[],
  { asOf, settings, from }: Pick<DebtQuery, 'asOf' | 'settings' | 'from'>,
): UnitDebt {
  const allocation = allocate(input.items, {
    indications: input.indications,
    opening: input.opening,
    openingDay: input.openingDay,
  });
  const position = debtPosition(allocation, asOf);
  const since = [input.interestSince, from]
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);
  const interestLines = settings.interestEnabled
    ? interestAsOf(allocation.debts, { asOf, rates, since }).filter((line) => line.interest > 0)
    : [];
  const total = interestLines.reduce((sum, line) => sum + line.interest, 0);
  const belowMinimum = total > 0 && total < settings.interestMinimum;
  return {
    ...position,
    asOf,
    interestLines: belowMinimum ? [] : interestLines,
    interest: belowMinimum ? 0 : total,
    interestBelowMinimum: belowMinimum,
    debts: allocation.debts,
  };
}

export interface HolderDebt {
  segment: HolderSegment;
  /** The period's last day counted (its end, or the day asked). */
  lastDay: string;
  debt: UnitDebt;
}

/**
 * A unit's debt per holder period (staff pages, debtors list): each period's own entries, the
 * previous holders' debt under their names, interest on it to the day asked; the unit's balance
 * is the sum of the periods' balances.
 */
export async function holderDebts(
  db: Db,
  query: Omit<DebtQuery, 'from' | 'to'> & { startDate: string },
): Promise<HolderDebt[]> {
  const periods = await listHolderPeriods(db, { organizationId: query.organizationId, unitId: query.unitId });
  const rights = periods.map((p) => ({
    personId: p.personId,
    name: `${p.lastName} ${p.firstName}`,
    validFrom: p.validFrom,
    validTo: p.validTo,
  }));
  const rates = query.rates ?? (await loadInterestRates(db, { organizationId: query.organizationId }));
  const [segments = []] = await segmentDebts(db, { ...query, rates, units: [{ unitId: query.unitId, rights }] });
  return segments.map(({ segment, lastDay, debt }) => ({ segment, lastDay, debt: debt as UnitDebt }));
}

/** A holder period's balance, and its debt unless it is at or below the caller's `above`. */
interface SegmentDebt {
  segment: HolderSegment;
  lastDay: string;
  balance: number;
  debt: UnitDebt | undefined;
}

/**
 * Each unit's holder periods with their debt on `asOf`: the windows of all the units read
 * together (loadDebtInputs), each allocated on its own by the same `debtFrom`. With `above`, a
 * period whose balance is at most that is not allocated (only its balance is known).
 */
async function segmentDebts(
  db: Db,
  query: Omit<DebtQuery, 'from' | 'to' | 'unitId' | 'rates'> & {
    startDate: string;
    rates: RateRow[];
    units: readonly { unitId: number; rights: RightPeriod[] }[];
    above?: number;
  },
): Promise<SegmentDebt[][]> {
  const perUnit = query.units.map(({ unitId, rights }) => ({
    unitId,
    segments: holderSegments(rights, query.startDate)
      .filter((s) => s.from === undefined || s.from <= query.asOf)
      .map((segment) => ({ segment, lastDay: segmentLastDay(segment, query.asOf) })),
  }));
  const windows = perUnit.flatMap((u) =>
    u.segments.map((s) => ({
      unitId: u.unitId,
      from: s.segment.from,
      // segmentLastDay never passes the day asked.
      to: s.lastDay,
      until: s.segment.to === undefined ? undefined : segmentLastDay(s.segment, '9999-12-31'),
      asOf: query.asOf,
    })),
  );
  const inputs = await loadDebtInputs(db, {
    organizationId: query.organizationId,
    windows,
    full: query.full,
    split: query.settings.settlementSplit,
    above: query.above,
  });
  let i = 0;
  return perUnit.map((u) =>
    u.segments.map(({ segment, lastDay }) => {
      const input = inputs[i++] as DebtInput;
      if (input.balanceOnly !== undefined) return { segment, lastDay, balance: input.balanceOnly, debt: undefined };
      const debt = debtFrom(input, query.rates, { ...query, from: segment.from });
      return { segment, lastDay, balance: debt.balance, debt };
    }),
  );
}

export interface DebtorRow {
  unitId: number;
  label: string;
  externalKey: string | null;
  holder: HolderDebt;
  /** The unit's balance on the day: the sum of its holder periods. */
  unitBalance: number;
}

/**
 * The debtors on a day per holder period: each holder period whose balance exceeds the threshold
 * is a row under its holders' names (a previous holder's marked as such), with overdue, current
 * and interest. One statement finds the candidate units; their periods' balances come from their
 * months, and only the periods above the threshold are read entry by entry and allocated, each on
 * its own.
 */
export async function listDebtorsByHolder(
  db: Db,
  query: { organizationId: number; asOf: string; threshold: number; settings: LedgerSettings },
): Promise<DebtorRow[]> {
  const { organizationId, asOf, settings } = query;
  const [candidates, rates] = await readTogether(db, [
    () => listDebtorCandidates(db, query),
    () => loadInterestRates(db, { organizationId }),
  ]);
  const rows: DebtorRow[] = [];
  // In batches of units, each batch in a few statements whatever its size.
  for (let i = 0; i < candidates.length; i += DEBTOR_BATCH) {
    const batch = candidates.slice(i, i + DEBTOR_BATCH);
    const periods = await listHolderPeriodsOfUnits(db, {
      organizationId,
      unitIds: batch.map((u) => u.unitId),
      from: settings.startDate,
      to: '9999-12-31',
    });
    const rightsOf = new Map<number, RightPeriod[]>();
    for (const p of periods) {
      rightsOf.set(p.unitId, [
        ...(rightsOf.get(p.unitId) ?? []),
        { personId: p.personId, name: `${p.lastName} ${p.firstName}`, validFrom: p.validFrom, validTo: p.validTo },
      ]);
    }
    const debts = await segmentDebts(db, {
      organizationId,
      asOf,
      settings,
      startDate: settings.startDate,
      rates,
      units: batch.map((u) => ({ unitId: u.unitId, rights: rightsOf.get(u.unitId) ?? [] })),
      // Only the periods shown are allocated; the others' balances make the unit's total.
      above: query.threshold,
    });
    batch.forEach((unit, j) => {
      const holders = debts[j] ?? [];
      const unitBalance = holders.reduce((sum, h) => sum + h.balance, 0);
      for (const { segment, lastDay, balance, debt } of holders) {
        if (balance <= query.threshold || !debt) continue;
        rows.push({
          unitId: unit.unitId,
          label: unit.label,
          externalKey: unit.externalKey,
          holder: { segment, lastDay, debt },
          unitBalance,
        });
      }
    });
  }
  return rows;
}

const DEBTOR_BATCH = 1000;
