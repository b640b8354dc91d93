/** The media room's SQL: meters, readings, settings, tariffs, settlement runs, declarations. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { MeterLife } from './rules/consumption.ts';
import {
  type MeterMedium,
  mediaSettings,
  meters,
  personsDeclarations,
  readingImportMappings,
  readingPhotos,
  readings,
  settlementDocuments,
  settlementRuns,
  waterTariffs,
} from './schema.ts';

export type Meter = typeof meters.$inferSelect;
export type Reading = typeof readings.$inferSelect;
export type MediaSettings = typeof mediaSettings.$inferSelect;
export type WaterTariff = typeof waterTariffs.$inferSelect;
export type SettlementRun = typeof settlementRuns.$inferSelect;
export type PersonsDeclaration = typeof personsDeclarations.$inferSelect;
export type ImportMapping = typeof readingImportMappings.$inferSelect;

interface Org {
  organizationId: number;
}

// ── Settings ────────────────────────────────────────────────────────────────────────────────

export async function findMediaSettings(db: Db, { organizationId }: Org): Promise<MediaSettings> {
  const [row] = await db.select().from(mediaSettings).where(eq(mediaSettings.organizationId, organizationId));
  return (
    row ?? {
      organizationId,
      windowStartDay: 25,
      windowEndDay: 5,
      windowMonths: [],
      differenceRule: 'none',
      waterAdvanceCode: 'WODA',
      hotWaterAdvanceCode: 'CW',
      monthlyCaps: {},
      updatedAt: new Date(0),
    }
  );
}

export async function saveMediaSettings(db: Db, values: Omit<MediaSettings, 'updatedAt'>): Promise<void> {
  await db
    .insert(mediaSettings)
    .values({ ...values, updatedAt: new Date() })
    .onConflictDoUpdate({ target: mediaSettings.organizationId, set: { ...values, updatedAt: new Date() } });
}

// ── Meters ──────────────────────────────────────────────────────────────────────────────────

export async function insertMeter(db: Db, values: typeof meters.$inferInsert): Promise<Meter> {
  const [row] = await db.insert(meters).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findMeter(db: Db, { organizationId, id }: Org & { id: number }): Promise<Meter | undefined> {
  const [row] = await db
    .select()
    .from(meters)
    .where(and(eq(meters.organizationId, organizationId), eq(meters.id, id)));
  return row;
}

export async function findMeterBySerial(
  db: Db,
  { organizationId, medium, serial }: Org & { medium: MeterMedium; serial: string },
): Promise<Meter | undefined> {
  const [row] = await db
    .select()
    .from(meters)
    .where(and(eq(meters.organizationId, organizationId), eq(meters.medium, medium), eq(meters.serial, serial)));
  return row;
}

/** Meters by serial number (any medium), for imports of readings. */
export async function findMetersBySerials(db: Db, { organizationId, serials }: Org & { serials: string[] }) {
  if (serials.length === 0) return [];
  return db
    .select()
    .from(meters)
    .where(and(eq(meters.organizationId, organizationId), inArray(meters.serial, serials)));
}

export async function removeMeterRow(
  db: Db,
  { organizationId, id, removedOn, finalReading }: Org & { id: number; removedOn: string; finalReading: number },
): Promise<void> {
  await db
    .update(meters)
    .set({ removedOn, finalReading })
    .where(and(eq(meters.organizationId, organizationId), eq(meters.id, id), isNull(meters.removedOn)));
}

/** Meters of a unit (all, removed ones too), newest installation first within a medium. */
export async function listUnitMeters(db: Db, { organizationId, unitId }: Org & { unitId: number }): Promise<Meter[]> {
  return db
    .select()
    .from(meters)
    .where(and(eq(meters.organizationId, organizationId), eq(meters.unitId, unitId)))
    .orderBy(asc(meters.medium), desc(meters.installedOn), desc(meters.id));
}

/** Meters of a building: its main meters and its units' meters. */
export async function listBuildingMeters(
  db: Db,
  { organizationId, buildingId }: Org & { buildingId: number },
): Promise<Meter[]> {
  return db
    .select()
    .from(meters)
    .where(and(eq(meters.organizationId, organizationId), eq(meters.buildingId, buildingId)))
    .orderBy(asc(meters.unitId), asc(meters.medium), asc(meters.installedOn));
}

