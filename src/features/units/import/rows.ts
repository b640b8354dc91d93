/**
 * Turns the file's records into register records, checking every field of every row and the
 * agreement between rows that repeat one building, unit or person; each problem is reported
 * with its row, its column and a Polish message.
 */
import { z } from 'zod';
import { parseDate } from '../../../lib/dates.ts';
import { readRightKind, readUnitKind } from '../labels.ts';
import type { RegisterData } from '../register-data.ts';
import { parseArea, parseOptionalInteger } from '../rules/parse.ts';
import { checkPesel } from '../rules/pesel.ts';
import { parseShare } from '../rules/share.ts';
import { type ColumnKey, columnKey, registerColumns, requiredColumns } from './columns.ts';
import type { CsvRecord } from './read-file.ts';

export interface RowError {
  /** Line of the file; 1 is the header. */
  row: number;
  /** The column's Polish header, or empty for the whole row. */
  column: string;
  message: string;
}

const PERSON_COLUMNS: ColumnKey[] = ['imie', 'nazwisko', 'pesel', 'adres_korespondencyjny', 'e_mail', 'telefon'];
const RIGHT_COLUMNS: ColumnKey[] = ['tytul_prawny', 'udzial', 'data_od', 'data_zakonczenia'];

/** Maps the header to columns; throws a list of Polish problems when required ones are missing. */
export function readHeader(fields: string[]): { index: Map<ColumnKey, number>; ignored: string[]; missing: string[] } {
  const index = new Map<ColumnKey, number>();
  const ignored: string[] = [];
  fields.forEach((field, i) => {
    const key = columnKey(field);
    if (key && !index.has(key)) index.set(key, i);
    else if (field.trim()) ignored.push(field.trim());
  });
  const missing = requiredColumns.filter((key) => !index.has(key)).map((key) => registerColumns[key]);
  return { index, ignored, missing };
}

const email = z.email();
/** Cheap first check; zod's full check runs only on what passes it. */
const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Kinds repeat on every row: read each distinct text once. */
const unitKinds = new Map<string, ReturnType<typeof readUnitKind>>();
const rightKinds = new Map<string, ReturnType<typeof readRightKind>>();
function cached<T>(cache: Map<string, T>, text: string, read: (text: string) => T): T {
  if (!cache.has(text)) cache.set(text, read(text));
  return cache.get(text) as T;
}

/** Collects register records from rows; call `add` per record, then `result`. */
export class RegisterRows {
  readonly data: RegisterData = { buildings: [], units: [], persons: [], rights: [], occupancy: [] };
  readonly errors: RowError[] = [];
  rows = 0;
  private readonly buildings = new Map<string, { row: number; values: string }>();
  private readonly units = new Map<string, { row: number; values: string; occupancy: string }>();
  private readonly persons = new Map<string, { row: number; values: string }>();
  private readonly pesels = new Map<string, string>();
  private readonly rights = new Map<string, number>();

  constructor(
    private readonly index: Map<ColumnKey, number>,
    private readonly width: number,
  ) {}

