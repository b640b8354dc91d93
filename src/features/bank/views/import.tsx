import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, FilesNotKept } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatSizeLimit } from '../../../lib/file-size.ts';
import { formatNrb } from '../../../lib/nrb.ts';
import { FinanceNav } from '../../ledger/views/finance-nav.tsx';
import { bankEncodingNames } from '../formats/decode.ts';
import { ACCEPTED_FORMATS } from '../formats/read.ts';
import { formatNames } from '../formats/statement.ts';
import type { FileReport } from '../import-statements.ts';

export const MAX_STATEMENT_FILES = 10;

export function StatementImportPage({
  ctx,
  reports,
  errors = [],
  values = {},
  maxBytes,
  waiting,
  canConfigure = false,
}: {
  ctx: PageContext;
  /** The administrator keeps the cooperative's accounts: a link to them. */
  canConfigure?: boolean;
  reports?: FileReport[] | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
  maxBytes: number;
  waiting: number;
}) {
  const fileError = errors.find((e) => e.field === 'pliki')?.message;
  return (
    <PortalLayout ctx={ctx} title="Wyciągi bankowe">
      <h1>Wyciągi bankowe</h1>
      <FinanceNav canBook={true} />
      <p>
        <a href="/panel/finanse/wyciagi/do-wyjasnienia">Operacje do wyjaśnienia: {waiting}</a>
        {canConfigure ? (
          <>
            {' · '}
            <a href="/panel/finanse/wyciagi/rachunki">Rachunki Spółdzielni</a>
          </>
        ) : null}
      </p>
      <ErrorSummary errors={errors} />
      <FilesNotKept errors={errors} />
      {reports ? <ImportResults reports={reports} /> : null}
      <form method="post" action="/panel/finanse/wyciagi" encType="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class={`field${fileError ? ' field-error' : ''}`}>
          <label for="pole-pliki">Pliki wyciągów</label>
          <p class="hint" id="pole-pliki-podpowiedz">
            {ACCEPTED_FORMATS}. Do {MAX_STATEMENT_FILES} plików naraz, każdy do {formatSizeLimit(maxBytes)}. Każdy plik
            jest księgowany w całości albo wcale; wyciąg wczytany wcześniej niczego nie zmienia.
          </p>
          {fileError ? (
            <p class="error" id="pole-pliki-blad">
              {fileError}
            </p>
          ) : null}
          <input
            id="pole-pliki"
            name="pliki"
            type="file"
            multiple
            accept=".sta,.mt940,.txt,.xml,.pli,.csv"
            aria-describedby={fileError ? 'pole-pliki-podpowiedz pole-pliki-blad' : 'pole-pliki-podpowiedz'}
            {...(fileError ? { 'aria-invalid': 'true' as const } : {})}
          />
        </div>
        <div class="field">
          <label for="pole-kodowanie">Kodowanie znaków</label>
          <select id="pole-kodowanie" name="kodowanie">
            <option value="auto" selected={!values.kodowanie || values.kodowanie === 'auto'}>
              wykryj automatycznie
            </option>
            {Object.entries(bankEncodingNames).map(([value, label]) => (
              <option key={value} value={value} selected={values.kodowanie === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Importuj wyciągi</button>
      </form>
    </PortalLayout>
  );
}

export function ImportResults({ reports }: { reports: FileReport[] }) {
  return (
    <section aria-labelledby="wyniki">
      <h2 id="wyniki">Wynik importu</h2>
      <ul class="import-results">
        {reports.map((r) =>
          r.error ? (
            <li key={r.file} class="error-summary" role="alert">
              <strong>Nie wczytano — nic nie zaksięgowano.</strong> {r.error}
            </li>
          ) : (
            r.statements.map((s) => (
              <li key={`${r.file}-${s.statementId}`} class="notice">
                <strong>{r.file}</strong> ({r.format ? formatNames[r.format] : ''}), rachunek {formatNrb(s.account)},
                wyciąg {s.number || 'bez numeru'} za {s.periodFrom}
                {s.periodTo !== s.periodFrom ? ` – ${s.periodTo}` : ''}:{' '}
                {s.alreadyImported ? (
                  <>ten wyciąg był już zaimportowany — nic nie zmieniono.</>
                ) : (
                  <>
                    {s.entries} operacji, nowych {s.newEntries}; zaksięgowano wpłat: {s.booked}, do wyjaśnienia:{' '}
                    {s.waiting}, konfliktów: {s.conflicts}, obciążeń: {s.debits}.
                  </>
                )}
              </li>
            ))
          ),
        )}
      </ul>
    </section>
  );
}
