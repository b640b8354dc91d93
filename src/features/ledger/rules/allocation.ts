/**
 * Which payment settled which debt (art. 451 KC), derived from the ledger alone so that anyone
 * can reproduce it: every credit (payment, refund, negative opening balance) goes first to the
 * debt the payer indicated, when the accountant recorded such an indication, and otherwise to the
 * debts already due, the oldest due date first, then to those that become due earliest (§ 3).
 * A credit with nothing to settle waits (nadpłata) and settles the next debt as soon as it is
 * booked. A correction is netted against the entry it corrects, so a cancelled charge neither
 * is owed nor absorbs a payment.
 *
 * The due date that counts is the booked one moved past free days (art. 115 KC); a debt without
 * one (the opening balance) is due on its value date.
 */
import { workingDayOnOrAfter } from './working-days.ts';

export interface LedgerItem {
  id: number;
  valueDate: string;
  dueDate: string | null;
  /** Signed grosze: debts +, credits −. */
  amount: number;
  kind: string;
  correctsEntryId: number | null;
  description?: string;
}

/** The payer's own indication recorded by the accountant: this payment pays that debt first. */
export interface Indication {
  paymentId: number;
  debtId: number;
}

export interface Settlement {
  /** The credit's entry id. */
  creditId: number;
  /** The day the debt was settled: the later of the credit's and the debt's value dates. */
  day: string;
  amount: number;
}

export interface DebtState {
  id: number;
  valueDate: string;
  /** Effective due date (art. 115 KC). */
  dueDate: string;
  amount: number;
  kind: string;
  description?: string | undefined;
  settlements: Settlement[];
  /** What is left unpaid after all credits up to the day of the allocation. */
  remaining: number;
}

export interface Allocation {
  debts: DebtState[];
  /** Credit not used by any debt (nadpłata), ≥ 0. */
  unallocated: number;
}

interface Credit {
  id: number;
  day: string;
  left: number;
}

/** Nets corrections against the entries they correct (reversal + replacement stay as booked). */
function netted(items: readonly LedgerItem[]): LedgerItem[] {
  const byId = new Map<number, LedgerItem>();
  for (const item of items) byId.set(item.id, { ...item });
  const result: LedgerItem[] = [];
  for (const item of items) {
    const target =
      item.correctsEntryId !== null && item.kind === 'correction' ? byId.get(item.correctsEntryId) : undefined;
    if (target) {
      target.amount += item.amount;
      continue;
    }
    result.push(byId.get(item.id) as LedgerItem);
  }
  return result.filter((item) => item.amount !== 0);
}

const byDue = (a: DebtState, b: DebtState) =>
  a.dueDate < b.dueDate
    ? -1
    : a.dueDate > b.dueDate
      ? 1
      : a.valueDate < b.valueDate
        ? -1
        : a.valueDate > b.valueDate
          ? 1
          : a.id - b.id;

/**
 * Allocates the credits to the debts, in value-date order. `items` are the unit's entries with
 * value date up to the day asked (any order); `opening` is a credit (< 0) or debt (> 0) carried in
 * from before the items (its due date: `openingDay`).
 */
export function allocate(
  items: readonly LedgerItem[],
  {
    indications = [],
    opening = 0,
    openingDay,
  }: { indications?: readonly Indication[]; opening?: number; openingDay?: string } = {},
): Allocation {
  const all = netted(items).sort((a, b) =>
    a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : a.id - b.id,
  );
  const indicated = new Map<number, number[]>();
  for (const i of indications) indicated.set(i.paymentId, [...(indicated.get(i.paymentId) ?? []), i.debtId]);
  const debts: DebtState[] = [];
  const open: DebtState[] = [];
  const credits: Credit[] = [];
  const settle = (debt: DebtState, credit: Credit) => {
    const amount = Math.min(debt.remaining, credit.left);
    if (amount <= 0) return;
    debt.remaining -= amount;
    credit.left -= amount;
    debt.settlements.push({
      creditId: credit.id,
      day: credit.day > debt.valueDate ? credit.day : debt.valueDate,
      amount,
    });
  };
  const addDebt = (debt: DebtState) => {
    debts.push(debt);
    // Binary insertion by due date (then value date, id): open stays sorted.
    let lo = 0;
    let hi = open.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byDue(open[mid] as DebtState, debt) <= 0) lo = mid + 1;
      else hi = mid;
    }
    open.splice(lo, 0, debt);
  };
  if (opening > 0 && openingDay) {
    addDebt({
      id: 0,
      valueDate: openingDay,
      dueDate: openingDay,
      amount: opening,
      kind: 'carried',
      settlements: [],
      remaining: opening,
    });
  } else if (opening < 0 && openingDay) {
    credits.push({ id: 0, day: openingDay, left: -opening });
  }
  const byId = new Map<number, DebtState>();
  for (const item of all) {
    if (item.amount > 0) {
      const debt: DebtState = {
        id: item.id,
        valueDate: item.valueDate,
        dueDate: workingDayOnOrAfter(item.dueDate ?? item.valueDate),
        amount: item.amount,
        kind: item.kind,
        description: item.description,
        settlements: [],
        remaining: item.amount,
      };
      byId.set(item.id, debt);
      addDebt(debt);
    } else {
      const credit: Credit = { id: item.id, day: item.valueDate, left: -item.amount };
      for (const debtId of indicated.get(item.id) ?? []) {
        const debt = byId.get(debtId);
        if (debt) settle(debt, credit);
      }
      credits.push(credit);
    }
    // Spend waiting credits on open debts, oldest due first (open is kept sorted; the settled
    // ones are always a prefix of it, so each step costs what it settles).
    if (credits.length > 0 && open.length > 0) {
      for (const credit of credits) {
        let settled = 0;
        for (const debt of open) {
          if (credit.left === 0) break;
          settle(debt, credit);
          if (debt.remaining === 0) settled++;
          else break;
        }
        if (settled > 0) open.splice(0, settled);
        if (open.length === 0) break;
      }
      for (let i = credits.length - 1; i >= 0; i--) if ((credits[i] as Credit).left === 0) credits.splice(i, 1);
    }
  }
  return { debts, unallocated: credits.reduce((sum, c) => sum + c.left, 0) };
}

export interface DebtPosition {
  /** Unpaid after the due date (zaległość po terminie). */
  overdue: number;
  /** The oldest unpaid overdue debt's value date, its month names the arrears. */
  oldestOverdue: string | undefined;
  /** Unpaid and not yet due (bieżąca opłata). */
  current: number;
  /** The nearest due date of the current part. */
  currentDueDate: string | undefined;
  /** Paid in advance or overpaid, ≥ 0 (nadpłata). */
  overpayment: number;
  /** overdue + current − overpayment: the plain sum of the entries. */
  balance: number;
}

/** The debt position on `asOf`: what is overdue (due date before the day), current, overpaid. */
export function debtPosition(allocation: Allocation, asOf: string): DebtPosition {
  let overdue = 0;
  let current = 0;
  let oldestOverdue: string | undefined;
  let currentDueDate: string | undefined;
  for (const debt of allocation.debts) {
    if (debt.remaining === 0) continue;
    if (debt.dueDate < asOf) {
      overdue += debt.remaining;
      if (oldestOverdue === undefined || debt.valueDate < oldestOverdue) oldestOverdue = debt.valueDate;
    } else {
      current += debt.remaining;
      if (currentDueDate === undefined || debt.dueDate < currentDueDate) currentDueDate = debt.dueDate;
    }
  }
  const overpayment = allocation.unallocated;
  return { overdue, oldestOverdue, current, currentDueDate, overpayment, balance: overdue + current - overpayment };
}
