/** Import of the register from a CSV file in /panel: upload, preview with the report, confirm. */
import type { FieldError } from '../../../errors.ts';
import { CsrfField, ErrorSummary, Form, Notice } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { ImportReport } from '../import/import-register.ts';
import { encodingNames, formatMegabytes } from '../import/read-file.ts';
import type { RegisterImport } from '../import/uploads.ts';
import type { RegisterImportStatus } from '../schema.ts';
import { RegisterLayout } from './register-parts.tsx';

const statusLabels: Record<RegisterImportStatus, string> = {
  previewed: 'czeka na zatwierdzenie',
  rejected: 'odrzucony (błędy w pliku)',
  applied: 'zapisany w rejestrze',
  unchanged: 'bez zmian',
  failed: 'nie zapisany (błędy)',
  expired: 'wygasł (nie zatwierdzono w ciągu doby)',
};

const entityNames = {
  buildings: 'Budynki',
  units: 'Lokale',
  persons: 'Osoby',
  rights: 'Tytuły prawne',
  occupancy: 'Liczba osób (wpisy)',
} as const;

export function ImportUploadPage({
  ctx,
  errors = [],
  recent,
  maxBytes,
}: {
  ctx: PageContext;
  errors?: FieldError[];
  recent: RegisterImport[];
  maxBytes: number;
}) {
  const error = errors.find((e) => e.field === 'file')?.message;
  return (
    <RegisterLayout ctx={ctx} title="Import rejestru z pliku">
      <h1>Import rejestru z pliku</h1>
      <p>
        Plik CSV z systemu księgowego (UTF-8 lub Windows-1250, separator średnik lub przecinek). Najpierw zobaczysz
        podgląd: ile rekordów przybędzie lub się zmieni oraz błędy w wierszach. Rejestr zmienia się dopiero po
        zatwierdzeniu, w całości albo wcale.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/panel/rejestr/import" enctype="multipart/form-data" class="form-narrow" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <div class={error ? 'field has-error' : 'field'}>
          <label for="pole-file">Plik rejestru (CSV)</label>
          <p class="hint" id="pole-file-podpowiedz">
            Najwyżej {formatMegabytes(maxBytes)}. Format opisuje dokumentacja (docs/import-register.md).
          </p>
          {error ? (
            <p class="field-error" id="pole-file-blad">
              <span class="visually-hidden">Błąd: </span>
              {error}
            </p>
          ) : null}
          <input
            id="pole-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={error ? 'pole-file-podpowiedz pole-file-blad' : 'pole-file-podpowiedz'}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <button type="submit">Sprawdź plik</button>
      </form>
      {recent.length > 0 ? (
        <>
          <h2>Ostatnie importy</h2>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Ostatnie importy</caption>
              <thead>
                <tr>
                  <th scope="col">Wczytano</th>
                  <th scope="col">Plik</th>
                  <th scope="col">Stan</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((item) => (
                  <tr key={item.id}>
                    <td>{formatDateTime(item.createdAt)}</td>
                    <td>
                      <a href={`/panel/rejestr/import/${item.id}`}>{item.fileName}</a>
                    </td>
                    <td>{statusLabels[item.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </RegisterLayout>
  );
}

function ReportDetails({ report }: { report: ImportReport }) {
  const { file } = report;
  return (
    <>
      <p class="meta">
        {[
          formatMegabytes(file.bytes),
          file.encoding ? `kodowanie ${encodingNames[file.encoding]}` : undefined,
          file.delimiter ? `separator „${file.delimiter}”` : undefined,
          `wierszy danych: ${file.rows}`,
        ]
          .filter(Boolean)
          .join(', ')}
      </p>
      {file.ignoredColumns.length > 0 ? <p>Pominięte kolumny spoza formatu: {file.ignoredColumns.join(', ')}</p> : null}
      {report.fileErrors.length > 0 ? (
        <div class="error-summary" role="alert">
          <h2>Pliku nie można wczytać</h2>
          <ul>
            {report.fileErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.counts ? (
        <div class="table-wrap">
          <table>
            <caption>Zmiany w rejestrze</caption>
            <thead>
              <tr>
                <th scope="col">Rekordy</th>
                <th scope="col" class="num">
                  Nowe
                </th>
                <th scope="col" class="num">
                  Zmienione
                </th>
                <th scope="col" class="num">
                  Bez zmian
                </th>
              </tr>
            </thead>
            <tbody>
              {(Object.entries(entityNames) as [keyof typeof entityNames, string][]).map(([key, name]) => {
                const counts = report.counts?.[key];
                return counts ? (
                  <tr key={key}>
                    <th scope="row">{name}</th>
                    <td class="num">{counts.new}</td>
                    <td class="num">{counts.changed}</td>
                    <td class="num">{counts.unchanged}</td>
                  </tr>
                ) : null;
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.errors.length > 0 ? (
        <div class="table-wrap">
          <table class="import-errors">
            <caption>Błędy w wierszach ({report.errors.length + report.moreErrors})</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  Wiersz
                </th>
                <th scope="col">Kolumna</th>
                <th scope="col">Błąd</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((error, index) => (
                <tr key={`${error.row}-${index}`}>
                  <td class="num">{error.row}</td>
                  <td>{error.column ?? ''}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.moreErrors > 0 ? <p>… i {report.moreErrors} kolejnych błędów.</p> : null}
        </div>
      ) : null}
    </>
  );
}

export function ImportReportPage({ ctx, item }: { ctx: PageContext; item: RegisterImport }) {
  const { report } = item;
  const failed = report.fileErrors.length > 0 || report.errors.length > 0;
  let summary: string;
  if (item.status === 'applied') summary = 'Zapisano zmiany w rejestrze.';
  else if (item.status === 'unchanged') summary = 'Nic do zmiany: rejestr jest już zgodny z plikiem.';
  else if (failed) summary = 'Nic nie zostało zapisane: popraw plik i wczytaj go ponownie.';
  else if (item.status === 'expired') summary = 'Ten podgląd wygasł: wczytaj plik ponownie.';
  else summary = 'Podgląd: nic jeszcze nie zostało zapisane.';
  return (
    <RegisterLayout ctx={ctx} title={`Import: ${item.fileName}`}>
      <nav class="breadcrumbs" aria-label="Okruszki">
        <a href="/panel/rejestr/import">« Import rejestru</a>
      </nav>
      <h1>Import pliku {item.fileName}</h1>
      <p class="meta">
        Wczytano {formatDateTime(item.createdAt)}; stan: {statusLabels[item.status]}.
      </p>
      <Notice text={summary} />
      <ReportDetails report={report} />
      {item.canApply ? (
        <Form action={`/panel/rejestr/import/${item.id}/zatwierdz`} csrfToken={ctx.csrfToken}>
          <p>Zatwierdzenie zapisze wszystkie zmiany z pliku w jednej operacji.</p>
          <button type="submit">Zatwierdź i zapisz w rejestrze</button>
        </Form>
      ) : null}
      <p>
        <a href="/panel/rejestr/import">Wczytaj inny plik</a>
      </p>
    </RegisterLayout>
  );
}
