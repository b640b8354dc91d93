/**
 * The demo ledger as a pure function of the register and the day: every unit's opening balance,
 * monthly charges of each fee component, payments by the unit's habit, half-yearly water and
 * yearly c.o. settlements and now and then a paid service, since the ledger's start.
 *
 * Every random choice is a hash of (unit, what, month), never a draw from a running stream, so a
 * unit's month does not depend on how many months came before it or on the day the demo is made.
 * And nothing booked as of one day ever disappears or changes later: the plan of a later day holds
 * every entry of an earlier day's plan, the same (`demoLedgerPlan(t) ⊇ demoLedgerPlan(b)` for
 * b ≤ t, unit-tested). That is what lets the build keep a demo made on its own day
 * (scripts/prepare-demo-seed.ts) and a start on a later day add only the difference.
 */
import type { Medium } from '../features/ledger/labels.ts';
import type { FeeRate, NewEntry } from '../features/ledger/queries.ts';
import { type FeeBasis, monthlyFee, settlementCost } from '../features/ledger/rules/fees.ts';
import { addDays, dayOfMonth, monthLabel, monthsBetween } from '../features/ledger/rules/months.ts';
import { rateFor } from '../features/ledger/rules/rate-for.ts';
import { chargeDueDate } from '../features/ledger/rules/working-days.ts';

export const DEMO_LEDGER_START = '2013-01-01';
export const DEMO_DUE_DAY = 10;

/** Components with their 2013 rate (ten-thousandths of a złoty) and yearly rise in per mille. */
export const demoComponents: { code: string; name: string; basis: FeeBasis; rate: number; rise: number }[] = [
  { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2', rate: 18_500, rise: 40 },
  { code: 'REMONT', name: 'Fundusz remontowy', basis: 'per_m2', rate: 12_000, rise: 50 },
  { code: 'ZW', name: 'Zimna woda i ścieki (zaliczka)', basis: 'per_person', rate: 320_000, rise: 45 },
  { code: 'CO', name: 'Centralne ogrzewanie (zaliczka)', basis: 'per_m2', rate: 31_000, rise: 35 },
  { code: 'ODPADY', name: 'Odpady komunalne', basis: 'per_person', rate: 110_000, rise: 80 },
];

/** A component's rate in each year from 2013 (a rise every January, by resolution of the board). */
export function demoYearlyRates(component: { rate: number; rise: number }, lastYear: number): Map<number, number> {
  const rates = new Map<number, number>();
  let rate = component.rate;
  for (let year = 2013; year <= lastYear; year++) {
    rates.set(year, rate);
    rate = Math.round((rate * (1000 + component.rise)) / 1000 / 10) * 10; // rates are whole data, not money
  }
  return rates;
}

/** How a unit pays: a few percent chronically late, some now and then, most on time. */
export type PaymentHabit = 'chronic' | 'occasional' | 'punctual';

/** The demo's stories (demo/demo-members.ts) that fix a unit's habit. */
export interface DemoStories {
  /** mieszkaniec2's flat: stopped paying five months ago. */
  debtorUnit?: number | undefined;
  /** mieszkaniec3's flat, bought on 2020-06-15: its previous holder did not pay February–June 2020. */
  soldUnit?: number | undefined;
  /** Units whose holders pay on time (mieszkaniec1's, who has a certificate of no arrears). */
  punctualUnits?: readonly number[];
}

export interface DemoSettlement {
  unitId: number;
  medium: Medium;
  periodFrom: string;
  periodTo: string;
  consumption: number;
  unit: 'm3' | 'GJ';
  price: number;
  cost: number;
  advances: number;
  /** The settlement's own reference; its ledger entry is `settlement:<ref>`. */
  ref: string;
}

export interface DemoLedgerInput {
  today: string;
  /** Only entries (and settlements posted) on or after this day: a later day's plan differs from this day's only from `demoChangesFrom(day)`. */
  from?: string | undefined;
  units: readonly { unitId: number; buildingId: number; areaHundredths: number }[];
  occupancy: readonly { unitId: number; effectiveFrom: string; personsCount: number }[];
  components: readonly { id: number; code: string; name: string; basis: FeeBasis }[];
  rates: readonly FeeRate[];
  stories: DemoStories;
  /** Days on which a unit's holders changed (a right began or ended), from the register. */
  holderChanges?: ReadonlyMap<number, readonly string[]>;
}

export interface DemoLedgerPlan {
  entries: NewEntry[];
  settlements: DemoSettlement[];
}

/** A number in [0, 1) from the parts (FNV-1a, then murmur3's finalizer): the same parts, the same number. */
export function demoHash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('|');
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function paymentHabit(unitId: number, stories: DemoStories): PaymentHabit {
  if (unitId === stories.debtorUnit || unitId === stories.soldUnit || stories.punctualUnits?.includes(unitId)) {
    return 'punctual';
  }
  const draw = demoHash(unitId, 'habit');
  return draw < 0.05 ? 'chronic' : draw < 0.25 ? 'occasional' : 'punctual';
}

/** Rules that look back from the day (the last six months) change nothing before this day's month six months back. */
const LOOK_BACK_MONTHS = 6;

/**
 * The first day that a later day's plan may differ on from the plan as of `day`: everything
 * dated before it is the same in both (unit-tested), so a start only makes the plan from there.
 */
export function demoChangesFrom(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - LOOK_BACK_MONTHS, 1)).toISOString().slice(0, 10);
}

