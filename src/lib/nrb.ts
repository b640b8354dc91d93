/**
 * Polish bank account numbers (NRB): 26 digits, the first two being an IBAN check number
 * computed with mod 97 over the rest and the country code PL.
 */

/** Digits only, so that `12 3456 …` and `PL12…` are accepted as typed. */
export function normalizeNrb(input: string): string {
  return input.replace(/^PL/i, '').replace(/[\s-]/g, '');
}

export function isValidNrb(input: string): boolean {
  const nrb = normalizeNrb(input);
  if (!/^\d{26}$/.test(nrb)) return false;
  // IBAN: move "PL" + check digits to the end; P = 25, L = 21; the remainder must be 1.
  const rearranged = `${nrb.slice(2)}2521${nrb.slice(0, 2)}`;
  return BigInt(rearranged) % 97n === 1n;
}

/** Computes the two check digits for a 24-digit bank and account part. */
export function nrbCheckDigits(basicNumber: string): string {
  if (!/^\d{24}$/.test(basicNumber)) throw new Error('basic number must have 24 digits');
  const remainder = BigInt(`${basicNumber}252100`) % 97n;
  return String(98n - remainder).padStart(2, '0');
}

/** `61109010140000071219812874` → `61 1090 1014 0000 0712 1981 2874`, as printed on transfers. */
export function formatNrb(input: string): string {
  const nrb = normalizeNrb(input);
  return `${nrb.slice(0, 2)} ${nrb.slice(2).replace(/(\d{4})(?=\d)/g, '$1 ')}`;
}
