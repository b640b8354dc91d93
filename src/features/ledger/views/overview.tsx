import { Notice } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { unitAddress } from '../../../lib/address.ts';
import { polishPlural } from '../../../lib/plural.ts';
import type { Page, UnitListItem } from '../../units/search.ts';
import { FinanceNav } from './finance-nav.tsx';
import { unitForms } from './parts.tsx';

export function FinanceOverviewPage({
  ctx,
  query,
  units,
  canBook,
  notice,
}: {
  ctx: PageContext;
  query: string;
  units: Page<UnitListItem>;
  canBook: boolean;
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Finanse">
      <h1>Finanse</h1>
      <FinanceNav canBook={canBook} />
      <Notice text={notice} />
      <form method="get" action="/panel/finanse" class="filters">
        <div class="field">
          <label for="q">Lokal (adres, numer lub kod)</label>
          <input id="q" name="q" type="search" value={query} />
        </div>
        <button type="submit">Szukaj</button>
      </form>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Lokal</th>
              <th scope="col">Kod</th>
              <th scope="col">Posiadacze</th>
            </tr>
          </thead>
          <tbody>
            {units.items.map((u) => (
              <tr key={u.id}>
                <td>
                  <a href={`/panel/finanse/lokal/${u.id}`}>{unitAddress(u)}</a>
                </td>
                <td>{u.externalKey ?? ''}</td>
                <td>{u.holders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="meta">
        {units.total} {polishPlural(units.total, unitForms)}
        {units.pages > 1 ? `, strona ${units.page} z ${units.pages}` : ''}.
        {units.page < units.pages ? (
          <>
            {' '}
            <a href={`/panel/finanse?q=${encodeURIComponent(query)}&strona=${units.page + 1}`}>Następna strona</a>
          </>
        ) : null}
      </p>
    </PortalLayout>
  );
}
