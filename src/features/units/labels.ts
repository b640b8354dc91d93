/** Polish labels of the register's codes, and reading them back from typed or imported text. */
import { foldText } from './rules/parse.ts';

export type UnitKind = 'mieszkalny' | 'uzytkowy' | 'garaz' | 'inny';
export type RightKind = 'lokatorskie' | 'wlasnosciowe' | 'odrebna_wlasnosc' | 'najem' | 'inne';

export const unitKinds: readonly UnitKind[] = ['mieszkalny', 'uzytkowy', 'garaz', 'inny'];
export const rightKinds: readonly RightKind[] = ['lokatorskie', 'wlasnosciowe', 'odrebna_wlasnosc', 'najem', 'inne'];

export const unitKindLabels: Record<UnitKind, string> = {
  mieszkalny: 'mieszkalny',
  uzytkowy: 'użytkowy',
  garaz: 'garaż',
  inny: 'inny',
};

/** What a unit is called on its own, at the start of a sentence: `Lokal mieszkalny`, `Garaż`. */
export const unitKindNouns: Record<UnitKind, string> = {
  mieszkalny: 'Lokal mieszkalny',
  uzytkowy: 'Lokal użytkowy',
  garaz: 'Garaż',
  inny: 'Inny lokal',
};

export const rightKindLabels: Record<RightKind, string> = {
  lokatorskie: 'spółdzielcze lokatorskie prawo do lokalu',
  wlasnosciowe: 'spółdzielcze własnościowe prawo do lokalu',
  odrebna_wlasnosc: 'odrębna własność',
  najem: 'najem',
  inne: 'inne',
};

const unitKindWords: Record<string, UnitKind> = {
  mieszkalny: 'mieszkalny',
  mieszkanie: 'mieszkalny',
  m: 'mieszkalny',
  uzytkowy: 'uzytkowy',
  u: 'uzytkowy',
  garaz: 'garaz',
  g: 'garaz',
  inny: 'inny',
};

const rightKindWords: Record<string, RightKind> = {
  lokatorskie: 'lokatorskie',
  'spoldzielcze lokatorskie': 'lokatorskie',
  'spoldzielcze lokatorskie prawo do lokalu': 'lokatorskie',
  wlasnosciowe: 'wlasnosciowe',
  'spoldzielcze wlasnosciowe': 'wlasnosciowe',
  'spoldzielcze wlasnosciowe prawo do lokalu': 'wlasnosciowe',
  'odrebna wlasnosc': 'odrebna_wlasnosc',
  odrebna_wlasnosc: 'odrebna_wlasnosc',
  wlasnosc: 'odrebna_wlasnosc',
  najem: 'najem',
  inne: 'inne',
};

/** `Użytkowy`, `uzytkowy`, `garaż` → the code; undefined for anything else. */
export function readUnitKind(text: string): UnitKind | undefined {
  return unitKindWords[foldText(text)];
}

/** `spółdzielcze własnościowe`, `własnościowe`, `odrebna_wlasnosc` → the code. */
export function readRightKind(text: string): RightKind | undefined {
  return rightKindWords[foldText(text).replace(/_/g, ' ')] ?? rightKindWords[foldText(text)];
}
