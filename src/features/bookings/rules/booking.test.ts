import { describe, expect, it } from 'vitest';
import { bookingPrice, checkSlot, formatTime, parseTime, type RoomRules } from './booking.ts';

const rules: RoomRules = {
  opensAt: 8 * 60,
  closesAt: 21 * 60,
  minNoticeHours: 24,
  pricePerHour: 5000,
  freeForMembers: true,
};
const now = new Date('2026-03-10T10:00:00Z');
const slot = (start: string, end: string, startMinute: number, endMinute: number) => ({
  start: new Date(start),
  end: new Date(end),
  startMinute,
  endMinute,
});
// 12 March 2026, 17:00–19:00 in Warsaw (UTC+1).
const good = slot('2026-03-12T16:00:00Z', '2026-03-12T18:00:00Z', 17 * 60, 19 * 60);

describe('room booking rules', () => {
  it('takes a free slot in hours, far enough ahead', () => {
    expect(checkSlot(rules, good, { now, taken: [] })).toEqual([]);
  });

  it('refuses an end before the start, the past, and too short a notice', () => {
    expect(checkSlot(rules, { ...good, endMinute: good.startMinute }, { now, taken: [] })[0]?.field).toBe('until');
    const past = slot('2026-03-09T16:00:00Z', '2026-03-09T17:00:00Z', 17 * 60, 18 * 60);
    expect(checkSlot(rules, past, { now, taken: [] })[0]?.message).toBe('Ten termin już minął: wybierz przyszły.');
    const tomorrowMorning = slot('2026-03-11T08:00:00Z', '2026-03-11T09:00:00Z', 9 * 60, 10 * 60);
    expect(checkSlot(rules, tomorrowMorning, { now, taken: [] })[0]?.message).toBe(
      'Salę trzeba zarezerwować co najmniej 24 godz. przed początkiem.',
    );
  });

  it('refuses a slot outside the hours', () => {
    const late = slot('2026-03-12T19:30:00Z', '2026-03-12T21:00:00Z', 20 * 60 + 30, 22 * 60);
    expect(checkSlot(rules, late, { now, taken: [] })[0]?.message).toBe('Sala jest dostępna w godzinach 08:00–21:00.');
  });

  it('refuses an overlap, but not a slot that only touches another', () => {
    const taken = [{ start: new Date('2026-03-12T17:30:00Z'), end: new Date('2026-03-12T19:00:00Z') }];
    expect(checkSlot(rules, good, { now, taken })[0]?.field).toBe('from');
    const touching = [{ start: new Date('2026-03-12T18:00:00Z'), end: new Date('2026-03-12T19:00:00Z') }];
    expect(checkSlot(rules, good, { now, taken: touching })).toEqual([]);
  });

  it('prices by the minute, free for members when the room says so', () => {
    expect(bookingPrice(rules, good, true)).toBe(0);
    expect(bookingPrice(rules, good, false)).toBe(10_000);
    expect(bookingPrice({ ...rules, freeForMembers: false }, { startMinute: 600, endMinute: 690 }, true)).toBe(7500);
  });

  it('reads and writes times of day', () => {
    expect(parseTime('8:30')).toBe(510);
    expect(parseTime('24:00')).toBe(1440);
    expect(parseTime('25:00')).toBeUndefined();
    expect(formatTime(510)).toBe('08:30');
  });
});
