import { describe, expect, it } from 'vitest';
import { moreErrorsText } from './report.ts';

describe('the import report in Polish', () => {
  it('counts the errors left out with the right plural', () => {
    expect(moreErrorsText(1)).toBe('i 1 kolejny błąd');
    expect(moreErrorsText(3)).toBe('i 3 kolejne błędy');
    expect(moreErrorsText(12)).toBe('i 12 kolejnych błędów');
    expect(moreErrorsText(22)).toBe('i 22 kolejne błędy');
  });
});
