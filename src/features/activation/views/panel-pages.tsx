import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { documentTypes } from '../../accounts/identity.ts';
import type { Account } from '../../accounts/queries.ts';
import type { MemberUnit, Person, PersonListItem } from '../../units/person-lookup.ts';
import type { Candidate, MatchReason } from '../matching.ts';
import { type ActivationRequest, EMAIL_LINK_HOURS, UNDECIDED_DAYS } from '../remote.ts';

const requestStatusLabels: Record<ActivationRequest['status'], string> = {
  awaiting_email: 'czeka na potwierdzenie adresu e-mail',
  pending: 'do rozpatrzenia',
  approved: 'zatwierdzony',
  rejected: 'odrzucony',
  expired: 'wygasł (adres e-mail niepotwierdzony w terminie albo wniosek nierozpatrzony przez 30 dni)',
};

export function unitAddress(
  unit: Pick<MemberUnit, 'street' | 'buildingNumber' | 'number' | 'postcode' | 'city'>,
): string {
  return `${unit.street} ${unit.buildingNumber}/${unit.number}, ${unit.postcode} ${unit.city}`;
}

function DocumentTypeSelect({ errors, selected }: { errors: FieldError[]; selected?: string | undefined }) {
  const error = errors.find((e) => e.field === 'dokument')?.message;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="pole-dokument">Tożsamość sprawdzono na podstawie</label>
      {error ? <p class="field-error">{error}</p> : null}
      <select id="pole-dokument" name="dokument">
        <option value="">— wybierz dokument —</option>
        {documentTypes.map((type) => (
          <option key={type} value={type} selected={selected === type}>
            {type}
          </option>
        ))}
      </select>
      <p class="hint">Zapisujemy tylko rodzaj dokumentu, nie jego numer.</p>
    </div>
  );
}

