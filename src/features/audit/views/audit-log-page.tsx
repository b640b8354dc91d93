import type { ComponentChildren } from 'preact';
import { DateInput } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { AuditTable } from '../../accounts/views/account-pages.tsx';
import { type AuditEntry, auditActionLabels } from '../audit.ts';

export interface AuditFilterForm {
  zdarzenie?: string | undefined;
  login?: string | undefined;
  tekst?: string | undefined;
  od?: string | undefined;
  do?: string | undefined;
}

const subjectLabels: Record<string, string> = {
  account: 'konto',
  activation_request: 'wniosek o dostęp do e-BOK',
  password_reset_request: 'prośba o nowe hasło',
  building: 'budynek',
  unit: 'lokal',
  person: 'osoba',
  right: 'tytuł prawny',
  occupancy: 'liczba osób',
  register: 'import',
  organization: 'spółdzielnia',
  news: 'aktualność',
  section: 'strona',
  tender: 'przetarg',
  file: 'plik',
  document: 'dokument',
  letter: 'list',
  delivery: 'doręczenie',
};

/**
 * What an entry is about: an account by its login (a link to its entries), a sign-in attempt by
 * the login typed when there is no such account, anything else by its kind and number.
 */
function AuditSubject({ entry, loginOf }: { entry: AuditEntry; loginOf: (id: number) => string | undefined }) {
  const typed = typeof entry.detail?.login === 'string' ? entry.detail.login : undefined;
  if (entry.subjectType === 'account' && entry.subjectId) {
    const login = loginOf(Number(entry.subjectId)) ?? `#${entry.subjectId}`;
    return <a href={`/panel/dziennik?konto=${entry.subjectId}`}>konto {login}</a>;
  }
  if (!entry.subjectType) return typed ? <>login „{typed}” (nie ma takiego konta)</> : <>—</>;
  const label = subjectLabels[entry.subjectType] ?? entry.subjectType;
  if (entry.subjectType === 'activation_request') {
    return <a href={`/panel/aktywacja/wnioski/${entry.subjectId}`}>{`${label} nr ${entry.subjectId}`}</a>;
  }
  return <>{entry.subjectId ? `${label} nr ${entry.subjectId}` : label}</>;
}

export function AuditLogPage({
  ctx,
  entries,
  total,
  page,
  pageCount,
  filter,
  loginOf,
  queryWithoutPage,
}: {
  ctx: PageContext;
  entries: AuditEntry[];
  total: number;
  page: number;
  pageCount: number;
  filter: AuditFilterForm;
  loginOf: (accountId: number) => string | undefined;
  queryWithoutPage: string;
}) {
  const actor = (entry: AuditEntry): ComponentChildren =>
    entry.actorAccountId ? (loginOf(entry.actorAccountId) ?? `#${entry.actorAccountId}`) : '—';
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
          <label for="pole-login">Konto (login)</label>
          <input id="pole-login" name="login" type="search" value={filter.login} maxLength={100} />
        </div>
        <div class="field">
          <label for="pole-tekst">Szukaj w szczegółach</label>
          <input id="pole-tekst" name="tekst" type="search" value={filter.tekst} maxLength={100} />
        </div>
        <div class="field">
          <label for="pole-od">Od dnia</label>
          <DateInput id="pole-od" name="od" value={filter.od} />
        </div>
        <div class="field">
          <label for="pole-do">Do dnia</label>
          <DateInput id="pole-do" name="do" value={filter.do} />
        </div>
        <button type="submit">Filtruj</button>
      </form>
      <p>Znaleziono wpisów: {total}.</p>
      <AuditTable
        entries={entries}
        showActor={actor}
        showSubject={(entry) => <AuditSubject entry={entry} loginOf={loginOf} />}
      />
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
