import { describe, expect, it } from 'vitest';
import { csvField, csvFile } from './csv.ts';

describe('CSV for a Polish Excel', () => {
  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csvField('+48 123')).toBe("'+48 123");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('keeps amounts numbers and quotes separators', () => {
    expect(csvField('-100,00')).toBe('-100,00');
    expect(csvField('1234,56')).toBe('1234,56');
    expect(csvField('Kowalski; Jan')).toBe('"Kowalski; Jan"');
  });

  it('writes a BOM, semicolons and CRLF lines', () => {
    expect(
      csvFile([
        ['a', 'b'],
        ['1', '=x'],
      ]).toString('utf8'),
    ).toBe("\uFEFFa;b\r\n1;'=x\r\n");
  });
});
