/**
 * The words and the status flow of residents' requests, as pure rules: a fault report goes
 * nowe → przyjęte → w realizacji → wykonane, or is rejected (odrzucone) with a reason at any step
 * before it is done; a message to the office waits for an answer or has one.
 */

export const threadKinds = ['fault', 'message'] as const;
export type ThreadKind = (typeof threadKinds)[number];

export const faultStatuses = ['nowe', 'przyjete', 'w_realizacji', 'wykonane', 'odrzucone'] as const;
export type FaultStatus = (typeof faultStatuses)[number];
export const messageStatuses = ['oczekuje', 'odpowiedziano'] as const;
export type MessageStatus = (typeof messageStatuses)[number];
export type ThreadStatus = FaultStatus | MessageStatus;

export const statusLabels: Record<ThreadStatus, string> = {
  nowe: 'Nowe',
  przyjete: 'Przyjęte',
  w_realizacji: 'W realizacji',
  wykonane: 'Wykonane',
  odrzucone: 'Odrzucone',
  oczekuje: 'Czeka na odpowiedź',
  odpowiedziano: 'Odpowiedziano',
};

export const faultCategories = [
  'woda',
  'ogrzewanie',
  'elektrycznosc',
  'winda',
  'drzwi_domofon',
  'czystosc',
  'zielen',
  'inne',
] as const;
export type FaultCategory = (typeof faultCategories)[number];

export const categoryLabels: Record<FaultCategory, string> = {
  woda: 'Woda',
  ogrzewanie: 'Ogrzewanie',
  elektrycznosc: 'Elektryczność',
  winda: 'Winda',
  drzwi_domofon: 'Drzwi, domofon',
  czystosc: 'Czystość',
  zielen: 'Zieleń',
  inne: 'Inne',
};

export const faultPlaces = ['lokal', 'klatka', 'budynek', 'osiedle'] as const;
export type FaultPlace = (typeof faultPlaces)[number];

export const placeLabels: Record<FaultPlace, string> = {
  lokal: 'W moim lokalu',
  klatka: 'Na klatce schodowej',
  budynek: 'W budynku (piwnica, dach, elewacja)',
  osiedle: 'Na terenie osiedla',
};

export const priorities = ['niski', 'normalny', 'wysoki', 'pilny'] as const;
export type Priority = (typeof priorities)[number];

export const priorityLabels: Record<Priority, string> = {
  niski: 'Niski',
  normalny: 'Normalny',
  wysoki: 'Wysoki',
  pilny: 'Pilny',
};

/** Where a fault may go next from each status. */
const nextStatuses: Record<FaultStatus, readonly FaultStatus[]> = {
  nowe: ['przyjete', 'w_realizacji', 'odrzucone'],
  przyjete: ['w_realizacji', 'wykonane', 'odrzucone'],
  w_realizacji: ['wykonane', 'odrzucone'],
  wykonane: [],
  odrzucone: [],
};

/** The statuses staff may set a fault to now. */
export function allowedNextStatuses(current: FaultStatus): readonly FaultStatus[] {
  return nextStatuses[current];
}

/** Whether a fault is still open: work on it is waiting or going on. */
export function isOpenFault(status: FaultStatus): boolean {
  return nextStatuses[status].length > 0;
}

export const openFaultStatuses: readonly FaultStatus[] = faultStatuses.filter(isOpenFault);

export function isFaultStatus(value: string): value is FaultStatus {
  return (faultStatuses as readonly string[]).includes(value);
}

export type StatusChangeCheck = { ok: true } | { ok: false; field: 'status' | 'reason'; message: string };

/**
 * Whether staff may move a fault from `current` to `next`: only forward along the flow, and a
 * rejection only with a reason the member can read.
 */
export function checkStatusChange(current: FaultStatus, next: FaultStatus, reason: string): StatusChangeCheck {
  if (current === next) return { ok: false, field: 'status', message: 'Zgłoszenie ma już ten status.' };
  if (!nextStatuses[current].includes(next)) {
    const done = nextStatuses[current].length === 0;
    return {
      ok: false,
      field: 'status',
      message: done
        ? `Zgłoszenie jest zamknięte (${statusLabels[current].toLowerCase()}): status nie może się już zmienić.`
        : `Ze statusu „${statusLabels[current]}” nie można przejść do „${statusLabels[next]}”.`,
    };
  }
  if (next === 'odrzucone' && reason.trim() === '') {
    return { ok: false, field: 'reason', message: 'Podaj powód odrzucenia: członek go zobaczy.' };
  }
  return { ok: true };
}

/** A fault's title as lists show it: `Woda — w moim lokalu`. */
export function faultSubject(category: FaultCategory, place: FaultPlace): string {
  return `${categoryLabels[category]} — ${placeLabels[place].charAt(0).toLowerCase()}${placeLabels[place].slice(1)}`;
}

/** Age filter of the staff queue: older than so many days. */
export const ageFilters = { '': 0, '3': 3, '7': 7, '30': 30 } as const;
