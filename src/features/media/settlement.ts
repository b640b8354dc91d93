/**
 * The water settlement of a building for a period, computed here: each unit's consumption from
 * its readings (estimated where a reading is missing), the building's difference (main meter −
 * units) shared by the organization's rule, × the period's price (water + sewage, by the days
 * of each tariff), − the advances charged for water, split between the holders of the period
 * (at the handover reading when one was taken, else by days). A preview is stored as a run;
 * posting it books every line in one transaction through the ledger's door, once.
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { buildingAddress, withCity } from '../../lib/address.ts';
import { type Actor, recordAudit, recordAudits } from '../audit/audit.ts';
import { listComponentCharges } from '../ledger/queries.ts';
import { settlementCost } from '../ledger/rules/fees.ts';
import { postSettlementBatch } from '../ledger/settlement-batch.ts';
import { listHolderPeriodsOfUnits } from '../units/holder-periods.ts';
import { findBuilding, listBuildings } from '../units/queries.ts';
import { listUnitBases } from '../units/unit-facts.ts';
import {
  findMediaSettings,
  insertRun,
  insertRuns,
  listReadingsOfMeters,
  listSettlementMeters,
  listWaterTariffs,
  lockRunsToPost,
  markRunsPosted,
  meterLives,
  type SettlementMeter,
  type SettlementRun,
  setRunsBatch,
} from './queries.ts';
import { type MeterLife, needsHistory, unitConsumption } from './rules/consumption.ts';
import { addDays, daysBetween } from './rules/days.ts';
import { holderSegments, splitConsumption } from './rules/holders.ts';
import { type DifferenceRule, distributeDifference, splitByWeights } from './rules/shares.ts';
import { periodPrice, proposedMonthlyAdvance, tariffOn } from './rules/tariff.ts';

export type WaterMedium = 'zimna_woda' | 'ciepla_woda';

export interface SettlementLine {
  unitId: number;
  unitNumber: string;
  holder: string;
  from: string;
  to: string;
  /** Thousandths of m³ billed to this holder: own consumption plus the share of the difference. */
  consumption: number;
  differenceShare: number;
  estimated: boolean;
  byReading: boolean;
  cost: number;
  advances: number;
  result: number;
}

export interface UnitMeterFigures {
  unitId: number;
  meters: {
    meterId: number;
    kind: string;
    from?: { readOn: string; value: number };
    to?: { readOn: string; value: number };
  }[];
  consumption: number;
  estimated: boolean;
  proposedAdvance: number;
}

export interface SettlementReport {
  /** A heating company's results imported (heating.ts); absent for water computed here. */
  kind?: 'heating';
  buildingLabel: string;
  medium: WaterMedium | 'co';
  days: number;
  price: number;
  rule: DifferenceRule;
  mainConsumption: number | null;
  unitsConsumption: number;
  difference: number;
  lines: SettlementLine[];
  units: UnitMeterFigures[];
}

export interface RunInput {
  buildingId: number;
  medium: WaterMedium;
  periodFrom: string;
  periodTo: string;
}

