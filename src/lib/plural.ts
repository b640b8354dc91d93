const pluralRules = new Intl.PluralRules('pl');

/**
 * Polish plural forms from the platform's CLDR rules: `one` for 1, `few` for 2–4, 22–24, 32–34, …
 * (but not 12–14), `many` for the rest (0, 5–21, 25–31, …). E.g. 1 plik, 2 pliki, 5 plików,
 * 22 pliki, 112 plików. Counts are whole numbers; a fraction would be CLDR's `other`, which we
 * never count, so it falls back to `many`.
 */
export function polishPlural(n: number, forms: PluralForms): string {
  const category = pluralRules.select(Math.abs(Math.trunc(n)));
  return category === 'one' ? forms.one : category === 'few' ? forms.few : forms.many;
}

export type PluralForms = { one: string; few: string; many: string };

/**
 * Nouns counted in messages, in the accusative (the case after „ma”, „najwyżej”, „przez”, „na”,
 * „ważny”): 1 godzinę, 2 godziny, 5 godzin.
 */
export const counted = {
  characters: { one: 'znak', few: 'znaki', many: 'znaków' },
  minutes: { one: 'minutę', few: 'minuty', many: 'minut' },
  hours: { one: 'godzinę', few: 'godziny', many: 'godzin' },
  days: { one: 'dzień', few: 'dni', many: 'dni' },
} as const satisfies Record<string, PluralForms>;

/** A number with its noun in the right form: `1024 znaki`, `48 godzin`, `1 minutę`. */
export function countOf(n: number, forms: PluralForms): string {
  return `${formatCount(n)} ${polishPlural(n, forms)}`;
}

/** An integer with Polish digit grouping by non-breaking spaces, from 10 000 up: `11 538`, `9538`. */
export function formatCount(n: number): string {
  const digits = Math.trunc(n).toString();
  return Math.abs(n) < 10_000 ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/**
 * The footer line of the visitor counter, in the seed's wording.
 *
 * "Internauta" is a masculine-personal noun: with numerals other than 1 Polish uses the genitive
 * plural and a neuter singular verb ("odwiedziło nas trzech / pięciu / dwudziestu dwóch
 * internautów"), so only 1 needs its own sentence ("odwiedził nas 1 internauta").
 */
export function visitorCountLine(n: number): string {
  if (n === 1) return 'Odwiedził nas: 1 internauta. Dziękujemy.';
  return `Odwiedziło nas: ${formatCount(n)} internautów. Dziękujemy.`;
}
