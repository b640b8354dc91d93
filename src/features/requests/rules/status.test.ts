import { describe, expect, it } from 'vitest';
import { allowedNextStatuses, checkStatusChange, faultStatuses, faultSubject, isOpenFault } from './status.ts';

describe('the fault status flow', () => {
  it('goes forward nowe → przyjęte → w realizacji → wykonane', () => {
    expect(checkStatusChange('nowe', 'przyjete', '')).toEqual({ ok: true });
    expect(checkStatusChange('przyjete', 'w_realizacji', '')).toEqual({ ok: true });
    expect(checkStatusChange('w_realizacji', 'wykonane', '')).toEqual({ ok: true });
  });

  it('lets a step be skipped forward but never go back', () => {
    expect(checkStatusChange('nowe', 'w_realizacji', '').ok).toBe(true);
    expect(checkStatusChange('przyjete', 'wykonane', '').ok).toBe(true);
    const back = checkStatusChange('w_realizacji', 'przyjete', '');
    expect(back).toEqual({
      ok: false,
      field: 'status',
      message: 'Ze statusu „W realizacji” nie można przejść do „Przyjęte”.',
    });
    expect(checkStatusChange('nowe', 'wykonane', '').ok).toBe(false);
  });

  it('rejects only with a reason, and only an open report', () => {
    expect(checkStatusChange('nowe', 'odrzucone', '  ')).toEqual({
      ok: false,
      field: 'reason',
      message: 'Podaj powód odrzucenia: członek go zobaczy.',
    });
    expect(checkStatusChange('w_realizacji', 'odrzucone', 'To sprawa administracji gazowni.').ok).toBe(true);
    const closed = checkStatusChange('wykonane', 'odrzucone', 'powód');
    expect(closed.ok).toBe(false);
    if (!closed.ok) expect(closed.message).toContain('jest zamknięte');
  });

  it('refuses setting the same status again', () => {
    expect(checkStatusChange('przyjete', 'przyjete', '').ok).toBe(false);
  });

  it('closes done and rejected reports, and nothing else', () => {
    expect(faultStatuses.filter((s) => !isOpenFault(s))).toEqual(['wykonane', 'odrzucone']);
    expect(allowedNextStatuses('wykonane')).toEqual([]);
  });

  it('names a fault by its category and place', () => {
    expect(faultSubject('woda', 'lokal')).toBe('Woda — w moim lokalu');
    expect(faultSubject('drzwi_domofon', 'klatka')).toBe('Drzwi, domofon — na klatce schodowej');
  });
});
