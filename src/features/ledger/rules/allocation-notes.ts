/** The allocation in words for a unit's history: what each payment settled, and how each debt stands. */
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { DebtState } from './allocation.ts';

/** Entry id → a short Polish note (`zapłacono 12.02.2026`, `na: Eksploatacja — luty 2026`). */
export function allocationNotes(debts: readonly DebtState[], credits: readonly { id: number; amount: number }[]) {
  const notes = new Map<number, string>();
  const settledBy = new Map<number, { description: string; amount: number }[]>();
  for (const debt of debts) {
    const paid = debt.amount - debt.remaining;
    if (debt.remaining === 0) {
      const last = debt.settlements.at(-1);
      notes.set(debt.id, last ? `zapłacono ${formatCalendarDate(last.day)}` : 'zapłacono');
    } else if (paid > 0) {
      notes.set(debt.id, `zapłacono częściowo, zostało ${formatMoney(debt.remaining)}`);
    } else {
      notes.set(debt.id, `do zapłaty ${formatMoney(debt.remaining)}`);
    }
    for (const s of debt.settlements) {
      const list = settledBy.get(s.creditId) ?? [];
      list.push({ description: debt.description ?? 'zaległość', amount: s.amount });
      settledBy.set(s.creditId, list);
    }
  }
  for (const credit of credits) {
    const list = settledBy.get(credit.id) ?? [];
    const used = list.reduce((sum, s) => sum + s.amount, 0);
    const parts = list.slice(0, 3).map((s) => s.description);
    if (list.length > 3) parts.push(`i ${list.length - 3} inne`);
    const left = -credit.amount - used;
    const text = [parts.length ? `na: ${parts.join('; ')}` : '', left > 0 ? `nadpłata ${formatMoney(left)}` : '']
      .filter(Boolean)
      .join('; ');
    if (text) notes.set(credit.id, text);
  }
  return notes;
}
