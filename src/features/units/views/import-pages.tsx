/**
 * Import of the register from a CSV file in /panel: upload, the check's progress and report,
 * confirmation, the apply's progress and report.
 */
import type { FieldError } from '../../../errors.ts';
import { CsrfField, ErrorSummary, Form, Notice } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatFileSize, formatSizeLimit } from '../../../lib/file-size.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import type { ImportReport } from '../import/import-register.ts';
import { encodingNames } from '../import/read-file.ts';
import { importFailed, moreErrorsText } from '../import/report.ts';
import type { RegisterImport } from '../import/uploads.ts';
import type { RegisterImportProgress, RegisterImportStatus } from '../schema.ts';
import { RegisterLayout } from './register-parts.tsx';

const statusLabels: Record<RegisterImportStatus, string> = {
  uploading: 'wysyłanie pliku',
  checking: 'sprawdzanie pliku',
  applying: 'zapisywanie w rejestrze',
  previewed: 'czeka na zatwierdzenie',
  rejected: 'odrzucony (błędy w pliku)',
  applied: 'zapisany w rejestrze',
  unchanged: 'bez zmian',
  failed: 'niezapisany (błędy)',
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
        Plik CSV z systemu księgowego (UTF-8 lub Windows-1250, separator średnik lub przecinek). Po wysłaniu plik jest
        sprawdzany w tle, a postęp widać na stronie importu. Potem zobaczysz podgląd: ile rekordów przybędzie lub się
        zmieni oraz błędy w wierszach. Rejestr zmienia się dopiero po zatwierdzeniu, w całości albo wcale.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/panel/rejestr/import" enctype="multipart/form-data" class="form-narrow" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <div class={error ? 'field has-error' : 'field'}>
          <label for="pole-file">Plik rejestru (CSV)</label>
          <p class="hint" id="pole-file-podpowiedz">
            Najwyżej {formatSizeLimit(maxBytes)}. Format opisuje dokumentacja (docs/import-register.md).
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
          formatFileSize(file.bytes),
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
          {report.moreErrors > 0 ? <p>… {moreErrorsText(report.moreErrors)}.</p> : null}
        </div>
      ) : null}
    </>
  );
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.floor((part / whole) * 100)) : 0);

/** What a running job is doing, with a progress bar where the whole is known. */
function JobProgress({ item }: { item: RegisterImport }) {
  const progress: RegisterImportProgress = item.progress ?? { phase: 'queued', bytesRead: 0, rows: 0, written: 0 };
  const rows = `${progress.rows} ${polishPlural(progress.rows, { one: 'wiersz', few: 'wiersze', many: 'wierszy' })}`;
  let label: string;
  let value: number | undefined;
  let max: number | undefined;
  if (item.status === 'uploading') {
    label = 'Plik jest jeszcze wysyłany.';
  } else if (progress.phase === 'queued') {
    label = item.status === 'applying' ? 'Zmiany czekają w kolejce na zapis.' : 'Plik czeka w kolejce na sprawdzenie.';
  } else if (progress.phase === 'reading') {
    [value, max] = [progress.bytesRead, item.size];
    label = `Czytanie pliku: ${formatFileSize(progress.bytesRead)} z ${formatFileSize(item.size)} (${percent(progress.bytesRead, item.size)}%), ${rows}.`;
  } else if (progress.phase === 'checking') {
    label = `Przeczytano ${rows}; porównywanie z rejestrem.`;
  } else {
    const counts = item.report?.counts ? Object.values(item.report.counts) : [];
    const total = counts.reduce((sum, c) => sum + c.new + c.changed, 0);
    [value, max] = [Math.min(progress.written, total), total || undefined];
    const records = (n: number) => polishPlural(n, { one: 'rekord', few: 'rekordy', many: 'rekordów' });
    // "z 1 rekordu", "z 5 rekordów": after "z" the genitive.
    label = total
      ? `Zapisywanie w rejestrze: ${Math.min(progress.written, total)} z ${total} ${total === 1 ? 'rekordu' : 'rekordów'} (${percent(progress.written, total)}%).`
      : `Zapisywanie w rejestrze: ${progress.written} ${records(progress.written)}.`;
  }
  return (
    <div class="job-progress" role="status">
      <p>{label}</p>
      {max ? (
        <progress
          value={value}
          max={max}
          aria-label={item.status === 'applying' ? 'Postęp zapisu' : 'Postęp sprawdzania'}
        >
          {percent(value ?? 0, max)}%
        </progress>
      ) : null}
    </div>
  );
}

const REFRESH_SECONDS = 3;

export function ImportReportPage({
  ctx,
  item,
  autoRefresh = true,
}: {
  ctx: PageContext;
  item: RegisterImport;
  /** While a job runs the page reloads itself, unless the reader turned that off. */
  autoRefresh?: boolean;
}) {
  const { report } = item;
  const url = `/panel/rejestr/import/${item.id}`;
  const failed = report ? importFailed(report) : false;
  let summary: string;
  if (item.status === 'applying') summary = 'Trwa zapisywanie zmian w rejestrze.';
  else if (item.running) summary = 'Trwa sprawdzanie pliku: nic nie zostanie zapisane przed zatwierdzeniem.';
  else if (item.status === 'applied') summary = 'Zapisano zmiany w rejestrze.';
  else if (item.status === 'unchanged') summary = 'Nic do zmiany: rejestr jest już zgodny z plikiem.';
  else if (failed || !report) summary = 'Nic nie zostało zapisane: popraw plik i wczytaj go ponownie.';
  else if (item.status === 'expired') summary = 'Ten podgląd wygasł: wczytaj plik ponownie.';
  else summary = 'Podgląd: nic jeszcze nie zostało zapisane.';
  const refreshing = item.running && autoRefresh;
  return (
    <RegisterLayout
      ctx={ctx}
      title={`Import: ${item.fileName}`}
      head={refreshing ? <meta http-equiv="refresh" content={String(REFRESH_SECONDS)} /> : undefined}
    >
      <nav class="breadcrumbs" aria-label="Okruszki">
        <a href="/panel/rejestr/import">« Import rejestru</a>
      </nav>
      <h1>Import pliku {item.fileName}</h1>
      <p class="meta">
        Wczytano {formatDateTime(item.createdAt)}; stan: {statusLabels[item.status]}.
      </p>
      <Notice text={summary} />
      {item.running ? (
        <>
          <JobProgress item={item} />
          <p>
            {refreshing ? (
              <>
                Strona odświeża się sama co {REFRESH_SECONDS} sekundy.{' '}
                <a href={`${url}?odswiezanie=nie`}>Wyłącz odświeżanie</a>
              </>
            ) : (
              <>
                <a href={`${url}?odswiezanie=nie`}>Odśwież stan</a> <a href={url}>Włącz odświeżanie</a>
              </>
            )}
          </p>
        </>
      ) : null}
      {report && item.status !== 'applying' ? <ReportDetails report={report} /> : null}
      {item.canApply ? (
        <Form action={`${url}/zatwierdz`} csrfToken={ctx.csrfToken}>
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