export function ActivationHomePage({
  ctx,
  query,
  persons,
  pendingRequests,
  pendingResets,
}: {
  ctx: PageContext;
  query: string;
  persons: PersonListItem[] | undefined;
  pendingRequests: number;
  pendingResets: number;
}) {
  return (
    <PortalLayout ctx={ctx} title="Aktywacja e-BOK">
      <h1>Aktywacja e-BOK i hasła</h1>
      <ul class="tiles">
        <li>
          <h2>Wnioski zdalne</h2>
          <p>Oczekujące na rozpatrzenie: {pendingRequests}</p>
          <a href="/panel/aktywacja/wnioski">Otwórz kolejkę wniosków</a>
        </li>
        <li>
          <h2>Prośby o nowe hasło</h2>
          <p>Oczekujące: {pendingResets}</p>
          <a href="/panel/hasla">Otwórz prośby o hasło</a>
        </li>
      </ul>
      <h2>Aktywacja w biurze</h2>
      <form method="get" action="/panel/aktywacja" class="filters" aria-label="Szukaj osoby">
        <div class="field">
          <label for="pole-q">Osoba: nazwisko, e-mail lub końcówka PESEL</label>
          <input id="pole-q" name="q" type="search" value={query} maxLength={100} />
        </div>
        <button type="submit">Szukaj</button>
      </form>
      {persons === undefined ? null : persons.length === 0 ? (
        <p class="empty">Nie znaleziono osób.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Osoba</th>
                <th scope="col">PESEL</th>
                <th scope="col">E-mail</th>
                <th scope="col" class="num">
                  Lokale dziś
                </th>
              </tr>
            </thead>
            <tbody>
              {persons.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/panel/aktywacja/osoba/${p.id}`}>
                      {p.lastName} {p.firstName}
                    </a>
                  </td>
                  <td>{p.peselMasked}</td>
                  <td>{p.email ?? '—'}</td>
                  <td class="num">{p.currentUnits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalLayout>
  );
}

export interface DeskForm {
  email?: string;
  telefon?: string;
  dokument?: string;
  podpisany?: string;
}

export function DeskPersonPage({
  ctx,
  person,
  units,
  account,
  form,
  errors = [],
  notice,
}: {
  ctx: PageContext;
  person: Person;
  units: MemberUnit[];
  account: Account | undefined;
  form: DeskForm;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const base = `/panel/aktywacja/osoba/${person.id}`;
  const deliveryError = errors.find((e) => e.field === 'dostarczenie')?.message;
  return (
    <PortalLayout ctx={ctx} title={`Aktywacja: ${person.firstName} ${person.lastName}`}>
      <h1>
        {person.firstName} {person.lastName}
      </h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <h2>Lokale (prawo do lokalu na dziś)</h2>
      {units.length === 0 ? (
        <p class="notice">Ta osoba nie ma obecnie prawa do żadnego lokalu: konta e-BOK nie można założyć.</p>
      ) : (
        <ul>
          {units.map((u) => (
            <li key={u.unitId}>{unitAddress(u)}</li>
          ))}
        </ul>
      )}
      {account ? (
        <section aria-labelledby="konto">
          <h2 id="konto">Konto e-BOK</h2>
          <dl>
            <dt>Login</dt>
            <dd>{account.login}</dd>
            <dt>Stan</dt>
            <dd>
              {account.status === 'active' ? 'aktywne' : 'wyłączone'}
              {account.mustChangePassword ? ', hasło startowe nie zostało jeszcze zmienione' : ''}
            </dd>
            <dt>Adres e-mail z formularza aktywacji</dt>
            <dd>{account.activationEmail ?? 'brak — nowe hasło tylko osobiście'}</dd>
            <dt>Ostatnie logowanie</dt>
            <dd>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : '—'}</dd>
          </dl>
          <h3>Nowe hasło startowe</h3>
          {deliveryError ? (
            <p class="field-error" id="pole-dostarczenie">
              {deliveryError}
            </p>
          ) : null}
          {account.activationEmail ? (
            <Form action={`/panel/konta/${account.id}/nowe-haslo`} csrfToken={ctx.csrfToken}>
              <input type="hidden" name="dostarczenie" value="email" />
              <button type="submit">Wyślij nowe hasło e-mailem na {account.activationEmail}</button>
            </Form>
          ) : null}
          <Form action={`/panel/konta/${account.id}/nowe-haslo`} csrfToken={ctx.csrfToken} class="form-narrow">
            <input type="hidden" name="dostarczenie" value="desk" />
            <DocumentTypeSelect errors={errors} selected={form.dokument} />
            <button type="submit" class="secondary">
              Wydaj nowe hasło osobiście
            </button>
          </Form>
        </section>
      ) : units.length > 0 ? (
        <section aria-labelledby="aktywuj" class="form-narrow">
          <h2 id="aktywuj">Załóż konto e-BOK</h2>
          <ol>
            <li>Sprawdź dowód tożsamości osoby (nie zapisujemy jego numeru).</li>
            <li>
              <a href={`${base}/formularz.pdf`}>Wydrukuj wypełniony formularz aktywacyjny</a> i poproś o podpis.
            </li>
            <li>Zapisz dane poniżej: system wygeneruje login i hasło startowe.</li>
          </ol>
          <Form action={base} csrfToken={ctx.csrfToken}>
            <DocumentTypeSelect errors={errors} selected={form.dokument} />
            <TextField
              name="email"
              label="Adres e-mail z formularza aktywacji"
              type="email"
              value={form.email ?? person.email ?? ''}
              hint="Na ten adres wyślemy nowe hasło, gdy osoba je zapomni. Bez adresu nowe hasło można wydać tylko w biurze."
              errors={errors}
            />
            <TextField
              name="telefon"
              label="Telefon"
              type="tel"
              value={form.telefon ?? person.phone ?? ''}
              errors={errors}
            />
            <div class={errors.some((e) => e.field === 'podpisany') ? 'field has-error' : 'field'} id="pole-podpisany">
              {errors.find((e) => e.field === 'podpisany') ? (
                <p class="field-error">{errors.find((e) => e.field === 'podpisany')?.message}</p>
              ) : null}
              <label class="checkbox">
                <input type="checkbox" name="podpisany" value="tak" checked={form.podpisany === 'tak'} /> Osoba
                podpisała formularz aktywacyjny
              </label>
            </div>
            <button type="submit">Załóż konto i wygeneruj hasło startowe</button>
          </Form>
        </section>
      ) : null}
      <p>
        <a href="/panel/aktywacja">« Aktywacja e-BOK</a>
      </p>
    </PortalLayout>
  );
}

/** Login and starting password, shown once, with the letter to print or download. */
export function CredentialsPage({
  ctx,
  name,
  login,
  password,
  expiresAt,
  letterDataUri,
  backHref,
}: {
  ctx: PageContext;
  name: string;
  login: string;
  password: string;
  expiresAt: Date;
  letterDataUri: string;
  backHref: string;
}) {
  return (
    <PortalLayout ctx={ctx} title="Dane do logowania">
      <h1>Dane do logowania: {name}</h1>
      <p class="notice">
        Przekaż osobie login i hasło startowe. Hasło jest pokazywane tylko teraz; przy pierwszym logowaniu trzeba je
        zmienić.
      </p>
      <dl>
        <dt>Login</dt>
        <dd class="secret">{login}</dd>
        <dt>Hasło startowe</dt>
        <dd class="secret">{password}</dd>
        <dt>Ważne do</dt>
        <dd>{formatDateTime(expiresAt)}</dd>
      </dl>
      <p class="actions">
        <a class="button" href={letterDataUri} download={`e-bok-${login}.pdf`}>
          Pobierz list z danymi logowania (PDF)
        </a>
        <a href={backHref}>Wróć</a>
      </p>
    </PortalLayout>
  );
}

export function RequestQueuePage({
  ctx,
  pending,
  waitingForEmail,
}: {
  ctx: PageContext;
  pending: Pick<ActivationRequest, 'id' | 'firstName' | 'lastName' | 'unitAddress' | 'email' | 'createdAt'>[];
  waitingForEmail: number;
}) {
  return (
    <PortalLayout ctx={ctx} title="Wnioski o dostęp do e-BOK">
      <h1>Wnioski o dostęp do e-BOK</h1>
      <p>
        Wnioski czekające na rozpatrzenie (adres e-mail potwierdzony). Wnioski bez potwierdzonego adresu:{' '}
        {waitingForEmail}. Skany wniosków bez potwierdzonego adresu są usuwane, gdy wygaśnie link (po {EMAIL_LINK_HOURS}{' '}
        godzinach), a pozostałych nierozpatrzonych — po {UNDECIDED_DAYS} dniach.
      </p>
      {pending.length === 0 ? (
        <p class="empty">Brak wniosków do rozpatrzenia.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Złożony</th>
                <th scope="col">Wnioskodawca</th>
                <th scope="col">Lokal</th>
                <th scope="col">E-mail</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>
                    <a href={`/panel/aktywacja/wnioski/${r.id}`}>
                      {r.lastName} {r.firstName}
                    </a>
                  </td>
                  <td>{r.unitAddress}</td>
                  <td>{r.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalLayout>
  );
}

const reasonLabels: Record<MatchReason, string> = {
  pesel: 'PESEL',
  address: 'adres lokalu',
  name: 'imię i nazwisko',
  search: 'wyszukiwanie',
};

export function RequestDetailPage({
  ctx,
  request,
  candidates,
  search,
  selected,
  rejectReason,
  errors = [],
}: {
  ctx: PageContext;
  request: ActivationRequest;
  candidates: Candidate[];
  search: string;
  /** The person chosen before a refused approval. */
  selected?: number | undefined;
  rejectReason?: string | undefined;
  errors?: FieldError[];
}) {
  const base = `/panel/aktywacja/wnioski/${request.id}`;
  const decided = request.status !== 'pending';
  // The best suggestion is chosen for the clerk; a person found only by a search is not.
  const best = candidates[0];
  const chosen = selected ?? (best?.reasons.some((r) => r !== 'search') ? best.person.id : undefined);
  return (
    <PortalLayout ctx={ctx} title={`Wniosek: ${request.firstName} ${request.lastName}`}>
      <h1>
        Wniosek: {request.firstName} {request.lastName}
      </h1>
      <ErrorSummary errors={errors} />
      <dl>
        <dt>Złożony</dt>
        <dd>{formatDateTime(request.createdAt)}</dd>
        <dt>PESEL</dt>
        <dd>{request.pesel ?? '—'}</dd>
        <dt>Adres lokalu</dt>
        <dd>{request.unitAddress}</dd>
        <dt>E-mail (potwierdzony)</dt>
        <dd>{request.email}</dd>
        <dt>Telefon</dt>
        <dd>{request.phone ?? '—'}</dd>
        <dt>Stan</dt>
        <dd>{requestStatusLabels[request.status]}</dd>
      </dl>
      {decided ? (
        <p class="notice">
          Wniosek rozpatrzony {request.decidedAt ? formatDateTime(request.decidedAt) : ''}
          {request.decisionReason ? `: ${request.decisionReason}` : ''}. Skany zostały usunięte.
        </p>
      ) : (
        <>
          <h2>Skany</h2>
          <ul>
            <li>
              <a href={`${base}/skan/formularz`} target="_blank" rel="noopener">
                Podpisany formularz aktywacyjny
              </a>
            </li>
            <li>
              <a href={`${base}/skan/dowod`} target="_blank" rel="noopener">
                Dowód tożsamości
              </a>
            </li>
          </ul>
          <section aria-labelledby="zatwierdz" class="form-narrow">
            <h2 id="zatwierdz">Zatwierdź: wybierz osobę z rejestru</h2>
            <p>
              Podpowiadamy osoby, które mają dziś prawo do lokalu i pasują do wniosku numerem PESEL, adresem lokalu lub
              imieniem i nazwiskiem. Jeśli właściwej osoby nie ma na liście, wyszukaj ją.
            </p>
            <form method="get" action={base} class="filters" aria-label="Szukaj osoby w rejestrze">
              <div class="field">
                <label for="pole-szukaj">Szukaj osoby z prawem do lokalu: nazwisko, cyfry PESEL lub adres lokalu</label>
                <input id="pole-szukaj" name="szukaj" type="search" value={search} maxLength={100} />
              </div>
              <button type="submit" class="secondary">
                Szukaj
              </button>
            </form>
            {candidates.length === 0 ? (
              <p class="empty">
                {search.trim()
                  ? `Nie znaleziono osób z prawem do lokalu dla „${search.trim()}”.`
                  : 'Brak podpowiedzi: żadna osoba z prawem do lokalu nie pasuje do wniosku.'}{' '}
                Wyszukaj osobę inaczej albo odrzuć wniosek z podaniem powodu.
              </p>
            ) : (
              <Form action={`${base}/zatwierdz`} csrfToken={ctx.csrfToken}>
                <input type="hidden" name="szukaj" value={search} />
                <fieldset id="pole-osoba">
                  <legend>Osoba z rejestru</legend>
                  {candidates.map(({ person, units, reasons }) => (
                    <label class="checkbox" key={person.id}>
                      <input type="radio" name="osoba" value={String(person.id)} checked={person.id === chosen} />{' '}
                      {person.lastName} {person.firstName}, PESEL {person.peselMasked}; lokale dziś:{' '}
                      {units.map(unitAddress).join('; ')}{' '}
                      <span class="hint">(zgodność: {reasons.map((r) => reasonLabels[r]).join(', ')})</span>
                    </label>
                  ))}
                </fieldset>
                <DocumentTypeSelect errors={errors} selected="dowód osobisty" />
                <button type="submit">Zatwierdź i wyślij login oraz hasło</button>
              </Form>
            )}
          </section>
          <section aria-labelledby="odrzuc" class="form-narrow">
            <h2 id="odrzuc">Odrzuć</h2>
            <Form action={`${base}/odrzuc`} csrfToken={ctx.csrfToken}>
              <TextArea
                name="powod"
                label="Powód (otrzyma go wnioskodawca)"
                value={rejectReason}
                rows={4}
                required
                errors={errors}
              />
              <button type="submit" class="danger">
                Odrzuć wniosek
              </button>
            </Form>
          </section>
        </>
      )}
      <p>
        <a href="/panel/aktywacja/wnioski">« Wnioski</a>
      </p>
    </PortalLayout>
  );
}
