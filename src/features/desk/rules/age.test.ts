import { describe, expect, it } from 'vitest';
import { isOverdue, waitingFor } from './age.ts';

const now = new Date('2026-12-06T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('waitingFor', () => {
  it('says how long the oldest item waits, in Polish with the right plural', () => {
    expect(waitingFor(ago(20_000), now)).toBe('od chwili');
    expect(waitingFor(ago(MIN), now)).toBe('od 1 minuty');
    expect(waitingFor(ago(5 * MIN), now)).toBe('od 5 minut');
    expect(waitingFor(ago(HOUR), now)).toBe('od 1 godziny');
    expect(waitingFor(ago(3 * HOUR), now)).toBe('od 3 godzin');
    expect(waitingFor(ago(47 * HOUR), now)).toBe('od 47 godzin');
    expect(waitingFor(ago(48 * HOUR), now)).toBe('od 2 dni');
    expect(waitingFor(ago(30 * 24 * HOUR), now)).toBe('od 30 dni');
  });

  it('marks a queue that waits two days or more', () => {
    expect(isOverdue(ago(47 * HOUR), now)).toBe(false);
    expect(isOverdue(ago(48 * HOUR), now)).toBe(true);
  });
});
