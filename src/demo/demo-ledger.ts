/**
 * The demo cooperative's ledger since 2013-01-01, generated deterministically and written in
 * multi-row inserts so that a fresh start stays fast: opening balances, monthly charges of five
 * components with a fee change every January, payments (mostly on time, some late, a few
 * missing), yearly c.o. and half-yearly water settlements, some other receivables. The demo
 * members keep their stories: DEMO-M2 stopped paying five months ago; DEMO-M3 bought their flat
 * on 2020-06-15, so their figures start then, while the previous holder's period stays theirs.
 */
import type { Db } from '../db/client.ts';
import { insertCertificateRequest, markIssued } from '../features/ledger/certificate-queries.ts';
import { rateFor } from '../features/ledger/fees.ts';
import type { Medium } from '../features/ledger/labels.ts';
import {
  insertEntries,
  insertFeeComponent,
  insertFeeRate,
  insertMediaSettlements,
  listFeeRates,
  type NewEntry,
} from '../features/ledger/queries.ts';
import { type FeeBasis, monthlyFee, settlementCost } from '../features/ledger/rules/fees.ts';
import { addDays, dayOfMonth, monthLabel, monthsBetween } from '../features/ledger/rules/months.ts';
import { chargeDueDate } from '../features/ledger/rules/working-days.ts';
import type { LedgerSettingKeys } from '../features/ledger/settings.ts';
import { updateOrganizationSettings } from '../features/organizations/queries.ts';
import { listPersonUnitRights } from '../features/units/holder-periods.ts';
import { listOccupancyHistory, listUnitBases } from '../features/units/unit-facts.ts';
import { demoMemberPersons } from './demo-members.ts';

const START = '2013-01-01';
/** Units with a ledger history besides the demo members' own. */
const EXTRA_UNITS = 30;

