import { describe, expect, it } from 'vitest';
import { startPolling } from './polling.ts';

describe('polling', () => {
  it('runs a pass at once and again after each, keeps going past a failure, and stop waits for the pass', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    let finishLast: (() => void) | undefined;
    const polling = startPolling({
      intervalMs: 1,
      log: { error: (detail: unknown) => errors.push(detail) } as never,
      failureMessage: 'pass failed',
      pass: async () => {
        passes++;
        if (passes === 2) throw new Error('boom');
        if (passes === 4) await new Promise<void>((resolve) => (finishLast = resolve));
      },
    });
    while (passes < 4) await new Promise((resolve) => setTimeout(resolve, 2));
    let stopped = false;
    const stopping = polling.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false); // the fourth pass is still under way
    finishLast?.();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(passes).toBe(4); // nothing after stop
    expect(errors).toHaveLength(1);
  });
});
