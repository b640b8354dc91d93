/**
 * What the allocation needs for many windows (a unit, or one holder period of it) at once, in
 * five statements in two rounds whatever their number: the cut (the last month end before the window's last
 * day at which the window's balance was ≤ 0: every debt up to then was paid, so only later
 * entries are read, that balance carried in as a credit), the entries after it, the payers'
 * indications, and the day after the last booking of interest. One unit's debt (`unitDebt`) and
 * the debtors list (`listDebtorsByHolder`) both read through here: one implementation. (The start
 * page reads a paid-up unit's last month with its figures instead: `lastMonthColumns`.)
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import type { DebtInput } from './debt-queries.ts';
import type { Indication, LedgerItem } from './rules/allocation.ts';
import { monthStart, nextMonthStart } from './rules/months.ts';
import type { SettlementSplit } from './rules/settlement-split.ts';
import {
  bigints,
  type CrossingEntry,
  type DebtWindow,
  loadCrossingEntries,
  windowsRelation,
} from './settlement-shares.ts';

export type { DebtWindow } from './settlement-shares.ts';

/**
 * The allocation input of each window, in the order given. `full`: no cut (a unit's history
 * shows every entry's allocation). `above`: a window whose balance (known from its months before
 * any entry is read) is at most this gets no entries read (`items` empty, `balanceOnly` its
 * balance): a debtors list shows only the periods above its threshold, and a period owing
 * nothing has nothing to allocate (debt.ts `settledDebt`). Ignored with `full`.
 */
