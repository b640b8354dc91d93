import { describe, expect, it } from 'vitest';
import { csvDocument, csvField } from './csv.ts';

describe('csvField', () => {
  it('defuses every cell that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+48 32 256 31 80')).toBe("'+48 32 256 31 80");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
  });

  it('keeps plain numbers (amounts) numeric and ordinary text as it is', () => {
    expect(csvField('-1234,56')).toBe('-1234,56');
    expect(csvField('+12')).toBe('+12');
    expect(csvField('Żółkiewska Zofia')).toBe('Żółkiewska Zofia');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });
});

describe('csvDocument', () => {
  it('writes a BOM, semicolons and CRLF lines', () => {
    expect(
      csvDocument([
        ['A', 'B'],
        ['=1', '2'],
      ]),
    ).toBe("\uFEFFA;B\r\n'=1;2\r\n");
  });
});
