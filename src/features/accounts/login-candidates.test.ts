import { describe, expect, it } from 'vitest';
import { baseLogin, loginCandidates } from './login-candidates.ts';

describe('member logins', () => {
  it('are made of the initial and the last name without Polish letters', () => {
    expect(baseLogin('Łucja', 'Żółkiewska')).toBe('lzolkiewska');
    expect(baseLogin('Jan', 'Kowalski-Nowak')).toBe('jkowalskinowak');
    expect(baseLogin('Ó', 'L')).toBe('ebokol');
  });

  it('get suffixes without 0 or 1 when taken', () => {
    const generator = loginCandidates('Jan', 'Kowalski');
    const first = Array.from({ length: 12 }, () => generator.next().value);
    expect(first).toEqual([
      'jkowalski',
      'jkowalski2',
      'jkowalski3',
      'jkowalski4',
      'jkowalski5',
      'jkowalski6',
      'jkowalski7',
      'jkowalski8',
      'jkowalski9',
      'jkowalski22',
      'jkowalski23',
      'jkowalski24',
    ]);
  });
});
