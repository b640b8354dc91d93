import { describe, expect, it, vi } from 'vitest';
import { HEAP_GROWING_PERCENT, tuneHeap } from './heap.ts';

describe('tuneHeap', () => {
  it('sets the heap growing factor when the command line does not', () => {
    const setFlags = vi.fn();
    expect(tuneHeap(['--enable-source-maps', '--max-semi-space-size=16'], setFlags)).toBe(true);
    expect(setFlags).toHaveBeenCalledWith(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves an operator's own growing factor alone", () => {
    const setFlags = vi.fn();
    expect(tuneHeap(['--heap-growing-percent=100'], setFlags)).toBe(false);
    expect(tuneHeap(['--heap_growing_percent=20'], setFlags)).toBe(false);
    expect(setFlags).not.toHaveBeenCalled();
  });
});
