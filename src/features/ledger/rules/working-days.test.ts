import { describe, expect, it } from 'vitest';
import { chargeDueDate, isWorkingDay, workingDayOnOrAfter } from './working-days.ts';

describe('art. 115 KC due dates', () => {
  it('keeps a working day', () => {
    expect(workingDayOnOrAfter('2026-12-10')).toBe('2026-12-10'); // Thursday
    expect(chargeDueDate('2026-12', 10)).toBe('2026-12-10');
  });
  it('moves a Saturday and a Sunday to Monday', () => {
    expect(workingDayOnOrAfter('2026-10-10')).toBe('2026-10-12'); // Saturday
    expect(workingDayOnOrAfter('2026-05-10')).toBe('2026-05-11'); // Sunday
    expect(chargeDueDate('2026-01', 10)).toBe('2026-01-12');
  });
  it('moves Easter Monday to Tuesday', () => {
    expect(isWorkingDay('2026-04-06')).toBe(false);
    expect(workingDayOnOrAfter('2026-04-06')).toBe('2026-04-07');
    expect(workingDayOnOrAfter('2024-04-01')).toBe('2024-04-02');
  });
  it('moves 1 November (and the weekend after it)', () => {
    // 1.11.2025 is a Saturday: Saturday, Sunday → Monday 3.11.
    expect(workingDayOnOrAfter('2025-11-01')).toBe('2025-11-03');
    // 1.11.2023 is a Wednesday holiday → Thursday.
    expect(workingDayOnOrAfter('2023-11-01')).toBe('2023-11-02');
  });
  it('moves past a holiday followed by a weekend', () => {
    // 11.11.2022 Friday (holiday) → Monday 14.11.
    expect(workingDayOnOrAfter('2022-11-11')).toBe('2022-11-14');
    // Christmas 2026: 24 (Thu, public since 2025), 25, 26 → 28.12 Monday.
    expect(workingDayOnOrAfter('2026-12-24')).toBe('2026-12-28');
    // Before 2025 Wigilia was a working day.
    expect(isWorkingDay('2024-12-24')).toBe(true);
  });
  it('moves Corpus Christi', () => {
    expect(workingDayOnOrAfter('2026-06-04')).toBe('2026-06-05');
  });
});
