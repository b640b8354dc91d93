import { describe, expect, it } from 'vitest';
import { holderSegments, segmentLastDay } from './holder-segments.ts';

describe('holder segments', () => {
  const seller = { personId: 1, name: 'Kowalski Jan', validFrom: '2005-01-01', validTo: '2020-06-15' };
  const buyer = { personId: 2, name: 'Nowak Anna', validFrom: '2020-06-15', validTo: null };
  it('cuts the timeline at a sale: the seller from the start, the buyer from the first day of her right', () => {
    const segments = holderSegments([seller, buyer], '2013-01-01');
    expect(segments).toEqual([
      { from: undefined, to: '2020-06-15', names: ['Kowalski Jan'], personIds: [1], current: false },
      { from: '2020-06-15', to: undefined, names: ['Nowak Anna'], personIds: [2], current: true },
    ]);
    expect(segmentLastDay(segments[0] as never, '2026-12-06')).toBe('2020-06-14');
    expect(segmentLastDay(segments[1] as never, '2026-12-06')).toBe('2026-12-06');
  });
  it('keeps a gap without holders as its own segment and merges unchanged holders', () => {
    const segments = holderSegments(
      [
        { ...seller, validTo: '2020-06-01' },
        { ...buyer, validFrom: '2020-07-01' },
      ],
      '2013-01-01',
    );
    expect(segments.map((s) => [s.from, s.names])).toEqual([
      [undefined, ['Kowalski Jan']],
      ['2020-06-01', []],
      ['2020-07-01', ['Nowak Anna']],
    ]);
  });
  it('treats a right older than the ledger as starting with it', () => {
    expect(holderSegments([{ ...seller, validTo: null }], '2013-01-01')).toHaveLength(1);
  });
});
