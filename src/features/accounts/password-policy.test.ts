import { describe, expect, it } from 'vitest';
import { checkPassword, foldText, passwordLength } from './password-policy.ts';

describe('checkPassword', () => {
  it('accepts a long passphrase with Polish letters and spaces, without composition rules', () => {
    expect(checkPassword('zielony żuraw nad stawem')).toBeUndefined();
    expect(checkPassword('wszystkiemałymiliterami')).toBeUndefined();
  });

  it('requires 12 characters without a second factor and 8 with one', () => {
    expect(checkPassword('krótkie1!')).toMatch(/co najmniej 12 znaków \(ma 9\)/);
    expect(checkPassword('krótkie1!', { hasSecondFactor: true })).toBeUndefined();
    expect(checkPassword('abc', { hasSecondFactor: true })).toMatch(/co najmniej 8 znaków/);
  });

  it('counts characters, not bytes, and allows up to 1024', () => {
    expect(passwordLength('żółć')).toBe(4);
    expect(checkPassword('żółwie płyną')).toBeUndefined();
    expect(checkPassword(`${'kot pies '.repeat(113)}ab`)).toBeUndefined(); // 1019 characters
    expect(checkPassword('x'.repeat(1025))).toBe('Hasło może mieć najwyżej 1024 znaki.');
  });

  it('refuses common passwords whatever their case', () => {
    expect(checkPassword('password1234')).toMatch(/często używanych/);
    expect(checkPassword('PASSWORD1234')).toMatch(/często używanych/);
    expect(checkPassword('qwertyuiop12')).toBeDefined();
  });

  it('refuses repeated and sequential characters', () => {
    expect(checkPassword('aaaaaaaaaaaaaa')).toMatch(/powtórzonych/);
    expect(checkPassword('123456789012345')).toMatch(/kolejnych/);
    expect(checkPassword('zyxwvutsrqpo')).toMatch(/kolejnych/);
    expect(checkPassword('abababababab')).toMatch(/powtórzonych/);
  });

  it('refuses passwords built from the login, names, PESEL or the cooperative', () => {
    expect(checkPassword('Jan.Kowalski-2026!', { login: 'jkowal', names: ['Jan', 'Kowalski'] })).toMatch(/imienia/);
    expect(checkPassword('moje-jkowal-haslo', { login: 'jkowal' })).toMatch(/loginu/);
    expect(checkPassword('x44051401359y-haslo', { pesel: '44051401359' })).toMatch(/PESEL/);
    expect(
      checkPassword('Paderewskiego2026!', {
        organizationNames: ['Spółdzielnia Mieszkaniowa im. I. J. Paderewskiego w Katowicach'],
      }),
    ).toMatch(/spółdzielni/);
    // Diacritics do not hide a name.
    expect(checkPassword('zolkiewski-na-koniu', { names: ['Żółkiewski'] })).toMatch(/imienia/);
  });

  it('folds Polish letters for comparisons', () => {
    expect(foldText('Zażółć GĘŚLĄ Jaźń')).toBe('zazolc gesla jazn');
  });
});
