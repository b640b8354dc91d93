/**
 * Meters: staff add them to a unit or a building (main meters) and replace them; a replacement
 * closes the old meter with its final reading and installs the new one with its initial reading,
 * pointing at the old, so the history of the place is kept. Every change is audited in its
 * transaction.
 */
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { findBuilding, findUnit } from '../units/queries.ts';
import { findMeter, findMeterBySerial, insertMeter, type Meter, removeMeterRow } from './queries.ts';
import type { MeterMedium } from './schema.ts';

export interface MeterInput {
  /** A unit's meter, or a building's main meter (unitId null). */
  unitId: number | null;
  buildingId: number | null;
  medium: MeterMedium;
  serial: string;
  place: string;
  decimals: number;
  installedOn: string;
  initialReading: number;
  legalisationUntil: string | null;
  rolloverAt: number | null;
}

/** The building of the place: the unit's building, or the building itself; a field error when missing. */
async function placeOf(db: Db, organizationId: number, input: Pick<MeterInput, 'unitId' | 'buildingId'>) {
  if (input.unitId !== null) {
    const unit = await findUnit(db, { organizationId, id: input.unitId });
    if (!unit) throw new ValidationError([{ field: 'lokal', message: 'Nie ma takiego lokalu.' }]);
    return { buildingId: unit.buildingId, unitId: unit.id };
  }
  if (input.buildingId === null) throw new ValidationError([{ field: 'lokal', message: 'Wskaż lokal lub budynek.' }]);
  const building = await findBuilding(db, { organizationId, id: input.buildingId });
  if (!building) throw new ValidationError([{ field: 'budynek', message: 'Nie ma takiego budynku.' }]);
  return { buildingId: building.id, unitId: null };
}

export async function addMeter(db: Db, { actor, input }: { actor: Actor; input: MeterInput }): Promise<Meter> {
  const { organizationId } = actor;
  return db.transaction(async (tx) => {
    const place = await placeOf(tx, organizationId, input);
    if (await findMeterBySerial(tx, { organizationId, medium: input.medium, serial: input.serial })) {
      throw new ValidationError([
        { field: 'numer', message: 'Licznik tego medium o tym numerze już jest w ewidencji.' },
      ]);
    }
    const meter = await insertMeter(tx, {
      organizationId,
      ...place,
      medium: input.medium,
      serial: input.serial,
      place: input.place,
      decimals: input.decimals,
      installedOn: input.installedOn,
      initialReading: input.initialReading,
      legalisationUntil: input.legalisationUntil,
      rolloverAt: input.rolloverAt,
    });
    await recordAudit(tx, {
      ...actor,
      action: 'media.meter_add',
      subjectType: 'meter',
      subjectId: meter.id,
      detail: { unitId: meter.unitId, buildingId: meter.buildingId, medium: meter.medium, serial: meter.serial },
    });
    return meter;
  });
}

export interface ReplacementInput {
  meterId: number;
  date: string;
  finalReading: number;
  serial: string;
  initialReading: number;
  decimals: number;
  legalisationUntil: string | null;
}

/** Replaces a meter on a day: the old one ends with its final reading, the new one starts. */
export async function replaceMeter(
  db: Db,
  { actor, input }: { actor: Actor; input: ReplacementInput },
): Promise<Meter> {
  const { organizationId } = actor;
  return db.transaction(async (tx) => {
    const old = await findMeter(tx, { organizationId, id: input.meterId });
    if (!old) throw new ValidationError([{ field: 'numer', message: 'Nie ma takiego licznika.' }]);
    if (old.removedOn !== null) {
      throw new ValidationError([{ field: 'data', message: 'Ten licznik został już zdjęty.' }]);
    }
    if (input.date < old.installedOn) {
      throw new ValidationError([
        { field: 'data', message: 'Data wymiany nie może być wcześniejsza niż montaż licznika.' },
      ]);
    }
    if (input.finalReading < old.initialReading && old.rolloverAt === null) {
      throw new ValidationError([
        {
          field: 'odczyt_koncowy',
          message: 'Odczyt końcowy nie może być niższy niż początkowy zdejmowanego licznika.',
        },
      ]);
    }
    if (await findMeterBySerial(tx, { organizationId, medium: old.medium, serial: input.serial })) {
      throw new ValidationError([
        { field: 'numer', message: 'Licznik tego medium o tym numerze już jest w ewidencji.' },
      ]);
    }
    await removeMeterRow(tx, { organizationId, id: old.id, removedOn: input.date, finalReading: input.finalReading });
    const fresh = await insertMeter(tx, {
      organizationId,
      buildingId: old.buildingId,
      unitId: old.unitId,
      medium: old.medium,
      serial: input.serial,
      place: old.place,
      decimals: input.decimals,
      installedOn: input.date,
      initialReading: input.initialReading,
      legalisationUntil: input.legalisationUntil,
      rolloverAt: old.rolloverAt,
      replacesId: old.id,
    });
    await recordAudit(tx, {
      ...actor,
      action: 'media.meter_replace',
      subjectType: 'meter',
      subjectId: fresh.id,
      detail: {
        replacedId: old.id,
        date: input.date,
        finalReading: input.finalReading,
        initialReading: input.initialReading,
      },
    });
    return fresh;
  });
}
