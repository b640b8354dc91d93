import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { balanceState, balanceStateLabels } from '../rules/balance.ts';

export const unitForms = { one: 'lokal', few: 'lokale', many: 'lokali' };

/** `zadłużenie 1 234,56 zł` / `nadpłata 12,00 zł` / `saldo zerowe`. */
export function BalanceText({ balance }: { balance: number }) {
  const state = balanceState(balance);
  if (state === 'zero') return <span class="balance balance-zero">saldo zerowe (0,00&nbsp;zł)</span>;
  return (
    <span class={`balance balance-${state}`}>
      {balanceStateLabels[state]} <strong>{formatMoney(Math.abs(balance))}</strong>
    </span>
  );
}

/** Signed money for tables: payments show with a minus. */
export function Money({ grosze }: { grosze: number }) {
  return <span class="money">{formatMoney(grosze)}</span>;
}

export function CalendarDate({ date }: { date: string | null | undefined }) {
  if (!date) return <span>—</span>;
  return <time dateTime={date}>{formatCalendarDate(date)}</time>;
}

/** A running balance in a table: an overpayment is named, never a bare minus. */
export function RunningBalance({ grosze }: { grosze: number }) {
  if (grosze < 0) {
    return <span class="money balance-nadplata">nadpłata {formatMoney(-grosze)}</span>;
  }
  return <span class="money">{formatMoney(grosze)}</span>;
}
