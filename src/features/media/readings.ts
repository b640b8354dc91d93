/**
 * Entering a reading (e-BOK, a paper card at the desk, an import): the value is checked against
 * the meter (decimals, installed that day), the day against today, and the plausibility rules
 * against the meter's history. A person who typed a reading that looks wrong sees the warnings
 * and may confirm it; a member's confirmed warning and an import's flagged reading wait for
 * staff in the queue. Every reading records who entered it and how.
 */
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { preparePhoto } from './photos.ts';
import {
  findMediaSettings,
  findMeter,
  findReading,
  insertPhoto,
  insertReading,
  listReadingsOfMeters,
  type Meter,
  meterLives,
  type Reading,
  setReadingReview,
} from './queries.ts';
import { meterPoints, usualPerDay } from './rules/consumption.ts';
import { addDays } from './rules/days.ts';
import { flagLabels, plausibilityFlags, type ReadingFlag } from './rules/plausibility.ts';
import { parseReading } from './rules/reading-input.ts';
import { inReadingWindow } from './rules/windows.ts';

export type ReadingSource = 'ebok' | 'karta' | 'import';

export interface ReadingInput {
  meterId: number;
  readOn: string;
  /** As typed. */
  value: string;
  /** The person saw the warnings and says the reading is right. */
  confirmed: boolean;
  photo?: Buffer | undefined;
}

/** The flags a reading of `meter` would raise, from its history up to the day. */
export async function checkReading(
  db: Db,
  {
    organizationId,
    meter,
    readOn,
    value,
    source,
  }: { organizationId: number; meter: Meter; readOn: string; value: number; source: ReadingSource },
): Promise<ReadingFlag[]> {
  const settings = await findMediaSettings(db, { organizationId });
  const history = await listReadingsOfMeters(db, {
    organizationId,
    meterIds: [meter.id],
    since: addDays(readOn, -800),
    until: readOn,
  });
  const [life] = meterLives(
    [meter],
    history.filter((r) => r.readOn <= readOn),
  );
  if (!life) return [];
  const points = meterPoints(life);
  const previous = points.at(-1) ?? { readOn: meter.installedOn, value: meter.initialReading };
  const cap = settings.monthlyCaps[meter.medium];
  return plausibilityFlags({
    previous,
    readOn,
    value,
    rolloverAt: meter.rolloverAt,
    usualPerDay: usualPerDay(life, previous.readOn),
    monthlyCap: typeof cap === 'number' ? cap : null,
    inWindow:
      source !== 'ebok' ||
      inReadingWindow(
        { startDay: settings.windowStartDay, endDay: settings.windowEndDay, months: settings.windowMonths },
        readOn,
      ),
  });
}

/** Field errors of a typed reading: value, day, the meter's life; the value in thousandths. */
function checkInput(meter: Meter, input: ReadingInput, today: string): number {
  const errors = [];
  const parsed = parseReading(input.value, meter.decimals);
  if (!parsed.ok) errors.push({ field: 'odczyt', message: parsed.message });
  if (input.readOn > today) errors.push({ field: 'data', message: 'Data odczytu nie może być z przyszłości.' });
  else if (input.readOn < meter.installedOn || (meter.removedOn !== null && input.readOn > meter.removedOn)) {
    errors.push({ field: 'data', message: 'Tego dnia licznik nie był zamontowany.' });
  }
  if (errors.length > 0 || !parsed.ok) throw new ValidationError(errors);
  return parsed.value;
}

/**
 * Enters a reading of a meter the caller may read (the route checked the member's unit). With
 * warnings not yet confirmed, nothing is stored and the warnings come back at the field.
 */
export async function enterReading(
  db: Db,
  {
    actor,
    source,
    today,
    input,
    unitId,
  }: { actor: Actor; source: ReadingSource; today: string; input: ReadingInput; unitId?: number | undefined },
): Promise<Reading> {
  const { organizationId } = actor;
  const meter = await findMeter(db, { organizationId, id: input.meterId });
  if (!meter || (unitId !== undefined && meter.unitId !== unitId)) {
    throw new ValidationError([{ field: 'licznik', message: 'Nie ma takiego licznika.' }]);
  }
  const value = checkInput(meter, input, today);
  const photo = input.photo && input.photo.length > 0 ? await preparePhoto(input.photo) : undefined;
  const flags = await checkReading(db, { organizationId, meter, readOn: input.readOn, value, source });
  if (flags.length > 0 && !input.confirmed) {
    throw new ValidationError([
      {
        field: 'odczyt',
        message: `Sprawdź odczyt: ${flags.map((f) => flagLabels[f]).join('; ')}. Jeśli jest prawidłowy, zaznacz „Potwierdzam odczyt” i wyślij ponownie.`,
      },
    ]);
  }
  return db.transaction(async (tx) => {
    const photoFileId = photo ? await insertPhoto(tx, { organizationId, ...photo }) : null;
    // Staff who confirm a paper card's warnings have checked it themselves.
    const review = flags.length === 0 ? 'ok' : source === 'karta' ? 'accepted' : 'flagged';
    const reading = await insertReading(tx, {
      organizationId,
      meterId: meter.id,
      readOn: input.readOn,
      value,
      source,
      enteredBy: actor.actorAccountId,
      enteredByLabel: actor.actorLabel ?? 'system',
      photoFileId,
      flags,
      review,
    });
    if (!reading) throw new Error('reading not stored');
    await recordAudit(tx, {
      ...actor,
      action: 'media.reading',
      subjectType: 'meter',
      subjectId: meter.id,
      detail: { readingId: reading.id, readOn: input.readOn, value, source, flags },
    });
    return reading;
  });
}

/** Staff decide a flagged reading: accepted, or rejected (it no longer counts) with a note. */
export async function reviewReading(
  db: Db,
  {
    actor,
    readingId,
    decision,
    note,
  }: { actor: Actor; readingId: number; decision: 'accepted' | 'rejected'; note: string },
): Promise<void> {
  const { organizationId } = actor;
  if (decision === 'rejected' && note.trim() === '') {
    throw new ValidationError([{ field: 'uwaga', message: 'Podaj powód odrzucenia odczytu.' }]);
  }
  await db.transaction(async (tx) => {
    const reading = await findReading(tx, { organizationId, id: readingId });
    if (!reading) throw new ValidationError([{ field: 'uwaga', message: 'Nie ma takiego odczytu.' }]);
    if (!(await setReadingReview(tx, { organizationId, id: readingId, review: decision, reviewNote: note.trim() }))) {
      throw new ValidationError([{ field: 'uwaga', message: 'Ten odczyt został już sprawdzony.' }]);
    }
    await recordAudit(tx, {
      ...actor,
      action: 'media.reading_review',
      subjectType: 'meter',
      subjectId: reading.meterId,
      detail: { readingId, decision },
    });
  });
}
