import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { AuditTable } from '../../accounts/views/account-pages.tsx';
import { type AuditEntry, auditActionLabels } from '../audit.ts';

export interface AuditFilterForm {
  zdarzenie?: string | undefined;
  konto?: string | undefined;
  tekst?: string | undefined;
  od?: string | undefined;
  do?: string | undefined;
}

export function AuditLogPage({
  ctx,
  entries,
  total,
  page,
  pageCount,
  filter,
  actorName,
  queryWithoutPage,
}: {
  ctx: PageContext;
  entries: AuditEntry[];
  total: number;
  page: number;
  pageCount: number;
  filter: AuditFilterForm;
  actorName: (entry: AuditEntry) => string;
  queryWithoutPage: string;
}) {
  return (
    <PortalLayout ctx={ctx} title="Dziennik zdarzeń">
      <h1>Dziennik zdarzeń</h1>
      <form method="get" action="/panel/dziennik" class="filters" aria-label="Filtr dziennika">
        <div class="field">
          <label for="pole-zdarzenie">Zdarzenie</label>
          <select id="pole-zdarzenie" name="zdarzenie">
            <option value="">wszystkie</option>
            {Object.entries(auditActionLabels).map(([action, label]) => (
              <option key={action} value={action} selected={filter.zdarzenie === action}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="pole-tekst">Szukaj w szczegółach</label>
          <input id="pole-tekst" name="tekst" type="search" value={filter.tekst} maxLength={100} />
        </div>
        <div class="field">
          <label for="pole-od">Od dnia</label>
          <input id="pole-od" name="od" type="date" value={filter.od} />
        </div>
        <div class="field">
          <label for="pole-do">Do dnia</label>
          <input id="pole-do" name="do" type="date" value={filter.do} />
        </div>
        {filter.konto ? <input type="hidden" name="konto" value={filter.konto} /> : null}
        <button type="submit">Filtruj</button>
      </form>
      <p>Znaleziono wpisów: {total}.</p>
      <AuditTable entries={entries} showActor={actorName} />
      {pageCount > 1 ? (
        <nav class="pagination" aria-label="Strony dziennika">
          {page > 1 ? <a href={`/panel/dziennik?${queryWithoutPage}&strona=${page - 1}`}>« nowsze</a> : null}
          <span>
            Strona {page} z {pageCount}
          </span>
          {page < pageCount ? <a href={`/panel/dziennik?${queryWithoutPage}&strona=${page + 1}`}>starsze »</a> : null}
        </nav>
      ) : null}
    </PortalLayout>
  );
}
