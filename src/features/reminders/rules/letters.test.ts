import { describe, expect, it } from 'vitest';
import { unknownPlaceholders } from '../../correspondence/personal/fields.ts';
import { defaultStages, reminderFields, reminderValues } from './letters.ts';

const figures = {
  stageName: 'Wezwanie do zapłaty',
  principal: 81_000,
  interest: 1_234,
  oldest: '2026-08-01',
  payBy: '2026-12-20',
  lines: [
    { valueDate: '2026-08-01', description: 'Opłaty 08.2026', dueDate: '2026-08-10', unpaid: 40_500, interest: 900 },
    { valueDate: '2026-09-01', description: 'Opłaty 09.2026', dueDate: '2026-09-10', unpaid: 40_500, interest: 334 },
  ],
  payment: { qrText: 'QR', qrOmitted: undefined, title: 'Opłaty L3 Lipowa 4/3' },
};

describe('reminder letters', () => {
  it('fills the holder’s own figures: principal by month, interest on the day, total and a QR for the total', () => {
    const v = reminderValues(figures);
    expect(v.zaleglosc).toEqual({ text: '810,00\u00a0zł' });
    expect(v.odsetki).toEqual({ text: '12,34\u00a0zł' });
    expect(v.razem).toEqual({ text: '822,34\u00a0zł' });
    expect(v.zaleglosc_od).toEqual({ text: '08.2026' });
    expect(v.termin_zaplaty).toEqual({ text: '20.12.2026' });
    expect(v.zaleglosci_wg_miesiecy).toEqual({
      table: {
        head: ['Termin płatności', 'Do zapłaty', 'Odsetki', 'Tytuł'],
        rows: [
          ['10.08.2026', '405,00\u00a0zł', '9,00\u00a0zł', 'Opłaty 08.2026'],
          ['10.09.2026', '405,00\u00a0zł', '3,34\u00a0zł', 'Opłaty 09.2026'],
          ['Razem', '810,00\u00a0zł', '12,34\u00a0zł', ''],
        ],
      },
    });
    expect(v.kod_qr_razem).toEqual({ qr: 'QR', caption: 'Przelew 822,34\u00a0zł, tytuł: Opłaty L3 Lipowa 4/3' });
  });

  it('says why there is no QR above its amount limit and gives the title to type', () => {
    const v = reminderValues({
      ...figures,
      payment: { qrText: undefined, qrOmitted: 'Kwota jest większa niż 9 999,99 zł.', title: 'Opłaty L3' },
    });
    expect(v.kod_qr_razem).toEqual({ text: 'Kwota jest większa niż 9 999,99 zł. Tytuł przelewu: Opłaty L3.' });
  });

  it('ships stages whose letters use only known fields and name the deadline, the account and the interest', () => {
    for (const stage of defaultStages) {
      expect(unknownPlaceholders(stage.bodyMarkdown, reminderFields)).toEqual([]);
      for (const field of ['termin_zaplaty', 'numer_konta', 'odsetki', 'razem', 'zaleglosci_wg_miesiecy'])
        expect(stage.bodyMarkdown).toContain(`{{${field}}}`);
    }
    expect(defaultStages.map((s) => s.name)).toEqual([
      'Przypomnienie',
      'Wezwanie do zapłaty',
      'Przedsądowe wezwanie do zapłaty',
    ]);
    expect(defaultStages[2]?.bodyMarkdown).toContain('na drogę postępowania sądowego bez dalszego wezwania');
  });
});
