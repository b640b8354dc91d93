/** The split's second step: each chosen unit's open charges, to tick those the payer said the money is for. */
import type { FieldError } from '../../../errors.ts';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { OpenCharge } from '../../ledger/bank-payments.ts';
import type { UnitLabel } from '../../units/unit-facts.ts';

export interface UnitCharges {
  unit: UnitLabel | undefined;
  charges: OpenCharge[];
}

export function ChargesChoice({
  charges,
  chosen,
  errors,
}: {
  charges: UnitCharges[];
  chosen: string[];
  errors: FieldError[];
}) {
  return (
    <section aria-labelledby="naleznosci" class="split-charges">
      <h3 id="naleznosci">Należności wskazane przez wpłacającego</h3>
      <p class="hint">
        Wpłata lokalu spłaci najpierw zaznaczone należności (art. 451 § 1 Kodeksu cywilnego), resztę — od najstarszej.
        Bez zaznaczenia: od najstarszej.
      </p>
      {errors.map((e) => (
        <p key={e.message} class="error">
          {e.message}
        </p>
      ))}
      {charges.map(({ unit, charges: list }) => (
        <fieldset key={unit?.unitId} id={unit ? `naleznosci-${unit.unitId}` : undefined}>
          <legend>
            {unit ? unit.label : 'Lokal'}
            {unit?.externalKey ? ` (${unit.externalKey})` : ''}
          </legend>
          {list.length === 0 ? (
            <p>Lokal nie ma otwartych należności.</p>
          ) : (
            list.map((c) => (
              <label key={c.entryId} class="choice">
                <input
                  type="checkbox"
                  name="naleznosc"
                  value={String(c.entryId)}
                  checked={chosen.includes(String(c.entryId))}
                />{' '}
                {c.description} — termin {formatCalendarDate(c.dueDate)} — do zapłaty{' '}
                <span class="money">{formatMoney(c.remaining)}</span>
              </label>
            ))
          )}
        </fieldset>
      ))}
    </section>
  );
}
