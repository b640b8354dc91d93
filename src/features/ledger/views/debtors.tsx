import type { FieldError } from '../../../errors.ts';
import { ErrorSummary } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { polishPlural } from '../../../lib/plural.ts';
import { FinanceNav } from './finance-nav.tsx';
import { Money, unitForms } from './parts.tsx';

export type DebtorSort = 'saldo' | 'lokal' | 'posiadacz';

export function DebtorsPage({
  ctx,
  day,
  threshold,
  sort,
  debtors,
  canBook,
  errors,
}: {
  ctx: PageContext;
  day: string;
  threshold: string;
  sort: DebtorSort;
  debtors: { unitId: number; label: string; externalKey: string | null; balance: number; holders: string }[];
  canBook: boolean;
  errors: FieldError[];
}) {
  const link = (s: DebtorSort) =>
    `/panel/finanse/dluznicy?dzien=${day}&prog=${encodeURIComponent(threshold)}&sort=${s}`;
  return (
    <PortalLayout ctx={ctx} title="Dłużnicy">
      <h1>Dłużnicy</h1>
      <FinanceNav canBook={canBook} />
      <ErrorSummary errors={errors} />
      <form method="get" action="/panel/finanse/dluznicy" class="filters">
        <div class="field">
          <label for="dzien">Na dzień</label>
          <input id="dzien" name="dzien" type="date" value={day} />
        </div>
        <div class="field">
          <label for="prog">Saldo powyżej (zł)</label>
          <input id="prog" name="prog" value={threshold} />
        </div>
        <input type="hidden" name="sort" value={sort} />
        <button type="submit">Pokaż</button>
      </form>
      <p>
        <a href={`/panel/finanse/dluznicy.csv?dzien=${day}&prog=${encodeURIComponent(threshold)}&sort=${sort}`}>
          Pobierz CSV
        </a>{' '}
        — {debtors.length} {polishPlural(debtors.length, unitForms)}.
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" aria-sort={sort === 'lokal' ? 'ascending' : undefined}>
                <a href={link('lokal')}>Lokal</a>
              </th>
              <th scope="col" aria-sort={sort === 'posiadacz' ? 'ascending' : undefined}>
                <a href={link('posiadacz')}>Posiadacze</a>
              </th>
              <th scope="col" class="num" aria-sort={sort === 'saldo' ? 'descending' : undefined}>
                <a href={link('saldo')}>Saldo</a>
              </th>
            </tr>
          </thead>
          <tbody>
            {debtors.map((d) => (
              <tr key={d.unitId}>
                <td>
                  <a href={`/panel/finanse/lokal/${d.unitId}`}>{d.label}</a>
                </td>
                <td>{d.holders}</td>
                <td class="num">
                  <Money grosze={d.balance} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PortalLayout>
  );
}
