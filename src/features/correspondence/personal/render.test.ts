import { describe, expect, it } from 'vitest';
import { checkExtraFields, placeholdersIn, unknownPlaceholders } from './fields.ts';
import { escapeMarkdown, personalHtml, personalPdfParts, personalText, prepareLetter } from './render.ts';

describe('personalised letters', () => {
  it('finds the fields a body uses, once each, and the ones that are not fields', () => {
    const body = 'Saldo {{saldo}} na {{ dzien_salda }}; znowu {{saldo}}, i {{nieznane}} oraz {{}}.';
    expect(placeholdersIn(body)).toEqual(['saldo', 'dzien_salda', 'nieznane', '']);
    expect(unknownPlaceholders(body)).toEqual(['nieznane', '']);
    expect(unknownPlaceholders(body, [{ key: 'nieznane', label: 'x', description: 'x' }])).toEqual(['']);
  });

  it('refuses a feature field that shadows a standard one or is badly named', () => {
    expect(() => checkExtraFields([{ key: 'saldo', label: 'x', description: 'x' }])).toThrow();
    expect(() => checkExtraFields([{ key: 'Zła nazwa', label: 'x', description: 'x' }])).toThrow();
    expect(() => checkExtraFields([{ key: 'odsetki', label: 'x', description: 'x' }])).not.toThrow();
  });

  it('escapes values in HTML and keeps the staff Markdown', () => {
    const letter = prepareLetter('Szanowny Panie **{{imie_nazwisko}}**,\n\nsaldo: {{saldo}}');
    const html = personalHtml(letter, {
      imie_nazwisko: { text: '<script>alert(1)</script> *Jan*' },
      saldo: { text: '1 234,56 zł' },
    });
    expect(html).toContain('<strong>&lt;script&gt;alert(1)&lt;/script&gt; *Jan*</strong>');
    expect(html).toContain('saldo: 1 234,56 zł');
    expect(html).not.toContain('<script>');
  });

  it('puts a table or a QR code in place of its own paragraph', () => {
    const letter = prepareLetter('Składniki:\n\n{{skladniki_oplaty}}\n\n{{kod_qr}}');
    const html = personalHtml(
      letter,
      {
        skladniki_oplaty: { table: { head: ['Składnik', 'Kwota'], rows: [['Eksploatacja <b>', '100,00 zł']] } },
        kod_qr: { qr: 'QRTEXT', caption: 'Zapłać 100,00 zł' },
      },
      new Map([['QRTEXT', 'data:image/png;base64,AAAA']]),
    );
    expect(html).toContain('<table class="field-table"><thead><tr><th scope="col">Składnik</th>');
    expect(html).toContain('<td>Eksploatacja &lt;b&gt;</td>');
    expect(html).not.toContain('<p><table>');
    expect(html).toContain('<img src="data:image/png;base64,AAAA"');
  });

  it('gives the text part the values as typed', () => {
    const letter = prepareLetter('## Saldo\n\nDo zapłaty **{{do_zaplaty}}** do {{termin_platnosci}}.');
    expect(personalText(letter, { do_zaplaty: { text: '5,00 zł' }, termin_platnosci: { text: '10.01.2027' } })).toBe(
      'Saldo\n\nDo zapłaty 5,00 zł do 10.01.2027.',
    );
  });

  it('a marker typed by staff cannot pose as a field', () => {
    const letter = prepareLetter('A\uE0000\uE001B {{saldo}}');
    expect(personalHtml(letter, { saldo: { text: 'X' } })).toBe('<p>A0B X</p>\n');
  });

  it('cuts the PDF Markdown where a QR code goes and escapes values', () => {
    const parts = personalPdfParts('Pan {{imie_nazwisko}}\n\n{{kod_qr}}\n\nDziękujemy.', {
      imie_nazwisko: { text: '*Jan* [x](y)' },
      kod_qr: { qr: 'Q', caption: 'C' },
    });
    expect(parts.map((p) => ('markdown' in p ? { markdown: p.markdown.trim() } : p))).toEqual([
      { markdown: `Pan ${escapeMarkdown('*Jan* [x](y)')}` },
      { qr: 'Q', caption: 'C' },
      { markdown: 'Dziękujemy.' },
    ]);
    expect(escapeMarkdown('*Jan*')).toBe('\\*Jan\\*');
  });
});
