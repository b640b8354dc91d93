/**
 * Heating settlements from the specialist company (heat cost allocators are settled outside
 * Osiedle): the accountant imports the company's per-unit results file (docs/import-heating.md)
 * for a building, optionally with its PDFs (one per unit, named in the file, or one for the
 * building). The import is a preview run like the water settlement's: atomic (any bad row stops
 * it, with a Polish per-row report), a re-import of the same file is a no-op (it finds the same
 * run), and each unit's result is split between the holders of the period by days. Posting goes
 * through the same `postSettlement` as water (the ledger's `postSettlementBatch`), once.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { buildingAddress, withCity } from '../../lib/address.ts';
import { parseDate } from '../../lib/dates.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { parseMoney } from '../ledger/rules/money.ts';
import { listHolderPeriodsOfUnits } from '../units/holder-periods.ts';
import { findBuilding } from '../units/queries.ts';
import { listUnitBases } from '../units/unit-facts.ts';
import { readCsv } from './csv-file.ts';
import type { ImportReport } from './import-meters.ts';
import { findRunBySourceHash, insertRun, insertSettlementDocuments, type SettlementRun } from './queries.ts';
import { daysBetween } from './rules/days.ts';
import { holderSegments } from './rules/holders.ts';
import { splitByWeights } from './rules/shares.ts';
import type { SettlementLine, SettlementReport } from './settlement.ts';

export const HEATING_COLUMNS = ['lokal', 'okres_od', 'okres_do', 'koszt'] as const;

export interface HeatingFile {
  fileName: string;
  data: Buffer;
}

/** One row of the company's file, checked. */
export interface HeatingRow {
  line: number;
  unitNumber: string;
  periodFrom: string;
  periodTo: string;
  cost: number;
  advances: number;
  /** Thousandths of GJ (or allocator units) when the company gives it; 0 otherwise. */
  consumption: number;
  pdf: string;
}

