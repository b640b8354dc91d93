import { describe, expect, it } from 'vitest';
import { addressQueryOf } from './matching.ts';

describe('addressQueryOf', () => {
  it.each([
    ['ul. Paderewskiego 65/12', 'ul. Paderewskiego 65/12'],
    ['ul. Paderewskiego 65/12, 40-282 Katowice', 'ul. Paderewskiego 65/12'],
    ['Paderewskiego 65 m. 12 40-282 Katowice', 'Paderewskiego 65/12'],
    ['Paderewskiego 65 lok. 3', 'Paderewskiego 65/3'],
    ['al. Mickiewicza 5a m 7', 'al. Mickiewicza 5a/7'],
    ['Paderewskiego 65 / 12', 'Paderewskiego 65/12'],
    ['Paderewskiego', 'Paderewskiego'],
  ])('%s → %s', (typed, query) => {
    expect(addressQueryOf(typed)).toBe(query);
  });
});
