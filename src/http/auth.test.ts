import { describe, expect, it } from 'vitest';
import { safeNextPath } from './auth.ts';

describe('safeNextPath (where to go after sign-in)', () => {
  it('keeps local paths with their query', () => {
    expect(safeNextPath('/ebok/finanse/3?od=2024-01-01')).toBe('/ebok/finanse/3?od=2024-01-01');
    expect(safeNextPath('/panel')).toBe('/panel');
  });

  it.each([
    'https://evil.example/',
    '//evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\u0000',
    '/ścieżka',
    'ebok',
    '',
    `/${'a'.repeat(600)}`,
  ])('drops %j', (next) => {
    expect(safeNextPath(next)).toBeUndefined();
  });

  it('refuses values that are not strings', () => {
    expect(safeNextPath(['/ebok'])).toBeUndefined();
    expect(safeNextPath(undefined)).toBeUndefined();
  });
});
