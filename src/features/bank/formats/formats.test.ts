import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { nrbCheckDigits } from '../../../lib/nrb.ts';
import { statementOf as buildStatement } from './build.ts';
import { encodeText } from './decode.ts';
import { mt940Separators } from './mt940.ts';
import { readStatementFile, streamStatementFile } from './read.ts';
import type { BankEntry, BankStatement } from './statement.ts';
import { writeCamt053, writeElixir, writeMt940 } from './write.ts';

const examples = join(import.meta.dirname, '../../../../docs/examples/bank');
const sample = (name: string) => readFileSync(join(examples, name));
const read = (name: string, bytes: Uint8Array = sample(name), encoding?: 'cp852' | 'windows-1250' | 'utf-8') =>
  readStatementFile(name, bytes, encoding);
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

const mt940Samples = [
  ['wyciag-tylda-cp852.sta', 'cp852'],
  ['wyciag-mniejszy-windows1250.mt940', 'windows-1250'],
  ['wyciag-daszek-utf8.sta', 'utf-8'],
  ['wyciag-plus-cp852.txt', 'cp852'],
] as const;

describe('bank statement files', () => {
  it.each(mt940Samples)('reads the MT940 sample %s (%s) with its Polish subfields', (name, encoding) => {
    const file = read(name);
    expect(file.format).toBe('mt940');
    expect(file.encoding).toBe(encoding);
    const [statement] = file.statements;
    expect(statement).toMatchObject({
      account: '72102023130000310200000001',
      number: '00045/001',
      periodFrom: '2026-03-02',
      periodTo: '2026-03-02',
      openingBalance: 1_254_300,
      closingBalance: 1_337_284,
    });
    expect(statement?.entries.map((e) => [e.amount, e.bookingDate, e.valueDate, e.reference])).toEqual([
      [45_000, '2026-03-02', '2026-03-02', 'PRZ2603020001'],
      [38_250, '2026-03-02', '2026-03-01', 'PRZ2603020002'],
      [1_234, '2026-03-02', '2026-03-02', 'KAP2603020003'],
      [-1_500, '2026-03-02', '2026-03-02', 'OPL2603020004'],
    ]);
    const [first, second] = statement?.entries ?? [];
    expect(first).toMatchObject({
      title: 'Opłaty lokal Różana 1/2 marzec 2026',
      counterpartyName: 'Jan Przykładowy ul. Różana 1/2 00-950 Warszawa',
      counterpartyAccount: '61109010140000071219812874',
      operation: 'Przelew przychodzący',
      details: 'PL81102023130000310000000001',
      line: 5,
    });
    expect(second?.title).toBe('Czynsz lokal P65-12 za marzec, Żaneta Świątek');
  });

  it('reads the camt.053 sample, with the credited virtual account', () => {
    const file = read('wyciag-camt053.xml');
    expect(file.format).toBe('camt.053');
    const entries = file.statements[0]?.entries ?? [];
    expect(entries.map((e) => e.amount)).toEqual([45_000, 38_250, 1_234, -1_500]);
    expect(entries[0]).toMatchObject({
      creditedAccount: '81102023130000310000000001',
      counterpartyAccount: '61109010140000071219812874',
      title: 'Opłaty lokal Różana 1/2 marzec 2026',
    });
  });

  it('reads XML entities in camt.053 values: named, decimal and hexadecimal', () => {
    const xml = sample('wyciag-camt053.xml')
      .toString('utf8')
      .replace(
        'Opłaty lokal Różana 1/2 marzec 2026',
        'Opłaty &amp; czynsz &lt;R&#243;&#x17C;ana 1/2&gt; &quot;marzec&quot;',
      );
    const entries = read('e.xml', Buffer.from(xml)).statements[0]?.entries ?? [];
    expect(entries[0]?.title).toBe('Opłaty & czynsz <Różana 1/2> "marzec"');
  });

  it('keeps camt.053 CDATA as written: an entity there is text, not a character', () => {
    const xml = sample('wyciag-camt053.xml')
      .toString('utf8')
      .replace('Opłaty lokal Różana 1/2 marzec 2026', 'Opłaty <![CDATA[a &amp; b <c>]]> &amp; czynsz');
    const entries = read('e.xml', Buffer.from(xml)).statements[0]?.entries ?? [];
    expect(entries[0]?.title).toBe('Opłaty a &amp; b <c> & czynsz');
  });

  it('reads the Elixir-O sample: every line a credit of the account it names', () => {
    const file = read('wplywy-elixir.pli');
    expect(file).toMatchObject({ format: 'elixir', encoding: 'windows-1250' });
    const entries = file.statements[0]?.entries ?? [];
    expect(entries.map((e) => [e.amount, e.creditedAccount, e.reference])).toEqual([
      [45_000, '81102023130000310000000001', 'PRZ2603020001'],
      [38_250, '72102023130000310200000001', 'PRZ2603020002'],
      [1_234, '72102023130000310200000001', 'KAP2603020003'],
    ]);
    expect(entries[1]?.title).toBe('Czynsz lokal P65-12 za marzec, Żaneta Świątek');
  });

  it('refuses an empty file and one of an unknown format, naming the formats accepted', () => {
    expect(errorOf(() => read('pusty.sta', Buffer.alloc(0)))).toBe('Plik pusty.sta: plik jest pusty.');
    expect(errorOf(() => read('wplaty.csv', Buffer.from('lokal;data;kwota\nA;2026-01-01;1,00\n')))).toMatch(
      /^Plik wplaty\.csv, wiersz 1: nie rozpoznano formatu pliku\. Przyjmowane formaty: MT940 .*camt\.053.*Elixir-O/,
    );
  });

  it('refuses a truncated MT940 file at the statement that has no closing balance', () => {
    const text = sample('wyciag-daszek-utf8.sta').toString('utf8');
    const cut = text.slice(0, text.indexOf(':61:260302C12,34'));
    expect(errorOf(() => read('urwany.sta', Buffer.from(cut)))).toMatch(/^Plik urwany\.sta, wiersz 1: plik się urywa/);
  });

  it('refuses a wrong NRB check number, naming the line', () => {
    const text = sample('wyciag-daszek-utf8.sta').toString('utf8');
    expect(errorOf(() => read('zly.sta', Buffer.from(text.replace(':25:/PL72', ':25:/PL73'))))).toMatch(
      /^Plik zly\.sta, wiersz 2: numer rachunku wyciągu \(:25:\) „PL7310.*” ma błędną sumę kontrolną NRB/,
    );
    expect(errorOf(() => read('zly.sta', Buffer.from(text.replace('^38PL611090', '^38PL621090'))))).toMatch(
      /^Plik zly\.sta, wiersz 14: numer rachunku kontrahenta \(~38\)/,
    );
  });

  it('refuses an unbalanced statement: opening + entries ≠ closing', () => {
    const text = sample('wyciag-daszek-utf8.sta').toString('utf8');
    expect(errorOf(() => read('x.sta', Buffer.from(text.replace('C260302PLN13372,84', 'C260302PLN13372,85'))))).toBe(
      'Plik x.sta, wiersz 1: wyciąg się nie bilansuje: saldo początkowe 12 543,00 zł i operacje na 829,84 zł dają 13 372,84 zł, a saldo końcowe w pliku to 13 372,85 zł. Plik jest zapewne niepełny lub uszkodzony.',
    );
    const xml = sample('wyciag-camt053.xml').toString('utf8');
    expect(errorOf(() => read('x.xml', Buffer.from(xml.replace('13372.84', '13372.80'))))).toMatch(
      /^Plik x\.xml, wiersz 8: wyciąg się nie bilansuje/,
    );
  });

  it('refuses a CP852 file read as Windows-1250 at the first garbled line', () => {
    expect(errorOf(() => read('wyciag-tylda-cp852.sta', undefined, 'windows-1250'))).toMatch(
      /^Plik wyciag-tylda-cp852\.sta, wiersz 7: znaki „.*” nie pasują do kodowania Windows-1250 — polskie litery są przekłamane/,
    );
    expect(read('wyciag-tylda-cp852.sta', undefined, 'cp852').statements[0]?.entries[0]?.title).toBe(
      'Opłaty lokal Różana 1/2 marzec 2026',
    );
  });

  it('finds a garbled line far into a large file, before reading it (the check runs ahead of the reading)', () => {
    // 20,000 entries: megabytes, so the garbled line is well past the first block checked.
    const entries: Partial<BankEntry>[] = Array.from({ length: 20_000 }, (_, i) => ({
      bookingDate: '2026-03-02',
      amount: 10_000 + i,
      reference: `R${i}`,
      title: `Opłaty za lokal, marzec 2026, wpłata ${i}`,
      counterpartyName: `Płatnik ${i}`,
    }));
    const statement = buildStatement(entries, {
      account: '72102023130000310200000001',
      number: '7',
      periodFrom: '2026-03-01',
      periodTo: '2026-03-31',
    });
    // A word of the other code page (`przychodzĄcy`) in the 19,900th title.
    const garble = (text: string) => text.replace('wpłata 19899', 'wpłata 19899 przychodzĄcy');
    for (const [name, text] of [
      ['duzy.sta', garble(writeMt940([statement], '~'))],
      ['duzy.xml', garble(writeCamt053([statement]))],
    ] as const) {
      expect(text.length).toBeGreaterThan(2 << 20);
      expect(text).toContain('przychodzĄcy');
      const line = text.slice(0, text.indexOf('przychodzĄcy')).split('\n').length;
      expect(errorOf(() => read(name, Buffer.from(text)))).toBe(
        `Plik ${name}, wiersz ${line}: znaki „Ą” nie pasują do kodowania UTF-8 — polskie litery są przekłamane. Wybierz inne kodowanie (Windows-1250 albo CP852 (Latin-2 DOS)) albo „wykryj automatycznie”.`,
      );
    }
  });

  it('refuses a truncated camt.053 and a truncated Elixir file, naming the line', () => {
    const xml = sample('wyciag-camt053.xml').toString('utf8');
    expect(errorOf(() => read('x.xml', Buffer.from(xml.slice(0, 3000))))).toMatch(
      /^Plik x\.xml, wiersz \d+: plik XML jest uszkodzony lub niepełny/,
    );
    // An element left open inside the document (its closing tag lost) is named with its line.
    const unclosed = xml.replace('</Nm>', '');
    expect(errorOf(() => read('x.xml', Buffer.from(unclosed)))).toMatch(
      /^Plik x\.xml, wiersz \d+: plik XML jest uszkodzony lub niepełny \(element <Nm> nie jest zamknięty\)/,
    );
    const pli = iconv.decode(sample('wplywy-elixir.pli'), 'windows-1250');
    expect(errorOf(() => read('x.pli', Buffer.from(pli.slice(0, pli.indexOf('Żaneta Świątek",')))))).toMatch(
      /^Plik x\.pli, wiersz 2: /,
    );
  });
});