/** What a settlement reads, once for any number of buildings of one medium and period. */
export interface SettlementReads {
  buildings: Map<number, { street: string; number: string; city: string }>;
  settings: Awaited<ReturnType<typeof findMediaSettings>>;
  price: number;
  currentPrice: number;
  meters: SettlementMeter[];
  metersByBuilding: Map<number, SettlementMeter[]>;
  lives: Map<number, MeterLife>;
  bases: Map<number, Awaited<ReturnType<typeof listUnitBases>>[number]>;
  /** Holder periods by unit. */
  holders: Map<number, Awaited<ReturnType<typeof listHolderPeriodsOfUnits>>>;
  /** Advances charged by unit. */
  charges: Map<number, Awaited<ReturnType<typeof listComponentCharges>>>;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** How far back a settlement looks for the reading that opens the period, and for history. */
const LOOK_BACK_DAYS = 400;

/**
 * Reads everything the settlements of these buildings need in a few statements, however many
 * buildings and units (not a few per building): tariffs, settings, meters, units, holders,
 * advances charged, and of the readings only those the computation uses: each meter's last one
 * before the period and those in it; the year before only for meters whose period no reading
 * closes (an estimate) or whose unit changed holders (the split at the handover).
 */
export async function readForSettlements(
  db: Db,
  {
    organizationId,
    buildingIds,
    medium,
    from,
    to,
  }: { organizationId: number; buildingIds: number[]; medium: WaterMedium; from: string; to: string },
): Promise<SettlementReads> {
  if (to < from)
    throw new ValidationError([{ field: 'do', message: 'Koniec okresu nie może być przed jego początkiem.' }]);
  const since = addDays(from, -LOOK_BACK_DAYS);
  // What does not depend on another read is read at once (on PostgreSQL over the pool's
  // connections, one after another in a transaction; PGlite takes them one after another).
  const [buildingRows, settings, tariffs, { meters, readings }, basesRows] = await readTogether(db, [
    () => listBuildings(db, { organizationId }),
    () => findMediaSettings(db, { organizationId }),
    () => listWaterTariffs(db, { organizationId }),
    () => listSettlementMeters(db, { organizationId, buildingIds, medium, since, from, to }),
    () => listUnitBases(db, { organizationId, day: to }),
  ]);
  const wanted = new Set(buildingIds);
  const buildings = new Map(buildingRows.filter((b) => wanted.has(b.id)).map((b) => [b.id, b]));
  const price = periodPrice(
    tariffs.map((t) => ({ effectiveFrom: t.effectiveFrom, water: t.water, sewage: t.sewage })),
    from,
    to,
  );
  if (price === undefined) {
    throw new ValidationError([
      { field: 'od', message: 'Brak taryfy za wodę i ścieki na część okresu: dodaj taryfę.' },
    ]);
  }
  const latest = tariffOn(tariffs, to);
  const unitIds = [...new Set(meters.flatMap((m) => (m.unitId === null ? [] : [m.unitId])))];
  const [holderRows, charges] = await readTogether(db, [
    () => listHolderPeriodsOfUnits(db, { organizationId, unitIds, from, to }),
    () =>
      listComponentCharges(db, {
        organizationId,
        unitIds,
        componentCode: medium === 'ciepla_woda' ? settings.hotWaterAdvanceCode : settings.waterAdvanceCode,
        from,
        to,
      }),
  ]);
  const narrow = meterLives(meters, readings);
  const changed = new Set(
    holderRows.filter((h) => h.validFrom > from || (h.validTo !== null && h.validTo <= to)).map((h) => h.unitId),
  );
  const unitOfMeter = new Map(meters.map((m) => [m.id, m.unitId]));
  const wide = new Set(
    narrow
      .filter((life) => {
        const unitId = unitOfMeter.get(life.meterId);
        return (unitId != null && changed.has(unitId)) || needsHistory(life, from, to);
      })
      .map((life) => life.meterId),
  );
  const lives = new Map(narrow.map((life) => [life.meterId, life]));
  if (wide.size > 0) {
    const history = meterLives(
      meters.filter((m) => wide.has(m.id)),
      await listReadingsOfMeters(db, { organizationId, meterIds: [...wide], since, until: to }),
    );
    for (const life of history) lives.set(life.meterId, life);
  }
  const unitSet = new Set(unitIds);
  const bases = new Map(basesRows.filter((u) => unitSet.has(u.unitId)).map((u) => [u.unitId, u]));
  return {
    buildings,
    settings,
    price,
    currentPrice: latest ? latest.water + latest.sewage : price,
    meters,
    metersByBuilding: groupBy(meters, (m) => m.buildingId),
    lives,
    bases,
    holders: groupBy(holderRows, (h) => h.unitId),
    charges: groupBy(charges, (c) => c.unitId),
  };
}

/** Computes the settlement; a unit with neither a reading nor history stops it with the list. */
export async function computeSettlement(
  db: Db,
  { organizationId, input }: { organizationId: number; input: RunInput },
): Promise<SettlementReport> {
  const building = await findBuilding(db, { organizationId, id: input.buildingId });
  if (!building) throw new ValidationError([{ field: 'budynek', message: 'Nie ma takiego budynku.' }]);
  const reads = await readForSettlements(db, {
    organizationId,
    buildingIds: [input.buildingId],
    medium: input.medium,
    from: input.periodFrom,
    to: input.periodTo,
  });
  return settleBuilding(reads, input);
}

/** One building's settlement from what was read for it (with others, perhaps). */
export function settleBuilding(reads: SettlementReads, input: RunInput): SettlementReport {
  const outcome = settleOrStop(reads, input);
  if ('stopped' in outcome) throw new ValidationError([{ field: 'budynek', message: outcome.stopped.message }]);
  return outcome.report;
}

/** A unit that stops a run: it has neither a reading closing the period nor history to estimate from. */
export interface StoppedUnit {
  unitId: number;
  unitNumber: string;
  reasons: string[];
}

/** A building whose run is stopped, with its units to fix. */
export interface StoppedBuilding {
  buildingId: number;
  buildingLabel: string;
  message: string;
  units: StoppedUnit[];
}

/** One building's settlement, or the units that stop it (never a partial report). */
function settleOrStop(
  reads: SettlementReads,
  input: RunInput,
): { report: SettlementReport } | { stopped: StoppedBuilding } {
  const { buildingId, medium, periodFrom: from, periodTo: to } = input;
  const building = reads.buildings.get(buildingId);
  if (!building) throw new ValidationError([{ field: 'budynek', message: 'Nie ma takiego budynku.' }]);
  const { settings, price, currentPrice } = reads;
  const unitOf = new Map<number, number | null>();
  const byUnit = new Map<number, MeterLife[]>();
  const main: MeterLife[] = [];
  for (const m of reads.metersByBuilding.get(buildingId) ?? []) {
    unitOf.set(m.id, m.unitId);
    const life = reads.lives.get(m.id);
    if (!life) continue;
    if (m.unitId === null) main.push(life);
    else {
      const list = byUnit.get(m.unitId);
      if (list) list.push(life);
      else byUnit.set(m.unitId, [life]);
    }
  }
  const bases = reads.bases;
  const missing: StoppedUnit[] = [];
  const consumptions = new Map<number, ReturnType<typeof unitConsumption>>();
  for (const [unitId, unitMeters] of byUnit) {
    const result = unitConsumption(unitMeters, from, to);
    if (result.meters.length === 0) continue;
    if (result.missing.length > 0)
      missing.push({ unitId, unitNumber: bases.get(unitId)?.number ?? String(unitId), reasons: result.missing });
    consumptions.set(unitId, result);
  }
  if (missing.length > 0) {
    missing.sort((a, b) => a.unitId - b.unitId);
    const list = missing.map((u) => `lokal ${u.unitNumber} (${u.reasons.join(', ')})`).join('; ');
    return {
      stopped: {
        buildingId,
        buildingLabel: buildingAddress(building),
        message: `Rozliczenie wstrzymane — uzupełnij odczyty: ${list}.`,
        units: missing,
      },
    };
  }
  if (consumptions.size === 0)
    throw new ValidationError([{ field: 'budynek', message: 'W budynku nie ma liczników tego medium w okresie.' }]);
  const unitIds = [...consumptions.keys()].sort((a, b) => a - b);
  const unitsConsumption = unitIds.reduce((sum, id) => sum + (consumptions.get(id)?.value ?? 0), 0);
  const mainResult = main.length > 0 ? unitConsumption(main, from, to) : undefined;
  const mainConsumption = mainResult && mainResult.missing.length === 0 ? mainResult.value : null;
  const difference = mainConsumption === null ? 0 : mainConsumption - unitsConsumption;
  const rule = settings.differenceRule as DifferenceRule;
  const shares = distributeDifference(
    difference,
    unitIds.map((unitId) => ({
      unitId,
      consumption: consumptions.get(unitId)?.value ?? 0,
      persons: bases.get(unitId)?.personsCount ?? 0,
      areaHundredths: bases.get(unitId)?.areaHundredths ?? 0,
    })),
    rule,
  );
  const days = daysBetween(from, to) + 1;
  const lines: SettlementLine[] = [];
  const units: UnitMeterFigures[] = [];
  for (const unitId of unitIds) {
    const own = consumptions.get(unitId) as ReturnType<typeof unitConsumption>;
    const share = shares.get(unitId) ?? 0;
    const billed = Math.max(0, own.value + share);
    const rights = reads.holders.get(unitId) ?? [];
    const unitCharges = reads.charges.get(unitId) ?? [];
    // Co-holders of one period are one holder of the settlement: group rights by their dates.
    const names = new Map<string, string[]>();
    for (const r of rights) {
      const key = `${r.validFrom}|${r.validTo ?? ''}`;
      names.set(key, [...(names.get(key) ?? []), `${r.lastName} ${r.firstName}`]);
    }
    let segments = holderSegments(
      [...names.keys()].map((key) => ({
        key,
        validFrom: key.split('|')[0] as string,
        validTo: key.split('|')[1] || null,
      })),
      from,
      to,
    );
    if (segments.length === 0) segments = [{ key: '', from, to }];
    // A handover reading: every meter read on the first day of each later holder.
    const unitMeters = byUnit.get(unitId) ?? [];
    const handover =
      segments.length > 1 &&
      segments.slice(1).every((s) => unitMeters.every((m) => m.readings.some((r) => r.readOn === s.from)))
        ? segments.map((s, i) => {
            const end = i + 1 < segments.length ? (segments[i + 1] as { from: string }).from : s.to;
            const start = i === 0 ? from : addDays(s.from, 1);
            return unitConsumption(unitMeters, start, end).value;
          })
        : undefined;
    const split = splitConsumption(own.value, segments, handover);
    const shareSplit = splitByWeights(
      share,
      segments.map((s) => daysBetween(s.from, s.to) + 1),
    );
    segments.forEach((segment, i) => {
      const consumption = Math.max(0, (split.values[i] ?? 0) + (shareSplit[i] ?? 0));
      const cost = settlementCost(consumption, price);
      const advances = unitCharges
        .filter((c) => c.valueDate >= segment.from && c.valueDate <= segment.to)
        .reduce((sum, c) => sum + c.amount, 0);
      lines.push({
        unitId,
        unitNumber: bases.get(unitId)?.number ?? String(unitId),
        holder: (names.get(segment.key) ?? []).join(', ') || '—',
        from: segment.from,
        to: segment.to,
        consumption,
        differenceShare: shareSplit[i] ?? 0,
        estimated: own.estimated,
        byReading: split.byReading,
        cost,
        advances,
        result: cost - advances,
      });
    });
    units.push({
      unitId,
      consumption: billed,
      estimated: own.estimated,
      proposedAdvance: proposedMonthlyAdvance(billed, days, currentPrice),
      meters: own.meters.map(({ meterId, result }) => ({
        meterId,
        kind: result.kind,
        ...(result.kind === 'measured' || result.kind === 'estimated'
          ? {
              from: { readOn: result.from.readOn, value: result.from.value },
              to: { readOn: result.to.readOn, value: result.to.value },
            }
          : {}),
      })),
    });
  }
  return {
    report: {
      buildingLabel: withCity(buildingAddress(building), building),
      medium,
      days,
      price,
      rule,
      mainConsumption,
      unitsConsumption,
      difference,
      lines,
      units,
    },
  };
}

/** Computes and stores a preview run (nothing is booked yet). */
export async function previewSettlement(
  db: Db,
  { actor, input }: { actor: Actor; input: RunInput },
): Promise<SettlementRun> {
  const report = await computeSettlement(db, { organizationId: actor.organizationId, input });
  return db.transaction(async (tx) => {
    const run = await insertRun(tx, {
      organizationId: actor.organizationId,
      ...input,
      report,
      createdBy: actor.actorAccountId,
    });
    await recordAudit(tx, {
      ...actor,
      action: 'media.settlement_preview',
      subjectType: 'settlement_run',
      subjectId: run.id,
      detail: {
        buildingId: input.buildingId,
        medium: input.medium,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
      },
    });
    return run;
  });
}

/** A batch previewed: its runs (one per building with meters), or the buildings that stop it. */
export type BatchPreview = { batchId: number; runs: SettlementRun[] } | { stopped: StoppedBuilding[] };

/**
 * Previews the settlement of every given building at once (one set of reads shared by all of
 * them) and stores the runs as one batch: buildings without meters of the medium are left out;
 * units that miss both reading and history stop the whole batch (listed by building), and
 * nothing is stored.
 */
export async function previewBatch(
  db: Db,
  {
    actor,
    buildingIds,
    medium,
    periodFrom,
    periodTo,
  }: { actor: Actor; buildingIds: number[]; medium: WaterMedium; periodFrom: string; periodTo: string },
): Promise<BatchPreview> {
  const reads = await readForSettlements(db, {
    organizationId: actor.organizationId,
    buildingIds,
    medium,
    from: periodFrom,
    to: periodTo,
  });
  const withMeters = new Set(reads.meters.map((m) => m.buildingId));
  const reports: { input: RunInput; report: SettlementReport }[] = [];
  const stopped: StoppedBuilding[] = [];
  for (const buildingId of buildingIds.filter((id) => withMeters.has(id))) {
    const input = { buildingId, medium, periodFrom, periodTo };
    try {
      const outcome = settleOrStop(reads, input);
      if ('stopped' in outcome) stopped.push(outcome.stopped);
      else reports.push({ input, report: outcome.report });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const b = reads.buildings.get(buildingId);
      stopped.push({
        buildingId,
        buildingLabel: b ? buildingAddress(b) : String(buildingId),
        message: error.fieldErrors.map((e) => e.message).join(' '),
        units: [],
      });
    }
  }
  if (stopped.length > 0) return { stopped };
  if (reports.length === 0)
    throw new ValidationError([
      { field: 'medium', message: 'W żadnym budynku nie ma liczników tego medium w okresie.' },
    ]);
  return db.transaction(async (tx) => {
    const runs = await insertRuns(
      tx,
      reports.map(({ input, report }) => ({
        organizationId: actor.organizationId,
        ...input,
        report,
        createdBy: actor.actorAccountId,
      })),
    );
    const batchId = (runs[0] as SettlementRun).id;
    await setRunsBatch(tx, { organizationId: actor.organizationId, ids: runs.map((r) => r.id), batchId });
    for (const run of runs) run.batchId = batchId;
    await recordAudits(
      tx,
      runs.map((run) => ({
        ...actor,
        action: 'media.settlement_preview',
        subjectType: 'settlement_run',
        subjectId: run.id,
        detail: {
          buildingId: run.buildingId,
          medium: run.medium,
          periodFrom: run.periodFrom,
          periodTo: run.periodTo,
        },
      })),
    );
    return { batchId, runs };
  });
}

/**
 * Previews the settlement of every given building at once (see `previewBatch`); units to fix
 * stop the whole batch with one message listing them by building.
 */
export async function previewSettlementsOfBuildings(
  db: Db,
  input: { actor: Actor; buildingIds: number[]; medium: WaterMedium; periodFrom: string; periodTo: string },
): Promise<SettlementRun[]> {
  const preview = await previewBatch(db, input);
  if ('stopped' in preview) {
    throw new ValidationError([
      { field: 'budynek', message: preview.stopped.map((b) => `${b.buildingLabel}: ${b.message}`).join(' ') },
    ]);
  }
  return preview.runs;
}

/** Previews every building of the organization (the staff page "Wszystkie budynki"). */
export async function previewAllBuildings(
  db: Db,
  input: { actor: Actor; medium: WaterMedium; periodFrom: string; periodTo: string },
): Promise<BatchPreview> {
  const buildings = await listBuildings(db, { organizationId: input.actor.organizationId });
  return previewBatch(db, { ...input, buildingIds: buildings.map((b) => b.id) });
}

/**
 * Posts a previewed run: every holder's line as a ledger entry and settlement in one transaction;
 * a run already posted is left as it is (false).
 */
export async function postSettlement(
  db: Db,
  {
    actor,
    runId,
    bookingDate,
    dueDate,
    now,
  }: { actor: Actor; runId: number; bookingDate: string; dueDate: string; now: Date },
): Promise<boolean> {
  const posted = await postSettlements(db, { actor, runIds: [runId], bookingDate, dueDate, now, strict: true });
  return posted.length > 0;
}

/**
 * Posts previewed runs together (every building of a settlement): all their lines as ledger
 * entries and settlement rows in one statement, the runs marked posted, in ONE transaction;
 * runs already posted are left as they are. Returns the ids of the runs posted now. With
 * `strict`, an id that is not the organization's run is an error (404).
 */
export async function postSettlements(
  db: Db,
  {
    actor,
    runIds,
    bookingDate,
    dueDate,
    now,
    strict = false,
  }: { actor: Actor; runIds: number[]; bookingDate: string; dueDate: string; now: Date; strict?: boolean },
): Promise<number[]> {
  const { organizationId } = actor;
  return db.transaction(async (tx) => {
    const locked = await lockRunsToPost(tx, { organizationId, ids: runIds });
    if (strict && locked.length < new Set(runIds).size) throw new AppError('not_found', 'no such run');
    const runs = locked.filter((run) => run.status !== 'posted');
    if (runs.length === 0) return [];
    await postSettlementBatch(tx, {
      actor,
      runs: runs.map((run) => ({
        runRef: `run:${run.id}`,
        items: run.lines.map((line, i) => ({
          unitId: line.unitId,
          medium: run.medium,
          periodFrom: line.from,
          periodTo: line.to,
          consumptionThousandths: line.consumption,
          consumptionUnit: run.kind === 'heating' ? ('GJ' as const) : ('m3' as const),
          price: run.price,
          cost: line.cost,
          advances: line.advances,
          bookingDate,
          dueDate,
          // A former holder's share counts on their last day, within their own period.
          valueDate: line.to < run.periodTo ? line.to : addDays(run.periodTo, 1),
          sourceRef: `run:${run.id}:${line.unitId}:${i}`,
        })),
      })),
    });
    await markRunsPosted(tx, { organizationId, ids: runs.map((run) => run.id), at: now });
    await recordAudits(
      tx,
      runs.map((run) => ({
        ...actor,
        action: 'media.settlement_post',
        subjectType: 'settlement_run',
        subjectId: run.id,
        detail: { lines: run.lines.length },
      })),
    );
    return runs.map((run) => run.id);
  });
}
