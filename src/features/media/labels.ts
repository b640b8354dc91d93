import type { MeterMedium } from './schema.ts';

export const meterMediumLabels: Record<MeterMedium, string> = {
  zimna_woda: 'zimna woda',
  ciepla_woda: 'ciepła woda',
  podzielnik_co: 'podzielnik kosztów c.o.',
  cieplomierz: 'ciepłomierz',
  gaz: 'gaz',
  energia_wspolna: 'energia elektryczna części wspólnych',
};

/** The unit a medium is measured in. */
export const meterUnitLabels: Record<MeterMedium, string> = {
  zimna_woda: 'm³',
  ciepla_woda: 'm³',
  podzielnik_co: 'jedn.',
  cieplomierz: 'GJ',
  gaz: 'm³',
  energia_wspolna: 'kWh',
};

export const sourceLabels: Record<string, string> = {
  ebok: 'e-BOK',
  karta: 'karta odczytowa',
  import: 'import',
  wymiana: 'wymiana licznika',
};

export const reviewLabels: Record<string, string> = {
  ok: 'prawidłowy',
  flagged: 'do sprawdzenia',
  accepted: 'przyjęty',
  rejected: 'odrzucony',
};

/** The medium from the import's Polish names or codes. */
export function mediumFromText(text: string): MeterMedium | undefined {
  const folded = text.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [code, label] of Object.entries(meterMediumLabels) as [MeterMedium, string][]) {
    if (folded === code || folded === label) return code;
  }
  const aliases: Record<string, MeterMedium> = {
    zw: 'zimna_woda',
    cw: 'ciepla_woda',
    co: 'podzielnik_co',
    podzielnik: 'podzielnik_co',
    'energia elektryczna': 'energia_wspolna',
    prąd: 'energia_wspolna',
  };
  return aliases[folded];
}

/** The medium of a settlement run: water computed here, or heating imported from the company. */
export const settlementMediumLabels: Record<'zimna_woda' | 'ciepla_woda' | 'co', string> = {
  zimna_woda: 'zimna woda',
  ciepla_woda: 'ciepła woda',
  co: 'centralne ogrzewanie',
};
