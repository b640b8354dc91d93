import { randomInt } from 'node:crypto';

/**
 * Starting passwords: 16 characters from a CSPRNG over an alphabet without look-alikes
 * (no 0/O/o, 1/l/I, 5/S…), grouped by four for reading over the desk or from a letter. About
 * 86 bits; single use, expiring, and changed at the first sign-in.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXYZ2346789';

export function newTemporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
