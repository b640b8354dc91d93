import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, isThrottled, type LockState } from './lockout.ts';

const t0 = new Date('2026-11-25T10:00:00Z');
const seconds = (state: LockState) => (state.lockedUntil ? (state.lockedUntil.getTime() - t0.getTime()) / 1000 : 0);

function fail(times: number): LockState & { locked: boolean } {
  let state: LockState & { locked: boolean } = { failedAttempts: 0, lockedUntil: null, locked: false };
  for (let i = 0; i < times; i++) state = afterFailure(state, t0);
  return state;
}

describe('lockout', () => {
  it('lets four failures pass without delay', () => {
    expect(seconds(fail(4))).toBe(0);
    expect(isThrottled(fail(4), t0)).toBe(false);
  });

  it('makes each failure from the fifth wait longer', () => {
    expect([5, 6, 7, 8, 9].map((n) => seconds(fail(n)))).toEqual([30, 60, 120, 240, 480]);
    expect(isThrottled(fail(5), t0)).toBe(true);
    expect(isThrottled(fail(5), new Date(t0.getTime() + 31_000))).toBe(false);
  });

  it('locks for 15 minutes at the tenth failure and says so once', () => {
    const tenth = fail(10);
    expect(seconds(tenth)).toBe(900);
    expect(tenth.locked).toBe(true);
    expect(fail(11).locked).toBe(false);
    expect(seconds(fail(11))).toBe(900);
    expect(fail(20).locked).toBe(true);
  });

  it('resets on success', () => {
    expect(afterSuccess()).toEqual({ failedAttempts: 0, lockedUntil: null });
  });
});
