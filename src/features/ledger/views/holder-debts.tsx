/**
 * A unit's debt per holder period for staff: the previous holders' debt under their names (były
 * posiadacz), the current holders' under theirs, and the unit as the sum of both; the current
 * holders' interest per charge, and the accountant's actions (book interest, payer's indication).
 */
import type { FieldError } from '../../../errors.ts';
import type { FormValues } from '../../../http/form-route.ts';
import { Form, TextField } from '../../../http/forms.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { HolderDebt } from '../debt.ts';
import type { Entry } from '../queries.ts';
import { DebtSummary, debtInWords, InterestTable } from './debt-summary.tsx';
import { RunningBalance } from './parts.tsx';

export function periodLabel(h: HolderDebt): string {
  const from = h.segment.from ? formatCalendarDate(h.segment.from) : 'bilansu otwarcia';
  return h.segment.current ? `od ${from}` : `od ${from} do ${formatCalendarDate(h.lastDay)}`;
}

export function holderLabel(h: HolderDebt): string {
  const names = h.segment.names.length ? h.segment.names.join(', ') : 'bez posiadacza';
  return h.segment.current ? names : `${names} (były posiadacz)`;
}

export function HolderDebtsSection({
  holders,
  today,
  unitId,
  canBook,
  csrfToken,
  entries,
  errors,
  values,
  settlementRule,
}: {
  /** How a settlement straddling a holder change is shared (the organization's rule, in words). */
  settlementRule: string;
  holders: HolderDebt[];
  today: string;
  unitId: number;
  canBook: boolean;
  csrfToken: string;
  entries: Entry[];
  errors: FieldError[];
  values: FormValues;
}) {
  const total = holders.reduce((sum, h) => sum + h.debt.balance, 0);
  const current = holders.at(-1);
  const base = `/panel/finanse/lokal/${unitId}`;
  const openDebts = current?.debt.debts.filter((d) => d.remaining > 0 && d.id > 0) ?? [];
  const payments = entries.filter((e) => e.kind === 'payment').slice(0, 24);
  const formOf = (name: string) => (values.form === name ? errors : []);
  return (
    <section aria-labelledby="zadluzenie">
      <h2 id="zadluzenie">Zadłużenie według posiadaczy na {formatCalendarDate(today)}</h2>
      <div class="table-wrap">
        <table class="ledger-table">
          <thead>
            <tr>
              <th scope="col">Posiadacz</th>
              <th scope="col">Okres</th>
              <th scope="col">Stan</th>
              <th scope="col" class="num">
                Odsetki
              </th>
              <th scope="col" class="num">
                Saldo
              </th>
            </tr>
          </thead>
          <tbody>
            {holders.map((h) => (
              <tr key={h.segment.from ?? 'start'}>
                <td>{holderLabel(h)}</td>
                <td>{periodLabel(h)}</td>
                <td>{debtInWords(h.debt).join('; ')}</td>
                <td class="num">{formatMoney(h.debt.interest)}</td>
                <td class="num">
                  <RunningBalance grosze={h.debt.balance} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan={4}>
                Lokal razem (suma okresów)
              </th>
              <td class="num">
                <strong>
                  <RunningBalance grosze={total} />
                </strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="meta">
        Nowy posiadacz zaczyna od zera w pierwszym dniu swojego tytułu do lokalu; zadłużenie sprzed tego dnia pozostaje
        zadłużeniem poprzedniego posiadacza. Wpłaty zaliczamy na najstarsze wymagalne należności (art. 451 KC), chyba że
        wpłacający wskazał inaczej. {settlementRule}
      </p>
      {current ? (
        <>
          <h3>Obecni posiadacze</h3>
          <DebtSummary debt={current.debt} audience="staff" today={today} />
          <InterestTable debt={current.debt} />
        </>
      ) : null}
      {canBook && current ? (
        <div class="ledger-forms">
          <section>
            <h3>Zaksięguj odsetki</h3>
            <p class="hint">
              Odsetki nie są księgowane samoczynnie. Księgujesz odsetki obecnych posiadaczy na wybrany dzień (np. na
              koniec roku albo z wezwaniem do zapłaty); od następnego dnia liczą się od nowa.
            </p>
            <Form action={`${base}/odsetki`} csrfToken={csrfToken}>
              <input type="hidden" name="form" value="odsetki" />
              <TextField
                name="dzien"
                label="Na dzień"
                type="date"
                value={values.form === 'odsetki' ? values.dzien : today}
                errors={formOf('odsetki')}
                required
              />
              <button type="submit">Zaksięguj odsetki</button>
            </Form>
          </section>
          {payments.length && openDebts.length ? (
            <section>
              <h3>Wskazanie wpłacającego (art. 451 § 1 KC)</h3>
              <p class="hint">Gdy wpłacający wskazał, którą należność spłaca, zapisz to: wpłata pokryje ją najpierw.</p>
              <Form action={`${base}/wskazanie`} csrfToken={csrfToken}>
                <input type="hidden" name="form" value="wskazanie" />
                <div class="field">
                  <label for="wplata">Wpłata</label>
                  {formOf('wskazanie')
                    .filter((e) => e.field === 'wplata')
                    .map((e) => (
                      <p class="field-error">{e.message}</p>
                    ))}
                  <select id="wplata" name="wplata">
                    {payments.map((p) => (
                      <option value={String(p.id)} selected={values.wplata === String(p.id)}>
                        {formatCalendarDate(p.valueDate)} — {formatMoney(-p.amount)} — {p.description}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for="naleznosc">Należność</label>
                  {formOf('wskazanie')
                    .filter((e) => e.field === 'naleznosc')
                    .map((e) => (
                      <p class="field-error">{e.message}</p>
                    ))}
                  <select id="naleznosc" name="naleznosc">
                    {openDebts.map((d) => (
                      <option value={String(d.id)} selected={values.naleznosc === String(d.id)}>
                        {d.description ?? 'należność'} — zostało {formatMoney(d.remaining)}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit">Zapisz wskazanie</button>
              </Form>
            </section>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