/** Thousandths from `"12,345"`, `"12.3"`, `"7"`; undefined for anything else. */
export function parseThousandths(input: string): number | undefined {
  const match = /^(\d+)(?:[.,](\d{1,3}))?$/.exec(input.trim());
  if (!match) return undefined;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

/**
 * Checks the rows of the file: every problem of a row in one Polish message with its line.
 * `zaliczki` (advances) or `wynik` (cost − advances; negative is a refund) must be given.
 */
export function checkHeatingRows(
  header: readonly string[],
  rows: readonly { line: number; fields: Record<string, string> }[],
): { rows: HeatingRow[]; errors: ImportReport['errors'] } {
  const missing = HEATING_COLUMNS.filter((c) => !header.includes(c));
  if (!header.includes('zaliczki') && !header.includes('wynik')) missing.push('zaliczki' as never);
  if (missing.length > 0) {
    throw new ValidationError([
      { field: 'plik', message: `W pliku brak kolumn: ${missing.join(', ')} (opis w instrukcji importu).` },
    ]);
  }
  const out: HeatingRow[] = [];
  const errors: ImportReport['errors'] = [];
  const seen = new Set<string>();
  for (const { line, fields } of rows) {
    const problems: string[] = [];
    const unitNumber = (fields.lokal ?? '').trim();
    if (!unitNumber) problems.push('brak numeru lokalu');
    else if (seen.has(unitNumber)) problems.push(`lokal ${unitNumber} występuje w pliku drugi raz`);
    seen.add(unitNumber);
    const from = parseDate(fields.okres_od ?? '');
    const to = parseDate(fields.okres_do ?? '');
    if (!from.ok) problems.push(`okres od: ${from.message}`);
    if (!to.ok) problems.push(`okres do: ${to.message}`);
    if (from.ok && to.ok && to.value < from.value) problems.push('koniec okresu przed jego początkiem');
    const cost = parseMoney(fields.koszt ?? '');
    if (!cost.ok) problems.push(`koszt: ${cost.message}`);
    let advances: number | undefined;
    const advancesText = (fields.zaliczki ?? '').trim();
    const resultText = (fields.wynik ?? '').trim();
    if (advancesText !== '') {
      const parsed = parseMoney(advancesText);
      if (!parsed.ok) problems.push(`zaliczki: ${parsed.message}`);
      else advances = parsed.value;
    } else if (resultText !== '') {
      const parsed = parseMoney(resultText, { allowNegative: true });
      if (!parsed.ok) problems.push(`wynik: ${parsed.message}`);
      else if (cost.ok) advances = cost.value - parsed.value;
    } else problems.push('podaj zaliczki albo wynik');
    if (advances !== undefined && advances < 0) problems.push('wynik większy niż koszt (zaliczki ujemne)');
    const consumptionText = (fields.zuzycie ?? '').trim();
    const consumption = consumptionText === '' ? 0 : parseThousandths(consumptionText);
    if (consumption === undefined) problems.push('zużycie: liczba z najwyżej trzema miejscami po przecinku');
    if (problems.length > 0) {
      errors.push({ line, message: problems.join('; ') });
      continue;
    }
    out.push({
      line,
      unitNumber,
      periodFrom: (from as { value: string }).value,
      periodTo: (to as { value: string }).value,
      cost: (cost as { value: number }).value,
      advances: advances as number,
      consumption: consumption as number,
      pdf: (fields.plik_pdf ?? '').trim(),
    });
  }
  const periods = new Set(out.map((r) => `${r.periodFrom}|${r.periodTo}`));
  if (periods.size > 1) {
    for (const r of out.slice(1)) {
      if (`${r.periodFrom}|${r.periodTo}` !== `${out[0]?.periodFrom}|${out[0]?.periodTo}`)
        errors.push({ line: r.line, message: 'inny okres niż w pierwszym wierszu: jeden plik to jeden okres' });
    }
  }
  return { rows: out, errors };
}

function isPdf(data: Buffer): boolean {
  return data.subarray(0, 5).toString('latin1') === '%PDF-';
}

/**
 * Imports the company's results as a preview run of the building. Stops with the per-row report
 * (nothing stored) when a row is wrong; returns the run already imported from the same file.
 */
export async function importHeating(
  db: Db,
  { actor, buildingId, csv, pdfs }: { actor: Actor; buildingId: number; csv: Buffer; pdfs: HeatingFile[] },
): Promise<{ run: SettlementRun; created: boolean }> {
  const { organizationId } = actor;
  const building = await findBuilding(db, { organizationId, id: buildingId });
  if (!building) throw new ValidationError([{ field: 'budynek', message: 'Nie ma takiego budynku.' }]);
  const { header, rows: raw } = readCsv(csv);
  const notPdf = pdfs.filter((f) => !isPdf(f.data));
  if (notPdf.length > 0) {
    throw new ValidationError([
      { field: 'pdf', message: `To nie są pliki PDF: ${notPdf.map((f) => f.fileName).join(', ')}.` },
    ]);
  }
  const hash = createHash('sha256').update(`heating|${buildingId}|`).update(csv);
  for (const f of [...pdfs].sort((a, b) => a.fileName.localeCompare(b.fileName)))
    hash.update(f.fileName).update(f.data);
  const sourceHash = hash.digest('hex');
  const existing = await findRunBySourceHash(db, { organizationId, sourceHash });
  if (existing) return { run: existing, created: false };

  const checked = checkHeatingRows(header, raw);
  const first = checked.rows[0];
  const from = first?.periodFrom ?? '';
  const to = first?.periodTo ?? '';
  const bases = new Map(
    (await listUnitBases(db, { organizationId, day: to || '9999-12-31' }))
      .filter((u) => u.buildingId === buildingId)
      .map((u) => [u.number, u]),
  );
  const byName = new Map(pdfs.map((f) => [f.fileName, f]));
  const named = new Set(checked.rows.map((r) => r.pdf).filter((n) => n !== ''));
  const errors = [...checked.errors];
  for (const r of checked.rows) {
    if (!bases.has(r.unitNumber))
      errors.push({
        line: r.line,
        message: `w budynku ${buildingAddress(building)} nie ma lokalu ${r.unitNumber}`,
      });
    if (r.pdf !== '' && !byName.has(r.pdf))
      errors.push({ line: r.line, message: `nie dołączono pliku „${r.pdf}” wskazanego w kolumnie plik_pdf` });
  }
  const loose = pdfs.filter((f) => !named.has(f.fileName));
  if (loose.length > 1) {
    throw new ValidationError([
      {
        field: 'pdf',
        message: `Pliki PDF bez wskazania w kolumnie plik_pdf (${loose.map((f) => f.fileName).join(', ')}): dla budynku można dołączyć tylko jeden.`,
      },
    ]);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    throw new ValidationError([
      {
        field: 'plik',
        message: `Nie zaimportowano nic — popraw plik: ${errors.map((e) => `wiersz ${e.line}: ${e.message}`).join('; ')}.`,
      },
    ]);
  }

  const unitIds = checked.rows.map((r) => bases.get(r.unitNumber)?.unitId as number);
  const holders = await listHolderPeriodsOfUnits(db, { organizationId, unitIds, from, to });
  const lines: SettlementLine[] = [];
  for (const r of checked.rows) {
    const unitId = bases.get(r.unitNumber)?.unitId as number;
    const names = new Map<string, string[]>();
    for (const h of holders.filter((h) => h.unitId === unitId)) {
      const key = `${h.validFrom}|${h.validTo ?? ''}`;
      names.set(key, [...(names.get(key) ?? []), `${h.lastName} ${h.firstName}`]);
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
    const days = segments.map((s) => daysBetween(s.from, s.to) + 1);
    const costs = splitByWeights(r.cost, days);
    const advances = splitByWeights(r.advances, days);
    const consumptions = splitByWeights(r.consumption, days);
    segments.forEach((segment, i) => {
      const cost = costs[i] ?? 0;
      const adv = advances[i] ?? 0;
      lines.push({
        unitId,
        unitNumber: r.unitNumber,
        holder: (names.get(segment.key) ?? []).join(', ') || '—',
        from: segment.from,
        to: segment.to,
        consumption: consumptions[i] ?? 0,
        differenceShare: 0,
        estimated: false,
        byReading: false,
        cost,
        advances: adv,
        result: cost - adv,
      });
    });
  }
  const report: SettlementReport = {
    kind: 'heating',
    buildingLabel: withCity(buildingAddress(building), building),
    medium: 'co',
    days: daysBetween(from, to) + 1,
    price: 0,
    rule: 'none',
    mainConsumption: null,
    unitsConsumption: checked.rows.reduce((s, r) => s + r.consumption, 0),
    difference: 0,
    lines,
    units: [],
  };
  const unitOfNumber = (n: string) => bases.get(n)?.unitId ?? null;
  return db.transaction(async (tx) => {
    const run = await insertRun(tx, {
      organizationId,
      buildingId,
      medium: 'co',
      periodFrom: from,
      periodTo: to,
      report,
      createdBy: actor.actorAccountId,
      sourceHash,
    });
    await insertSettlementDocuments(tx, {
      organizationId,
      runId: run.id,
      documents: [
        ...checked.rows
          .filter((r) => r.pdf !== '')
          .map((r) => ({
            unitId: unitOfNumber(r.unitNumber),
            fileName: r.pdf,
            data: byName.get(r.pdf)?.data as Buffer,
          })),
        ...loose.map((f) => ({ unitId: null, fileName: f.fileName, data: f.data })),
      ],
    });
    await recordAudit(tx, {
      ...actor,
      action: 'media.heating_import',
      subjectType: 'settlement_run',
      subjectId: run.id,
      detail: { buildingId, periodFrom: from, periodTo: to, rows: checked.rows.length, pdfs: pdfs.length },
    });
    return { run, created: true };
  });
}
