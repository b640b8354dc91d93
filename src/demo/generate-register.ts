/**
 * One deterministic generator of register data (seed, size) for the demo (~300 units) and for
 * benchmarks and later issues (10,000 units and more): buildings on real Katowice streets,
 * flats, a few commercial units and garages, fictional persons with checksum-valid fictional
 * PESELs, co-ownership, sales since 2013 and persons-count changes. The same seed and size
 * always give the same data.
 */
import type { RightKind } from '../features/units/labels.ts';
import type {
  BuildingRecord,
  PersonRecord,
  RegisterData,
  RightRecord,
  UnitRecord,
} from '../features/units/register-data.ts';
import { foldText } from '../features/units/rules/parse.ts';
import { makePesel, type Sex } from '../features/units/rules/pesel.ts';

export interface GenerateOptions {
  seed: number;
  /** Number of units, at least 60. */
  units: number;
  /** First day of the period with sales and persons-count changes (the ledger's start). */
  from?: string;
  /** Last day of that period. */
  to?: string;
  /** Reserve the three demo members (external keys DEMO-M1…M3, see demo-members.ts). */
  demoMembers?: boolean;
}

/**
 * Real street names of Katowice with a postcode of the area, the estate, and the first house
 * number used there (numbers go up by two, as on one side of a street). The demo's buildings are
 * the first six: Paderewskiego 65, 67, 69 and Graniczna 12, 14, 16, the addresses its news,
 * renovation plan, tenders and gazette speak of.
 */
const STREETS: readonly [street: string, postcode: string, estate: string, firstNumber: number][] = [
  ['ul. Ignacego Paderewskiego', '40-282', 'Paderewskiego', 65],
  ['ul. Graniczna', '40-018', 'Paderewskiego', 12],
  ['ul. Sokolska', '40-087', 'Koszutka', 33],
  ['ul. Mieszka I', '40-877', 'Tysiąclecia', 7],
  ['ul. Michała Grażyńskiego', '40-126', 'Koszutka', 21],
  ['ul. Bażantów', '40-668', 'Ligota', 4],
  ['ul. Gawronów', '40-527', 'Ligota', 11],
  ['ul. Józefa Ligonia', '40-036', 'Śródmieście', 18],
  ['ul. Jesionowa', '40-159', 'Koszutka', 9],
  ['ul. Tysiąclecia', '40-871', 'Tysiąclecia', 41],
  ['ul. Mikołowska', '40-066', 'Śródmieście', 26],
  ['ul. Francuska', '40-028', 'Śródmieście', 35],
  ['ul. Armii Krajowej', '40-671', 'Piotrowice', 102],
  ['ul. Ścigały', '40-205', 'Zawodzie', 14],
  ['ul. Wajdy', '40-816', 'Brynów', 5],
  ['ul. Kościuszki', '40-048', 'Śródmieście', 80],
];

/** Buildings put on one street before the next street gets its turn. */
const BUILDINGS_PER_STREET = 3;

/** Street and house number of the b-th building (from 0): distinct for any number of buildings. */
function buildingAddress(b: number): { street: string; postcode: string; estate: string; number: string } {
  const [street, postcode, estate, first] = STREETS[
    Math.floor(b / BUILDINGS_PER_STREET) % STREETS.length
  ] as (typeof STREETS)[number];
  const round = Math.floor(b / (BUILDINGS_PER_STREET * STREETS.length));
  const onStreet = round * BUILDINGS_PER_STREET + (b % BUILDINGS_PER_STREET);
  return { street, postcode, estate, number: String(first + 2 * onStreet) };
}