/** A meter as a settlement computes with it. */
export interface SettlementMeter {
  id: number;
  buildingId: number;
  unitId: number | null;
  medium: MeterMedium;
  installedOn: string;
  initialReading: number;
  removedOn: string | null;
  finalReading: number | null;
  rolloverAt: number | null;
}

/**
 * The meters of one medium in some buildings (main meters too) and the readings a settlement of
 * [from, to] needs of them, in one statement: each meter's last reading before the period (not
 * before `since`) and its readings in the period, oldest first; a meter without such readings
 * comes once, with none. (An estimate also needs the year before: read it with
 * `listReadingsOfMeters` for the few meters whose period no reading closes.)
 */
export async function listSettlementMeters(
  db: Db,
  {
    organizationId,
    buildingIds,
    medium,
    since,
    from,
    to,
  }: Org & { buildingIds: number[]; medium: MeterMedium; since: string; from: string; to: string },
): Promise<{ meters: SettlementMeter[]; readings: { meterId: number; readOn: string; value: number }[] }> {
  if (buildingIds.length === 0) return { meters: [], readings: [] };
  // One row per meter, its readings as one JSON array of [day, value] (far fewer values to parse).
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select m.id::text, m.building_id::text, m.unit_id::text, m.installed_on::text, m.initial_reading::text,
          m.removed_on::text, m.final_reading::text, m.rollover_at::text,
          (select json_agg(json_build_array(r.read_on, r.value) order by r.read_on, r.id)::text from (
            (select read_on, value, id from readings
              where meter_id = m.id and organization_id = ${organizationId} and review <> 'rejected'
                and read_on >= ${since}::date and read_on < ${from}::date
              order by read_on desc, id desc limit 1)
            union all
            (select read_on, value, id from readings
              where meter_id = m.id and organization_id = ${organizationId} and review <> 'rejected'
                and read_on between ${from}::date and ${to}::date)
          ) r) as readings
        from meters m
        where m.organization_id = ${organizationId} and m.medium = ${medium}
          and m.building_id = any(${sql.param(buildingIds.map(String))}::text[]::bigint[])
        order by m.unit_id, m.installed_on, m.id`,
  );
  const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const meters: SettlementMeter[] = [];
  const readings: { meterId: number; readOn: string; value: number }[] = [];
  for (const r of rows) {
    const id = Number(r.id);
    meters.push({
      id,
      buildingId: Number(r.building_id),
      unitId: num(r.unit_id),
      medium,
      installedOn: String(r.installed_on),
      initialReading: Number(r.initial_reading),
      removedOn: r.removed_on ?? null,
      finalReading: num(r.final_reading),
      rolloverAt: num(r.rollover_at),
    });
    if (r.readings) {
      for (const [readOn, value] of JSON.parse(r.readings) as [string, number][])
        readings.push({ meterId: id, readOn, value });
    }
  }
  return { meters, readings };
}

// ── Readings ────────────────────────────────────────────────────────────────────────────────

export async function insertReading(db: Db, values: typeof readings.$inferInsert): Promise<Reading | undefined> {
  const [row] = await db.insert(readings).values(values).onConflictDoNothing().returning();
  return row;
}

/** Many readings in one statement (the demo's history), in their order; one already there is skipped. */
export async function insertReadings(db: Db, values: (typeof readings.$inferInsert)[]): Promise<void> {
  if (values.length === 0) return;
  await db.insert(readings).values(values).onConflictDoNothing();
}

/** A meter's readings that count (not rejected), newest first; `limit` for pages. */
export async function listMeterReadings(
  db: Db,
  { organizationId, meterId, limit }: Org & { meterId: number; limit?: number },
): Promise<Reading[]> {
  const query = db
    .select()
    .from(readings)
    .where(
      and(
        eq(readings.organizationId, organizationId),
        eq(readings.meterId, meterId),
        sql`${readings.review} <> 'rejected'`,
      ),
    )
    .orderBy(desc(readings.readOn), desc(readings.id));
  return limit ? query.limit(limit) : query;
}

/**
 * The readings that count of some meters in [from, to], newest first per meter, in one statement:
 * an index range of each meter's days, so a page of a year reads the same rows however long the
 * history behind it.
 */
export async function listReadingsInPeriod(
  db: Db,
  { organizationId, meterIds, from, to }: Org & { meterIds: number[]; from: string; to: string },
): Promise<Reading[]> {
  if (meterIds.length === 0) return [];
  return db
    .select()
    .from(readings)
    .where(
      and(
        eq(readings.organizationId, organizationId),
        inArray(readings.meterId, meterIds),
        sql`${readings.readOn} between ${from}::date and ${to}::date`,
        sql`${readings.review} <> 'rejected'`,
      ),
    )
    .orderBy(asc(readings.meterId), desc(readings.readOn), desc(readings.id));
}

/**
 * The value of each meter's last reading that counts before a day (one index step back per
 * meter), by meter: what the first reading of a page is compared with. A meter with none is
 * left out (its initial reading comes before).
 */
export async function lastReadingValuesBefore(
  db: Db,
  { organizationId, meterIds, before }: Org & { meterIds: number[]; before: string },
): Promise<Map<number, number>> {
  if (meterIds.length === 0) return new Map();
  const rows = await queryRows<{ meter_id: string; value: string }>(
    db,
    sql`select m.id::text as meter_id, r.value::text
        from unnest(${sql.param(meterIds.map(String))}::text[]::bigint[]) as m(id)
        cross join lateral (
          select value from readings
          where meter_id = m.id and organization_id = ${organizationId} and review <> 'rejected'
            and read_on < ${before}::date
          order by read_on desc, id desc limit 1
        ) r`,
  );
  return new Map(rows.map((r) => [Number(r.meter_id), Number(r.value)]));
}

/**
 * Readings of some meters in [since, until] that count, oldest first, in one statement (a
 * settlement of a building reads them all at once).
 */
export async function listReadingsOfMeters(
  db: Db,
  { organizationId, meterIds, since, until }: Org & { meterIds: number[]; since: string; until: string },
): Promise<{ meterId: number; readOn: string; value: number }[]> {
  if (meterIds.length === 0) return [];
  const rows = await queryRows<{ meter_id: string; read_on: string; value: string }>(
    db,
    sql`select meter_id::text, read_on::text, value::text from readings
        where organization_id = ${organizationId} and meter_id = any(${sql.param(meterIds.map(String))}::text[]::bigint[])
          and read_on between ${since}::date and ${until}::date and review <> 'rejected'
        order by meter_id, read_on, id`,
  );
  return rows.map((r) => ({ meterId: Number(r.meter_id), readOn: r.read_on, value: Number(r.value) }));
}

/** Meters with their readings since a day, as the consumption rules take them. */
export function meterLives(
  meterRows: Pick<Meter, 'id' | 'installedOn' | 'initialReading' | 'removedOn' | 'finalReading' | 'rolloverAt'>[],
  readingRows: { meterId: number; readOn: string; value: number }[],
): MeterLife[] {
  const byMeter = new Map<number, { readOn: string; value: number }[]>();
  for (const r of readingRows) {
    const list = byMeter.get(r.meterId);
    if (list) list.push(r);
    else byMeter.set(r.meterId, [r]);
  }
  return meterRows.map((m) => ({
    meterId: m.id,
    installedOn: m.installedOn,
    initialReading: m.initialReading,
    removedOn: m.removedOn,
    finalReading: m.finalReading,
    rolloverAt: m.rolloverAt,
    readings: byMeter.get(m.id) ?? [],
  }));
}

export async function findReading(db: Db, { organizationId, id }: Org & { id: number }): Promise<Reading | undefined> {
  const [row] = await db
    .select()
    .from(readings)
    .where(and(eq(readings.organizationId, organizationId), eq(readings.id, id)));
  return row;
}

export async function setReadingReview(
  db: Db,
  { organizationId, id, review, reviewNote }: Org & { id: number; review: 'accepted' | 'rejected'; reviewNote: string },
): Promise<boolean> {
  const rows = await db
    .update(readings)
    .set({ review, reviewNote })
    .where(and(eq(readings.organizationId, organizationId), eq(readings.id, id), eq(readings.review, 'flagged')))
    .returning({ id: readings.id });
  return rows.length > 0;
}

export interface FlaggedReading extends Reading {
  serial: string;
  medium: MeterMedium;
  unitId: number | null;
  buildingId: number;
}

/** Readings waiting for staff, oldest first. */
export async function listFlaggedReadings(db: Db, { organizationId }: Org): Promise<FlaggedReading[]> {
  const rows = await db
    .select({
      reading: readings,
      serial: meters.serial,
      medium: meters.medium,
      unitId: meters.unitId,
      buildingId: meters.buildingId,
    })
    .from(readings)
    .innerJoin(meters, eq(meters.id, readings.meterId))
    .where(and(eq(readings.organizationId, organizationId), eq(readings.review, 'flagged')))
    .orderBy(asc(readings.createdAt), asc(readings.id))
    .limit(500);
  return rows.map((r) => ({
    ...r.reading,
    serial: r.serial,
    medium: r.medium,
    unitId: r.unitId,
    buildingId: r.buildingId,
  }));
}

export async function waitingReadings(
  db: Db,
  { organizationId }: Org,
): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await queryRows<{ count: number; oldest: Date | string | null }>(
    db,
    sql`select count(*)::int as count, min(created_at) as oldest from readings
        where organization_id = ${organizationId} and review = 'flagged'`,
  );
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function insertPhoto(
  db: Db,
  values: { organizationId: number; contentType: string; data: Buffer },
): Promise<number> {
  const [row] = await db.insert(readingPhotos).values(values).returning({ id: readingPhotos.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function findPhoto(db: Db, { organizationId, id }: Org & { id: number }) {
  const [row] = await db
    .select()
    .from(readingPhotos)
    .where(and(eq(readingPhotos.organizationId, organizationId), eq(readingPhotos.id, id)));
  return row;
}

// ── Import mappings ─────────────────────────────────────────────────────────────────────────

export async function listImportMappings(db: Db, { organizationId }: Org): Promise<ImportMapping[]> {
  return db
    .select()
    .from(readingImportMappings)
    .where(eq(readingImportMappings.organizationId, organizationId))
    .orderBy(asc(readingImportMappings.source));
}

export async function saveImportMapping(
  db: Db,
  values: Org & { source: string; serialColumn: string; dateColumn: string; valueColumn: string },
): Promise<void> {
  const set = { serialColumn: values.serialColumn, dateColumn: values.dateColumn, valueColumn: values.valueColumn };
  await db
    .insert(readingImportMappings)
    .values(values)
    .onConflictDoUpdate({
      target: [readingImportMappings.organizationId, readingImportMappings.source],
      set: { ...set, updatedAt: new Date() },
    });
}

// ── Tariffs and runs ────────────────────────────────────────────────────────────────────────

export async function listWaterTariffs(db: Db, { organizationId }: Org): Promise<WaterTariff[]> {
  return db
    .select()
    .from(waterTariffs)
    .where(eq(waterTariffs.organizationId, organizationId))
    .orderBy(desc(waterTariffs.effectiveFrom), desc(waterTariffs.id));
}

export async function insertWaterTariff(db: Db, values: typeof waterTariffs.$inferInsert): Promise<WaterTariff> {
  const [row] = await db.insert(waterTariffs).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function insertRun(db: Db, values: typeof settlementRuns.$inferInsert): Promise<SettlementRun> {
  const [row] = await db.insert(settlementRuns).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/**
 * Several runs in one statement (a preview of every building), in the order given. The reports
 * are not read back (they are large): the runs are returned from what was written.
 */
export async function insertRuns(
  db: Db,
  values: (typeof settlementRuns.$inferInsert & { report: unknown })[],
): Promise<SettlementRun[]> {
  if (values.length === 0) return [];
  const rows = await db
    .insert(settlementRuns)
    .values(values)
    .returning({ id: settlementRuns.id, createdAt: settlementRuns.createdAt });
  return rows.map((row, i) => {
    const v = values[i] as (typeof values)[number];
    return {
      id: row.id,
      organizationId: v.organizationId,
      buildingId: v.buildingId,
      medium: v.medium,
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      status: v.status ?? 'preview',
      report: v.report,
      createdBy: v.createdBy ?? null,
      postedAt: v.postedAt ?? null,
      createdAt: row.createdAt,
      sourceHash: v.sourceHash ?? null,
      batchId: v.batchId ?? null,
    };
  });
}

/** A run as posting needs it: its lines, without the meters' figures. */
export interface RunToPost {
  id: number;
  medium: 'zimna_woda' | 'ciepla_woda' | 'co';
  periodTo: string;
  status: 'preview' | 'posted';
  kind: string | null;
  price: number;
  lines: { unitId: number; from: string; to: string; consumption: number; cost: number; advances: number }[];
}

/** Locks runs for posting, in id order; another organization's ids are left out. */
export async function lockRunsToPost(db: Db, { organizationId, ids }: Org & { ids: number[] }): Promise<RunToPost[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{
    id: string;
    medium: RunToPost['medium'];
    period_to: string;
    status: RunToPost['status'];
    kind: string | null;
    price: string;
    lines: RunToPost['lines'] | string;
  }>(
    db,
    sql`select id::text, medium, period_to::text, status, report->>'kind' as kind, report->>'price' as price,
          report->'lines' as lines
        from settlement_runs
        where organization_id = ${organizationId} and id = any(${sql.param(ids.map(String))}::text[]::bigint[])
        order by id for update`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    medium: r.medium,
    periodTo: r.period_to,
    status: r.status,
    kind: r.kind,
    price: Number(r.price),
    lines: typeof r.lines === 'string' ? JSON.parse(r.lines) : r.lines,
  }));
}

export async function markRunsPosted(db: Db, { organizationId, ids, at }: Org & { ids: number[]; at: Date }) {
  if (ids.length === 0) return;
  await db
    .update(settlementRuns)
    .set({ status: 'posted', postedAt: at })
    .where(and(eq(settlementRuns.organizationId, organizationId), inArray(settlementRuns.id, ids)));
}

/** Marks runs as one batch (previewed together). */
export async function setRunsBatch(
  db: Db,
  { organizationId, ids, batchId }: Org & { ids: number[]; batchId: number },
): Promise<void> {
  await db
    .update(settlementRuns)
    .set({ batchId })
    .where(and(eq(settlementRuns.organizationId, organizationId), inArray(settlementRuns.id, ids)));
}

/** A building's run in a batch, with its totals summed from the lines (the report is not read whole). */
export interface BatchRunTotals {
  id: number;
  buildingId: number;
  buildingLabel: string;
  medium: 'zimna_woda' | 'ciepla_woda' | 'co';
  periodFrom: string;
  periodTo: string;
  status: 'preview' | 'posted';
  units: number;
  lines: number;
  estimated: number;
  consumption: number;
  cost: number;
  advances: number;
  /** Sum of the results to pay (> 0) and to return (< 0). */
  toPay: number;
  toReturn: number;
  difference: number;
  mainConsumption: number | null;
}

/** The runs of a batch with their totals, in building order; empty for another organization's. */
export async function listBatchRuns(
  db: Db,
  { organizationId, batchId }: Org & { batchId: number },
): Promise<BatchRunTotals[]> {
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select r.id::text, r.building_id::text, r.medium, r.period_from::text, r.period_to::text, r.status,
          r.report->>'buildingLabel' as building_label, r.report->>'difference' as difference,
          r.report->>'mainConsumption' as main_consumption,
          jsonb_array_length(r.report->'units')::text as units,
          t.lines::text, t.estimated::text, t.consumption::text, t.cost::text, t.advances::text, t.to_pay::text, t.to_return::text
        from settlement_runs r
        cross join lateral (
          select count(*) as lines,
            count(*) filter (where (l->>'estimated')::boolean) as estimated,
            coalesce(sum((l->>'consumption')::bigint), 0) as consumption,
            coalesce(sum((l->>'cost')::bigint), 0) as cost,
            coalesce(sum((l->>'advances')::bigint), 0) as advances,
            coalesce(sum((l->>'result')::bigint) filter (where (l->>'result')::bigint > 0), 0) as to_pay,
            coalesce(sum((l->>'result')::bigint) filter (where (l->>'result')::bigint < 0), 0) as to_return
          from jsonb_array_elements(r.report->'lines') l
        ) t
        where r.organization_id = ${organizationId} and r.batch_id = ${batchId}
        order by r.id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    buildingId: Number(r.building_id),
    buildingLabel: String(r.building_label),
    medium: r.medium as BatchRunTotals['medium'],
    periodFrom: String(r.period_from),
    periodTo: String(r.period_to),
    status: r.status as BatchRunTotals['status'],
    units: Number(r.units),
    lines: Number(r.lines),
    estimated: Number(r.estimated),
    consumption: Number(r.consumption),
    cost: Number(r.cost),
    advances: Number(r.advances),
    toPay: Number(r.to_pay),
    toReturn: Number(r.to_return),
    difference: Number(r.difference ?? 0),
    mainConsumption: r.main_consumption === null ? null : Number(r.main_consumption),
  }));
}

/** The latest batches (every building previewed together), newest first. */
export async function listBatches(
  db: Db,
  { organizationId }: Org,
): Promise<
  {
    batchId: number;
    medium: string;
    periodFrom: string;
    periodTo: string;
    runs: number;
    posted: number;
    createdAt: Date;
  }[]
> {
  const rows = await queryRows<Record<string, string | Date | null>>(
    db,
    sql`select batch_id::text, min(medium) as medium, min(period_from)::text as period_from, max(period_to)::text as period_to,
          count(*)::text as runs, count(*) filter (where status = 'posted')::text as posted, min(created_at) as created_at
        from settlement_runs
        where organization_id = ${organizationId} and batch_id is not null
        group by batch_id order by batch_id desc limit 20`,
  );
  return rows.map((r) => ({
    batchId: Number(r.batch_id),
    medium: String(r.medium),
    periodFrom: String(r.period_from),
    periodTo: String(r.period_to),
    runs: Number(r.runs),
    posted: Number(r.posted),
    createdAt: new Date(r.created_at as string | Date),
  }));
}

export async function findRun(
  db: Db,
  { organizationId, id }: Org & { id: number },
): Promise<SettlementRun | undefined> {
  const [row] = await db
    .select()
    .from(settlementRuns)
    .where(and(eq(settlementRuns.organizationId, organizationId), eq(settlementRuns.id, id)));
  return row;
}

export async function listRuns(db: Db, { organizationId }: Org): Promise<SettlementRun[]> {
  return db
    .select()
    .from(settlementRuns)
    .where(eq(settlementRuns.organizationId, organizationId))
    .orderBy(desc(settlementRuns.createdAt), desc(settlementRuns.id))
    .limit(100);
}

/** Posted runs that include a unit, newest period first (for e-BOK). */
export async function listPostedRunsOfUnit(
  db: Db,
  { organizationId, unitId }: Org & { unitId: number },
): Promise<SettlementRun[]> {
  return db
    .select()
    .from(settlementRuns)
    .where(
      and(
        eq(settlementRuns.organizationId, organizationId),
        eq(settlementRuns.status, 'posted'),
        sql`exists (select 1 from jsonb_array_elements(${settlementRuns.report}->'lines') l where (l->>'unitId')::bigint = ${unitId})`,
      ),
    )
    .orderBy(desc(settlementRuns.periodTo), desc(settlementRuns.id));
}

// ── Persons declarations ────────────────────────────────────────────────────────────────────

export async function insertDeclaration(
  db: Db,
  values: typeof personsDeclarations.$inferInsert,
): Promise<PersonsDeclaration> {
  const [row] = await db.insert(personsDeclarations).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function listUnitDeclarations(
  db: Db,
  { organizationId, unitId }: Org & { unitId: number },
): Promise<PersonsDeclaration[]> {
  return db
    .select()
    .from(personsDeclarations)
    .where(and(eq(personsDeclarations.organizationId, organizationId), eq(personsDeclarations.unitId, unitId)))
    .orderBy(desc(personsDeclarations.createdAt), desc(personsDeclarations.id));
}

export async function listWaitingDeclarations(db: Db, { organizationId }: Org): Promise<PersonsDeclaration[]> {
  return db
    .select()
    .from(personsDeclarations)
    .where(and(eq(personsDeclarations.organizationId, organizationId), eq(personsDeclarations.status, 'waiting')))
    .orderBy(asc(personsDeclarations.createdAt), asc(personsDeclarations.id));
}

export async function waitingDeclarations(db: Db, { organizationId }: Org) {
  const [row] = await queryRows<{ count: number; oldest: Date | string | null }>(
    db,
    sql`select count(*)::int as count, min(created_at) as oldest from persons_declarations
        where organization_id = ${organizationId} and status = 'waiting'`,
  );
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function findDeclaration(db: Db, { organizationId, id }: Org & { id: number }) {
  const [row] = await db
    .select()
    .from(personsDeclarations)
    .where(and(eq(personsDeclarations.organizationId, organizationId), eq(personsDeclarations.id, id)));
  return row;
}

export async function decideDeclarationRow(
  db: Db,
  {
    organizationId,
    id,
    status,
    decisionReason,
    decidedBy,
    at,
  }: Org & { id: number; status: 'approved' | 'rejected'; decisionReason: string; decidedBy: number | null; at: Date },
): Promise<PersonsDeclaration | undefined> {
  const [row] = await db
    .update(personsDeclarations)
    .set({ status, decisionReason, decidedBy, decidedAt: at })
    .where(
      and(
        eq(personsDeclarations.organizationId, organizationId),
        eq(personsDeclarations.id, id),
        eq(personsDeclarations.status, 'waiting'),
      ),
    )
    .returning();
  return row;
}

/** The run imported from a file with this digest, if any (a re-import finds it). */
export async function findRunBySourceHash(
  db: Db,
  { organizationId, sourceHash }: Org & { sourceHash: string },
): Promise<SettlementRun | undefined> {
  const [row] = await db
    .select()
    .from(settlementRuns)
    .where(and(eq(settlementRuns.organizationId, organizationId), eq(settlementRuns.sourceHash, sourceHash)));
  return row;
}

export async function insertSettlementDocuments(
  db: Db,
  {
    organizationId,
    runId,
    documents,
  }: Org & { runId: number; documents: { unitId: number | null; fileName: string; data: Buffer }[] },
): Promise<void> {
  if (documents.length === 0) return;
  await db.insert(settlementDocuments).values(documents.map((d) => ({ organizationId, runId, ...d })));
}

/** The names of the PDFs attached to a run: unit id (null for the building's) → file name. */
export async function listSettlementDocumentNames(
  db: Db,
  { organizationId, runId }: Org & { runId: number },
): Promise<{ unitId: number | null; fileName: string }[]> {
  return db
    .select({ unitId: settlementDocuments.unitId, fileName: settlementDocuments.fileName })
    .from(settlementDocuments)
    .where(and(eq(settlementDocuments.organizationId, organizationId), eq(settlementDocuments.runId, runId)));
}

/** The unit's own PDF of the run, else the building's one; undefined when none was supplied. */
export async function findSettlementDocument(
  db: Db,
  { organizationId, runId, unitId }: Org & { runId: number; unitId: number },
): Promise<{ unitId: number | null; fileName: string; data: Buffer } | undefined> {
  const rows = await db
    .select({
      unitId: settlementDocuments.unitId,
      fileName: settlementDocuments.fileName,
      data: settlementDocuments.data,
    })
    .from(settlementDocuments)
    .where(
      and(
        eq(settlementDocuments.organizationId, organizationId),
        eq(settlementDocuments.runId, runId),
        sql`(${settlementDocuments.unitId} = ${unitId} or ${settlementDocuments.unitId} is null)`,
      ),
    );
  const own = rows.find((r) => r.unitId === unitId) ?? rows.find((r) => r.unitId === null);
  return own ? { unitId: own.unitId, fileName: own.fileName, data: Buffer.from(own.data) } : undefined;
}
