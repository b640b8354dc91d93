import type { FieldError } from '../../../errors.ts';
import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, FileField, FilesNotKept, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import type { ImportReport } from '../import-meters.ts';
import { meterUnitLabels, sourceLabels } from '../labels.ts';
import type { FlaggedReading, ImportMapping } from '../queries.ts';
import { flagLabels, type ReadingFlag } from '../rules/plausibility.ts';
import { formatReading } from '../rules/reading-input.ts';
import { MediaLayout } from './staff-pages.tsx';

export function QueuePage({
  ctx,
  rows,
  notice,
  errors = [],
}: {
  ctx: PageContext;
  rows: FlaggedReading[];
  notice?: string | undefined;
  errors?: FieldError[];
}) {
  return (
    <MediaLayout ctx={ctx} title="Odczyty do sprawdzenia">
      <ErrorSummary errors={errors} />
      <Notice text={notice} />
      {rows.length === 0 ? <p class="empty">Nie ma odczytów do sprawdzenia.</p> : null}
      {rows.map((r) => (
        <section key={r.id} class="queue-item">
          <h2>
            Licznik nr {r.serial}, {formatCalendarDate(r.readOn)}: {formatReading(r.value)} {meterUnitLabels[r.medium]}
          </h2>
          <p>
            {r.flags.map((f) => flagLabels[f as ReadingFlag] ?? f).join('; ')}. Wprowadził: {sourceLabels[r.source]},{' '}
            {r.enteredByLabel}, {formatDateTime(r.createdAt)}.{' '}
            <a href={`/panel/media/licznik/${r.meterId}`}>Historia licznika</a>
            {r.photoFileId ? (
              <>
                {' · '}
                <a href={`/panel/media/zdjecie/${r.photoFileId}`}>Zdjęcie</a>
              </>
            ) : null}
          </p>
          <form method="post" action={`/panel/media/odczyty/${r.id}/decyzja`} noValidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField name="uwaga" label="Uwaga (wymagana przy odrzuceniu)" />
            <button type="submit" name="decyzja" value="accepted">
              Przyjmij
            </button>{' '}
            <button type="submit" name="decyzja" value="rejected" class="secondary">
              Odrzuć
            </button>
          </form>
        </section>
      ))}
    </MediaLayout>
  );
}

export function ReportView({ report }: { report: (ImportReport & { flagged?: number }) | undefined }) {
  if (!report) return null;
  return (
    <section class="import-report" role="status">
      <h2>Wynik importu</h2>
      {report.errors.length > 0 ? (
        <>
          <p>
            <strong>Plik nie został wczytany</strong> — popraw błędy i wyślij go ponownie ({report.rows} wierszy).
          </p>
          <ul>
            {report.errors.map((e) => (
              <li key={`${e.line}-${e.message}`}>
                Wiersz {e.line}: {e.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          Wierszy: {report.rows}; dodano: {report.added}; bez zmian (już były): {report.unchanged}
          {report.flagged !== undefined ? `; do sprawdzenia: ${report.flagged}` : ''}.
        </p>
      )}
    </section>
  );
}

export function MeterImportPage({ ctx, form, report }: { ctx: PageContext; form: FormState; report?: ImportReport }) {
  return (
    <MediaLayout ctx={ctx} title="Import ewidencji liczników">
      <ReportView report={report} />
      <p>
        Plik CSV (UTF-8 lub Windows-1250, średnik lub przecinek) z nagłówkiem: <code>lokal</code> (kod lokalu) albo{' '}
        <code>budynek</code> (kod budynku, dla wodomierza głównego), <code>medium</code> (np. „zimna woda”),{' '}
        <code>numer</code>, <code>miejsce</code>, <code>montaz</code>, <code>odczyt_poczatkowy</code>, opcjonalnie{' '}
        <code>legalizacja_do</code> i <code>miejsca_po_przecinku</code>. Plik wchodzi w całości albo wcale; liczniki już
        znane są pomijane.
      </p>
      <form method="post" action="/panel/media/import-licznikow" enctype="multipart/form-data" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <ErrorSummary errors={form.errors} />
        <FilesNotKept errors={form.errors} />
        <FileField name="plik" label="Plik CSV" accept=".csv,text/csv" errors={form.errors} />
        <button type="submit">Wczytaj</button>
      </form>
    </MediaLayout>
  );
}

export function ReadingImportPage({
  ctx,
  form,
  mappings,
  report,
}: {
  ctx: PageContext;
  form: FormState;
  mappings: ImportMapping[];
  report?: (ImportReport & { flagged: number }) | undefined;
}) {
  const chosen = mappings.find((m) => m.source === form.values.zrodlo) ?? mappings[0];
  const v = (field: string, saved: string | undefined) => form.values[field] ?? saved;
  return (
    <MediaLayout ctx={ctx} title="Import odczytów z firmy odczytowej">
      <ReportView report={report} />
      {mappings.length > 0 ? (
        <p>
          Zapisane układy kolumn:{' '}
          {mappings.map((m) => `${m.source} (${m.serialColumn}, ${m.dateColumn}, ${m.valueColumn})`).join('; ')}.
        </p>
      ) : null}
      <form method="post" action="/panel/media/import-odczytow" enctype="multipart/form-data" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <ErrorSummary errors={form.errors} />
        <FilesNotKept errors={form.errors} />
        <TextField
          name="zrodlo"
          label="Firma odczytowa (źródło)"
          value={v('zrodlo', chosen?.source)}
          errors={form.errors}
          required
        />
        <TextField
          name="kolumna_numer"
          label="Kolumna z numerem licznika"
          value={v('kolumna_numer', chosen?.serialColumn)}
          errors={form.errors}
          required
        />
        <TextField
          name="kolumna_data"
          label="Kolumna z datą odczytu"
          value={v('kolumna_data', chosen?.dateColumn)}
          errors={form.errors}
          required
        />
        <TextField
          name="kolumna_odczyt"
          label="Kolumna z odczytem"
          value={v('kolumna_odczyt', chosen?.valueColumn)}
          errors={form.errors}
          required
        />
        <FileField name="plik" label="Plik CSV" accept=".csv,text/csv" errors={form.errors} />
        <button type="submit">Wczytaj odczyty</button>
      </form>
    </MediaLayout>
  );
}
