import { describe, expect, it } from 'vitest';
import { latestContinuousSpan } from './spans.ts';

describe('latestContinuousSpan', () => {
  it('is undefined without rights', () => {
    expect(latestContinuousSpan([])).toBeUndefined();
  });

  it('joins periods that overlap or touch, in any order', () => {
    expect(
      latestContinuousSpan([
        { from: '2015-03-01', to: '2019-01-01' },
        { from: '2010-01-01', to: '2015-03-01' },
        { from: '2018-06-01', to: null },
      ]),
    ).toEqual({ from: '2010-01-01', to: null });
  });

  it('keeps a period that lies inside an open one open', () => {
    expect(
      latestContinuousSpan([
        { from: '2010-01-01', to: null },
        { from: '2012-01-01', to: '2013-01-01' },
      ]),
    ).toEqual({ from: '2010-01-01', to: null });
  });

  it('takes only the latest stretch when someone else held the unit in between', () => {
    expect(
      latestContinuousSpan([
        { from: '2001-05-10', to: '2020-06-15' },
        { from: '2026-12-02', to: null },
      ]),
    ).toEqual({ from: '2026-12-02', to: null });
  });

  it('ends the stretch at the latest end of its joined periods', () => {
    expect(
      latestContinuousSpan([
        { from: '2001-05-10', to: '2020-06-15' },
        { from: '2005-01-01', to: '2010-01-01' },
      ]),
    ).toEqual({ from: '2001-05-10', to: '2020-06-15' });
  });
});