/** Components with their 2013 rate (ten-thousandths of a złoty) and yearly rise in per mille. */
const components: { code: string; name: string; basis: FeeBasis; rate: number; rise: number }[] = [
  { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2', rate: 18_500, rise: 40 },
  { code: 'REMONT', name: 'Fundusz remontowy', basis: 'per_m2', rate: 12_000, rise: 50 },
  { code: 'ZW', name: 'Zimna woda i ścieki (zaliczka)', basis: 'per_person', rate: 320_000, rise: 45 },
  { code: 'CO', name: 'Centralne ogrzewanie (zaliczka)', basis: 'per_m2', rate: 31_000, rise: 35 },
  { code: 'ODPADY', name: 'Odpady komunalne', basis: 'per_person', rate: 110_000, rise: 80 },
];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Loads the demo ledger of the organization whose demo register is loaded. Demo data is no one's
 * action: it is written straight through the ledger's queries, without audit rows.
 */
export async function loadLedgerDemo(db: Db, organizationId: number, today: string): Promise<void> {
  const ledgerSettings: LedgerSettingKeys = {
    ledgerDueDay: 10,
    virtualAccountPrefix: '10202313000031',
    taxId: '6340197306',
  };
  await updateOrganizationSettings(db, organizationId, { ledgerStartDate: START, ...ledgerSettings });
  const created = [];
  for (const [sortOrder, c] of components.entries()) {
    created.push(
      await insertFeeComponent(db, {
        organizationId,
        sortOrder,
        code: c.code,
        name: c.name,
        basis: c.basis,
        // Water, heat and waste are charges independent of the cooperative (u.s.m. art. 4 ust. 7¹).
        costKind: ['ZW', 'CO', 'ODPADY'].includes(c.code) ? 'independent' : 'own',
      }),
    );
  }
  const lastYear = Number(today.slice(0, 4));
  for (const [i, c] of components.entries()) {
    const id = created[i]?.id as number;
    let rate = c.rate;
    for (let year = 2013; year <= lastYear; year++) {
      await insertFeeRate(db, {
        organizationId,
        componentId: id,
        rate,
        effectiveFrom: `${year}-01-01`,
        note: 'uchwała zarządu',
      });
      rate = Math.round((rate * (1000 + c.rise)) / 1000 / 10) * 10; // rates themselves are whole data, not money
    }
  }
  const rates = await listFeeRates(db, { organizationId });

  // The demo members' units first, then a handful of others so that lists are not empty.
  const members = await demoMemberPersons(db, { organizationId });
  const memberUnits = new Map<string, { unitId: number; login: string }>();
  for (const [login, person] of Object.entries(members)) {
    for (const right of await listPersonUnitRights(db, { organizationId, personId: person.id, today })) {
      memberUnits.set(`${right.unitId}:${login}`, { unitId: right.unitId, login });
    }
  }
  const debtorUnit = [...memberUnits.values()].find((u) => u.login === 'mieszkaniec2')?.unitId;
  // mieszkaniec3's flat: its previous holder stopped paying before the sale (debt that stays his).
  const soldUnit = [...memberUnits.values()].find((u) => u.login === 'mieszkaniec3')?.unitId;
  // The members' units and every seventh other unit, up to EXTRA_UNITS, have their history since
  // the ledger's start: enough payers of each habit for the debtors list, reminders and
  // certificates. Not all 300 units: on PGlite every entry costs about a third of a millisecond
  // on a busy machine, and 300 units' 300 000 entries would make the first start last minutes.
  const allUnits = await listUnitBases(db, { organizationId, day: today });
  const chosen = new Set([...memberUnits.values()].map((u) => u.unitId));
  for (const unit of allUnits) {
    if (chosen.size >= memberUnits.size + EXTRA_UNITS) break;
    if (unit.unitId % 7 === 0) chosen.add(unit.unitId);
  }
  const units = allUnits.filter((u) => chosen.has(u.unitId));
  // Per-person fees follow each unit's persons-count history, month by month, as the charge run does.
  const occupancy = await listOccupancyHistory(db, { organizationId, unitIds: [...chosen] });
  const personsOn = (unitId: number, day: string) =>
    occupancy.findLast((o) => o.unitId === unitId && o.effectiveFrom <= day)?.personsCount ?? 0;
  const months = monthsBetween(START, today);
  const currentMonth = today.slice(0, 7);
  const entries: NewEntry[] = [];
  const settlements: {
    unitId: number;
    medium: Medium;
    periodFrom: string;
    periodTo: string;
    consumption: number;
    unit: 'm3' | 'GJ';
    price: number;
    cost: number;
    advances: number;
    ref: string;
  }[] = [];
  for (const unit of units) {
    const rnd = random(unit.unitId * 7919);
    const base = (
      kind: NewEntry['kind'],
      valueDate: string,
      amount: number,
      description: string,
      ref: string,
      extra: Partial<NewEntry> = {},
    ): NewEntry => ({
      unitId: unit.unitId,
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
    const openingBalance = Math.round(rnd() * 100_000) - 20_000;
    entries.push(
      base('opening_balance', START, openingBalance, 'Bilans otwarcia na 01.01.2013', `demo:ob:${unit.unitId}`),
    );
    const advances = new Map<string, number>();
    const isDebtor = unit.unitId === debtorUnit;
    const draw = rnd();
    const habit = draw < 0.08 ? 'chronic' : draw < 0.3 ? 'occasional' : 'punctual';
    for (const month of months) {
      const day = `${month}-01`;
      let total = 0;
      for (const component of created) {
        const rate = rateFor(rates, component.id, unit, day);
        if (!rate) continue;
        const amount = monthlyFee(component.basis, rate.rate, { ...unit, personsCount: personsOn(unit.unitId, day) });
        if (amount === 0) continue;
        total += amount;
        if (component.code === 'ZW' || component.code === 'CO') {
          advances.set(`${component.code}:${month}`, amount);
        }
        entries.push(
          base(
            'charge',
            day,
            amount,
            `${component.name} — ${monthLabel(month)}`,
            `charge:${month}:${unit.unitId}:${component.code}`,
            {
              componentId: component.id,
              dueDate: chargeDueDate(month, 10),
              source: 'charge_run',
            },
          ),
        );
      }
      // Payments by habit: most pay before the due date; some now and then late; a few percent
      // chronically late, with the last months unpaid; the debtor member stopped five months ago.
      const monthsAgo = months.length - 1 - months.indexOf(month);
      if (isDebtor && monthsAgo < 5) continue;
      if (unit.unitId === soldUnit && month >= '2020-02' && month <= '2020-06') continue;
      if (month === currentMonth && today.slice(8) < '12') continue;
      if (habit === 'chronic' && monthsAgo < 6 && rnd() < 0.5) continue;
      const lateBy =
        habit === 'chronic'
          ? rnd() < 0.4
            ? 60 + Math.floor(rnd() * 90)
            : 0
          : habit === 'occasional'
            ? rnd() < 0.15
              ? 20 + Math.floor(rnd() * 25)
              : 0
            : rnd() < 0.02
              ? 15 + Math.floor(rnd() * 25)
              : 0;
      const payDay = lateBy > 0 ? addDays(dayOfMonth(month, 10), lateBy) : dayOfMonth(month, 3 + Math.floor(rnd() * 7));
      if (payDay > today) continue;
      entries.push(
        base('payment', payDay, -total, `Wpłata za ${monthLabel(month)}`, `payment:DEMO-${unit.unitId}-${month}`, {
          source: 'import',
        }),
      );
    }
    const payLater = (amount: number, day: string, ref: string, title: string) => {
      if (amount <= 0 || (habit === 'chronic' && rnd() < 0.5)) return;
      const payDay = addDays(day, 10 + Math.floor(rnd() * (habit === 'punctual' ? 20 : 60)));
      if (payDay > today) return;
      entries.push(base('payment', payDay, -amount, title, ref, { source: 'import' }));
    };
    // The opening balance owed is paid in the first weeks.
    payLater(openingBalance, START, `payment:DEMO-${unit.unitId}-ob`, 'Wpłata zaległości z bilansu otwarcia');
    // Settlements: water half-yearly, c.o. yearly; posted the day after the period.
    for (let year = 2013; year <= lastYear; year++) {
      for (const [from, to] of [
        [`${year}-01-01`, `${year}-06-30`],
        [`${year}-07-01`, `${year}-12-31`],
      ] as const) {
        if (addDays(to, 1) > today) continue;
        const paid = monthsBetween(from, to).reduce((s, m) => s + (advances.get(`ZW:${m}`) ?? 0), 0);
        const consumption = Math.max(1, unit.personsCount) * (8_000 + Math.floor(rnd() * 14_000));
        const price = 120_000 + (year - 2013) * 4_500;
        const cost = settlementCost(consumption, price);
        settlements.push({
          unitId: unit.unitId,
          medium: 'zimna_woda',
          periodFrom: from,
          periodTo: to,
          consumption,
          unit: 'm3',
          price,
          cost,
          advances: paid,
          ref: `DEMO-ZW-${unit.unitId}-${from}`,
        });
      }
      if (`${year + 1}-01-01` > today) continue;
      const paid = monthsBetween(`${year}-01-01`, `${year}-12-31`).reduce(
        (s, m) => s + (advances.get(`CO:${m}`) ?? 0),
        0,
      );
      const consumption = Math.round((unit.areaHundredths / 100) * (420 + Math.floor(rnd() * 200)));
      const price = 650_000 + (year - 2013) * 30_000;
      const cost = settlementCost(consumption, price);
      settlements.push({
        unitId: unit.unitId,
        medium: 'co',
        periodFrom: `${year}-01-01`,
        periodTo: `${year}-12-31`,
        consumption,
        unit: 'GJ',
        price,
        cost,
        advances: paid,
        ref: `DEMO-CO-${unit.unitId}-${year}`,
      });
    }
    for (const s of settlements.filter((x) => x.unitId === unit.unitId)) {
      const result = s.cost - s.advances;
      payLater(result, addDays(s.periodTo, 1), `payment:${s.ref}`, `Wpłata dopłaty ${s.ref}`);
      // A refund is paid out to the member's account a few weeks after the settlement.
      const refundDay = addDays(s.periodTo, 30);
      if (result < 0 && refundDay <= today) {
        entries.push(
          base('payment', refundDay, -result, 'Wypłata zwrotu z rozliczenia na rachunek członka', `refund:${s.ref}`, {
            source: 'import',
          }),
        );
      }
      entries.push(
        base(
          'media_settlement',
          addDays(s.periodTo, 1),
          result,
          `Rozliczenie: ${s.medium === 'co' ? 'c.o.' : 'zimna woda'} ${s.periodFrom.slice(0, 7)}–${s.periodTo.slice(0, 7)} (${result >= 0 ? 'dopłata' : 'zwrot'})`,
          `settlement:${s.ref}`,
          {
            dueDate: addDays(s.periodTo, 60),
            source: 'settlement',
          },
        ),
      );
    }
    // Other receivables: now and then a paid service.
    const services = [
      ['Dorobienie klucza do drzwi wejściowych', 4_500],
      ['Udrożnienie pionu kanalizacyjnego z winy lokatora', 18_000],
      ['Wymiana wkładki zamka', 9_000],
      ['Opłata za wydanie zaświadczenia', 3_000],
    ] as const;
    for (let year = 2014; year <= lastYear; year += 3) {
      if (rnd() < 0.5) continue;
      const [title, amount] = services[Math.floor(rnd() * services.length)] ?? services[0];
      const date = `${year}-0${1 + Math.floor(rnd() * 9)}-15`;
      if (date > today) continue;
      entries.push(
        base('other_receivable', date, amount, title, `demo:rec:${unit.unitId}:${year}`, {
          dueDate: addDays(date, 14),
          source: 'manual',
        }),
      );
      payLater(amount, date, `payment:DEMO-rec-${unit.unitId}-${year}`, `Wpłata: ${title}`);
    }
  }
  const started = Date.now();
  const ids = await insertEntries(db, { organizationId, entries });
  if (process.env.OSIEDLE_DEMO_TIMING)
    console.info(`ledger demo: ${entries.length} entries in ${Date.now() - started} ms`);
  const entryIdOf = (ref: string) => {
    const id = ids.get(ref);
    if (id === undefined) throw new Error(`ledger demo: entry ${ref} was not booked`);
    return id;
  };
  await insertMediaSettlements(db, {
    organizationId,
    rows: settlements.map((s) => ({
      unitId: s.unitId,
      medium: s.medium,
      periodFrom: s.periodFrom,
      periodTo: s.periodTo,
      consumptionThousandths: s.consumption,
      consumptionUnit: s.unit,
      price: s.price,
      cost: s.cost,
      advances: s.advances,
      ledgerEntryId: entryIdOf(`settlement:${s.ref}`),
      sourceRef: s.ref,
    })),
  });
  // Members who asked for a certificate of no arrears: mieszkaniec1 got one at once, the
  // debtor's request waits in the accountant's queue.
  const certificateRequests = [
    { login: 'mieszkaniec1', issue: true },
    { login: 'mieszkaniec2', issue: false },
  ] as const;
  for (const { login, issue } of certificateRequests) {
    const person = members[login];
    const unitId = [...memberUnits.values()].find((u) => u.login === login)?.unitId;
    if (!person || unitId === undefined) continue;
    const holderName = `${person.firstName} ${person.lastName}`;
    const id = await insertCertificateRequest(db, {
      organizationId,
      unitId,
      personId: person.id,
      holderName,
      asOf: today,
    });
    if (issue) {
      await markIssued(db, { organizationId, id, issuedOn: today, code: `DEMO-${String(id).padStart(4, '0')}-0001` });
    }
  }
}
