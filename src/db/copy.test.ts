import { describe, expect, it } from 'vitest';
import { copyText } from './copy.ts';

describe('COPY text format', () => {
  it('writes NULL as \\N and escapes backslashes, tabs and line breaks', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(12)).toBe('12');
    expect(copyText('Opłaty za lokal')).toBe('Opłaty za lokal');
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    // The two characters backslash and N are text, not NULL.
    expect(copyText('\\N')).toBe('\\\\N');
  });
});