export async function loadDebtInputs(
  db: Db,
  {
    organizationId,
    windows,
    full = false,
    split = 'days',
    above,
  }: {
    organizationId: number;
    windows: readonly DebtWindow[];
    full?: boolean;
    split?: SettlementSplit;
    above?: number | undefined;
  },
): Promise<DebtInput[]> {
  if (windows.length === 0) return [];
  const byDays = split === 'days';
  const unitIds = [...new Set(windows.map((w) => w.unitId))];
  // Four independent reads at once: the straddling settlements' entries (counted by their
  // shares), the payers' indications, each window's months (for the cut and the lump), and the
  // day after the last booking of interest.
  const [crossingRows, indications, monthRows, booked] = await readTogether(db, [
    () => (byDays ? loadCrossingEntries(db, { organizationId, windows }) : Promise.resolve([])),
    () =>
      queryRows<{ unit_id: string; payment_entry_id: string; debt_entry_id: string }>(
        db,
        sql`select unit_id::text, payment_entry_id::text, debt_entry_id::text from payment_indications
        where organization_id = ${organizationId} and unit_id = any(${bigints(unitIds)}) order by id`,
      ),
    () => (full ? Promise.resolve([]) : windowMonths(db, { organizationId, windows })),
    () =>
      queryRows<{ ord: string; day: string }>(
        db,
        sql`with w as (${windowsRelation(windows)})
          select w.ord::text, (max(e.value_date) + 1)::text as day
          from w join ledger_entries e on e.organization_id = ${organizationId} and e.unit_id = w.unit_id
            and e.kind = 'interest' and e.source = 'interest_booking' and e.value_date <= w.to_day
          group by w.ord`,
      ),
  ]);
  const indicated = new Set(indications.map((r) => Number(r.unit_id)));
  const monthsOf = new Map<number, WindowMonth[]>();
  for (const r of monthRows) {
    const list = monthsOf.get(r.ord) ?? [];
    list.push(r);
    monthsOf.set(r.ord, list);
  }
  const crossingOf = new Map<number, CrossingEntry[]>();
  for (const r of crossingRows) crossingOf.set(r.ord, [...(crossingOf.get(r.ord) ?? []), r]);
  const cuts = new Map<number, { month: string; start: string; cum: number }>();
  const lumps = new Map<number, { start: string; opening: number }>();
  /** Windows at or below `above`: their balance, their entries not read. */
  const balanceOnly = new Map<number, number>();
  if (!full) {
    windows.forEach((w, i) => {
      const ord = i + 1;
      const months = withShares(monthsOf.get(ord) ?? [], crossingOf.get(ord) ?? []);
      if (above !== undefined) {
        const balance = months.reduce((sum, m) => sum + m.net, 0);
        if (balance <= above) {
          balanceOnly.set(ord, balance);
          return;
        }
      }
      const cut = lastSettledMonth(months, w);
      if (cut) cuts.set(ord, cut);
      if (indicated.has(w.unitId)) return;
      const lump = lumpStart(cut ? months.filter((m) => m.month > cut.month) : months, cut?.cum ?? 0, w.from);
      if (lump) lumps.set(ord, lump);
    });
  }
  const starts = windows.map((w, i) => {
    const lump = lumps.get(i + 1);
    if (lump) return lump.start;
    const cut = cuts.get(i + 1);
    return cut ? cut.start : w.from;
  });
  const cutDays = windows.map((_, i) => (lumps.has(i + 1) || cuts.has(i + 1) ? starts[i] : undefined));
  // The entries of the windows read in full only (`ord` of the query → position in `windows`),
  // each window by its unit's index range: `offset 0` keeps the planner from a scan of the
  // organization's whole ledger, which it may pick for a few hundred windows.
  const read = windows.flatMap((_, i) => (balanceOnly.has(i + 1) ? [] : [i]));
  const entries =
    read.length === 0
      ? []
      : await queryRows<Record<string, string | null>>(
          db,
          sql`with w as (${windowsRelation(
            read.map((i) => windows[i] as DebtWindow),
            read.map((i) => starts[i]),
          )})
          select w.ord::text, e.id::text, e.value_date::text, e.due_date::text, e.amount::text, e.kind::text,
                 e.corrects_entry_id::text, e.description
          from w cross join lateral (
            select e.* from ledger_entries e
            where e.organization_id = ${organizationId} and e.unit_id = w.unit_id
              and e.value_date >= coalesce(w.from_day, '-infinity'::date) and e.value_date <= w.to_day
            offset 0
          ) e`,
        );
  const inputs: DebtInput[] = windows.map((_, i) => {
    const cut = cuts.get(i + 1);
    const lump = lumps.get(i + 1);
    return {
      opening: lump ? lump.opening : cut ? cut.cum : 0,
      openingDay: lump ? lump.start : cut ? cut.start : undefined,
      items: [],
      indications: [],
      interestSince: undefined,
      balanceOnly: balanceOnly.get(i + 1),
    };
  });
  // A straddling settlement's entries count by their share: those dated in the window read
  // above are replaced by it, those dated outside it are added (unless carried in by a cut).
  const shares = new Map<string, CrossingEntry>();
  for (const e of crossingRows) {
    shares.set(`${e.ord}:${e.id}`, e);
    const cutDay = cutDays[e.ord - 1];
    if (balanceOnly.has(e.ord)) continue;
    if (e.datedIn || e.share.days === 0 || (cutDay !== undefined && e.valueDate < cutDay)) continue;
    inputs[e.ord - 1]?.items.push(shareItem(e));
  }
  for (const r of entries) {
    const at = read[Number(r.ord) - 1] as number;
    const crossing = shares.get(`${at + 1}:${r.id}`);
    if (crossing) {
      if (crossing.share.days > 0) inputs[crossing.ord - 1]?.items.push(shareItem(crossing));
      continue;
    }
    inputs[at]?.items.push({
      id: Number(r.id),
      valueDate: String(r.value_date),
      dueDate: r.due_date ?? null,
      amount: Number(r.amount),
      kind: String(r.kind),
      correctsEntryId: r.corrects_entry_id === null ? null : Number(r.corrects_entry_id),
      description: String(r.description),
    });
  }
  const byUnit = new Map<number, { paymentId: number; debtId: number }[]>();
  for (const r of indications) {
    const unitId = Number(r.unit_id);
    byUnit.set(unitId, [
      ...(byUnit.get(unitId) ?? []),
      { paymentId: Number(r.payment_entry_id), debtId: Number(r.debt_entry_id) },
    ]);
  }
  windows.forEach((w, i) => {
    const input = inputs[i] as DebtInput;
    input.indications = byUnit.get(w.unitId) ?? [];
  });
  for (const r of booked) {
    const input = inputs[Number(r.ord) - 1];
    if (input) input.interestSince = r.day;
  }
  return inputs;
}

