import { describe, expect, it } from 'vitest';
import { describeTooLarge, formatFileSize, formatSizeLimit } from './file-size.ts';

const MB = 1024 * 1024;

describe('file sizes', () => {
  it('formats sizes and limits in Polish', () => {
    expect(formatFileSize(350 * 1024)).toBe('350 kB');
    expect(formatFileSize(1.25 * MB)).toBe('1,3 MB');
    expect(formatSizeLimit(20 * MB)).toBe('20 MB');
    expect(formatSizeLimit(1.5 * MB)).toBe('1,5 MB');
    expect(formatSizeLimit(100 * 1024)).toBe('100 kB');
    expect(formatSizeLimit(1000)).toBe('1000 B');
  });

  it('never shows a file over the limit as large as the limit', () => {
    // 21 000 000 bytes ("21 MB" to a seller of disks) against 20 MiB.
    expect(describeTooLarge(21_000_000, 20 * MB)).toBe(
      'Plik jest za duży: ma 20,03 MB, a największy dozwolony rozmiar to 20 MB.',
    );
    expect(describeTooLarge(25 * MB, 20 * MB)).toBe(
      'Plik jest za duży: ma 25,0 MB, a największy dozwolony rozmiar to 20 MB.',
    );
    expect(describeTooLarge(20 * MB + 1, 20 * MB)).toBe(
      'Plik jest za duży: ma ponad 20 MB, a największy dozwolony rozmiar to 20 MB.',
    );
    expect(describeTooLarge(50 * MB + 1, 50 * MB, { cutOff: true })).toBe(
      'Plik jest za duży: ma ponad 50 MB, a największy dozwolony rozmiar to 50 MB.',
    );
  });
});
