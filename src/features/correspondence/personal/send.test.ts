import { describe, expect, it } from 'vitest';
import { sampleRecipients } from './send.ts';

const channel = (r: string) => (r.startsWith('e') ? 'email' : 'paper');

describe('the recipients a personalised letter’s preview shows', () => {
  it('shows the first e-mail and the first paper recipient, then the next ones, in order', () => {
    expect(sampleRecipients(['p1', 'p2', 'p3', 'p4', 'e1', 'p5'], channel, 3)).toEqual(['p1', 'p2', 'e1']);
    expect(sampleRecipients(['e1', 'e2', 'e3', 'p1'], channel, 3)).toEqual(['e1', 'e2', 'p1']);
  });

  it('shows the first ones when all go one way, and no more than there are', () => {
    expect(sampleRecipients(['p1', 'p2', 'p3', 'p4'], channel, 3)).toEqual(['p1', 'p2', 'p3']);
    expect(sampleRecipients(['e1'], channel, 3)).toEqual(['e1']);
    expect(sampleRecipients([], channel, 3)).toEqual([]);
  });

  it('keeps to the count even when it is smaller than the kinds', () => {
    expect(sampleRecipients(['p1', 'e1'], channel, 1)).toEqual(['p1']);
  });
});