/** A straddling settlement's entry as the holder period counts it: its share, the rule in its title. */
function shareItem(e: CrossingEntry): LedgerItem {
  return {
    id: e.id,
    valueDate: e.valueDate,
    dueDate: e.dueDate,
    amount: e.share.amount,
    kind: e.kind,
    correctsEntryId: e.correctsEntryId,
    description: e.share.note ? `${e.description} — ${e.share.note}` : e.description,
  };
}

interface WindowMonth {
  ord: number;
  /** The period's first day (a month's, or a whole year's). */
  month: string;
  /** The next period's first day. */
  next: string;
  /** The window's debts (entries > 0) booked in the month, and all its entries' sum. */
  debts: number;
  net: number;
  /** Earliest and latest due date (or value date) of those debts. */
  minDue: string | null;
  maxDue: string | null;
  corrections: boolean;
}

/**
 * Each window's periods with entries, oldest first: whole years before the last two calendar
 * years from the yearly totals, whole months from the monthly totals (both keep the debts' sum
 * and due dates, maintained by the ledger's trigger, migration 0035), and the days of the month
 * cut by the window's first day and of the month cut by its last day from the entries (two
 * bounded index-only scans of the covering index, migration 0029). No entry of a whole month is
 * read, and a long history costs one row a year.
 */
async function windowMonths(
  db: Db,
  { organizationId, windows }: { organizationId: number; windows: readonly DebtWindow[] },
): Promise<WindowMonth[]> {
  const entryMonths = (range: SQL) => sql`select date_trunc('month', e.value_date)::date,
                 (date_trunc('month', e.value_date) + interval '1 month')::date,
                 coalesce(sum(e.amount) filter (where e.amount > 0), 0), sum(e.amount),
                 min(coalesce(e.due_date, e.value_date)) filter (where e.amount > 0),
                 max(coalesce(e.due_date, e.value_date)) filter (where e.amount > 0),
                 bool_or(e.kind = 'correction')
          from ledger_entries e
          where e.organization_id = ${organizationId} and e.unit_id = b.unit_id and ${range}
          group by 1, 2`;
  const rows = await queryRows<Record<string, string | boolean | null>>(
    db,
    sql`with w as (${windowsRelation(windows)}),
        f as (
          select w.ord, w.unit_id, w.from_day, w.to_day,
            case when w.from_day is null then '-infinity'::date
              when extract(day from w.from_day) = 1 then w.from_day
              else (date_trunc('month', w.from_day) + interval '1 month')::date end as full_from,
            date_trunc('month', w.to_day + 1)::date as full_to,
            (date_trunc('year', w.to_day) - interval '1 year')::date as years_to
          from w
        ),
        b as (
          select f.*,
            case when f.full_from = '-infinity'::date then f.full_from
              when f.full_from = date_trunc('year', f.full_from)::date then f.full_from
              else (date_trunc('year', f.full_from) + interval '1 year')::date end as years_from
          from f
        )
        select b.ord::text, x.month::text, x.next::text, x.debts::text, x.net::text, x.min_due::text,
               x.max_due::text, x.corrections
        from b cross join lateral (
          select y.year as month, (y.year + interval '1 year')::date as next, y.debits as debts, y.total as net,
                 y.first_due as min_due, y.last_due as max_due, y.has_corrections as corrections
          from ledger_yearly_totals y
          where y.organization_id = ${organizationId} and y.unit_id = b.unit_id
            and y.year >= b.years_from and y.year < b.years_to
          union all
          select m.month, (m.month + interval '1 month')::date, m.debits, m.total, m.first_due, m.last_due,
                 m.has_corrections
          from ledger_monthly_totals m
          where m.organization_id = ${organizationId} and m.unit_id = b.unit_id
            and m.month >= b.full_from and m.month < least(b.years_from, b.full_to)
          union all
          select m.month, (m.month + interval '1 month')::date, m.debits, m.total, m.first_due, m.last_due,
                 m.has_corrections
          from ledger_monthly_totals m
          where m.organization_id = ${organizationId} and m.unit_id = b.unit_id
            and m.month >= greatest(b.years_to, b.years_from, b.full_from) and m.month < b.full_to
          union all
          ${entryMonths(sql`e.value_date >= b.from_day and e.value_date < least(b.full_from, b.to_day + 1)`)}
          union all
          ${entryMonths(
            sql`e.value_date >= greatest(b.full_to, b.full_from, coalesce(b.from_day, '-infinity'::date)) and e.value_date <= b.to_day`,
          )}
        ) x(month, next, debts, net, min_due, max_due, corrections)
        order by b.ord, x.month`,
  );
  return rows.map((r) => ({
    ord: Number(r.ord),
    month: String(r.month),
    next: String(r.next),
    debts: Number(r.debts),
    net: Number(r.net),
    minDue: r.min_due === null ? null : String(r.min_due),
    maxDue: r.max_due === null ? null : String(r.max_due),
    corrections: r.corrections === true,
  }));
}