const MALE_FIRST = [
  'Jan',
  'Piotr',
  'Krzysztof',
  'Andrzej',
  'Tomasz',
  'Paweł',
  'Michał',
  'Marcin',
  'Józef',
  'Stanisław',
  'Łukasz',
  'Grzegorz',
  'Zbigniew',
  'Jerzy',
  'Tadeusz',
  'Adam',
  'Wojciech',
  'Marek',
  'Ryszard',
  'Kazimierz',
];
const FEMALE_FIRST = [
  'Anna',
  'Maria',
  'Katarzyna',
  'Małgorzata',
  'Agnieszka',
  'Barbara',
  'Ewa',
  'Krystyna',
  'Elżbieta',
  'Zofia',
  'Teresa',
  'Joanna',
  'Danuta',
  'Halina',
  'Irena',
  'Jadwiga',
  'Beata',
  'Bożena',
  'Grażyna',
  'Urszula',
];
/** Surnames as [masculine, feminine]. */
const SURNAMES: readonly [string, string][] = [
  ['Nowak', 'Nowak'],
  ['Kowalski', 'Kowalska'],
  ['Wiśniewski', 'Wiśniewska'],
  ['Wójcik', 'Wójcik'],
  ['Kowalczyk', 'Kowalczyk'],
  ['Kamiński', 'Kamińska'],
  ['Lewandowski', 'Lewandowska'],
  ['Zieliński', 'Zielińska'],
  ['Szymański', 'Szymańska'],
  ['Woźniak', 'Woźniak'],
  ['Dąbrowski', 'Dąbrowska'],
  ['Kozłowski', 'Kozłowska'],
  ['Jankowski', 'Jankowska'],
  ['Mazur', 'Mazur'],
  ['Kwiatkowski', 'Kwiatkowska'],
  ['Krawczyk', 'Krawczyk'],
  ['Piotrowski', 'Piotrowska'],
  ['Grabowski', 'Grabowska'],
  ['Nowakowski', 'Nowakowska'],
  ['Pawłowski', 'Pawłowska'],
  ['Michalski', 'Michalska'],
  ['Król', 'Król'],
  ['Wieczorek', 'Wieczorek'],
  ['Jabłoński', 'Jabłońska'],
  ['Wróbel', 'Wróbel'],
  ['Nowicki', 'Nowicka'],
  ['Majewski', 'Majewska'],
  ['Olszewski', 'Olszewska'],
  ['Stępień', 'Stępień'],
  ['Malinowski', 'Malinowska'],
  ['Ślusarczyk', 'Ślusarczyk'],
  ['Gołębiowski', 'Gołębiowska'],
];

/** mulberry32: small, fast and good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Per building: 44 flats, 2 commercial units and 4 garages. */
const FLATS = 44;
const LAYOUT = [
  ...Array.from({ length: FLATS }, (_, i) => ({ number: String(i + 1), kind: 'mieszkalny' as const })),
  { number: 'U1', kind: 'uzytkowy' as const },
  { number: 'U2', kind: 'uzytkowy' as const },
  ...Array.from({ length: 4 }, (_, i) => ({ number: `G${i + 1}`, kind: 'garaz' as const })),
];