// Generated statements: written out in each format and read back give the same entries.
const nrb = fc.stringMatching(/^\d{24}$/).map((basic) => `${nrbCheckDigits(basic)}${basic}`);
const words = fc
  .array(
    fc.constantFrom('Opłata', 'lokal', '12/3', 'Żółć', 'gęślą', 'jaźń', 'marzec', 'ŚWIĘTO', 'Łódź', 'nr', '2026'),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((w) => w.join(' '));
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
const entry = (credits: boolean) =>
  fc.record({
    line: fc.constant(0),
    bookingDate: day,
    valueDate: day,
    amount: credits
      ? fc.integer({ min: 1, max: 99_999_999 })
      : fc.integer({ min: -9_999_999, max: 99_999_999 }).filter((a) => a !== 0),
    reference: fc.stringMatching(/^[A-Z0-9]{4,16}$/),
    title: words,
    counterpartyName: words,
    counterpartyAccount: nrb,
    creditedAccount: fc.constant(''),
    operation: fc.constant('Przelew'),
    details: fc.constant(''),
  }) satisfies fc.Arbitrary<BankEntry>;
const statementOf = (credits: boolean) =>
  fc
    .record({
      account: nrb,
      opening: fc.integer({ min: -1_000_000, max: 1_000_000 }),
      entries: fc.array(entry(credits), { minLength: 1, maxLength: 15 }),
    })
    .map(
      ({ account, opening, entries }): BankStatement => ({
        format: 'mt940',
        account,
        number: '00007/001',
        periodFrom: '2026-02-01',
        periodTo: '2026-02-28',
        currency: 'PLN',
        openingBalance: opening,
        closingBalance: opening + entries.reduce((t, e) => t + e.amount, 0),
        line: 1,
        entries,
      }),
    );
const essence = (entries: BankEntry[]) =>
  entries.map((e) => ({
    bookingDate: e.bookingDate,
    valueDate: e.valueDate,
    amount: e.amount,
    reference: e.reference,
    title: e.title,
    counterpartyName: e.counterpartyName,
    counterpartyAccount: e.counterpartyAccount,
  }));

describe('bank formats, written out and read back', () => {
  it.each(mt940Separators)('MT940 with the %s separator in each encoding', (separator) => {
    fc.assert(
      fc.property(
        statementOf(false),
        fc.constantFrom('cp852', 'windows-1250', 'utf-8' as const),
        (statement, encoding) => {
          const bytes = encodeText(writeMt940([statement], separator), encoding);
          const [back] = readStatementFile('g.sta', bytes).statements;
          expect(essence(back?.entries ?? [])).toEqual(essence(statement.entries));
          expect(back?.closingBalance).toBe(statement.closingBalance);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('camt.053', () => {
    fc.assert(
      fc.property(statementOf(false), (statement) => {
        const [back] = readStatementFile('g.xml', Buffer.from(writeCamt053([statement]))).statements;
        expect(essence(back?.entries ?? [])).toEqual(essence(statement.entries));
      }),
      { numRuns: 40 },
    );
  });

  it('Elixir-O', () => {
    fc.assert(
      fc.property(statementOf(true), (statement) => {
        const [back] = readStatementFile('g.pli', encodeText(writeElixir(statement), 'windows-1250')).statements;
        expect(essence(back?.entries ?? [])).toEqual(
          essence(statement.entries.map((e) => ({ ...e, valueDate: e.bookingDate }))),
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe('bank files read piece by piece', () => {
  // 1,500 entries: a camt.053 of about 1.3 MB, given to the XML parser in several pieces.
  const many = buildStatement(
    Array.from({ length: 1_500 }, (_, i) => ({
      reference: `R${i}`,
      amount: 100 + i,
      title: `Opłaty lokal ${i} — „marzec” & <kwiecień>`,
      bookingDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      valueDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    })),
    { account: '72102023130000310200000001', number: '9', periodFrom: '2026-03-01', periodTo: '2026-03-28' },
  );

  it.each([
    ['g.xml', () => Buffer.from(writeCamt053([many, { ...many, number: '10' }]))],
    ['g.sta', () => Buffer.from(writeMt940([many, { ...many, number: '10' }], '~'))],
  ])('gives each statement’s start, its entries in order, then its end (%s)', (name, bytes) => {
    const reader = streamStatementFile(name, bytes());
    const kinds: string[] = [];
    const references: string[] = [];
    for (const event of reader.events) {
      if (kinds.at(-1) !== event.kind) kinds.push(event.kind);
      if (event.kind === 'entry') references.push(event.entry.reference);
      if (event.kind === 'end') expect(event.statement).toMatchObject({ closingBalance: many.closingBalance });
    }
    expect(kinds).toEqual(['start', 'entry', 'end', 'start', 'entry', 'end']);
    expect(references).toEqual([...many.entries, ...many.entries].map((e) => e.reference));
  });

  it('refuses an unbalanced statement at its end, when most of its entries were handed on already', () => {
    const xml = writeCamt053([{ ...many, closingBalance: (many.closingBalance ?? 0) + 1 }]);
    const reader = streamStatementFile('x.xml', Buffer.from(xml));
    let entries = 0;
    expect(() => {
      for (const event of reader.events) if (event.kind === 'entry') entries++;
    }).toThrow(/wyciąg się nie bilansuje/);
    // The importer has written them inside the file's transaction: the refusal rolls it back.
    expect(entries).toBeGreaterThan(1_000);
  });
});
