import { describe, expect, it } from 'vitest';
import { counted, countOf, formatCount, polishPlural, visitorCountLine } from './plural.ts';
import { firstFreeSlug, isSlug, slugify } from './slug.ts';
import { parseWarsawLocal, warsawDate, warsawLocalInput } from './warsaw-time.ts';

describe('slugify', () => {
  it('turns Polish titles into ASCII slugs', () => {
    expect(slugify('Zażółć gęślą jaźń!')).toBe('zazolc-gesla-jazn');
    expect(slugify('ŁÓDŹ — Śródmieście, ul. Źródlana 5/7')).toBe('lodz-srodmiescie-ul-zrodlana-5-7');
    expect(slugify('  --Remont  dachu?-- ')).toBe('remont-dachu');
    expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script');
    expect(slugify('!!!')).toBe('');
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify(
      'Bardzo długi tytuł aktualności o remoncie elewacji budynku przy ulicy Paderewskiego numer sześćdziesiąt pięć',
    );
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).not.toMatch(/-$/);
    expect(isSlug(slug)).toBe(true);
  });

  it('finds the first free slug', () => {
    expect(firstFreeSlug('remont', new Set())).toBe('remont');
    expect(firstFreeSlug('remont', new Set(['remont', 'remont-2']))).toBe('remont-3');
  });

  it('recognizes well-formed slugs', () => {
    expect(isSlug('o-spoldzielni')).toBe(true);
    expect(isSlug('O-spoldzielni')).toBe(false);
    expect(isSlug('a--b')).toBe(false);
    expect(isSlug('')).toBe(false);
  });
});

describe('Polish plural forms', () => {
  const forms = { one: 'plik', few: 'pliki', many: 'plików' };
  it.each([
    [0, 'plików'],
    [1, 'plik'],
    [2, 'pliki'],
    [4, 'pliki'],
    [5, 'plików'],
    [11, 'plików'],
    [12, 'plików'],
    [14, 'plików'],
    [21, 'plików'],
    [22, 'pliki'],
    [104, 'pliki'],
    [112, 'plików'],
    [1001, 'plików'],
  ])('%i → %s', (n, form) => {
    expect(polishPlural(n, forms)).toBe(form);
  });

  it('words the visitor counter for every number', () => {
    expect(visitorCountLine(1)).toBe('Odwiedził nas: 1 internauta. Dziękujemy.');
    expect(visitorCountLine(3)).toBe('Odwiedziło nas: 3 internautów. Dziękujemy.');
    expect(visitorCountLine(0)).toBe('Odwiedziło nas: 0 internautów. Dziękujemy.');
    expect(visitorCountLine(11538)).toBe('Odwiedziło nas: 11\u00a0538 internautów. Dziękujemy.');
  });

  it('counts characters, minutes, hours and days in messages', () => {
    expect(countOf(1024, counted.characters)).toBe('1024 znaki');
    expect(countOf(12, counted.characters)).toBe('12 znaków');
    expect(countOf(48, counted.hours)).toBe('48 godzin');
    expect(countOf(24, counted.hours)).toBe('24 godziny');
    expect(countOf(1, counted.minutes)).toBe('1 minutę');
    expect(countOf(30, counted.minutes)).toBe('30 minut');
    expect(countOf(1, counted.days)).toBe('1 dzień');
    expect(countOf(14, counted.days)).toBe('14 dni');
  });

  it('groups digits from 10 000 up', () => {
    expect(formatCount(9538)).toBe('9538');
    expect(formatCount(1234567)).toBe('1\u00a0234\u00a0567');
  });
});

describe('Warsaw local time', () => {
  it('parses dates and times in winter and summer', () => {
    expect(parseWarsawLocal('2026-01-15T09:00')?.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(parseWarsawLocal('2026-07-15 09:30')?.toISOString()).toBe('2026-07-15T07:30:00.000Z');
    expect(parseWarsawLocal('2026-03-01')?.toISOString()).toBe('2026-02-28T23:00:00.000Z');
  });

  it('refuses malformed and impossible dates', () => {
    for (const bad of ['15/01/2026', '30.02.2026', '2026-02-30', '2026-13-01', '2026-01-01T25:00', 'jutro', '']) {
      expect(parseWarsawLocal(bad)).toBeUndefined();
    }
  });

  it('formats instants back', () => {
    const instant = new Date('2026-10-25T00:30:00Z');
    expect(warsawDate(instant)).toBe('2026-10-25');
    expect(warsawLocalInput(instant)).toBe('2026-10-25T02:30');
    expect(warsawDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
