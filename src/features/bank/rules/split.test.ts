import { describe, expect, it } from 'vitest';
import { chargesByUnit, splitProblems } from './split.ts';

const open = new Map([
  [101, 1],
  [102, 1],
  [201, 2],
]);
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('splitting a credit across units and their charges', () => {
  it('accepts parts that add up to the credit, each unit once, charges of the chosen units', () => {
    const parts = [
      { unitId: 1, amount: 300, label: 'R-1' },
      { unitId: 2, amount: 200, label: 'R-2' },
    ];
    expect(splitProblems(500, parts, [102, 201, 102], open)).toEqual([]);
    expect(chargesByUnit([102, 201, 102], open)).toEqual(
      new Map([
        [1, [102]],
        [2, [201]],
      ]),
    );
  });

  it('says at the amount field when the parts do not add up or one is not above zero', () => {
    const problems = splitProblems(500, [{ unitId: 1, amount: 400, label: 'R-1' }], [], open);
    expect(problems).toEqual([
      { field: 'kwota', message: 'Kwoty lokali dają razem 4,00 zł, a wpłata to 5,00 zł: muszą być równe.' },
    ]);
    expect(
      fields(
        splitProblems(
          500,
          [
            { unitId: 1, amount: 0, label: 'R-1' },
            { unitId: 2, amount: 500, label: 'R-2' },
          ],
          [],
          open,
        ),
      ),
    ).toEqual(['kwota']);
  });

  it('refuses the same unit twice, at the unit field', () => {
    const problems = splitProblems(
      500,
      [
        { unitId: 1, amount: 250, label: 'R-1' },
        { unitId: 1, amount: 250, label: 'ul. Różana 1/1' },
      ],
      [],
      open,
    );
    expect(problems).toEqual([
      {
        field: 'lokal',
        message: '„ul. Różana 1/1” to ten sam lokal co „R-1”: każdy lokal podaj raz, z całą jego kwotą.',
      },
    ]);
  });

  it('refuses a charge of a unit not chosen, and one that is not open, at the charge field', () => {
    const parts = [{ unitId: 1, amount: 500, label: 'R-1' }];
    expect(fields(splitProblems(500, parts, [201], open))).toEqual(['naleznosc']);
    expect(fields(splitProblems(500, parts, [999], open))).toEqual(['naleznosc']);
  });
});
