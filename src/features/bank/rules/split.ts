/**
 * The accountant's split of a waiting credit: parts for units (each unit once, each amount above
 * zero, together the credit) and, within a unit, the open charges the payer said the money is for
 * (art. 451 § 1 KC: the payer's own indication comes before the oldest-debt rule). Pure: the
 * caller gives each chosen unit's open charges.
 */
import type { FieldError } from '../../../errors.ts';
import { moneyText } from '../formats/statement.ts';

export interface SplitPart {
  unitId: number;
  /** Grosze. */
  amount: number;
  /** How the accountant named the unit (for messages). */
  label: string;
}

/** Charge id → the unit whose open charge it is. */
export type OpenChargeUnits = Map<number, number>;

/** What is wrong with the split, at its fields; empty when it may be booked. */
export function splitProblems(
  credit: number,
  parts: SplitPart[],
  chargeIds: number[],
  openCharges: OpenChargeUnits,
): FieldError[] {
  const problems: FieldError[] = [];
  if (parts.length === 0) return [{ field: 'lokal', message: 'Podaj lokal.' }];
  const seen = new Map<number, string>();
  for (const part of parts) {
    const before = seen.get(part.unitId);
    if (before !== undefined) {
      problems.push({
        field: 'lokal',
        message: `„${part.label}” to ten sam lokal co „${before}”: każdy lokal podaj raz, z całą jego kwotą.`,
      });
    } else seen.set(part.unitId, part.label);
    if (!(Number.isSafeInteger(part.amount) && part.amount > 0)) {
      problems.push({ field: 'kwota', message: `Kwota lokalu „${part.label}” musi być większa od zera.` });
    }
  }
  const total = parts.reduce((t, p) => t + p.amount, 0);
  if (total !== credit) {
    problems.push({
      field: 'kwota',
      message: `Kwoty lokali dają razem ${moneyText(total)}, a wpłata to ${moneyText(credit)}: muszą być równe.`,
    });
  }
  for (const id of new Set(chargeIds)) {
    const unit = openCharges.get(id);
    if (unit === undefined || !seen.has(unit)) {
      problems.push({
        field: 'naleznosc',
        message: 'Wskazana należność nie jest otwartą należnością żadnego z wybranych lokali — wybierz ją z listy.',
      });
      break;
    }
  }
  return problems;
}

/** The charges the payer pointed each unit's payment at, by unit (charges named twice count once). */
export function chargesByUnit(chargeIds: number[], openCharges: OpenChargeUnits): Map<number, number[]> {
  const byUnit = new Map<number, number[]>();
  for (const id of new Set(chargeIds)) {
    const unit = openCharges.get(id);
    if (unit === undefined) continue;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), id]);
  }
  return byUnit;
}
