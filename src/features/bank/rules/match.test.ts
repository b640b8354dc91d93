import { describe, expect, it } from 'vitest';
import { nrbCheckDigits } from '../../../lib/nrb.ts';
import type { BankEntry } from '../formats/statement.ts';
import { buildReferenceIndex, type MatchIndex, matchCredit, referencedUnits } from './match.ts';

const prefix = '10202313000031';
const virtual = (unit: number) => {
  const basic = `${prefix}${String(unit).padStart(10, '0')}`;
  return `${nrbCheckDigits(basic)}${basic}`;
};
const units = [
  { unitId: 1, externalKey: 'P65-12', label: 'ul. Różana 1/2' },
  { unitId: 2, externalKey: 'P65-13', label: 'ul. Różana 1/3' },
  { unitId: 3, externalKey: null, label: 'ul. Łąkowa 7/1' },
  { unitId: 4, externalKey: null, label: 'al. Łąkowa 7/1' },
];
const index: MatchIndex = {
  virtualUnit: (nrb) => (nrb.slice(2).startsWith(prefix) ? Number(nrb.slice(16)) : undefined),
  units: new Set([1, 2, 3, 4]),
  references: buildReferenceIndex(units),
  payers: new Map([
    ['61109010140000071219812874', new Set([2])],
    ['83114020040000320250123456', new Set([1, 2])],
  ]),
};
const credit = (over: Partial<BankEntry>): BankEntry => ({
  line: 1,
  bookingDate: '2026-03-02',
  valueDate: '2026-03-02',
  amount: 100,
  reference: 'R',
  title: '',
  counterpartyName: '',
  counterpartyAccount: '',
  creditedAccount: '',
  operation: '',
  details: '',
  ...over,
});

describe('matching a credit to a unit', () => {
  it('takes the virtual account first, wherever the file carries it', () => {
    expect(matchCredit(credit({ creditedAccount: virtual(3), title: 'lokal P65-12' }), index)).toMatchObject({
      status: 'matched',
      unitId: 3,
      method: 'virtual_account',
    });
    expect(matchCredit(credit({ details: `PL${virtual(2)}` }), index)).toMatchObject({ unitId: 2 });
    expect(matchCredit(credit({ title: `wpłata na ${virtual(1).replace(/(\d{4})/g, '$1 ')}` }), index)).toMatchObject({
      unitId: 1,
    });
  });

  it('says when a virtual account belongs to no unit', () => {
    expect(matchCredit(credit({ creditedAccount: virtual(99) }), index)).toMatchObject({
      status: 'unmatched',
      note: `Rachunek wirtualny ${virtual(99)} nie należy do żadnego lokalu.`,
    });
  });

  it('then a unit reference in the title: the external key or the street and numbers', () => {
    expect(matchCredit(credit({ title: 'Czynsz P65-13 marzec' }), index)).toMatchObject({
      unitId: 2,
      method: 'unit_reference',
    });
    expect(matchCredit(credit({ title: 'Opłaty lokal Różana 1/2' }), index)).toMatchObject({ unitId: 1 });
    // The short unit code of Osiedle's own transfer title names the unit even when the address was cut.
    expect(matchCredit(credit({ title: 'Opłaty L4 Łąkowa 7/1' }), index)).toMatchObject({ unitId: 4 });
    expect(referencedUnits('OPLATY ROZANA 1 / 3', index.references)).toEqual([2]);
    expect(matchCredit(credit({ title: 'Opłaty lokal Łąkowa 7/1' }), index)).toMatchObject({
      status: 'ambiguous',
      suggestions: [3, 4],
    });
  });

  it('then the payer account seen on earlier matched payments', () => {
    expect(matchCredit(credit({ counterpartyAccount: '61109010140000071219812874' }), index)).toMatchObject({
      unitId: 2,
      method: 'payer_account',
    });
    expect(matchCredit(credit({ counterpartyAccount: '83114020040000320250123456' }), index)).toMatchObject({
      status: 'ambiguous',
      suggestions: [1, 2],
    });
    expect(matchCredit(credit({ title: 'Kapitalizacja odsetek' }), index).status).toBe('unmatched');
  });
});
