/**
 * The demo cooperative's ledger since 2013-01-01, generated deterministically and written in
 * multi-row inserts so that a fresh start stays fast: opening balances, monthly charges of five
 * components with a fee change every January, payments (mostly on time, some late, a few
 * missing), yearly c.o. and half-yearly water settlements, some other receivables. The demo
 * members keep their stories: DEMO-M2 stopped paying five months ago; DEMO-M3 bought their flat
 * on 2020-06-15, so their figures start then, while the previous holder's period stays theirs.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { demoMemberKeys } from '../../demo/demo-members.ts';
import { updateOrganizationSettings } from '../organizations/queries.ts';
import { discardAudit } from '../units/audit.ts';
import type { Medium } from './labels.ts';
import { addFeeComponent, rateFor } from './ledger.ts';
import { insertEntries, insertFeeRate, listFeeRates, listUnitBases, type NewEntry } from './queries.ts';
import { type FeeBasis, monthlyFee, settlementCost } from './rules/fees.ts';
import { addDays, dayOfMonth, monthLabel, monthsBetween } from './rules/months.ts';

const START = '2013-01-01';

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

export async function loadLedgerDemo(db: Db, organizationId: number, today: string, extraUnits = 6): Promise<void> {
  await updateOrganizationSettings(db, organizationId, {
    ledgerStartDate: START,
    ...({ ledgerDueDay: 10, virtualAccountPrefix: '10202313000031', taxId: '6340197306' } as object),
  });
  const context = { db, organizationId, actor: { accountId: null, label: 'demo' }, audit: discardAudit };
  const created = [];
  for (const c of components) {
    created.push(await addFeeComponent({ ...context, input: { code: c.code, name: c.name, basis: c.basis } }));
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
  const rates = await listFeeRates(db, organizationId);

  // The demo members' units first, then a handful of others so that lists are not empty.
  const memberUnits = await queryRows<{ unit_id: string; key: string }>(
    db,
    sql`select distinct r.unit_id::text, p.external_key as key from rights r join persons p on p.id = r.person_id
        where r.organization_id = ${organizationId} and p.external_key = any(${sql.param(Object.values(demoMemberKeys))}::text[])`,
  );
  const debtorUnit = Number(memberUnits.find((u) => u.key === demoMemberKeys.mieszkaniec2)?.unit_id);
  const allUnits = await listUnitBases(db, organizationId, today);
  const chosen = new Set(memberUnits.map((u) => Number(u.unit_id)));
  for (const unit of allUnits) {
    if (chosen.size >= memberUnits.length + extraUnits) break;
    if (unit.unitId % 7 === 0) chosen.add(unit.unitId);
  }
  const units = allUnits.filter((u) => chosen.has(u.unitId));
  // Per-person fees follow each unit's persons-count history, month by month, as the charge run does.
  const occupancy = await queryRows<{ unit_id: string; effective_from: string; persons_count: number }>(
    db,
    sql`select unit_id::text, effective_from::text, persons_count from occupancy
        where organization_id = ${organizationId} and unit_id = any(${sql.param([...chosen])}::bigint[])
        order by effective_from, id`,
  );
  const personsOn = (unitId: number, day: string) =>
    occupancy.findLast((o) => Number(o.unit_id) === unitId && o.effective_from <= day)?.persons_count ?? 0;
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
    entries.push(
      base(
        'opening_balance',
        START,
        Math.round(rnd() * 100_000) - 20_000,
        'Bilans otwarcia na 01.01.2013',
        `demo:ob:${unit.unitId}`,
      ),
    );
    const advances = new Map<string, number>();
    const isDebtor = unit.unitId === debtorUnit;
    const lateHabit = rnd() < 0.25;
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
              dueDate: dayOfMonth(month, 10),
              source: 'charge_run',
            },
          ),
        );
      }
      // Payments: the debtor stopped five months ago; a few months are skipped, some paid late.
      const monthsAgo = months.length - 1 - months.indexOf(month);
      if (isDebtor && monthsAgo < 5) continue;
      if (month === currentMonth && today.slice(8) < '12') continue;
      if (rnd() < 0.03) continue;
      const late = lateHabit ? rnd() < 0.3 : rnd() < 0.05;
      const payDay = late
        ? addDays(dayOfMonth(month, 10), 20 + Math.floor(rnd() * 25))
        : dayOfMonth(month, 3 + Math.floor(rnd() * 7));
      if (payDay > today) continue;
      entries.push(
        base('payment', payDay, -total, `Wpłata za ${monthLabel(month)}`, `payment:DEMO-${unit.unitId}-${month}`, {
          source: 'import',
        }),
      );
    }
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
    }
  }
  const started = Date.now();
  const ids = await insertEntries(db, organizationId, entries);
  if (process.env.OSIEDLE_DEMO_TIMING)
    console.info(`ledger demo: ${entries.length} entries in ${Date.now() - started} ms`);
  if (settlements.length > 0) {
    await db.execute(
      sql`insert into media_settlements (organization_id, unit_id, medium, period_from, period_to, consumption_thousandths,
            consumption_unit, price, cost, advances, result, ledger_entry_id, source_ref)
          select ${organizationId}, u, m::medium, pf, pt, c, cu, p, co, a, co - a, e, r from unnest(
            ${sql.param(settlements.map((s) => String(s.unitId)))}::text[]::bigint[],
            ${sql.param(settlements.map((s) => s.medium))}::text[],
            ${sql.param(settlements.map((s) => s.periodFrom))}::text[]::date[],
            ${sql.param(settlements.map((s) => s.periodTo))}::text[]::date[],
            ${sql.param(settlements.map((s) => String(s.consumption)))}::text[]::bigint[],
            ${sql.param(settlements.map((s) => s.unit))}::text[],
            ${sql.param(settlements.map((s) => String(s.price)))}::text[]::bigint[],
            ${sql.param(settlements.map((s) => String(s.cost)))}::text[]::bigint[],
            ${sql.param(settlements.map((s) => String(s.advances)))}::text[]::bigint[],
            ${sql.param(settlements.map((s) => String(ids.get(`settlement:${s.ref}`))))}::text[]::bigint[],
            ${sql.param(settlements.map((s) => s.ref))}::text[]
          ) as t(u, m, pf, pt, c, cu, p, co, a, e, r)`,
    );
  }
}
