import { describe, expect, it } from 'vitest';
import { isValidNip } from './nip.ts';

describe('isValidNip', () => {
  it('accepts numbers with the right check digit, as typed with dashes or spaces', () => {
    expect(isValidNip('6340197306')).toBe(true);
    expect(isValidNip('634-019-73-06')).toBe(true);
    expect(isValidNip('526 025 09 95')).toBe(true);
  });

  it('refuses a wrong check digit, a wrong length and letters', () => {
    expect(isValidNip('6340197302')).toBe(false);
    expect(isValidNip('634019730')).toBe(false);
    expect(isValidNip('634019730a')).toBe(false);
  });
});
