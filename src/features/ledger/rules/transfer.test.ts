import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNrb } from '../../../lib/nrb.ts';
import { paymentQrString, transferTitle, virtualNrb } from './transfer.ts';

describe('virtual NRB per unit', () => {
  it('builds a valid number from the prefix and the unit', () => {
    const nrb = virtualNrb('10901014000007', 123);
    expect(nrb).toHaveLength(26);
    expect(nrb.slice(2)).toBe('109010140000070000000123');
    expect(isValidNrb(nrb)).toBe(true);
  });
  it('is valid and distinct for every unit (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 9_999_999_999 }), fc.nat({ max: 9_999_999_999 }), (a, b) => {
        const x = virtualNrb('12400001', a);
        const y = virtualNrb('12400001', b);
        expect(isValidNrb(x)).toBe(true);
        expect(x === y).toBe(a === b);
      }),
    );
  });
  it('refuses a prefix of the wrong length and a unit number that does not fit', () => {
    expect(() => virtualNrb('123', 1)).toThrow();
    expect(() => virtualNrb('12345678901234567890', 100_000)).toThrow();
  });
});

describe('payment QR (ZBP)', () => {
  const nrb = virtualNrb('10901014000007', 123);
  it('has nine fields with the amount as 6 digits', () => {
    expect(
      paymentQrString({
        nip: '634-001-23-47',
        nrb,
        amount: 45_678,
        recipient: 'SM im. Paderewskiego w Katowicach',
        title: 'Opłaty lokal Paderewskiego 65/12 czerwiec',
      }),
    ).toBe(`6340012347|PL|${nrb}|045678|SM im. Paderewskiego|Opłaty lokal Paderewskiego 65/12|||`);
  });
  it('strips the separator from free text and stays within 160 characters (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat({ max: 999_999 }), (recipient, title, amount) => {
        const text = paymentQrString({ nip: '', nrb, amount, recipient, title });
        expect(text).toBeDefined();
        expect(text?.split('|')).toHaveLength(9);
        expect((text ?? '').length).toBeLessThanOrEqual(160);
      }),
    );
  });
  it('gives no code for an amount that does not fit 6 digits', () => {
    // A NIP with a wrong check digit is left out, not passed to the payer's bank.
    expect(
      paymentQrString({ nip: '6340012345', nrb, amount: 100, recipient: 'x', title: 'y' })?.startsWith('|PL|'),
    ).toBe(true);
    expect(paymentQrString({ nip: '', nrb, amount: 1_000_000, recipient: 'x', title: 'y' })).toBeUndefined();
  });
  it('titles fit 32 characters', () => {
    expect(transferTitle('ul. Bardzo Długiej Nazwy Ulicy 123/45', 7).length).toBeLessThanOrEqual(32);
    expect(transferTitle('ul. Ignacego Paderewskiego 65/12', 7)).toBe('Opłaty L7 Paderewskiego 65/12');
  });

  it('names its own unit whatever the length of the address (never a cut number)', () => {
    // Issue 15: "…Benchmarkowa 1/B100" was another unit's name; the code comes first and stays whole.
    const title = transferTitle('ul. Benchmarkowa 1/B1000', 10_123);
    expect(title).toBe('Opłaty L10123 Benchmark. 1/B1000');
    expect(title.length).toBeLessThanOrEqual(32);
    expect(transferTitle('ul. Benchmarkowa 1/B100', 10_122)).not.toBe(title);
    for (const label of ['al. Jana Pawła II 123456/7890', 'x', 'ul. Krótka 1/1']) {
      const t = transferTitle(label, 123_456);
      expect(t.length).toBeLessThanOrEqual(32);
      expect(t).toContain('L123456');
    }
  });
});
