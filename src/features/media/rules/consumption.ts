/**
 * Consumption of a meter over a settlement period, from its points: the initial reading on the
 * installation day, the readings, and the final reading on the removal day (a replacement ends
 * one meter and starts the next, so a unit's consumption is the sum over the meters that lived
 * in the period). Steps between consecutive points add up, so a counter that turned over in
 * the middle counts right. With no reading near the period's end the rest is estimated from
 * the meter's usual consumption per day, and marked; with no history either, it is missing.
 */

import { addDays, daysBetween } from './days.ts';
import { consumptionBetween } from './plausibility.ts';

export interface MeterPoint {
  readOn: string;
  value: number;
}

export interface MeterLife {
  meterId: number;
  installedOn: string;
  initialReading: number;
  removedOn: string | null;
  finalReading: number | null;
  rolloverAt: number | null;
  /** Readings of the meter (any order). */
  readings: readonly MeterPoint[];
}

/** A reading this many days before the period's end still closes it without an estimate. */
export const CLOSING_TOLERANCE_DAYS = 7;
/** History used for the usual consumption per day. */
export const HISTORY_DAYS = 365;

export type MeterConsumption =
  | { kind: 'none' }
  | { kind: 'measured'; value: number; from: MeterPoint; to: MeterPoint }
  | { kind: 'estimated'; value: number; from: MeterPoint; to: MeterPoint; estimatedDays: number; perDay: number }
  | { kind: 'missing'; reason: string };

const NO_HISTORY = 'brak odczytu i historii zużycia';

/**
 * Whether the meter's consumption over [from, to] reaches for its history: no reading closes the
 * period, so the rest is estimated from the year before (or is missing). A settlement reads the
 * year of history only for such meters.
 */
export function needsHistory(meter: MeterLife, from: string, to: string): boolean {
  const result = meterConsumption(meter, from, to);
  return result.kind === 'estimated' || (result.kind === 'missing' && result.reason === NO_HISTORY);
}

/** Every point of the meter in date order: initial, readings, final. */
export function meterPoints(meter: MeterLife): MeterPoint[] {
  const points: MeterPoint[] = [{ readOn: meter.installedOn, value: meter.initialReading }];
  const readings = [...meter.readings].sort((a, b) => (a.readOn < b.readOn ? -1 : a.readOn > b.readOn ? 1 : 0));
  for (const r of readings) {
    if (r.readOn < meter.installedOn) continue;
    if (meter.removedOn !== null && r.readOn > meter.removedOn) continue;
    points.push(r);
  }
  if (meter.removedOn !== null && meter.finalReading !== null) {
    points.push({ readOn: meter.removedOn, value: meter.finalReading });
  }
  return points;
}

/** Sum of the steps between points[i..j]; undefined when a step goes down without a turnover. */
function stepsSum(points: readonly MeterPoint[], i: number, j: number, rolloverAt: number | null): number | undefined {
  let total = 0;
  for (let k = i + 1; k <= j; k++) {
    const step = consumptionBetween((points[k - 1] as MeterPoint).value, (points[k] as MeterPoint).value, rolloverAt);
    if (step === undefined) return undefined;
    total += step;
  }
  return total;
}

/** Usual consumption per day (thousandths, rounded) over the history before `before`, or null. */
export function usualPerDay(meter: MeterLife, before: string): number | null {
  const points = meterPoints(meter).filter((p) => p.readOn <= before);
  const since = addDays(before, -HISTORY_DAYS);
  const first = points.findIndex((p) => p.readOn >= since);
  if (first < 0) return null;
  const start = first > 0 ? first - 1 : first;
  const last = points.length - 1;
  if (last <= start) return null;
  const days = daysBetween((points[start] as MeterPoint).readOn, (points[last] as MeterPoint).readOn);
  if (days <= 0) return null;
  const used = stepsSum(points, start, last, meter.rolloverAt);
  if (used === undefined) return null;
  return Math.round(used / days);
}

/** The meter's consumption over [from, to] (inclusive days). */
export function meterConsumption(meter: MeterLife, from: string, to: string): MeterConsumption {
  if (meter.installedOn > to || (meter.removedOn !== null && meter.removedOn < from)) return { kind: 'none' };
  const points = meterPoints(meter);
  // The period starts at the last point before its first day, or at the installation.
  let startIndex = -1;
  for (let k = 0; k < points.length; k++) if ((points[k] as MeterPoint).readOn < from) startIndex = k;
  if (startIndex < 0) startIndex = 0;
  let endIndex = startIndex;
  for (let k = startIndex; k < points.length; k++) if ((points[k] as MeterPoint).readOn <= to) endIndex = k;
  const start = points[startIndex] as MeterPoint;
  const end = points[endIndex] as MeterPoint;
  const measured = stepsSum(points, startIndex, endIndex, meter.rolloverAt);
  if (measured === undefined)
    return { kind: 'missing', reason: 'odczyt niższy niż poprzedni bez przekręcenia licznika' };
  const removedInPeriod = meter.removedOn !== null && meter.removedOn <= to;
  const gap = daysBetween(end.readOn, to);
  if (removedInPeriod || gap <= CLOSING_TOLERANCE_DAYS) {
    return { kind: 'measured', value: measured, from: start, to: end };
  }
  const perDay = usualPerDay(meter, end.readOn);
  if (perDay === null) return { kind: 'missing', reason: NO_HISTORY };
  return {
    kind: 'estimated',
    value: measured + perDay * gap,
    from: start,
    to: { readOn: to, value: end.value + perDay * gap },
    estimatedDays: gap,
    perDay,
  };
}

export interface UnitConsumption {
  value: number;
  estimated: boolean;
  missing: string[];
  meters: { meterId: number; result: MeterConsumption }[];
}

/** A unit's consumption of a medium: the sum over its meters that lived in the period. */
export function unitConsumption(meters: readonly MeterLife[], from: string, to: string): UnitConsumption {
  const results = meters.map((m) => ({ meterId: m.meterId, result: meterConsumption(m, from, to) }));
  let value = 0;
  let estimated = false;
  const missing: string[] = [];
  for (const { result } of results) {
    if (result.kind === 'measured') value += result.value;
    if (result.kind === 'estimated') {
      value += result.value;
      estimated = true;
    }
    if (result.kind === 'missing') missing.push(result.reason);
  }
  if (results.every((r) => r.result.kind === 'none')) missing.push('brak wodomierza w okresie');
  return { value, estimated, missing, meters: results.filter((r) => r.result.kind !== 'none') };
}
