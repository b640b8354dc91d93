import { describe, expect, it } from 'vitest';
import { formatNrb } from '../../lib/nrb.ts';
import type { Organization } from '../organizations/queries.ts';
import { virtualAccountsOf } from './bank-payments.ts';
import { virtualNrb } from './rules/transfer.ts';

const PREFIX = '10202313000031';
const organization = (settings: Record<string, unknown>) => ({ id: 1, settings }) as unknown as Organization;

describe('virtual accounts of an organization', () => {
  const unitOf = virtualAccountsOf(organization({ virtualAccountPrefix: PREFIX }));

  it('gives the unit of its virtual account however the number is written', () => {
    const nrb = virtualNrb(PREFIX, 1234);
    expect(unitOf(nrb)).toBe(1234);
    expect(unitOf(formatNrb(nrb))).toBe(1234);
    expect(unitOf(`PL${nrb}`)).toBe(1234);
  });

  it('gives no unit for another account, a number of another length, letters, or unit 0', () => {
    expect(unitOf(virtualNrb('10902313000031', 1234))).toBeUndefined();
    expect(unitOf(virtualNrb(PREFIX, 1234).slice(1))).toBeUndefined();
    expect(unitOf(`XX${PREFIX}0000001234`)).toBeUndefined();
    expect(unitOf(virtualNrb(PREFIX, 0))).toBeUndefined();
  });

  it('gives no unit at all where the organization has no prefix', () => {
    expect(virtualAccountsOf(organization({}))(virtualNrb(PREFIX, 1234))).toBeUndefined();
  });
});
