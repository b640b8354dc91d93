import { describe, expect, it } from 'vitest';
import { noticeBody, unitStartMonth } from './notices.ts';

describe('a unit’s first month of a sent fee change', () => {
  const planned = '2027-05';
  it('is the planned month when every holder was notified in time', () => {
    expect(unitStartMonth('own', { planned, delivered: ['2027-01-15', '2027-01-31'], dueDay: 10 })).toBe('2027-05');
  });
  it('follows the last holder notified: a notice of 1 February moves own costs to June', () => {
    expect(unitStartMonth('own', { planned, delivered: ['2027-01-15', '2027-02-01'], dueDay: 10 })).toBe('2027-06');
  });
  it('is unknown while a holder waits for the notice, and for a unit nobody was notified of', () => {
    expect(unitStartMonth('own', { planned, delivered: ['2027-01-15', null], dueDay: 10 })).toBeNull();
    expect(unitStartMonth('own', { planned, delivered: [], dueDay: 10 })).toBeNull();
  });
  it('lets media follow their own deadline: notice on 20 April → May (10th minus 14 days is 26 April)', () => {
    expect(unitStartMonth('independent', { planned, delivered: ['2027-04-20'], dueDay: 10 })).toBe('2027-05');
    expect(unitStartMonth('independent', { planned, delivered: ['2027-04-27'], dueDay: 10 })).toBe('2027-06');
  });
});

describe('the notice’s body', () => {
  it('carries the justification as text: braces typed by staff are not fields', () => {
    const body = noticeBody({ justification: 'Wzrost cen {{saldo}} ciepła.' });
    expect(body).toContain('{ {saldo} }');
    expect(body).toContain('{{oplata_nowa}}');
  });
});
