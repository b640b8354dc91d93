/** Reminders sent, as a section of the staff unit account and of the member's finances in e-BOK. */
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { DebtReminder } from '../queries.ts';

export function ReminderList({
  reminders,
  audience,
  names,
  linkLetters = true,
}: {
  reminders: readonly DebtReminder[];
  audience: 'staff' | 'member';
  /** Staff: the addressee's name by person id. */
  names?: ReadonlyMap<number, string>;
  /** Whether the reader may open the letter (staff: who sends letters). */
  linkLetters?: boolean;
}) {
  if (reminders.length === 0) return null;
  const letterHref = (r: DebtReminder) =>
    audience === 'member' ? `/ebok/korespondencja/${r.letterId}` : `/panel/korespondencja/${r.letterId}`;
  return (
    <section class="reminders" aria-labelledby="upomnienia">
      <h2 id="upomnienia">{audience === 'member' ? 'Upomnienia i wezwania do zapłaty' : 'Upomnienia'}</h2>
      <div class="table-wrap">
        <table class="ledger-table stack">
          <thead>
            <tr>
              <th scope="col">Dzień</th>
              <th scope="col">Pismo</th>
              <th scope="col">{audience === 'member' ? 'Lokal' : 'Adresat'}</th>
              <th scope="col" class="num">
                Zaległość
              </th>
              <th scope="col" class="num">
                Odsetki
              </th>
              <th scope="col" class="num">
                Razem
              </th>
              <th scope="col">Termin zapłaty</th>
            </tr>
          </thead>
          <tbody>
            {reminders.map((r) => (
              <tr key={r.id}>
                <td data-label="Dzień">{formatCalendarDate(r.asOf)}</td>
                <td data-label="Pismo">
                  {linkLetters ? <a href={letterHref(r)}>{r.stageName}</a> : r.stageName}
                  <span class="meta"> ({r.channel === 'email' ? 'e-mail' : 'papier'})</span>
                </td>
                <td data-label={audience === 'member' ? 'Lokal' : 'Adresat'}>
                  {audience === 'member' ? r.unitLabel : (names?.get(r.personId) ?? '')}
                </td>
                <td class="money" data-label="Zaległość">
                  {formatMoney(r.principal)}
                </td>
                <td class="money" data-label="Odsetki">
                  {formatMoney(r.interest)}
                </td>
                <td class="money" data-label="Razem">
                  {formatMoney(r.total)}
                </td>
                <td data-label="Termin zapłaty">{formatCalendarDate(r.payBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
