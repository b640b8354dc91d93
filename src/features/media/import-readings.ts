/**
 * Import of a remote-reading company's CSV: the columns of meter number, date and value are
 * mapped once per source and saved. Atomic with a Polish per-row report; a row already
 * imported from the same source (same meter and day) is skipped, so a re-import changes
 * nothing. Readings that look wrong are stored as flagged and wait in the staff queue.
 */
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { parseDate } from '../../lib/dates.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { readCsv } from './csv-file.ts';
import type { ImportReport } from './import-meters.ts';
import { findMetersBySerials, insertReading, saveImportMapping } from './queries.ts';
import { checkReading } from './readings.ts';
import { parseReading } from './rules/reading-input.ts';

export interface ReadingMapping {
  source: string;
  serialColumn: string;
  dateColumn: string;
  valueColumn: string;
}

export async function importReadings(
  db: Db,
  { actor, data, mapping, today }: { actor: Actor; data: Buffer; mapping: ReadingMapping; today: string },
): Promise<ImportReport & { flagged: number }> {
  const { organizationId } = actor;
  const { header, rows } = readCsv(data);
  const columns = {
    kolumna_numer: mapping.serialColumn,
    kolumna_data: mapping.dateColumn,
    kolumna_odczyt: mapping.valueColumn,
  };
  const missing = Object.entries(columns)
    .filter(([, name]) => !header.includes(name.trim().toLowerCase()))
    .map(([field, name]) => ({ field, message: `W pliku nie ma kolumny „${name}”.` }));
  if (missing.length > 0) throw new ValidationError(missing);
  const col = (name: string) => name.trim().toLowerCase();
  const meters = await findMetersBySerials(db, {
    organizationId,
    serials: [...new Set(rows.map((r) => (r.fields[col(mapping.serialColumn)] ?? '').trim()))],
  });
  const bySerial = new Map<string, typeof meters>();
  for (const m of meters) bySerial.set(m.serial, [...(bySerial.get(m.serial) ?? []), m]);
  const report = { rows: rows.length, added: 0, unchanged: 0, flagged: 0, errors: [] as ImportReport['errors'] };
  const parsed: { meter: (typeof meters)[number]; readOn: string; value: number; ref: string }[] = [];
  for (const { line, fields } of rows) {
    const problems: string[] = [];
    const serial = (fields[col(mapping.serialColumn)] ?? '').trim();
    // A number of a meter removed since is not this reading's meter: take the one installed that day.
    const day = parseDate(fields[col(mapping.dateColumn)] ?? '');
    const candidates = bySerial.get(serial) ?? [];
    const meter = day.ok
      ? candidates.find((m) => m.installedOn <= day.value && (m.removedOn === null || m.removedOn >= day.value))
      : candidates[0];
    if (!serial) problems.push('brak numeru licznika');
    else if (candidates.length === 0) problems.push(`nie ma licznika o numerze „${serial}”`);
    else if (day.ok && !meter) problems.push(`licznik „${serial}” nie był zamontowany tego dnia`);
    if (!day.ok) problems.push(`data: ${day.message}`);
    else if (day.value > today) problems.push('data odczytu z przyszłości');
    const value = parseReading(fields[col(mapping.valueColumn)] ?? '', meter?.decimals ?? 3);
    if (!value.ok) problems.push(`odczyt: ${value.message}`);
    if (problems.length > 0 || !meter || !day.ok || !value.ok) {
      report.errors.push({ line, message: `${problems.join('; ')}.` });
      continue;
    }
    parsed.push({ meter, readOn: day.value, value: value.value, ref: `${mapping.source}:${meter.id}:${day.value}` });
  }
  if (report.errors.length > 0) return report;
  await db.transaction(async (tx) => {
    await saveImportMapping(tx, { organizationId, ...mapping });
    for (const row of parsed) {
      const flags = await checkReading(tx, {
        organizationId,
        meter: row.meter,
        readOn: row.readOn,
        value: row.value,
        source: 'import',
      });
      const inserted = await insertReading(tx, {
        organizationId,
        meterId: row.meter.id,
        readOn: row.readOn,
        value: row.value,
        source: 'import',
        enteredBy: actor.actorAccountId,
        enteredByLabel: `${actor.actorLabel ?? 'import'} (${mapping.source})`,
        flags,
        review: flags.length > 0 ? 'flagged' : 'ok',
        importRef: row.ref,
      });
      if (!inserted) report.unchanged++;
      else {
        report.added++;
        if (flags.length > 0) report.flagged++;
      }
    }
    if (report.added > 0) {
      await recordAudit(tx, {
        ...actor,
        action: 'media.reading_import',
        subjectType: 'meter',
        detail: { source: mapping.source, rows: report.rows, added: report.added, flagged: report.flagged },
      });
    }
  });
  return report;
}
