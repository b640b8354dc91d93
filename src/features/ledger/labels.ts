import type { EntryKind } from './queries.ts';

export const entryKindLabels: Record<EntryKind, string> = {
  opening_balance: 'Bilans otwarcia',
  charge: 'Naliczenie',
  payment: 'Wpłata',
  media_settlement: 'Rozliczenie mediów',
  other_receivable: 'Należność z innego tytułu',
  interest: 'Odsetki',
  correction: 'Korekta',
};

export const entryKinds = Object.keys(entryKindLabels) as EntryKind[];

export type Medium = 'zimna_woda' | 'ciepla_woda' | 'co';

export const mediumLabels: Record<Medium, string> = {
  zimna_woda: 'zimna woda',
  ciepla_woda: 'ciepła woda',
  co: 'centralne ogrzewanie (c.o.)',
};

export const consumptionUnitLabels: Record<string, string> = { m3: 'm³', GJ: 'GJ' };
