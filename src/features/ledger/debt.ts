/**
 * A unit's debt as the law counts it, on any day: the art. 451 KC allocation of its payments, what
 * is overdue and what is current, the overpayment, and statutory interest per unpaid debt
 * (informative until an accountant books it). One function for every page that shows a balance.
 */
import type { Db } from '../../db/client.ts';
import { loadDebtInput, loadInterestRates } from './debt-queries.ts';
import { allocate, type DebtPosition, type DebtState, debtPosition } from './rules/allocation.ts';
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
  /** The allocation, for the unit's history (which payment settled which debt). */
  debts: DebtState[];
}

export interface DebtQuery {
  organizationId: number;
  unitId: number;
  /** The member's window start (undefined = the whole history). */
  from?: string | undefined;
  asOf: string;
  settings: Pick<LedgerSettings, 'interestEnabled' | 'interestMinimum'>;
  /** The rate table, when the caller computes many units (read once). */
  rates?: RateRow[];
  /** Allocate the whole window (the history shows every entry's allocation). */
  full?: boolean;
}

/** Computes a unit's debt from its own entries (reproducible from the ledger at any time). */
export async function unitDebt(db: Db, query: DebtQuery): Promise<UnitDebt> {
  const [input, rates] = await Promise.all([
    loadDebtInput(db, query),
    query.rates ? Promise.resolve(query.rates) : loadInterestRates(db, { organizationId: query.organizationId }),
  ]);
  return debtFrom(input, rates, query);
}

export function debtFrom(
  input: Awaited<ReturnType<typeof loadDebtInput>>,
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
