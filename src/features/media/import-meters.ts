/**
 * Import of the meter register from CSV: columns `lokal` (the unit's code in the accounting
 * system) or `budynek` (the building's code, for main meters), `medium`, `numer`, `miejsce`,
 * `montaz`, `odczyt_poczatkowy`, and optionally `legalizacja_do`, `miejsca_po_przecinku`. The
 * file goes in whole or not at all, with a Polish report per row; a meter already in the
 * register (same medium and number) is left as it is, so a second import changes nothing.
 */
import type { Db } from '../../db/client.ts';
import { parseDate } from '../../lib/dates.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { findUnit, listBuildings } from '../units/queries.ts';
import { unitIdsByExternalKey } from '../units/unit-facts.ts';
import { readCsv } from './csv-file.ts';
import { mediumFromText } from './labels.ts';
import { findMeterBySerial, insertMeter } from './queries.ts';
import { parseReading } from './rules/reading-input.ts';
import type { MeterMedium } from './schema.ts';

export interface ImportReport {
  rows: number;
  added: number;
  unchanged: number;
  errors: { line: number; message: string }[];
}

interface ParsedMeter {
  line: number;
  unitId: number | null;
  buildingExternal: string | null;
  buildingId: number | null;
  medium: MeterMedium;
  serial: string;
  place: string;
  installedOn: string;
  initialReading: number;
  legalisationUntil: string | null;
  decimals: number;
}

export async function importMeters(db: Db, { actor, data }: { actor: Actor; data: Buffer }): Promise<ImportReport> {
  const { organizationId } = actor;
  const { header, rows } = readCsv(data);
  const report: ImportReport = { rows: rows.length, added: 0, unchanged: 0, errors: [] };
  for (const column of ['medium', 'numer', 'montaz']) {
    if (!header.includes(column)) report.errors.push({ line: 1, message: `Brak kolumny „${column}”.` });
  }
  if (!header.includes('lokal') && !header.includes('budynek')) {
    report.errors.push({ line: 1, message: 'Brak kolumny „lokal” ani „budynek”.' });
  }
  if (report.errors.length > 0) return report;
  const unitIds = await unitIdsByExternalKey(db, { organizationId });
  const buildingIds = new Map(
    (await listBuildings(db, { organizationId }))
      .filter((b) => b.externalKey)
      .map((b) => [b.externalKey as string, b.id]),
  );
  const parsed: ParsedMeter[] = [];
  const seen = new Set<string>();
  for (const { line, fields } of rows) {
    const problems: string[] = [];
    const unitKey = fields.lokal ?? '';
    const buildingKey = fields.budynek ?? '';
    const unitId = unitKey ? unitIds.get(unitKey) : undefined;
    const buildingId = !unitKey && buildingKey ? buildingIds.get(buildingKey) : undefined;
    if (unitKey && unitId === undefined) problems.push(`nie ma lokalu o kodzie „${unitKey}”`);
    if (!unitKey && !buildingKey) problems.push('podaj kod lokalu albo (dla wodomierza głównego) budynku');
    if (!unitKey && buildingKey && buildingId === undefined) problems.push(`nie ma budynku o kodzie „${buildingKey}”`);
    const medium = mediumFromText(fields.medium ?? '');
    if (!medium) problems.push(`nieznane medium „${fields.medium ?? ''}”`);
    const serial = (fields.numer ?? '').trim();
    if (!serial) problems.push('brak numeru licznika');
    const installed = parseDate(fields.montaz ?? '');
    if (!installed.ok) problems.push(`data montażu: ${installed.message}`);
    const decimalsText = fields.miejsca_po_przecinku ?? '';
    const decimals = decimalsText === '' ? 3 : Number(decimalsText);
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 3) problems.push('miejsca po przecinku: od 0 do 3');
    const initial = parseReading(fields.odczyt_poczatkowy || '0', 3);
    if (!initial.ok) problems.push(`odczyt początkowy: ${initial.message}`);
    const legalText = fields.legalizacja_do ?? '';
    const legal = legalText ? parseDate(legalText) : undefined;
    if (legal && !legal.ok) problems.push(`legalizacja: ${legal.message}`);
    const key = `${medium}:${serial}`;
    if (serial && medium && seen.has(key)) problems.push('ten licznik występuje w pliku drugi raz');
    seen.add(key);
    if (problems.length > 0 || !medium || !installed.ok || !initial.ok) {
      report.errors.push({ line, message: `${problems.join('; ')}.` });
      continue;
    }
    parsed.push({
      line,
      unitId: unitId ?? null,
      buildingExternal: buildingKey || null,
      buildingId: buildingId ?? null,
      medium,
      serial,
      place: (fields.miejsce ?? '').slice(0, 100),
      installedOn: installed.value,
      initialReading: initial.value,
      legalisationUntil: legal?.ok ? legal.value : null,
      decimals,
    });
  }
  if (report.errors.length > 0) return report;
  await db.transaction(async (tx) => {
    for (const row of parsed) {
      if (await findMeterBySerial(tx, { organizationId, medium: row.medium, serial: row.serial })) {
        report.unchanged++;
        continue;
      }
      const unit = row.unitId !== null ? await findUnit(tx, { organizationId, id: row.unitId }) : undefined;
      await insertMeter(tx, {
        organizationId,
        unitId: row.unitId,
        buildingId: unit ? unit.buildingId : (row.buildingId as number),
        medium: row.medium,
        serial: row.serial,
        place: row.place,
        decimals: row.decimals,
        installedOn: row.installedOn,
        initialReading: row.initialReading,
        legalisationUntil: row.legalisationUntil,
      });
      report.added++;
    }
    if (report.added > 0) {
      await recordAudit(tx, {
        ...actor,
        action: 'media.meter_import',
        subjectType: 'meter',
        detail: { rows: report.rows, added: report.added, unchanged: report.unchanged },
      });
    }
  });
  return report;
}