/**
 * The periods as the window counts them when a straddling settlement's entries count by their
 * share: the period holding each such entry's date gets its share instead of what its date gave
 * (the share alone when it is dated outside the window, in a month of its own), so the cut and
 * the lump see the window's own balance. A correction among them marks its period (no lump
 * across it).
 */
function withShares(months: readonly WindowMonth[], crossing: readonly CrossingEntry[]): WindowMonth[] {
  if (crossing.length === 0) return [...months];
  const rows = months.map((m) => ({ ...m }));
  for (const e of crossing) {
    let row = rows.find((m) => m.month <= e.valueDate && e.valueDate < m.next);
    if (!row) {
      const month = `${e.valueDate.slice(0, 7)}-01`;
      row = {
        ord: e.ord,
        month,
        next: nextMonthStart(month),
        debts: 0,
        net: 0,
        minDue: null,
        maxDue: null,
        corrections: false,
      };
      rows.push(row);
      rows.sort((a, b) => (a.month < b.month ? -1 : 1));
    }
    const counted = e.datedIn ? e.amount : 0;
    const share = e.share.days === 0 ? 0 : e.share.amount;
    row.net += share - counted;
    row.debts += Math.max(share, 0) - Math.max(counted, 0);
    if (share > 0 && !e.datedIn) {
      const due = e.dueDate ?? e.valueDate;
      if (row.minDue === null || due < row.minDue) row.minDue = due;
      if (row.maxDue === null || due > row.maxDue) row.maxDue = due;
    }
    if (e.kind === 'correction' || e.correctsEntryId !== null) row.corrections = true;
  }
  return rows;
}

/**
 * The cut: the last month end before the month of the window's last day at which the window's
 * balance was ≤ 0 (every debt up to then was paid), with that balance.
 */
function lastSettledMonth(
  months: readonly WindowMonth[],
  { from, to }: { from?: string | undefined; to: string },
): { month: string; start: string; cum: number } | undefined {
  const lastMonth = `${to.slice(0, 7)}-01`;
  // A share dated before the window's first day counts, but a cut is never before that day's month.
  const firstMonth = from === undefined ? '' : `${from.slice(0, 7)}-01`;
  let cum = 0;
  let cut: { month: string; start: string; cum: number } | undefined;
  for (const m of months) {
    if (m.month >= lastMonth) break;
    cum += m.net;
    if (cum <= 0 && m.month >= firstMonth) cut = { month: m.month, start: m.next, cum };
  }
  return cut;
}

/**
 * A later start for a window that never owed nothing at a month end (a chronic debtor): payments
 * settle the oldest due debts first, so once the debts booked from month S on add up to at least
 * the balance on the last day, everything booked before S is paid by then. What was owed at the
 * end of S − 1 is carried in as one debt, due on S's first day; it is settled first, by the same
 * credits and on the same days as the debts it stands for, whose own figures (paid, no interest
 * left) the page never shows. This holds only when every debt from S on falls due no earlier than
 * every debt before S (so nothing booked later jumps the queue), and without corrections (which
 * change an earlier entry) or payers' indications; otherwise S moves earlier, or there is no lump.
 * `months` are the window's months after the cut, `opening` the balance carried into them; S is
 * never before the window's first day (`notBefore`). The property test checks the result against an allocation of the whole history.
 */
