/**
 * What a member sees of the ledger. Authorization lives in the query: every function starts from
 * the person's own rights to the unit (the register's holder periods), so another person's unit,
 * another organization's unit or a day before the member's right yields undefined (→ 404).
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { listPersonRightPeriods, listPersonUnitRights } from '../units/holder-periods.ts';
import { findUnitLabel } from '../units/unit-facts.ts';
import type { LastMonth } from './debt-inputs.ts';
import { dashboardFigures, type Entry, sumRange } from './queries.ts';
import { addDays } from './rules/months.ts';
import { latestContinuousSpan, type Period } from './rules/spans.ts';

interface MemberQuery {
  organizationId: number;
  personId: number;
  /** Today in Warsaw. */
  today: string;
  /** The organization's ledger start date. */
  startDate: string;
}

export interface MemberWindow {
  /** First day whose entries the member sees; undefined = from the start (opening balance included). */
  from: string | undefined;
  /** Last day the member sees (the day before their right ended), or undefined. */
  lastDay: string | undefined;
  /** The right's first day, for display. */
  heldSince: string;
}

/**
 * The member's own period on a unit: a holder whose right began on or before the ledger's start
 * date sees everything from the opening balance; a later holder starts from zero on the day
 * their right began; a former holder sees up to the day before it ended.
 */
export function memberWindow(span: { from: string; to: string | null }, startDate: string): MemberWindow {
  return {
    from: span.from <= startDate ? undefined : span.from,
    lastDay: span.to === null ? undefined : addDays(span.to, -1),
    heldSince: span.from,
  };
}

/** Clamps a requested day into the member's window; undefined when it lies before the right (→ 404). */
export function clampToWindow(window: MemberWindow, day: string): string | undefined {
  if (day < window.heldSince && window.from !== undefined) return undefined;
  if (window.lastDay !== undefined && day > window.lastDay) return window.lastDay;
  return day;
}

export interface MemberLedgerUnit {
  unitId: number;
  label: string;
  city: string;
  window: MemberWindow;
  /** Whether the member still holds the unit today. */
  current: boolean;
}

/** The member's unit with their window, or undefined (→ 404). */
export async function getMemberLedgerUnit(
  db: Db,
  { unitId, ...query }: MemberQuery & { unitId: number },
): Promise<MemberLedgerUnit | undefined> {
  const span = latestContinuousSpan(await listPersonRightPeriods(db, { ...query, unitId }));
  if (!span) return undefined;
  const unit = await findUnitLabel(db, { organizationId: query.organizationId, unitId });
  if (!unit) return undefined;
  return {
    unitId,
    label: unit.label,
    city: unit.city,
    window: memberWindow(span, query.startDate),
    current: span.to === null || span.to > query.today,
  };
}

/** The member's balance on a day within their window; undefined for a day before their right. */
export async function memberBalanceAsOf(
  db: Db,
  { organizationId, unit, day }: { organizationId: number; unit: MemberLedgerUnit; day: string },
): Promise<{ day: string; balance: number } | undefined> {
  const clamped = clampToWindow(unit.window, day);
  if (clamped === undefined) return undefined;
  return {
    day: clamped,
    balance: await sumRange(db, { organizationId, unitId: unit.unitId, from: unit.window.from, to: clamped }),
  };
}

export interface DashboardUnit extends MemberLedgerUnit {
  balance: number;
  amountDue: number;
  dueDate: string | undefined;
  /** The three latest payments of the member's window, newest first. */
  recentPayments: Entry[];
  /** Every charge of the latest month charged in the window: they add up to the month's fee. */
  recentCharges: Entry[];
  /** The window's last month, when it runs from the start (for its debt, debt.ts `lastMonthDebt`). */
  lastMonth: LastMonth | undefined;
}

/**
 * Units the person held or holds (rights that began by `today`), each with the latest
 * continuous span of their rights: units held today first, then former ones, each group in
 * address order.
 */
async function personLedgerUnits(db: Db, query: Omit<MemberQuery, 'startDate'>) {
  const rights = await listPersonUnitRights(db, query);
  const byUnit = new Map<number, typeof rights>();
  for (const right of rights) byUnit.set(right.unitId, [...(byUnit.get(right.unitId) ?? []), right]);
  const units = [...byUnit.values()].map((periods) => {
    const first = periods[0] as (typeof rights)[number];
    const span = latestContinuousSpan(periods) as Period;
    return { unitId: first.unitId, label: first.label, city: first.city, from: span.from, to: span.to };
  });
  const heldToday = (u: { to: string | null }) => u.to === null || u.to > query.today;
  return [...units.filter(heldToday), ...units.filter((u) => !heldToday(u))];
}

/** Every unit the member holds or held, with today's balance, what to pay by when, latest entries. */
export async function memberDashboard(db: Db, query: MemberQuery): Promise<DashboardUnit[]> {
  const units = await personLedgerUnits(db, query);
  return readTogether(
    db,
    units.map((unit) => async () => {
      const window = memberWindow({ from: unit.from, to: unit.to }, query.startDate);
      const figures = await dashboardFigures(db, {
        organizationId: query.organizationId,
        unitId: unit.unitId,
        from: window.from,
        to: clampToWindow(window, query.today) ?? query.today,
      });
      return {
        unitId: unit.unitId,
        label: unit.label,
        city: unit.city,
        window,
        current: unit.to === null || unit.to > query.today,
        ...figures,
        amountDue: Math.max(0, figures.balance),
      };
    }),
  );
}
