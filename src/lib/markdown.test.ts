import { describe, expect, it } from 'vitest';
import { markdownToSafeHtml, markdownToText } from './markdown.ts';

describe('markdownToSafeHtml', () => {
  it('renders ordinary Markdown with Polish letters', () => {
    const html = markdownToSafeHtml('# Zebranie\n\n**Ważne:** zażółć gęślą jaźń\n\n- punkt');
    expect(html).toContain('<h2>Zebranie</h2>');
    expect(html).toContain('<strong>Ważne:</strong> zażółć gęślą jaźń');
    expect(html).toContain('<li>punkt</li>');
  });

  it.each([
    ['<script>alert(1)</script>', '<script'],
    ['<img src=x onerror=alert(1)>', 'onerror'],
    ['[klik](javascript:alert(1))', 'javascript:'],
    ['<a href="javascript:alert(1)">x</a>', 'javascript:'],
    ['<iframe src="https://example.com"></iframe>', '<iframe'],
    ['<p style="background:url(x)">x</p>', 'style='],
    ['<svg onload=alert(1)>', '<svg'],
  ])('removes %s', (input, forbidden) => {
    expect(markdownToSafeHtml(input).toLowerCase()).not.toContain(forbidden);
  });
});

describe('letters keep their line breaks', () => {
  const letter =
    'Szanowni Państwo,\n\nprosimy o **odczyt** wodomierzy do [15 grudnia](https://sm.example.pl/odczyty).\n\nZ poważaniem\nZarząd Spółdzielni';

  it('as HTML: the signature stays on two lines', () => {
    expect(markdownToSafeHtml(letter, { breaks: true })).toContain('<p>Z poważaniem<br />Zarząd Spółdzielni</p>');
    // Site content keeps Markdown's usual joining of lines.
    expect(markdownToSafeHtml(letter)).toContain('<p>Z poważaniem\nZarząd Spółdzielni</p>');
  });

  it('as the e-mail text part: no Markdown marks, links with their address, the same breaks', () => {
    expect(markdownToText(letter, { breaks: true })).toBe(
      'Szanowni Państwo,\n\nprosimy o odczyt wodomierzy do 15 grudnia (https://sm.example.pl/odczyty).\n\nZ poważaniem\nZarząd Spółdzielni',
    );
    expect(markdownToText('## Ważne\n\n- pierwsze\n- *drugie*\n\n1. raz\n2. dwa')).toBe(
      'Ważne\n\n– pierwsze\n– drugie\n\n1. raz\n2. dwa',
    );
    expect(markdownToText('Tekst <script>alert(1)</script> &amp; dalej')).not.toContain('<script>');
  });
});
