import type { FieldError } from '../../../errors.ts';
import { ErrorSummary } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import type { PaymentImportReport } from '../import-payments.ts';
import { FinanceNav } from './finance-nav.tsx';

export function ImportPaymentsPage({
  ctx,
  report,
  errors = [],
}: {
  ctx: PageContext;
  report?: PaymentImportReport | undefined;
  errors?: FieldError[];
}) {
  return (
    <PortalLayout ctx={ctx} title="Import wpłat">
      <h1>Import wpłat</h1>
      <FinanceNav canBook={true} />
      <p>
        Plik CSV (UTF-8 lub Windows-1250, separator „;” lub „,”) z kolumnami:{' '}
        <code>lokal;data;kwota;referencja;opis</code>. Plik jest księgowany w całości albo wcale; wpłaty o numerach
        referencyjnych już zaksięgowanych są pomijane.
      </p>
      <ErrorSummary errors={errors} />
      {report ? (
        report.fileError ? (
          <div class="error-summary" role="alert">
            <h2>Plik nie został wczytany</h2>
            <p>{report.fileError}</p>
          </div>
        ) : report.errors.length > 0 ? (
          <div class="error-summary" role="alert">
            <h2>Błędy w pliku — nic nie zaksięgowano</h2>
            <ul>
              {report.errors.map((e) => (
                <li key={`${e.row}-${e.column}`}>
                  Wiersz {e.row}, kolumna „{e.column}”: {e.message}
                </li>
              ))}
            </ul>
            {report.moreErrors ? <p>… i {report.moreErrors} dalszych błędów.</p> : null}
          </div>
        ) : (
          <p class="notice" role="status">
            Plik {report.file}: {report.rows} wierszy; zaksięgowano {report.booked}, pominięto już zaksięgowane:{' '}
            {report.alreadyBooked}.
          </p>
        )
      ) : null}
      <form method="post" action="/panel/finanse/import" encType="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="pole-plik">Plik CSV z wpłatami</label>
          <input id="pole-plik" name="plik" type="file" accept=".csv,text/csv" />
        </div>
        <button type="submit">Importuj</button>
      </form>
    </PortalLayout>
  );
}
