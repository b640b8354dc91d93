import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { BackupRun } from '../runs.ts';
import type { BackupRunStatus } from '../schema.ts';

export const runStatusLabels: Record<BackupRunStatus, string> = {
  running: 'w toku',
  ok: 'udana',
  failed: 'nieudana',
};

export interface BackupSettingsView {
  /** BACKUP_DIR, or undefined when scheduled backups are off. */
  dir: string | undefined;
  /** The schedule in words, e.g. "codziennie o 02:30 (czas polski)". */
  schedule: string;
  keep: number;
}

export interface BackupFileView {
  name: string;
  bytes: number;
  modifiedAt: Date;
}

const integer = new Intl.NumberFormat('pl-PL');

function seconds(value: number | null): string {
  if (value === null) return '—';
  return value < 60 ? `${value.toFixed(1).replace('.', ',')} s` : `${Math.round(value / 60)} min`;
}

function LastResult({ run, stale }: { run: BackupRun | undefined; stale: boolean }) {
  if (!run) return <p>Nie wykonano jeszcze żadnej kopii automatycznej.</p>;
  return (
    <>
      <p>
        Ostatnia kopia: <strong>{runStatusLabels[run.status]}</strong>, rozpoczęta {formatDateTime(run.startedAt)}
        {run.finishedAt ? `, zakończona ${formatDateTime(run.finishedAt)}` : ''}.
      </p>
      {run.status === 'ok' ? (
        <p>
          Plik {run.fileName}: {formatFileSize(run.bytes ?? 0)}, tabel {run.tables}, wierszy{' '}
          {integer.format(run.rows ?? 0)}, migracja {run.migration}.
        </p>
      ) : null}
      {run.status === 'failed' ? (
        <div class="error-summary" role="alert">
          <h2>Kopia się nie udała</h2>
          <p>{run.error}</p>
        </div>
      ) : null}
      {stale ? (
        <div class="error-summary" role="alert">
          <h2>Brak świeżej kopii</h2>
          <p>Od ponad dwóch okresów harmonogramu nie powstała żadna udana kopia. Sprawdź dziennik aplikacji.</p>
        </div>
      ) : null}
    </>
  );
}

export function BackupsPage({
  ctx,
  settings,
  runs,
  files,
  stale,
}: {
  ctx: PageContext;
  settings: BackupSettingsView;
  runs: BackupRun[];
  files: BackupFileView[];
  /** No successful backup for two periods of the schedule. */
  stale: boolean;
}) {
  return (
    <PortalLayout ctx={ctx} title="Kopie zapasowe">
      <h1>Kopie zapasowe</h1>
      {settings.dir ? (
        <p>
          Kopie automatyczne: {settings.schedule}, do katalogu <code>{settings.dir}</code>; przechowywane są{' '}
          {settings.keep} najnowsze. Kopie są zaszyfrowane kluczem BACKUP_KEY, który trzeba przechowywać osobno.
        </p>
      ) : (
        <p class="notice">
          Kopie automatyczne są wyłączone: administrator serwera włącza je zmiennymi BACKUP_DIR i BACKUP_KEY. Kopię
          można też wykonać poleceniem <code>npm run cli -- backup PLIK</code>.
        </p>
      )}
      <h2>Ostatni wynik</h2>
      <LastResult run={runs[0]} stale={stale} />
      <h2>Historia</h2>
      {runs.length === 0 ? (
        <p>Brak wpisów.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Rozpoczęta</th>
                <th scope="col">Stan</th>
                <th scope="col">Plik</th>
                <th scope="col" class="num">
                  Rozmiar
                </th>
                <th scope="col" class="num">
                  Wierszy
                </th>
                <th scope="col" class="num">
                  Czas
                </th>
                <th scope="col">Uwagi</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>{formatDateTime(run.startedAt)}</td>
                  <td>{runStatusLabels[run.status]}</td>
                  <td>{run.fileName ?? '—'}</td>
                  <td class="num">{run.bytes === null ? '—' : formatFileSize(run.bytes)}</td>
                  <td class="num">{run.rows === null ? '—' : integer.format(run.rows)}</td>
                  <td class="num">{seconds(run.seconds)}</td>
                  <td>{run.error ?? (run.deletedFiles ? `usunięto starsze kopie: ${run.deletedFiles}` : '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {settings.dir ? (
        <>
          <h2>Pliki w katalogu kopii</h2>
          {files.length === 0 ? (
            <p>Katalog nie zawiera kopii.</p>
          ) : (
            <ul>
              {files.map((file) => (
                <li key={file.name}>
                  {file.name} — {formatFileSize(file.bytes)}, {formatDateTime(file.modifiedAt)}
                </li>
              ))}
            </ul>
          )}
          <p class="hint">
            Kopię odtwarza się poleceniem <code>npm run cli -- restore PLIK</code> do nowej, pustej bazy danych.
          </p>
        </>
      ) : null}
    </PortalLayout>
  );
}