function lumpStart(
  months: readonly WindowMonth[],
  opening: number,
  notBefore: string | undefined,
): { start: string; opening: number } | undefined {
  if (months.some((m) => m.corrections)) return undefined;
  const balance = opening + months.reduce((sum, m) => sum + m.net, 0);
  // The latest S whose debts from S on cover the balance.
  let k = months.length - 1;
  let covered = 0;
  for (; k >= 0; k--) {
    covered += months[k]?.debts ?? 0;
    if (covered >= balance) break;
  }
  // Nothing booked later may fall due before what it would follow.
  const maxBefore: string[] = [];
  let max = '';
  for (const m of months) {
    maxBefore.push(max);
    if (m.maxDue && m.maxDue > max) max = m.maxDue;
  }
  const minFrom: string[] = new Array(months.length);
  let min = '9999-12-31';
  for (let j = months.length - 1; j >= 0; j--) {
    const due = months[j]?.minDue;
    if (due && due < min) min = due;
    minFrom[j] = min;
  }
  while (k > 0) {
    const month = months[k]?.month as string;
    if ((maxBefore[k] as string) <= (minFrom[k] as string) && month <= (minFrom[k] as string)) break;
    k--;
  }
  if (k <= 0 || (notBefore !== undefined && (months[k]?.month as string) < notBefore)) return undefined;
  const carried = opening + months.slice(0, k).reduce((sum, m) => sum + m.net, 0);
  return { start: months[k]?.month as string, opening: carried };
}

/**
 * What a window's last month holds for the allocation, read as three columns of another
 * statement (the start page's figures, one per unit): the entries from the month's first day to
 * the window's last day, the unit's payers' indications and the day after the last booking of
 * interest (as `loadDebtInputs` reads them). With the window's balance it gives the debt of a
 * window that owed nothing at the month's start without any statement of its own
 * (debt.ts `lastMonthDebt`).
 */
export function lastMonthColumns({
  organizationId,
  unitId,
  to,
}: {
  organizationId: number;
  unitId: number;
  to: string;
}): SQL {
  return sql`(select coalesce(json_agg(json_build_object('id', e.id::text, 'valueDate', e.value_date::text,
          'dueDate', e.due_date::text, 'amount', e.amount::text, 'kind', e.kind::text,
          'correctsEntryId', e.corrects_entry_id::text, 'description', e.description) order by e.value_date, e.id), '[]'::json)
        from ledger_entries e
        where e.organization_id = ${organizationId} and e.unit_id = ${unitId}
          and e.value_date >= ${monthStart(to)}::date and e.value_date <= ${to}::date) as month_entries,
      (select coalesce(json_agg(json_build_object('paymentId', i.payment_entry_id::text, 'debtId', i.debt_entry_id::text)
          order by i.id), '[]'::json)
        from payment_indications i where i.organization_id = ${organizationId} and i.unit_id = ${unitId}) as indications,
      (select (max(e.value_date) + 1)::text from ledger_entries e
        where e.organization_id = ${organizationId} and e.unit_id = ${unitId} and e.kind = 'interest'
          and e.source = 'interest_booking' and e.value_date <= ${to}::date) as interest_since`;
}

/** A window's last month as `lastMonthColumns` read it. */
export interface LastMonth {
  /** The month's first day. */
  start: string;
  items: LedgerItem[];
  indications: Indication[];
  interestSince: string | undefined;
}

/** Reads the columns of `lastMonthColumns` (json parsed by the driver, or text). */
export function lastMonthOf(
  row: { month_entries: unknown; indications: unknown; interest_since: string | null },
  to: string,
): LastMonth {
  const json = (value: unknown) =>
    (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, string | null>[];
  return {
    start: monthStart(to),
    items: json(row.month_entries).map((e) => ({
      id: Number(e.id),
      valueDate: String(e.valueDate),
      dueDate: e.dueDate ?? null,
      amount: Number(e.amount),
      kind: String(e.kind),
      correctsEntryId: e.correctsEntryId === null || e.correctsEntryId === undefined ? null : Number(e.correctsEntryId),
      description: String(e.description),
    })),
    indications: json(row.indications).map((i) => ({ paymentId: Number(i.paymentId), debtId: Number(i.debtId) })),
    interestSince: row.interest_since ?? undefined,
  };
}
