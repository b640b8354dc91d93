/**
 * What a unit owes on a day, in words: the overdue part with its oldest unpaid month, the current
 * fee with its due date, an overpayment named as such, and statutory interest as information.
 * The one component every page with a balance uses (e-BOK start page and finances, the staff
 * unit account, the debtors list), fed by `unitDebt` (debt.ts).
 */
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { UnitDebt } from '../debt.ts';
import { monthLabel } from '../rules/months.ts';

export interface DebtFigures
  extends Pick<
    UnitDebt,
    'overdue' | 'oldestOverdue' | 'current' | 'currentDueDate' | 'overpayment' | 'interest' | 'asOf' | 'balance'
  > {}

/** `zaległość po terminie 1 234,56 zł (od sierpnia 2026)`, for lists. */
export function debtInWords(debt: DebtFigures): string[] {
  const parts: string[] = [];
  if (debt.overdue > 0) {
    parts.push(
      `zaległość po terminie ${formatMoney(debt.overdue)}${debt.oldestOverdue ? ` (najstarsza: ${monthLabel(debt.oldestOverdue.slice(0, 7))})` : ''}`,
    );
  }
  if (debt.current > 0) {
    parts.push(
      `bieżąca opłata ${formatMoney(debt.current)}${debt.currentDueDate ? ` do ${formatCalendarDate(debt.currentDueDate)}` : ''}`,
    );
  }
  if (debt.overpayment > 0) parts.push(`nadpłata ${formatMoney(debt.overpayment)}`);
  if (parts.length === 0) parts.push('nic do zapłaty');
  return parts;
}

/**
 * The summary as a definition list. `audience` words the interest: the member reads it is
 * informative ("odsetki na dziś, informacyjnie"), staff that it is not booked.
 */
export function DebtSummary({
  debt,
  audience,
  interestHref,
  today,
}: {
  debt: DebtFigures;
  audience: 'member' | 'staff';
  /** Where the interest per charge is listed. */
  interestHref?: string | undefined;
  /** Today (the interest is "na dziś" only when asOf is today). */
  today: string;
}) {
  const onDay = debt.asOf === today ? 'na dziś' : `na ${formatCalendarDate(debt.asOf)}`;
  const nothing = debt.overdue === 0 && debt.current === 0 && debt.overpayment === 0;
  return (
    <dl class="debt-summary">
      {debt.overdue > 0 ? (
        <div class="debt-overdue">
          <dt>Zaległość po terminie</dt>
          <dd>
            <strong class="money">{formatMoney(debt.overdue)}</strong>
            {debt.oldestOverdue ? (
              <span class="meta"> najstarsza niezapłacona: {monthLabel(debt.oldestOverdue.slice(0, 7))}</span>
            ) : null}
          </dd>
        </div>
      ) : null}
      {debt.current > 0 ? (
        <div class="debt-current">
          <dt>Bieżąca opłata{debt.currentDueDate ? ` do ${formatCalendarDate(debt.currentDueDate)}` : ''}</dt>
          <dd>
            <strong class="money">{formatMoney(debt.current)}</strong>
          </dd>
        </div>
      ) : null}
      {debt.overpayment > 0 ? (
        <div class="debt-overpayment">
          <dt>Nadpłata (na poczet kolejnych opłat)</dt>
          <dd>
            <strong class="money">{formatMoney(debt.overpayment)}</strong>
          </dd>
        </div>
      ) : null}
      {nothing ? (
        <div class="debt-none">
          <dt>Saldo {onDay}</dt>
          <dd>nic do zapłaty, brak nadpłaty (0,00&nbsp;zł)</dd>
        </div>
      ) : null}
      {debt.interest > 0 ? (
        <div class="debt-interest">
          <dt>
            {audience === 'member'
              ? `Odsetki ustawowe ${onDay}, informacyjnie`
              : `Odsetki ustawowe ${onDay} (niezaksięgowane)`}
          </dt>
          <dd>
            <span class="money">{formatMoney(debt.interest)}</span>
            {interestHref ? (
              <>
                {' '}
                <a href={interestHref}>szczegóły</a>
              </>
            ) : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Interest per unpaid charge on the day, with the rule it was counted by. */
export function InterestTable({
  debt,
}: {
  debt: Pick<UnitDebt, 'interestLines' | 'interest' | 'asOf' | 'interestBelowMinimum'>;
}) {
  if (debt.interestBelowMinimum) {
    return <p class="meta">Odsetki są niższe niż kwota, od której Spółdzielnia je nalicza.</p>;
  }
  if (debt.interestLines.length === 0) return <p class="empty">Brak odsetek na {formatCalendarDate(debt.asOf)}.</p>;
  return (
    <>
      <div class="table-wrap">
        <table class="ledger-table stack">
          <caption>Odsetki ustawowe za opóźnienie na {formatCalendarDate(debt.asOf)}</caption>
          <thead>
            <tr>
              <th scope="col">Należność</th>
              <th scope="col">Termin</th>
              <th scope="col">Niezapłacone</th>
              <th scope="col">Dni</th>
              <th scope="col">Odsetki</th>
            </tr>
          </thead>
          <tbody>
            {debt.interestLines.map((line) => (
              <tr key={line.debtId}>
                <td data-label="Należność">{line.description ?? 'Zaległość'}</td>
                <td data-label="Termin">{formatCalendarDate(line.dueDate)}</td>
                <td class="money" data-label="Niezapłacone">
                  {formatMoney(line.unpaid)}
                </td>
                <td data-label="Dni">{line.daysLate}</td>
                <td class="money" data-label="Odsetki">
                  {formatMoney(line.interest)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan={4}>
                Razem
              </th>
              <td class="money">
                <strong>{formatMoney(debt.interest)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="meta">
        Odsetki ustawowe za opóźnienie (art. 481 Kodeksu cywilnego) liczymy od dnia po terminie płatności (termin
        przypadający w sobotę lub dzień ustawowo wolny od pracy przesuwa się na najbliższy dzień roboczy) do dnia
        zapłaty włącznie, według stopy obowiązującej w każdym dniu, za rzeczywistą liczbę dni / 365, i zaokrąglamy do
        grosza osobno dla każdej należności. Wpłaty zaliczamy na najstarsze wymagalne należności (art. 451 Kodeksu
        cywilnego), chyba że wskazano inaczej.
      </p>
    </>
  );
}