  add({ row, fields }: CsvRecord): void {
    this.rows++;
    const errorsBefore = this.errors.length;
    const fail = (column: ColumnKey | '', message: string) =>
      this.errors.push({ row, column: column ? registerColumns[column] : '', message });
    if (fields.length !== this.width) {
      fail('', `wiersz ma ${fields.length} kolumn, a nagłówek ${this.width}`);
      return;
    }
    const get = (key: ColumnKey) => {
      const i = this.index.get(key);
      return i === undefined ? '' : (fields[i] ?? '').trim();
    };
    for (const [key, i] of this.index) {
      if ((fields[i] ?? '').includes('\uFFFD'))
        fail(key, 'nieprawidłowe znaki: ten wiersz nie jest zapisany w kodowaniu pliku');
    }
    if (this.errors.length > errorsBefore) return;
    const required = (key: ColumnKey) => {
      const value = get(key);
      if (!value) fail(key, 'to pole jest wymagane');
      return value;
    };

    // Building.
    const building = {
      key: required('kod_budynku'),
      street: required('ulica'),
      number: required('nr_budynku'),
      postcode: required('kod_pocztowy'),
      city: required('miejscowosc'),
      estate: get('osiedle') || null,
    };
    if (building.postcode && !/^\d{2}-\d{3}$/.test(building.postcode))
      fail('kod_pocztowy', 'kod pocztowy w formacie 00-000');

    // Unit.
    const kindText = required('rodzaj_lokalu');
    const kind = kindText ? cached(unitKinds, kindText, readUnitKind) : undefined;
    if (kindText && !kind) fail('rodzaj_lokalu', 'rodzaj lokalu: mieszkalny, użytkowy, garaż lub inny');
    const areaText = get('powierzchnia_uzytkowa');
    const area = parseArea(areaText);
    if (!area.ok) fail('powierzchnia_uzytkowa', area.message);
    const floor = parseOptionalInteger(get('pietro'), -5, 200, 'piętro');
    if (!floor.ok) fail('pietro', floor.message);
    const rooms = parseOptionalInteger(get('liczba_pokoi'), 0, 50, 'liczba pokoi');
    if (!rooms.ok) fail('liczba_pokoi', rooms.message);
    const unitKey = required('kod_lokalu');
    const unitNumber = required('nr_lokalu');

    // Occupancy, optional: a count with the date it is in effect from.
    const count = parseOptionalInteger(get('liczba_osob'), 0, 99, 'liczba osób');
    if (!count.ok) fail('liczba_osob', count.message);
    const countFromText = get('liczba_osob_od');
    let countFrom: string | null = null;
    if (countFromText) {
      const parsed = parseDate(countFromText);
      if (parsed.ok) countFrom = parsed.value;
      else fail('liczba_osob_od', parsed.message);
    }
    if (count.ok && count.value !== null && !countFromText)
      fail('liczba_osob_od', 'podaj datę, od której obowiązuje liczba osób');
    if (countFromText && count.ok && count.value === null) fail('liczba_osob', 'podaj liczbę osób albo usuń datę');

    // Person and right, unless the unit has no holder in this row.
    const personKey = get('kod_osoby');
    let person: RegisterData['persons'][number] | undefined;
    let right: RegisterData['rights'][number] | undefined;
    if (!personKey) {
      if ([...PERSON_COLUMNS, ...RIGHT_COLUMNS].some((key) => get(key))) {
        fail('kod_osoby', 'podaj kod osoby albo zostaw puste wszystkie kolumny osoby i tytułu prawnego');
      }
    } else {
      const peselText = get('pesel').replace(/\s/g, '');
      let pesel: string | null = null;
      if (peselText) {
        const checked = checkPesel(peselText);
        if (checked.ok) pesel = peselText;
        else fail('pesel', checked.message);
      }
      const mail = get('e_mail').toLowerCase();
      if (mail && !(SIMPLE_EMAIL.test(mail) && email.safeParse(mail).success))
        fail('e_mail', 'nieprawidłowy adres e-mail');
      const phone = get('telefon');
      if (phone && !/^\+?[\d ()-]{6,20}$/.test(phone))
        fail('telefon', 'numer telefonu: cyfry, spacje, opcjonalnie +48');
      person = {
        key: personKey,
        firstName: required('imie'),
        lastName: required('nazwisko'),
        pesel,
        address: get('adres_korespondencyjny') || null,
        email: mail || null,
        phone: phone || null,
        row,
      };
      const rightText = required('tytul_prawny');
      const rightKind = rightText ? cached(rightKinds, rightText, readRightKind) : undefined;
      if (rightText && !rightKind) {
        fail('tytul_prawny', 'tytuł prawny: lokatorskie, własnościowe, odrębna własność, najem lub inne');
      }
      const share = parseShare(get('udzial') || '1');
      if (!share.ok) fail('udzial', share.message);
      const fromText = required('data_od');
      const from = fromText ? parseDate(fromText) : undefined;
      if (from && !from.ok) fail('data_od', from.message);
      const toText = get('data_zakonczenia');
      const to = toText ? parseDate(toText) : undefined;
      if (to && !to.ok) fail('data_zakonczenia', to.message);
      if (from?.ok && to?.ok && to.value <= from.value) {
        fail('data_zakonczenia', 'data zakończenia musi być późniejsza niż data od');
      }
      if (rightKind && share.ok && from?.ok && (!to || to.ok)) {
        right = {
          unitKey,
          personKey,
          kind: rightKind,
          numerator: share.value.numerator,
          denominator: share.value.denominator,
          validFrom: from.value,
          validTo: to?.ok ? to.value : null,
          row,
        };
      }
    }
    if (this.errors.length > errorsBefore) return;

    // Rows that repeat a building, unit or person must agree with its first row; a row that
    // does not adds nothing, so that its right is not checked against the wrong data.
    if (!kind || !area.ok || !floor.ok || !rooms.ok || !count.ok) return;
    const unit = {
      key: unitKey,
      buildingKey: building.key,
      number: unitNumber,
      kind,
      areaHundredths: area.value,
      floor: floor.value,
      rooms: rooms.value,
    };
    const buildingValues = JSON.stringify(building);
    const unitValues = JSON.stringify(unit);
    const occupancy = JSON.stringify([count.value, countFrom]);
    const personValues = person ? JSON.stringify({ ...person, row: undefined }) : '';
    const seenBuilding = this.buildings.get(building.key);
    const seenUnit = this.units.get(unitKey);
    const seenPerson = person ? this.persons.get(person.key) : undefined;
    if (seenBuilding && seenBuilding.values !== buildingValues) {
      fail('kod_budynku', `inne dane budynku niż w wierszu ${seenBuilding.row}`);
    }
    if (seenUnit && seenUnit.values !== unitValues)
      fail('kod_lokalu', `inne dane lokalu niż w wierszu ${seenUnit.row}`);
    else if (seenUnit && seenUnit.occupancy !== occupancy) {
      fail('liczba_osob', `inna liczba osób niż w wierszu ${seenUnit.row}`);
    }
    if (seenPerson && seenPerson.values !== personValues) {
      fail('kod_osoby', `inne dane osoby niż w wierszu ${seenPerson.row}`);
    }
    const peselOwner = person?.pesel ? this.pesels.get(person.pesel) : undefined;
    if (person && peselOwner !== undefined && peselOwner !== person.key) {
      fail('pesel', `ten sam PESEL ma w pliku osoba o kodzie ${peselOwner}`);
    }
    const identity = right ? `${right.unitKey}|${right.personKey}|${right.validFrom}` : '';
    const seenRight = right ? this.rights.get(identity) : undefined;
    if (seenRight) fail('data_od', `ten sam tytuł prawny jest już w wierszu ${seenRight}`);
    if (this.errors.length > errorsBefore) return;

    if (!seenBuilding) {
      this.buildings.set(building.key, { row, values: buildingValues });
      this.data.buildings.push({ ...building, row });
    }
    if (!seenUnit) {
      this.units.set(unitKey, { row, values: unitValues, occupancy });
      this.data.units.push({ ...unit, row });
      if (count.value !== null && countFrom) {
        this.data.occupancy.push({ unitKey, effectiveFrom: countFrom, personsCount: count.value, row });
      }
    }
    if (person && !seenPerson) {
      if (person.pesel) this.pesels.set(person.pesel, person.key);
      this.persons.set(person.key, { row, values: personValues });
      this.data.persons.push(person);
    }
    if (right) {
      this.rights.set(identity, row);
      this.data.rights.push(right);
    }
  }
}
