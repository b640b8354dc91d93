import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onePagePdf } from '../../../test/support/pdf.ts';
import { FONT_DIR } from '../../pdf/pdf.ts';
import type { Delivery } from './deliveries.ts';
import type { Letter } from './letter-queries.ts';
import { printQueuePdf } from './print.ts';

/** The text of a PDF as poppler's pdftotext extracts it. */
function pdfText(pdf: Buffer, name: string): string {
  mkdirSync('test-results/pdf', { recursive: true });
  const file = `test-results/pdf/${name}.pdf`;
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const organization = {
  name: 'Spółdzielnia Mieszkaniowa „Żółć”',
  street: 'ul. Paderewskiego 65',
  postcode: '40-282',
  city: 'Katowice',
};
const sentAt = new Date('2026-11-25T10:00:00Z');

function item(bodyMarkdown: string, id = 1) {
  const letter = { id, subject: 'Wymiana wodomierzy', bodyMarkdown, sentAt } as Letter;
  const delivery = {
    id,
    letterId: id,
    recipientName: 'Jan Nowak',
    postalAddress: 'ul. Paderewskiego 65/3\n40-282 Katowice',
    createdAt: sentAt,
  } as Delivery;
  return { letter, delivery };
}

describe('the print queue PDF', () => {
  it('prints the letter’s Markdown as structure: headings, emphasis, lists; no HTML, no markup', async () => {
    const body = [
      '## Termin wymiany',
      'Szanowni Państwo, wymiana odbędzie się **2 grudnia** w godz. *8–16* (***obowiązkowo***).',
      '- udostępnij lokal,\n- przygotuj dostęp do pionów,\n  - także w łazience',
      '1. rano: klatki A–C\n2. po południu: klatki D–F',
      '<script>alert("x")</script>',
      'Tekst <b>pogrubiony</b> &amp; <script>alert(1)</script>[regulamin](https://sm.example.pl/regulamin) > 5 m².',
      '> Cytat z uchwały.',
    ].join('\n\n');
    const text = pdfText(
      await printQueuePdf({ organization, items: [item(body)], attachments: new Map() }),
      'print-markdown',
    );
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Termin wymiany');
    expect(flat).toContain('wymiana odbędzie się 2 grudnia w godz. 8–16 (obowiązkowo).');
    expect(flat).toMatch(/• udostępnij lokal, • przygotuj dostęp do pionów, • także w łazience/);
    expect(flat).toMatch(/1\. rano: klatki A–C 2\. po południu: klatki D–F/);
    expect(flat).toContain('Tekst pogrubiony & regulamin (https://sm.example.pl/regulamin) > 5 m².');
    expect(flat).toContain('Cytat z uchwały.');
    for (const markup of ['##', '**', '- udostępnij', '<script', 'alert', '<b>', '&amp;', ']('])
      expect(flat).not.toContain(markup);
    expect(flat).toContain('Jan Nowak');
    expect(flat).toContain('strona 1 z 1');
  });

  const fontsOf = async (markdown: string) =>
    execFileSync('pdffonts', ['-'], {
      input: await printQueuePdf({ organization, items: [item(markdown)], attachments: new Map() }),
      encoding: 'utf8',
    });

  it('sets bold in the bold face', async () => {
    expect(await fontsOf('Zwykły **gruby**.')).toContain('DejaVuSans-Bold');
  });

  // Reported as skipped, not passed, on a machine without the oblique face.
  it.skipIf(!existsSync(`${FONT_DIR}/DejaVuSans-Oblique.ttf`))('sets italic in the oblique face', async () => {
    expect(await fontsOf('Zwykły *pochyły*.')).toContain('DejaVuSans-Oblique');
  });

  it('follows each letter with its PDF attachments’ pages, and names one it cannot read', async () => {
    const harmonogram = await onePagePdf('HARMONOGRAM WYMIANY — klatka A: 2 grudnia, klatka B: 3 grudnia.');
    const pdf = await printQueuePdf({
      organization,
      items: [item('Pierwszy list.', 1), item('Drugi list.', 2)],
      attachments: new Map([
        [
          1,
          [
            { name: 'harmonogram.pdf', data: harmonogram },
            { name: 'uszkodzony.pdf', data: Buffer.from('%PDF-1.7 to nie jest PDF') },
          ],
        ],
      ]),
    });
    const pages = pdfText(pdf, 'print-attachments').split('\f');
    expect(pages[0]).toContain('Pierwszy list.');
    expect(pages[0]).toContain('• harmonogram.pdf');
    expect(pages[0]).toContain('• uszkodzony.pdf (do wydrukowania osobno)');
    expect(pages[1]).toContain('HARMONOGRAM WYMIANY');
    expect(pages[2]).toContain('Drugi list.');
    expect(pages[2]).not.toContain('HARMONOGRAM');
  });
});
