/** Search and sort keys kept beside names and addresses (see foldText for why). */
import { foldText } from './rules/parse.ts';

const STREET_PREFIX = /^(ul|al|pl|os|aleja|plac|osiedle|ulica)\.?\s+/;

/** `ul. Paderewskiego`, `65` → `paderewskiego 65`: what people type when they look for it. */
export function addressKey(street: string, number: string): string {
  return `${foldText(street).replace(STREET_PREFIX, '')} ${foldText(number)}`;
}

/** What someone typed into an address search, folded the same way. */
export function addressQueryKey(query: string): string {
  return foldText(query).replace(STREET_PREFIX, '');
}

export function nameKeys(firstName: string, lastName: string): { searchName: string; searchNameReversed: string } {
  return { searchName: foldText(`${lastName} ${firstName}`), searchNameReversed: foldText(`${firstName} ${lastName}`) };
}
