import { describe, expect, it } from 'vitest';
import { ADDRESS_FAILURE_LIMIT, waitAfter } from './address-failures.ts';

describe('waitAfter', () => {
  it('lets an address try until its failures reach the limit, then until the window ends', () => {
    expect(waitAfter({ failures: ADDRESS_FAILURE_LIMIT - 1, windowEnds: 10_000, now: 1_000 })).toBe(0);
    expect(waitAfter({ failures: ADDRESS_FAILURE_LIMIT, windowEnds: 10_000, now: 1_000 })).toBe(9_000);
    expect(waitAfter({ failures: ADDRESS_FAILURE_LIMIT + 5, windowEnds: 10_000, now: 10_000 })).toBe(0);
  });
});
