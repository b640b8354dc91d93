/**
 * What the allocation needs for many windows (a unit, or one holder period of it) at once, in
 * four statements whatever their number: the cut (the last month end before the window's last
 * day at which the window's balance was ≤ 0: every debt up to then was paid, so only later
 * entries are read, that balance carried in as a credit), the entries after it, the payers'
 * indications, and the day after the last booking of interest. One unit's debt (`unitDebt`) and
 * the debtors list (`listDebtorsByHolder`) both read through here: one implementation.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { DebtInput } from './debt-queries.ts';
import { nextMonthStart } from './rules/months.ts';
import { type SettlementSplit, settlementShare } from './rules/settlement-split.ts';

export interface DebtWindow {
  unitId: number;
  /** The window's first day (undefined = the whole history). */
  from?: string | undefined;
  /** The window's last day counted (the day asked, or a former holder's last day). */
  to: string;
  /** The holder period's own last day when it ends (a settlement's share by days); undefined = open. */
  until?: string | undefined;
  /** The day asked, when `to` is earlier (a share of a settlement dated later counts once it is dated); default `to`. */
  asOf?: string | undefined;
}

const texts = (values: readonly (string | number | undefined)[]) =>
  sql`${sql.param(values.map((v) => (v === undefined ? '' : String(v))))}::text[]`;

/**
 * The windows as a relation `w(unit_id, from_day, to_day, ord, seg_from, seg_until, as_of)`, one
 * array parameter per column (`from_day` the first day read, `seg_from`/`seg_until` the holder
 * period's own bounds, -infinity/infinity when open).
 */
function windowsRelation(windows: readonly DebtWindow[], starts?: readonly (string | undefined)[]) {
  return sql`select x.unit_id::bigint as unit_id, nullif(x.from_day, '')::date as from_day,
        x.to_day::date as to_day, x.ord,
        coalesce(nullif(x.seg_from, '')::date, '-infinity'::date) as seg_from,
        coalesce(nullif(x.seg_until, '')::date, 'infinity'::date) as seg_until, x.as_of::date as as_of
      from unnest(${texts(windows.map((w) => w.unitId))}, ${texts(starts ?? windows.map((w) => w.from))},
        ${texts(windows.map((w) => w.to))}, ${texts(windows.map((w) => w.from))}, ${texts(windows.map((w) => w.until))},
        ${texts(windows.map((w) => w.asOf ?? w.to))})
        with ordinality as x(unit_id, from_day, to_day, seg_from, seg_until, as_of, ord)`;
}

/**
 * A settlement entry counted in a window other than by its value date alone: dated by the day
 * asked, and either its period overlaps the holder period without lying wholly in it, or it is
 * dated outside the holder period while its period overlaps it, or it is dated in it for a
 * period wholly outside. With `split = 'days'` such an entry counts by its days (its share).
 */
const crossing = sql`e.kind = 'media_settlement' and e.value_date <= w.as_of
  and ((s.period_from <= w.seg_until and s.period_to >= w.seg_from)
    or (e.value_date >= w.seg_from and e.value_date <= w.to_day))
  and not (s.period_from >= w.seg_from and s.period_to <= w.seg_until
    and e.value_date >= w.seg_from and e.value_date <= w.to_day)`;

/**
 * The allocation input of each window, in the order given. `full`: no cut (a unit's history
 * shows every entry's allocation).
 */
