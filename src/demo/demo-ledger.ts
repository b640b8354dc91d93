/**
 * The demo cooperative's ledger since 2013-01-01 for every one of its units (demo-ledger-plan.ts
 * makes it; this writes it): fee components with a rate change every January, then each unit's
 * entries and media settlements in set-wise inserts. The demo members keep their stories: DEMO-M2
 * stopped paying five months ago; DEMO-M3 bought their flat on 2020-06-15, so their figures start
 * then, while the previous holder's unpaid months stay his. Demo data is no one's action: it is
 * written straight through the ledger's queries, without audit rows.
 */
import type { Db } from '../db/client.ts';
import {
  type FeeComponent,
  insertEntries,
  insertFeeComponent,
  insertFeeRate,
  insertMediaSettlements,
  listFeeComponents,
  listFeeRates,
} from '../features/ledger/queries.ts';
import type { LedgerSettingKeys } from '../features/ledger/settings.ts';
import { updateOrganizationSettings } from '../features/organizations/queries.ts';
import { listHolderPeriodsOfUnits, listPersonUnitRights } from '../features/units/holder-periods.ts';
import { listOccupancyHistory, listUnitBases } from '../features/units/unit-facts.ts';
import {
  DEMO_DUE_DAY,
  DEMO_LEDGER_START,
  type DemoLedgerPlan,
  type DemoStories,
  demoChangesFrom,
  demoComponents,
  demoLedgerDifference,
  demoLedgerPlan,
  demoYearlyRates,
} from './demo-ledger-plan.ts';
import { type DemoLogin, demoMemberPersons } from './demo-members.ts';

/** The units of each demo member (as of `today`). */
export async function demoMemberUnits(
  db: Db,
  { organizationId, today }: { organizationId: number; today: string },
): Promise<Record<DemoLogin, number[]>> {
  const members = await demoMemberPersons(db, { organizationId });
  const result = {} as Record<DemoLogin, number[]>;
  for (const [login, person] of Object.entries(members) as [DemoLogin, (typeof members)[DemoLogin]][]) {
    const rights = await listPersonUnitRights(db, { organizationId, personId: person.id, today });
    result[login] = rights.map((r) => r.unitId);
  }
  return result;
}

/** Fee rates of the years after `fromYear` up to `toYear` (the first load: all since 2013). */
async function addYearlyRates(
  db: Db,
  {
    organizationId,
    components,
    fromYear,
    toYear,
  }: { organizationId: number; components: FeeComponent[]; fromYear: number; toYear: number },
): Promise<void> {
  for (const component of components) {
    const spec = demoComponents.find((c) => c.code === component.code);
    if (!spec) continue;
    for (const [year, rate] of demoYearlyRates(spec, toYear)) {
      if (year <= fromYear) continue;
      await insertFeeRate(db, {
        organizationId,
        componentId: component.id,
        rate,
        effectiveFrom: `${year}-01-01`,
        note: 'uchwała zarządu',
      });
    }
  }
}

/**
 * Loads the demo ledger as of `today` into the organization whose demo register is loaded; with
 * `since` (the day an earlier load was made for), adds only what the days since then brought.
 * `historyUnits` (tests) limits the history to the demo members' units and that many others.
 */
export async function loadLedgerDemo(
  db: Db,
  {
    organizationId,
    today,
    since,
    historyUnits,
  }: { organizationId: number; today: string; since?: string | undefined; historyUnits?: number | undefined },
): Promise<{ entries: number }> {
  if (since !== undefined && since > today) throw new Error(`the demo was made for ${since}, after today (${today})`);
  let components: FeeComponent[];
  if (since === undefined) {
    const ledgerSettings: LedgerSettingKeys = {
      ledgerDueDay: DEMO_DUE_DAY,
      virtualAccountPrefix: '10202313000031',
      taxId: '6340197306',
    };
    await updateOrganizationSettings(db, organizationId, { ledgerStartDate: DEMO_LEDGER_START, ...ledgerSettings });
    components = [];
    for (const [sortOrder, c] of demoComponents.entries()) {
      components.push(
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
    await addYearlyRates(db, { organizationId, components, fromYear: 2012, toYear: Number(today.slice(0, 4)) });
  } else {
    components = (await listFeeComponents(db, { organizationId })).filter((c) =>
      demoComponents.some((d) => d.code === c.code),
    );
    const fromYear = Number(since.slice(0, 4));
    await addYearlyRates(db, { organizationId, components, fromYear, toYear: Number(today.slice(0, 4)) });
  }
  const rates = await listFeeRates(db, { organizationId });

  const memberUnits = await demoMemberUnits(db, { organizationId, today });
  const stories: DemoStories = {
    debtorUnit: memberUnits.mieszkaniec2[0],
    soldUnit: memberUnits.mieszkaniec3[0],
    punctualUnits: memberUnits.mieszkaniec1,
  };
  let units = await listUnitBases(db, { organizationId, day: today });
  if (historyUnits !== undefined) {
    const chosen = new Set(Object.values(memberUnits).flat());
    const others = units.filter((u) => !chosen.has(u.unitId)).slice(0, historyUnits);
    for (const u of others) chosen.add(u.unitId);
    units = units.filter((u) => chosen.has(u.unitId));
  }
  const occupancy = await listOccupancyHistory(db, { organizationId, unitIds: units.map((u) => u.unitId) });
  const holderChanges = new Map<number, string[]>();
  const periods = await listHolderPeriodsOfUnits(db, {
    organizationId,
    unitIds: units.map((u) => u.unitId),
    from: DEMO_LEDGER_START,
    to: '9999-12-31',
  });
  for (const p of periods) {
    const days = holderChanges.get(p.unitId) ?? [];
    days.push(p.validFrom, ...(p.validTo ? [p.validTo] : []));
    holderChanges.set(p.unitId, days);
  }
  const planOf = (day: string, from?: string) =>
    demoLedgerPlan({ today: day, from, units, occupancy, components, rates, stories, holderChanges });
  // A later day adds to the plan only from demoChangesFrom(since): the rest is booked already.
  let plan: DemoLedgerPlan = { entries: [], settlements: [] };
  if (since === undefined) plan = planOf(today);
  else if (since < today)
    plan = demoLedgerDifference(planOf(today, demoChangesFrom(since)), planOf(since, demoChangesFrom(since)));
  const ids = await insertEntries(db, { organizationId, entries: plan.entries });
  const entryIdOf = (ref: string) => {
    const id = ids.get(ref);
    if (id === undefined) throw new Error(`ledger demo: entry ${ref} was not booked`);
    return id;
  };
  await insertMediaSettlements(db, {
    organizationId,
    rows: plan.settlements.map((s) => ({
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
  return { entries: plan.entries.length };
}
