import { randomInt } from 'node:crypto';
import type { Organization } from '../organizations/queries.ts';

/**
 * Starting passwords: 16 characters from a CSPRNG over an alphabet without look-alikes
 * (no 0/O/o, 1/l/I, 5/S…), grouped by four for reading over the desk or from a letter. About
 * 86 bits; single use, expiring, and changed at the first sign-in.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXYZ2346789';

/** How long a starting password works unless the organization says otherwise. */
const TEMPORARY_PASSWORD_DAYS = 14;

export function newTemporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** When a starting password issued at `now` stops working (organization setting `temporaryPasswordDays`). */
export function temporaryPasswordExpiry(organization: Pick<Organization, 'settings'>, now: Date): Date {
  const days = organization.settings.temporaryPasswordDays ?? TEMPORARY_PASSWORD_DAYS;
  return new Date(now.getTime() + days * 86_400_000);
}