export async function loadDebtInputs(
  db: Db,
  {
    organizationId,
    windows,
    full = false,
    split = 'days',
  }: { organizationId: number; windows: readonly DebtWindow[]; full?: boolean; split?: SettlementSplit },
): Promise<DebtInput[]> {
  if (windows.length === 0) return [];
  const byDays = split === 'days';
  const unitIds = [...new Set(windows.map((w) => w.unitId))];
  // Three independent reads at once: the windows a settlement is shared into or out of (read
  // whole: no cut, the monthly sums count entries by date, not by share), the payers'
  // indications, and each window's months (for the cut and the lump).
  const [sharedRows, indications, monthRows] = await Promise.all([
    byDays && !full
      ? queryRows<{ ord: string }>(
          db,
          sql`with w as (${windowsRelation(windows)})
          select distinct w.ord::text from w
          join ledger_entries e on e.organization_id = ${organizationId} and e.unit_id = w.unit_id
            and e.kind = 'media_settlement' and e.value_date <= w.as_of
          join media_settlements s on s.organization_id = ${organizationId} and s.ledger_entry_id = e.id
          where ${crossing}`,
        )
      : Promise.resolve([]),
    queryRows<{ unit_id: string; payment_entry_id: string; debt_entry_id: string }>(
      db,
      sql`select unit_id::text, payment_entry_id::text, debt_entry_id::text from payment_indications
        where organization_id = ${organizationId} and unit_id = any(${texts(unitIds)}::bigint[]) order by id`,
    ),
    full ? Promise.resolve([]) : windowMonths(db, { organizationId, windows }),
  ]);
  const shared = new Set(sharedRows.map((r) => Number(r.ord)));
  const indicated = new Set(indications.map((r) => Number(r.unit_id)));
  const monthsOf = new Map<number, WindowMonth[]>();
  for (const r of monthRows) {
    const list = monthsOf.get(r.ord) ?? [];
    list.push(r);
    monthsOf.set(r.ord, list);
  }
  const cuts = new Map<number, { month: string; cum: number }>();
  const lumps = new Map<number, { start: string; opening: number }>();
  windows.forEach((w, i) => {
    const ord = i + 1;
    if (shared.has(ord)) return;
    const months = monthsOf.get(ord) ?? [];
    const cut = lastSettledMonth(months, w.to);
    if (cut) cuts.set(ord, cut);
    if (indicated.has(w.unitId)) return;
    const lump = lumpStart(cut ? months.filter((m) => m.month > cut.month) : months, cut?.cum ?? 0);
    if (lump) lumps.set(ord, lump);
  });
  const starts = windows.map((w, i) => {
    const lump = lumps.get(i + 1);
    if (lump) return lump.start;
    const cut = cuts.get(i + 1);
    return cut ? nextMonthStart(cut.month) : w.from;
  });
  const [entries, booked] = await Promise.all([
    queryRows<Record<string, string | null>>(
      db,
      byDays
        ? sql`with w as (${windowsRelation(windows, starts)})
          select x.ord::text, x.id::text, x.value_date::text, x.due_date::text, x.amount::text, x.kind::text,
                 x.corrects_entry_id::text, x.description, x.period_from::text, x.period_to::text
          from (
            select w.ord, e.id, e.value_date, e.due_date, e.amount, e.kind, e.corrects_entry_id, e.description,
                   s.period_from, s.period_to
            from w join ledger_entries e on e.organization_id = ${organizationId} and e.unit_id = w.unit_id
              and e.value_date >= coalesce(w.from_day, '-infinity'::date) and e.value_date <= w.to_day
            left join media_settlements s on e.kind = 'media_settlement'
              and s.organization_id = ${organizationId} and s.ledger_entry_id = e.id
            union all
            select w.ord, e.id, e.value_date, e.due_date, e.amount, e.kind, e.corrects_entry_id, e.description,
                   s.period_from, s.period_to
            from w join ledger_entries e on e.organization_id = ${organizationId} and e.unit_id = w.unit_id
              and e.kind = 'media_settlement' and e.value_date <= w.as_of
              and (e.value_date < w.seg_from or e.value_date > w.to_day)
            join media_settlements s on s.organization_id = ${organizationId} and s.ledger_entry_id = e.id
              and s.period_from <= w.seg_until and s.period_to >= w.seg_from
          ) x
          order by x.ord, x.value_date, x.id`
        : sql`with w as (${windowsRelation(windows, starts)})
          select w.ord::text, e.id::text, e.value_date::text, e.due_date::text, e.amount::text, e.kind::text,
                 e.corrects_entry_id::text, e.description, null as period_from, null as period_to
          from w join ledger_entries e on e.organization_id = ${organizationId} and e.unit_id = w.unit_id
            and e.value_date >= coalesce(w.from_day, '-infinity'::date) and e.value_date <= w.to_day
          order by w.ord, e.value_date, e.id`,
    ),
    queryRows<{ ord: string; day: string }>(
      db,
      sql`with w as (${windowsRelation(windows)})
          select w.ord::text, (max(e.value_date) + 1)::text as day
          from w join ledger_entries e on e.organization_id = ${organizationId} and e.unit_id = w.unit_id
            and e.kind = 'interest' and e.source = 'interest_booking' and e.value_date <= w.to_day
          group by w.ord`,
    ),
  ]);
  const inputs: DebtInput[] = windows.map((_, i) => {
    const cut = cuts.get(i + 1);
    const lump = lumps.get(i + 1);
    return {
      opening: lump ? lump.opening : cut ? cut.cum : 0,
      openingDay: lump ? lump.start : cut ? nextMonthStart(cut.month) : undefined,
      items: [],
      indications: [],
      interestSince: undefined,
    };
  });
  for (const r of entries) {
    const window = windows[Number(r.ord) - 1] as DebtWindow;
    let amount = Number(r.amount);
    let description = String(r.description);
    if (byDays && r.period_from && r.period_to) {
      // A settlement counts for the days this holder period held the unit within its period.
      const share = settlementShare(amount, { from: r.period_from, to: r.period_to }, window);
      if (share.days === 0) continue;
      if (share.days < share.of) {
        amount = share.amount;
        description = `${description} — część za ${share.days} z ${share.of} dni`;
      }
    }
    inputs[Number(r.ord) - 1]?.items.push({
      id: Number(r.id),
      valueDate: String(r.value_date),
      dueDate: r.due_date ?? null,
      amount,
      kind: String(r.kind),
      correctsEntryId: r.corrects_entry_id === null ? null : Number(r.corrects_entry_id),
      description,
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

interface WindowMonth {
  ord: number;
  /** The month's first day. */
  month: string;
  /** The window's debts (entries > 0) booked in the month, and all its entries' sum. */
  debts: number;
  net: number;
  /** Earliest and latest due date (or value date) of those debts. */
  minDue: string | null;
  maxDue: string | null;
  corrections: boolean;
}

/**
 * Each window's months with entries, oldest first: whole months from the monthly totals (their
 * debts' sum and due dates are kept there by the ledger's trigger, migration 0035), the days of
 * the month cut by the window's first day and of the month cut by its last day from the entries
 * (two bounded index-only scans of the covering index, migration 0029). No entry of a whole
 * month is read.
 */
async function windowMonths(
  db: Db,
  { organizationId, windows }: { organizationId: number; windows: readonly DebtWindow[] },
): Promise<WindowMonth[]> {
  const rows = await queryRows<Record<string, string | boolean | null>>(
    db,
    sql`with w as (${windowsRelation(windows)}),
        b as (
          select w.ord, w.unit_id, w.from_day, w.to_day,
            case when w.from_day is null then '-infinity'::date
              when extract(day from w.from_day) = 1 then w.from_day
              else (date_trunc('month', w.from_day) + interval '1 month')::date end as full_from,
            date_trunc('month', w.to_day + 1)::date as full_to
          from w
        )
        select b.ord::text, x.month::text, x.debts::text, x.net::text, x.min_due::text, x.max_due::text, x.corrections
        from b cross join lateral (
          select m.month, m.debits as debts, m.total as net, m.first_due as min_due, m.last_due as max_due,
                 m.has_corrections as corrections
          from ledger_monthly_totals m
          where m.organization_id = ${organizationId} and m.unit_id = b.unit_id
            and m.month >= b.full_from and m.month < b.full_to
          union all
          select date_trunc('month', e.value_date)::date,
                 coalesce(sum(e.amount) filter (where e.amount > 0), 0), sum(e.amount),
                 min(coalesce(e.due_date, e.value_date)) filter (where e.amount > 0),
                 max(coalesce(e.due_date, e.value_date)) filter (where e.amount > 0),
                 bool_or(e.kind = 'correction')
          from ledger_entries e
          where e.organization_id = ${organizationId} and e.unit_id = b.unit_id
            and e.value_date >= b.from_day and e.value_date < least(b.full_from, b.to_day + 1)
          group by 1
          union all
          select date_trunc('month', e.value_date)::date,
                 coalesce(sum(e.amount) filter (where e.amount > 0), 0), sum(e.amount),
                 min(coalesce(e.due_date, e.value_date)) filter (where e.amount > 0),
                 max(coalesce(e.due_date, e.value_date)) filter (where e.amount > 0),
                 bool_or(e.kind = 'correction')
          from ledger_entries e
          where e.organization_id = ${organizationId} and e.unit_id = b.unit_id
            and e.value_date >= greatest(b.full_to, b.full_from, coalesce(b.from_day, '-infinity'::date))
            and e.value_date <= b.to_day
          group by 1
        ) x
        order by b.ord, x.month`,
  );
  return rows.map((r) => ({
    ord: Number(r.ord),
    month: String(r.month),
    debts: Number(r.debts),
    net: Number(r.net),
    minDue: r.min_due === null ? null : String(r.min_due),
    maxDue: r.max_due === null ? null : String(r.max_due),
    corrections: r.corrections === true,
  }));
}

/**
 * The cut: the last month end before the month of the window's last day at which the window's
 * balance was ≤ 0 (every debt up to then was paid), with that balance.
 */
function lastSettledMonth(months: readonly WindowMonth[], to: string): { month: string; cum: number } | undefined {
  const lastMonth = `${to.slice(0, 7)}-01`;
  let cum = 0;
  let cut: { month: string; cum: number } | undefined;
  for (const m of months) {
    if (m.month >= lastMonth) break;
    cum += m.net;
    if (cum <= 0) cut = { month: m.month, cum };
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
 * `months` are the window's months after the cut, `opening` the balance carried into them. The
 * property test checks the result against an allocation of the whole history.
 */
function lumpStart(months: readonly WindowMonth[], opening: number): { start: string; opening: number } | undefined {
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
  if (k <= 0) return undefined;
  const carried = opening + months.slice(0, k).reduce((sum, m) => sum + m.net, 0);
  return { start: months[k]?.month as string, opening: carried };
}
