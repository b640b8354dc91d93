/**
 * What a member sees of the ledger. Authorization lives in the query: every function starts from
 * the person's own rights to the unit (personRightSpan), so another person's unit, another
 * organization's unit or a day before the member's right yields undefined (→ 404).
 */
import type { Db } from '../../db/client.ts';
import { clampToWindow, type MemberWindow, memberWindow } from './ledger.ts';
import {
  dashboardFigures,
  type Entry,
  findUnitLabel,
  listPersonLedgerUnits,
  personRightSpan,
  sumRange,
} from './queries.ts';

interface MemberQuery {
  db: Db;
  organizationId: number;
  personId: number;
  /** Today in Warsaw. */
  today: string;
  /** The organization's ledger start date. */
  startDate: string;
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
export async function getMemberLedgerUnit({
  unitId,
  ...query
}: MemberQuery & { unitId: number }): Promise<MemberLedgerUnit | undefined> {
  const span = await personRightSpan(query.db, { ...query, unitId });
  if (!span) return undefined;
  const unit = await findUnitLabel(query.db, query.organizationId, unitId);
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
  organizationId: number,
  unit: MemberLedgerUnit,
  day: string,
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
  /** The three latest payments and charges of the member's window, newest first. */
  recentPayments: Entry[];
  recentCharges: Entry[];
}

/** Every unit the member holds or held, with today's balance, what to pay by when, latest entries. */
export async function memberDashboard(query: MemberQuery): Promise<DashboardUnit[]> {
  const units = await listPersonLedgerUnits(query.db, query);
  return Promise.all(
    units.map(async (unit) => {
      const window = memberWindow({ from: unit.from, to: unit.to }, query.startDate);
      const figures = await dashboardFigures(query.db, {
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
