/**
 * Matching a credit to a unit, in order: the unit's own virtual account (the credited account,
 * the `:61:` supplementary details or an account written in the title — checked by the NRB
 * check number), then a unit reference in the title (the unit's external key, or the street and
 * numbers, or the short unit code the transfer title Osiedle prints: `Opłaty L1 Różana 1/2`), then the payer's
 * account seen on earlier matched payments. Pure: the caller gives the indexes.
 */

import { unitCode } from '../../ledger/rules/transfer.ts';
import { nrbsIn } from '../formats/accounts.ts';
import type { BankEntry } from '../formats/statement.ts';

export type MatchMethod = 'virtual_account' | 'unit_reference' | 'payer_account';

export type MatchResult =
  | { status: 'matched'; unitId: number; method: MatchMethod; note: string }
  | { status: 'unmatched' | 'ambiguous'; suggestions: number[]; note: string };

export interface MatchIndex {
  /** The unit number a virtual account stands for (the ledger's rule), or undefined. */
  virtualUnit: (nrb: string) => number | undefined;
  /** Units of the organization. */
  units: Set<number>;
  /** Folded unit references (external keys, `street building/number`) → units. */
  references: Map<string, number[]>;
  /** Payer's account → units it paid for on earlier matched payments. */
  payers: Map<string, Set<number>>;
}

/** Lower case without Polish diacritics, for comparing references typed by payers. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l');
}

/** The references under which a unit may be named in a title. */
export function unitReferences(unit: { unitId: number; externalKey: string | null; label: string }): string[] {
  // The short unit code the transfer title Osiedle prints starts with (`Opłaty L12 Różana 1/2`).
  const refs: string[] = [fold(unitCode(unit.unitId))];
  if (unit.externalKey && unit.externalKey.length >= 2) refs.push(fold(unit.externalKey));
  // `ul. Ignacego Paderewskiego 1/2` → `paderewskiego 1/2`, as transferTitle writes it.
  const match = /(\p{L}+)\.?\s+(\d+\p{L}?)\/(\d+\p{L}?)$/u.exec(fold(unit.label.trim()));
  if (match) refs.push(`${match[1]} ${match[2]}/${match[3]}`);
  return refs;
}

export function buildReferenceIndex(units: { unitId: number; externalKey: string | null; label: string }[]) {
  const index = new Map<string, number[]>();
  for (const unit of units) {
    for (const ref of unitReferences(unit)) {
      const list = index.get(ref) ?? [];
      if (!list.includes(unit.unitId)) list.push(unit.unitId);
      index.set(ref, list);
    }
  }
  return index;
}

/** Units named in a title: external keys as words, or `street building/number`. */
export function referencedUnits(title: string, references: Map<string, number[]>): number[] {
  const folded = fold(title);
  // Osiedle's own short unit code names exactly one unit, even where the address after it is shared or cut.
  const coded = new Set<number>();
  for (const m of folded.matchAll(/(?:^|[^\p{L}\d])(l\d+)(?![\p{L}\d])/gu)) {
    for (const unit of references.get(m[1] ?? '') ?? []) coded.add(unit);
  }
  if (coded.size === 1) return [...coded];
  const found = new Set<number>();
  for (const token of folded.split(/[\s,;:()"'!?]+/)) {
    for (const unit of references.get(token.replace(/\.$/, '')) ?? []) found.add(unit);
  }
  for (const m of folded.matchAll(/(\p{L}+)\.?\s+(\d+\p{L}?)\s*\/\s*(\d+\p{L}?)/gu)) {
    for (const unit of references.get(`${m[1]} ${m[2]}/${m[3]}`) ?? []) found.add(unit);
  }
  return [...found];
}

export function matchCredit(entry: BankEntry, index: MatchIndex): MatchResult {
  const virtual = new Set<number>();
  let strayVirtual = '';
  const consider = (account: string) => {
    const unit = account ? index.virtualUnit(account) : undefined;
    if (unit === undefined) return;
    if (index.units.has(unit)) virtual.add(unit);
    else strayVirtual = account;
  };
  consider(entry.creditedAccount);
  for (const account of nrbsIn(entry.details)) consider(account);
  for (const account of nrbsIn(entry.title)) consider(account);
  if (virtual.size === 1) {
    return { status: 'matched', unitId: [...virtual][0] ?? 0, method: 'virtual_account', note: '' };
  }
  if (virtual.size > 1) {
    return {
      status: 'ambiguous',
      suggestions: [...virtual],
      note: 'Przelew wskazuje rachunki wirtualne kilku lokali.',
    };
  }
  const named = referencedUnits(entry.title, index.references);
  if (named.length === 1) return { status: 'matched', unitId: named[0] ?? 0, method: 'unit_reference', note: '' };
  if (named.length > 1) {
    return { status: 'ambiguous', suggestions: named, note: 'Tytuł przelewu wskazuje kilka lokali.' };
  }
  const paid = [...(index.payers.get(entry.counterpartyAccount) ?? [])];
  if (entry.counterpartyAccount && paid.length === 1) {
    return { status: 'matched', unitId: paid[0] ?? 0, method: 'payer_account', note: '' };
  }
  if (paid.length > 1) {
    return { status: 'ambiguous', suggestions: paid, note: 'Z tego rachunku płacono wcześniej za kilka lokali.' };
  }
  return {
    status: 'unmatched',
    suggestions: [],
    note: strayVirtual
      ? `Rachunek wirtualny ${strayVirtual} nie należy do żadnego lokalu.`
      : 'Nie rozpoznano lokalu: brak rachunku wirtualnego, oznaczenia lokalu w tytule i wcześniejszych wpłat z tego rachunku.',
  };
}
