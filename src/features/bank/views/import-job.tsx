import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { FinanceNav } from '../../ledger/views/finance-nav.tsx';
import type { BankImportJob } from '../import-jobs.ts';
import { ImportResults } from './import.tsx';

const REFRESH_SECONDS = 3;

const statusLabels: Record<BankImportJob['status'], string> = {
  queued: 'czeka w kolejce',
  running: 'trwa import',
  done: 'zakończony',
  failed: 'przerwany',
};

function percent(value: number, max: number): number {
  return max > 0 ? Math.min(100, Math.floor((value / max) * 100)) : 0;
}

/** How far a running job is: files done of all (by their size), and the file it works on. */
function JobProgress({ job }: { job: BankImportJob }) {
  const total = job.files.reduce((sum, f) => sum + f.bytes, 0);
  const done = job.progress?.filesDone ?? 0;
  const doneBytes = job.files.slice(0, done).reduce((sum, f) => sum + f.bytes, 0);
  const label =
    job.status === 'queued' || !job.progress?.current
      ? 'Pliki czekają w kolejce na import.'
      : `Plik ${done + 1} z ${job.files.length}: ${job.progress.current} — czytanie, dopasowanie wpłat i księgowanie. Gotowe ${formatFileSize(doneBytes)} z ${formatFileSize(total)}; zaksięgowane operacje z gotowych plików: ${job.progress.entries}.`;
  return (
    <div class="job-progress" role="status">
      <p>{label}</p>
      <progress value={doneBytes} max={total} aria-label="Postęp importu">
        {percent(doneBytes, total)}%
      </progress>
    </div>
  );
}

export function StatementImportJobPage({
  ctx,
  job,
  autoRefresh,
}: {
  ctx: PageContext;
  job: BankImportJob;
  /** While the job runs the page reloads itself, unless the reader turned that off. */
  autoRefresh: boolean;
}) {
  const url = `/panel/finanse/wyciagi/import/${job.id}`;
  const refreshing = job.running && autoRefresh;
  return (
    <PortalLayout
      ctx={ctx}
      title="Import wyciągów"
      head={refreshing ? <meta http-equiv="refresh" content={String(REFRESH_SECONDS)} /> : undefined}
    >
      <h1>Import wyciągów</h1>
      <FinanceNav canBook={true} />
      <p class="meta">
        Wczytano {formatDateTime(job.createdAt)}: {job.files.map((f) => f.name).join(', ')}; stan:{' '}
        {statusLabels[job.status]}.
      </p>
      {job.running ? (
        <>
          <p class="notice">
            Duże pliki są importowane w tle. Każdy plik jest księgowany w całości albo wcale; możesz zamknąć tę stronę i
            wrócić do niej później.
          </p>
          <JobProgress job={job} />
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
      {job.reports ? <ImportResults reports={job.reports} /> : null}
      <p>
        <a href="/panel/finanse/wyciagi/do-wyjasnienia">Operacje do wyjaśnienia</a> ·{' '}
        <a href="/panel/finanse/wyciagi">Wczytaj inne wyciągi</a>
      </p>
    </PortalLayout>
  );
}