export function generateRegister(options: GenerateOptions): RegisterData {
  const rnd = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const between = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const from = options.from ?? '2013-01-01';
  const to = options.to ?? '2025-12-31';
  const dayBetween = (a: string, b: string) =>
    toDay(dayMs(a) + Math.floor(rnd() * ((dayMs(b) - dayMs(a)) / DAY)) * DAY);

  const data: RegisterData = { buildings: [], units: [], persons: [], rights: [], occupancy: [] };
  const pesels = new Set<string>();
  let personCount = 0;

  const newPerson = (sex: Sex, lastName?: [string, string], fixed?: Partial<PersonRecord>): PersonRecord => {
    personCount++;
    const surname = lastName ?? pick(SURNAMES);
    const firstName = pick(sex === 'M' ? MALE_FIRST : FEMALE_FIRST);
    const last = sex === 'M' ? surname[0] : surname[1];
    let pesel: string;
    do {
      pesel = makePesel(dayBetween('1935-01-01', '1999-12-31'), sex, between(0, 999));
    } while (pesels.has(pesel));
    pesels.add(pesel);
    const person: PersonRecord = {
      key: `K${String(personCount).padStart(6, '0')}`,
      firstName,
      lastName: last,
      pesel: rnd() < 0.97 ? pesel : null,
      address: null,
      email: rnd() < 0.6 ? `${foldText(firstName)}.${foldText(last)}.${personCount}@example.com` : null,
      phone: rnd() < 0.5 ? `+48 5${between(10, 99)} ${between(100, 999)} ${between(100, 999)}` : null,
      ...fixed,
    };
    if (person.pesel) pesels.add(person.pesel);
    data.persons.push(person);
    return person;
  };

  /** One holder or a couple (1/2 each), as new persons. */
  const newHolders = (): PersonRecord[] => {
    if (rnd() < 0.3) {
      const surname = pick(SURNAMES);
      return [newPerson('M', surname), newPerson('K', surname)];
    }
    return [newPerson(rnd() < 0.5 ? 'M' : 'K')];
  };

  const grant = (unit: UnitRecord, holders: PersonRecord[], kind: RightKind, validFrom: string) => {
    const rights = holders.map(
      (person): RightRecord => ({
        unitKey: unit.key,
        personKey: person.key,
        kind,
        numerator: 1,
        denominator: holders.length,
        validFrom,
        validTo: null,
      }),
    );
    data.rights.push(...rights);
    return rights;
  };

  const flatKind = (): RightKind => {
    const r = rnd();
    return r < 0.25 ? 'lokatorskie' : r < 0.75 ? 'wlasnosciowe' : 'odrebna_wlasnosc';
  };

  const buildingCount = Math.max(1, Math.ceil(options.units / LAYOUT.length));
  const flatsByBuilding: UnitRecord[][] = [];
  const holdersOf = new Map<string, PersonRecord[]>();
  const reserved = new Set<string>();
  for (let b = 0; b < buildingCount; b++) {
    const building: BuildingRecord = {
      key: `B${String(b + 1).padStart(4, '0')}`,
      ...buildingAddress(b),
      city: 'Katowice',
    };
    data.buildings.push(building);
    const flats: UnitRecord[] = [];
    for (const place of LAYOUT) {
      if (data.units.length >= options.units) break;
      const rooms = place.kind === 'mieszkalny' ? between(1, 4) : null;
      const area =
        place.kind === 'mieszkalny'
          ? (18 + (rooms ?? 1) * 14) * 100 + between(0, 1200)
          : place.kind === 'garaz'
            ? between(1400, 2000)
            : between(4000, 15000);
      const unit: UnitRecord = {
        key: `L${String(data.units.length + 1).padStart(6, '0')}`,
        buildingKey: building.key,
        number: place.number,
        kind: place.kind,
        areaHundredths: area,
        floor:
          place.kind === 'mieszkalny' ? Math.floor((Number(place.number) - 1) / 4) : place.kind === 'garaz' ? -1 : 0,
        rooms,
      };
      data.units.push(unit);
      if (place.kind === 'mieszkalny') flats.push(unit);
    }
    flatsByBuilding.push(flats);
  }

  const unitByNumber = (b: number, number: string) =>
    data.units.find((u) => u.buildingKey === data.buildings[b]?.key && u.number === number);

  // The demo members' stories, fixed before anything random touches their units.
  if (options.demoMembers) {
    const flat1 = unitByNumber(0, '1');
    const garage1 = unitByNumber(0, 'G1');
    const flat2 = unitByNumber(0, '2');
    const flat3 = unitByNumber(0, '3');
    if (!flat1 || !garage1 || !flat2 || !flat3) throw new Error('the demo needs at least one whole building');
    const m1 = newPerson('K', ['Kamiński', 'Kamińska'], {
      key: 'DEMO-M1',
      firstName: 'Anna',
      lastName: 'Kamińska',
      pesel: makePesel('1968-04-12', 'K', 321),
      email: 'mieszkaniec1@example.com',
    });
    const spouse = newPerson('M', ['Kamiński', 'Kamińska'], { firstName: 'Tomasz', lastName: 'Kamiński' });
    grant(flat1, [m1, spouse], 'odrebna_wlasnosc', '2004-09-01');
    grant(garage1, [m1], 'wlasnosciowe', '2009-03-15');
    const m2 = newPerson('M', ['Lewandowski', 'Lewandowska'], {
      key: 'DEMO-M2',
      firstName: 'Józef',
      lastName: 'Lewandowski',
      pesel: makePesel('1952-11-03', 'M', 457),
      email: 'mieszkaniec2@example.com',
    });
    grant(flat2, [m2], 'lokatorskie', '1998-06-01');
    const previous = newPerson('M', ['Wójcik', 'Wójcik'], {
      key: 'DEMO-P3',
      firstName: 'Stanisław',
      lastName: 'Wójcik',
      pesel: makePesel('1941-02-20', 'M', 113),
    });
    const m3 = newPerson('K', ['Zieliński', 'Zielińska'], {
      key: 'DEMO-M3',
      firstName: 'Katarzyna',
      lastName: 'Zielińska',
      pesel: makePesel('1989-07-27', 'K', 602),
      email: 'mieszkaniec3@example.com',
    });
    const [sold] = grant(flat3, [previous], 'wlasnosciowe', '2001-10-01');
    if (sold) Object.assign(sold, { validTo: '2020-06-15', endReason: 'sprzedaż' });
    grant(flat3, [m3], 'odrebna_wlasnosc', '2020-06-15');
    data.occupancy.push(
      { unitKey: flat1.key, effectiveFrom: from, personsCount: 3 },
      { unitKey: flat1.key, effectiveFrom: '2019-09-01', personsCount: 2 },
      { unitKey: garage1.key, effectiveFrom: from, personsCount: 0 },
      { unitKey: flat2.key, effectiveFrom: from, personsCount: 1 },
      { unitKey: flat3.key, effectiveFrom: from, personsCount: 1 },
      { unitKey: flat3.key, effectiveFrom: '2020-06-15', personsCount: 2 },
    );
    for (const unit of [flat1, garage1, flat2, flat3]) reserved.add(unit.key);
    holdersOf.set(flat1.key, [m1, spouse]);
  }

  for (const [b, flats] of flatsByBuilding.entries()) {
    const buildingUnits = data.units.filter((u) => u.buildingKey === data.buildings[b]?.key);
    for (const unit of buildingUnits) {
      if (reserved.has(unit.key)) continue;
      if (unit.kind === 'garaz') {
        // Half the garages belong to someone who also holds a flat in the building.
        const flat = pick(flats);
        const owner = flat && rnd() < 0.5 ? holdersOf.get(flat.key)?.[0] : undefined;
        grant(
          unit,
          owner ? [owner] : [newPerson(rnd() < 0.6 ? 'M' : 'K')],
          rnd() < 0.5 ? 'wlasnosciowe' : 'najem',
          dayBetween('1995-01-01', '2012-12-31'),
        );
        data.occupancy.push({ unitKey: unit.key, effectiveFrom: from, personsCount: 0 });
        continue;
      }
      if (unit.kind === 'uzytkowy') {
        if (rnd() < 0.2) continue; // vacant: held by the cooperative itself
        grant(unit, [newPerson(rnd() < 0.5 ? 'M' : 'K')], 'najem', dayBetween('2005-01-01', '2012-12-31'));
        data.occupancy.push({ unitKey: unit.key, effectiveFrom: from, personsCount: 0 });
        continue;
      }
      let holders = newHolders();
      holdersOf.set(unit.key, holders);
      let rights = grant(unit, holders, flatKind(), dayBetween('1975-01-01', '2012-12-31'));
      let count = holders.length + between(0, 3);
      data.occupancy.push({ unitKey: unit.key, effectiveFrom: from, personsCount: count });
      // Sales (at most two) and persons-count changes over the period, in date order.
      const events: [string, 'sale' | 'count'][] = [];
      if (rnd() < 0.3) events.push([dayBetween(from, to), 'sale']);
      if (rnd() < 0.08) events.push([dayBetween(from, to), 'sale']);
      for (let i = between(0, 2); i > 0; i--) events.push([dayBetween(from, to), 'count']);
      events.sort((a, b) => a[0].localeCompare(b[0]));
      let last = from;
      for (const [date, what] of events) {
        if (date <= last) continue;
        last = date;
        if (what === 'sale') {
          if (rights.some((r) => r.validFrom >= date)) continue;
          for (const right of rights) Object.assign(right, { validTo: date, endReason: 'sprzedaż' });
          holders = newHolders();
          holdersOf.set(unit.key, holders);
          rights = grant(unit, holders, rnd() < 0.7 ? 'odrebna_wlasnosc' : 'wlasnosciowe', date);
          count = holders.length + between(0, 2);
        } else {
          count = Math.max(1, count + (rnd() < 0.5 ? -1 : 1));
        }
        data.occupancy.push({ unitKey: unit.key, effectiveFrom: date, personsCount: count });
      }
    }
  }
  // Correspondence addresses: most persons get the address of a unit they hold.
  const unitAddress = new Map(
    data.units.map((u) => {
      const b = data.buildings.find((x) => x.key === u.buildingKey);
      return [u.key, b ? `${b.street} ${b.number}/${u.number}\n${b.postcode} ${b.city}` : null];
    }),
  );
  const personByKey = new Map(data.persons.map((p) => [p.key, p]));
  for (const right of data.rights) {
    const person = personByKey.get(right.personKey);
    if (person && person.address === null && rnd() < 0.8) person.address = unitAddress.get(right.unitKey) ?? null;
  }
  return data;
}
