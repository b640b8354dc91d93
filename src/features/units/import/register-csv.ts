/**
 * Writes register records as a register file in the import format: for the example files, the
 * import benchmark and anyone who wants to see the format filled in. One row per right; a unit
 * without holders gets one row with the person and right columns empty.
 */
import iconv from 'iconv-lite';
import { formatCalendarDate } from '../../../lib/format.ts';
import { rightKindLabels, unitKindLabels } from '../labels.ts';
import type { RegisterData } from '../register-data.ts';
import { formatAreaNumber } from '../rules/parse.ts';
import { formatShare } from '../rules/share.ts';
import { type ColumnKey, registerColumns } from './columns.ts';
import type { Encoding } from './read-file.ts';

export interface CsvOptions {
  delimiter?: ';' | ',';
  /** `pl`: DD.MM.RRRR, `iso`: YYYY-MM-DD. */
  dates?: 'pl' | 'iso';
}

/** The register file's lines (header first), as text. */
export function* registerCsvLines(data: RegisterData, options: CsvOptions = {}): Generator<string> {
  const delimiter = options.delimiter ?? ';';
  const date = (value: string | null) =>
    value === null ? '' : options.dates === 'iso' ? value : formatCalendarDate(value);
  const quote = (value: string) =>
    value.includes(delimiter) || value.includes('"') || value.includes('\n')
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  const keys = Object.keys(registerColumns) as ColumnKey[];
  yield keys.map((key) => quote(registerColumns[key])).join(delimiter);

  const buildings = new Map(data.buildings.map((b) => [b.key, b]));
  const persons = new Map(data.persons.map((p) => [p.key, p]));
  const latestOccupancy = new Map<string, RegisterData['occupancy'][number]>();
  for (const o of data.occupancy) {
    const seen = latestOccupancy.get(o.unitKey);
    if (!seen || o.effectiveFrom >= seen.effectiveFrom) latestOccupancy.set(o.unitKey, o);
  }
  const rightsByUnit = new Map<string, RegisterData['rights']>();
  for (const r of data.rights) rightsByUnit.set(r.unitKey, [...(rightsByUnit.get(r.unitKey) ?? []), r]);

  for (const unit of data.units) {
    const building = buildings.get(unit.buildingKey);
    if (!building) continue;
    const occupancy = latestOccupancy.get(unit.key);
    const base: Partial<Record<ColumnKey, string>> = {
      kod_budynku: building.key,
      ulica: building.street,
      nr_budynku: building.number,
      kod_pocztowy: building.postcode,
      miejscowosc: building.city,
      osiedle: building.estate ?? '',
      kod_lokalu: unit.key,
      nr_lokalu: unit.number,
      rodzaj_lokalu: unitKindLabels[unit.kind],
      powierzchnia_uzytkowa: formatAreaNumber(unit.areaHundredths),
      pietro: unit.floor === null ? '' : String(unit.floor),
      liczba_pokoi: unit.rooms === null ? '' : String(unit.rooms),
      liczba_osob: occupancy ? String(occupancy.personsCount) : '',
      liczba_osob_od: occupancy ? date(occupancy.effectiveFrom) : '',
    };
    const rights = rightsByUnit.get(unit.key) ?? [];
    const rows: Partial<Record<ColumnKey, string>>[] =
      rights.length === 0
        ? [base]
        : rights.map((right) => {
            const person = persons.get(right.personKey);
            return {
              ...base,
              kod_osoby: right.personKey,
              imie: person?.firstName ?? '',
              nazwisko: person?.lastName ?? '',
              pesel: person?.pesel ?? '',
              adres_korespondencyjny: person?.address ?? '',
              e_mail: person?.email ?? '',
              telefon: person?.phone ?? '',
              tytul_prawny: rightKindLabels[right.kind],
              udzial: formatShare(right),
              data_od: date(right.validFrom),
              data_zakonczenia: date(right.validTo),
            };
          });
    for (const row of rows) yield keys.map((key) => quote(row[key] ?? '')).join(delimiter);
  }
}

/** The whole file as bytes in the encoding (CRLF line ends, as spreadsheet exports write). */
export function registerCsvBytes(data: RegisterData, encoding: Encoding = 'utf-8', options: CsvOptions = {}): Buffer {
  const text = `${[...registerCsvLines(data, options)].join('\r\n')}\r\n`;
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1250');
}
