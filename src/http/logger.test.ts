import { describe, expect, it } from 'vitest';
import { randomToken } from '../lib/tokens.ts';
import { redactUrl } from './logger.ts';

describe('redactUrl', () => {
  it('hides the tokens of e-mailed links wherever they stand in a URL', () => {
    for (let i = 0; i < 50; i++) {
      const token = randomToken();
      expect(redactUrl(`/ebok/aktywacja/potwierdz/${token}`)).toBe('/ebok/aktywacja/potwierdz/[ukryte]');
      expect(redactUrl(`/ebok/nowe-haslo/${token}?x=1`)).toBe('/ebok/nowe-haslo/[ukryte]?x=1');
      expect(redactUrl(`/korespondencja/potwierdz/${token}`)).toBe('/korespondencja/potwierdz/[ukryte]');
      expect(redactUrl(`/ebok/konto/email/${token}/`)).toBe('/ebok/konto/email/[ukryte]/');
      expect(redactUrl(`/x?token=${token}&a=b`)).toBe('/x?token=[ukryte]&a=b');
    }
  });

  it('hides a PESEL typed into a search, and only that', () => {
    expect(redactUrl('/panel/rejestr/osoby?q=44051401359')).toBe('/panel/rejestr/osoby?q=[ukryte]');
    expect(redactUrl('/panel/aktywacja?q=Nowak%2044051401359')).toBe('/panel/aktywacja?q=Nowak%20[ukryte]');
    expect(redactUrl('/panel/rejestr/osoby?q=1359')).toBe('/panel/rejestr/osoby?q=1359');
  });

  it('keeps the readable parts of URLs: slugs, ids, queries', () => {
    expect(redactUrl('/aktualnosci/walne-zgromadzenie-czlonkow-spoldzielni-2026')).toBe(
      '/aktualnosci/walne-zgromadzenie-czlonkow-spoldzielni-2026',
    );
    expect(redactUrl('/panel/rejestr/lokale/123?q=Paderewskiego')).toBe('/panel/rejestr/lokale/123?q=Paderewskiego');
  });
});
