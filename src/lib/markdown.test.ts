import { describe, expect, it } from 'vitest';
import { markdownToSafeHtml } from './markdown.ts';

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
