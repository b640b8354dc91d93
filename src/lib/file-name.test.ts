import { describe, expect, it } from 'vitest';
import { cleanFileName } from './file-name.ts';

describe('cleanFileName', () => {
  it('drops bidi overrides, zero-width and control characters that disguise a name', () => {
    expect(cleanFileName('skan\u202Egpj.exe')).toBe('skangpj.exe');
    expect(cleanFileName('umowa\u2066\u2069\u200B.pdf')).toBe('umowa.pdf');
    expect(cleanFileName('a\u0000b\u0007c.pdf')).toBe('abc.pdf');
    expect(cleanFileName('\u202E')).toBe('plik');
  });

  it('keeps Polish letters and spaces, drops paths and header-breaking characters', () => {
    expect(cleanFileName('C:\\Dokumenty\\Zażółć  gęślą jaźń.pdf')).toBe('Zażółć gęślą jaźń.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a"b<c>d|e*f?g:h.pdf')).toBe('abcdefgh.pdf');
    expect(cleanFileName('..')).toBe('plik');
  });
});