/** Whole months from `month` to `today`'s month (0 for today's month). */
function monthsAgo(month: string, today: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  return (ty - y) * 12 + (tm - m);
}

const services = [
  ['Dorobienie klucza do drzwi wejściowych', 4_500],
  ['Udrożnienie pionu kanalizacyjnego z winy lokatora', 18_000],
  ['Wymiana wkładki zamka', 9_000],
  ['Opłata za wydanie zaświadczenia', 3_000],
] as const;

/** The demo ledger of these units as of `today` (entries dated after it are not there yet). */
export function demoLedgerPlan(input: DemoLedgerInput): DemoLedgerPlan {
  const { today, stories } = input;
  const from = input.from ?? DEMO_LEDGER_START;
  // A settlement posted on or after `from` needs the advances of its whole period (a year at most).
  const firstMonth = from === DEMO_LEDGER_START ? DEMO_LEDGER_START : `${Number(from.slice(0, 4)) - 1}-01-01`;
  const months = monthsBetween(firstMonth, today);
  // A settlement's payment comes at most 70 days after it is posted, its refund 29 days.
  const settledFrom = from === DEMO_LEDGER_START ? DEMO_LEDGER_START : addDays(from, -100);
  const lastYear = Number(today.slice(0, 4));
  const entries: NewEntry[] = [];
  const settlements: DemoSettlement[] = [];
  // What is the same for every unit of a month, worked out once (the plan is made at start-up).
  const monthFacts = new Map(
    months.map((month) => [month, { label: monthLabel(month), due: chargeDueDate(month, DEMO_DUE_DAY) }]),
  );
  const perUnitRates = input.rates.some((r) => r.unitId !== null);
  const rateCache = new Map<string, FeeRate | undefined>();
  const rateOf = (componentId: number, unit: { unitId: number; buildingId: number }, day: string) => {
    if (perUnitRates) return rateFor(input.rates, componentId, unit, day);
    const key = `${componentId}:${unit.buildingId}:${day}`;
    if (!rateCache.has(key)) rateCache.set(key, rateFor(input.rates, componentId, unit, day));
    return rateCache.get(key);
  };
  const occupancyOf = new Map<number, { effectiveFrom: string; personsCount: number }[]>();
  for (const o of input.occupancy) {
    const list = occupancyOf.get(o.unitId) ?? [];
    list.push(o);
    occupancyOf.set(o.unitId, list);
  }
  for (const unit of input.units) {
    const u = unit.unitId;
    const history = occupancyOf.get(u) ?? [];
    // Per-person fees follow each unit's persons-count history, month by month, as the charge run does.
    const personsOn = (day: string) => history.findLast((o) => o.effectiveFrom <= day)?.personsCount ?? 0;
    const habit = paymentHabit(u, stories);
    const base = (
      kind: NewEntry['kind'],
      valueDate: string,
      amount: number,
      description: string,
      ref: string,
      extra: Partial<NewEntry> = {},
    ): NewEntry => ({
      unitId: u,
      bookingDate: valueDate,
      valueDate,
      kind,
      componentId: null,
      amount,
      description,
      dueDate: null,
      source: 'demo',
      sourceRef: ref,
      correctsEntryId: null,
      ...extra,
    });
    /** An entry of the plan, unless it is dated before `from`. */
    const book = (...args: Parameters<typeof base>) => {
      if (args[1] >= from) entries.push(base(...args));
    };
    /** A payment, once its day has come. */
    const pay = (day: string, amount: number, title: string, ref: string) => {
      if (day <= today) book('payment', day, -amount, title, ref, { source: 'import' });
    };
    /** A sum owed on `day` paid some days later; a chronic payer leaves half of them unpaid. */
    const payLater = (amount: number, day: string, ref: string, title: string) => {
      if (amount <= 0 || (habit === 'chronic' && demoHash(u, 'unpaid', ref) < 0.5)) return;
      const after = 10 + Math.floor(demoHash(u, 'after', ref) * (habit === 'punctual' ? 20 : 60));
      pay(addDays(day, after), amount, title, ref);
    };

    const openingBalance = Math.round(demoHash(u, 'opening') * 100_000) - 20_000;
    book('opening_balance', DEMO_LEDGER_START, openingBalance, 'Bilans otwarcia na 01.01.2013', `demo:ob:${u}`);
    payLater(openingBalance, DEMO_LEDGER_START, `payment:DEMO-${u}-ob`, 'Wpłata zaległości z bilansu otwarcia');

    const advances = new Map<string, number>();
    for (const month of months) {
      const day = `${month}-01`;
      const { label, due } = monthFacts.get(month) as { label: string; due: string };
      let total = 0;
      for (const component of input.components) {
        const rate = rateOf(component.id, unit, day);
        if (!rate) continue;
        const amount = monthlyFee(component.basis, rate.rate, { ...unit, personsCount: personsOn(day) });
        if (amount === 0) continue;
        total += amount;
        if (component.code === 'ZW' || component.code === 'CO') advances.set(`${component.code}:${month}`, amount);
        book('charge', day, amount, `${component.name} — ${label}`, `charge:${month}:${u}:${component.code}`, {
          componentId: component.id,
          dueDate: due,
          source: 'charge_run',
        });
      }
      // Payments by habit: most pay before the due date; some now and then late; a few percent
      // chronically late, half of their last six months unpaid; the debtor member stopped five
      // months ago; the sold flat's previous holder did not pay before the sale. Each rule only
      // ever adds a payment as the days go by (a month leaving the window gets paid).
      const ago = monthsAgo(month, today);
      if (u === stories.debtorUnit && ago < 5) continue;
      if (u === stories.soldUnit && month >= '2020-02' && month <= '2020-06') continue;
      if (habit === 'chronic' && ago < 6 && demoHash(u, 'skip', month) < 0.5) continue;
      const late = demoHash(u, 'late', month);
      const spread = demoHash(u, 'lateBy', month);
      const lateBy =
        habit === 'chronic'
          ? late < 0.4
            ? 60 + Math.floor(spread * 90)
            : 0
          : habit === 'occasional'
            ? late < 0.15
              ? 20 + Math.floor(spread * 25)
              : 0
            : late < 0.02
              ? 15 + Math.floor(spread * 25)
              : 0;
      const payDay =
        lateBy > 0 ? addDays(dayOfMonth(month, DEMO_DUE_DAY), lateBy) : dayOfMonth(month, 3 + Math.floor(spread * 7));
      pay(payDay, total, `Wpłata za ${label}`, `payment:DEMO-${u}-${month}`);
    }

    // Settlements: water half-yearly, c.o. yearly; posted the day after the period.
    const unitSettlements: DemoSettlement[] = [];
    for (let year = 2013; year <= lastYear; year++) {
      const periods = [
        { medium: 'zimna_woda', from: `${year}-01-01`, to: `${year}-06-30`, posted: `${year}-07-01` },
        { medium: 'zimna_woda', from: `${year}-07-01`, to: `${year}-12-31`, posted: `${year + 1}-01-01` },
        { medium: 'co', from: `${year}-01-01`, to: `${year}-12-31`, posted: `${year + 1}-01-01` },
      ] as const;
      for (const period of periods) {
        // Not posted yet, or posted so long before `from` that none of its entries reaches it.
        if (period.posted > today || period.posted < settledFrom) continue;
        const code = period.medium === 'co' ? 'CO' : 'ZW';
        const paid = monthsBetween(period.from, period.to).reduce((s, m) => s + (advances.get(`${code}:${m}`) ?? 0), 0);
        if (period.medium === 'zimna_woda') {
          const consumption =
            Math.max(1, personsOn(period.from)) * (8_000 + Math.floor(demoHash(u, 'water', period.from) * 14_000));
          const price = 120_000 + (year - 2013) * 4_500;
          unitSettlements.push({
            unitId: u,
            medium: 'zimna_woda',
            periodFrom: period.from,
            periodTo: period.to,
            consumption,
            unit: 'm3',
            price,
            cost: settlementCost(consumption, price),
            advances: paid,
            ref: `DEMO-ZW-${u}-${period.from}`,
          });
        } else {
          const consumption = Math.round(
            (unit.areaHundredths / 100) * (420 + Math.floor(demoHash(u, 'heat', year) * 200)),
          );
          const price = 650_000 + (year - 2013) * 30_000;
          unitSettlements.push({
            unitId: u,
            medium: 'co',
            periodFrom: period.from,
            periodTo: period.to,
            consumption,
            unit: 'GJ',
            price,
            cost: settlementCost(consumption, price),
            advances: paid,
            ref: `DEMO-CO-${u}-${year}`,
          });
        }
      }
    }
    for (const s of unitSettlements) {
      const result = s.cost - s.advances;
      const posted = addDays(s.periodTo, 1);
      payLater(result, posted, `payment:${s.ref}`, `Wpłata dopłaty ${s.ref}`);
      // A refund is paid out to the member's account a few weeks after the settlement; when the
      // holders changed within its period the credit stays, shared between them by the ledger.
      const straddles = input.holderChanges?.get(u)?.some((day) => day > s.periodFrom && day <= s.periodTo);
      if (result < 0 && !straddles) {
        pay(addDays(s.periodTo, 30), result, 'Wypłata zwrotu z rozliczenia na rachunek członka', `refund:${s.ref}`);
      }
      book(
        'media_settlement',
        posted,
        result,
        `Rozliczenie: ${s.medium === 'co' ? 'c.o.' : 'zimna woda'} ${s.periodFrom.slice(0, 7)}–${s.periodTo.slice(0, 7)} (${result >= 0 ? 'dopłata' : 'zwrot'})`,
        `settlement:${s.ref}`,
        { dueDate: addDays(s.periodTo, 60), source: 'settlement' },
      );
    }
    settlements.push(...unitSettlements.filter((s) => addDays(s.periodTo, 1) >= from));

    // Other receivables: now and then a paid service.
    for (let year = 2014; year <= lastYear; year += 3) {
      if (demoHash(u, 'service', year) < 0.5) continue;
      const [title, amount] = services[Math.floor(demoHash(u, 'which', year) * services.length)] ?? services[0];
      const date = `${year}-0${1 + Math.floor(demoHash(u, 'when', year) * 9)}-15`;
      if (date > today) continue;
      book('other_receivable', date, amount, title, `demo:rec:${u}:${year}`, {
        dueDate: addDays(date, 14),
        source: 'manual',
      });
      payLater(amount, date, `payment:DEMO-rec-${u}-${year}`, `Wpłata: ${title}`);
    }
  }
  return { entries, settlements };
}

/** What the plan as of `today` adds to the plan as of an earlier day (entries and settlements not booked yet). */
export function demoLedgerDifference(later: DemoLedgerPlan, earlier: DemoLedgerPlan): DemoLedgerPlan {
  const booked = new Set(earlier.entries.map((e) => e.sourceRef));
  const settled = new Set(earlier.settlements.map((s) => s.ref));
  return {
    entries: later.entries.filter((e) => !booked.has(e.sourceRef)),
    settlements: later.settlements.filter((s) => !settled.has(s.ref)),
  };
}
