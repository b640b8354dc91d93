import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { unitAddress as formatUnitAddress, withPlace } from '../../../lib/address.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { can } from '../../../policy.ts';
import { documentTypes } from '../../accounts/identity.ts';
import type { Account } from '../../accounts/queries.ts';
import type { MemberUnit, Person } from '../../units/person-lookup.ts';
import type { DeskSearchResult } from '../desk-search.ts';

export function unitAddress(
  unit: Pick<MemberUnit, 'street' | 'buildingNumber' | 'number' | 'postcode' | 'city'>,
): string {
  return withPlace(formatUnitAddress(unit), unit);
}

/** The kind of document an identity was checked with (never its number). */
export function DocumentTypeSelect({ errors, selected }: { errors: FieldError[]; selected?: string | undefined }) {
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
  persons: DeskSearchResult[] | undefined;
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
          <label for="pole-q">Osoba: nazwisko, adres lokalu, login, e-mail lub końcówka PESEL</label>
          <p class="hint" id="pole-q-podpowiedz">
            Np. „Kowalska”, „Paderewskiego 65/12”, „pkowalczyk” albo „1359”.
          </p>
          <input
            id="pole-q"
            name="q"
            type="search"
            value={query}
            maxLength={100}
            aria-describedby="pole-q-podpowiedz"
          />
        </div>
        <button type="submit">Szukaj</button>
      </form>
      {persons === undefined ? null : persons.length === 0 ? (
        <p class="empty">Nie znaleziono osób.</p>
      ) : (
        <DeskSearchResults results={persons} canConsents={can(ctx.account, 'consents.manage')} />
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

/** What the search found: who, where they live, their e-BOK account, and what to do next. */
function DeskSearchResults({ results, canConsents }: { results: DeskSearchResult[]; canConsents: boolean }) {
  return (
    <ul class="person-results">
      {results.map(({ person, units, account }) => (
        <li key={person.id}>
          <h3>
            <a href={`/panel/aktywacja/osoba/${person.id}`}>
              {person.lastName} {person.firstName}
            </a>
          </h3>
          <p>
            {units.length === 0 ? 'Nie ma dziś prawa do lokalu.' : units.map((unit) => unitAddress(unit)).join('; ')}
            {person.peselMasked ? <> · PESEL {person.peselMasked}</> : null}
            {person.email ? <> · {person.email}</> : null}
          </p>
          <p>
            e-BOK:{' '}
            {account ? (
              <>
                login <strong>{account.login}</strong>
                {account.status === 'disabled'
                  ? ' (konto wyłączone)'
                  : account.locked
                    ? ' (zablokowane po błędach)'
                    : ''}
                {account.mustChangePassword ? ', hasło startowe jeszcze nie zmienione' : ''}
              </>
            ) : (
              <strong>brak konta</strong>
            )}
          </p>
          <p class="row-actions">
            {account ? (
              <a href={`/panel/aktywacja/osoba/${person.id}#konto`}>Nowe hasło</a>
            ) : units.length > 0 ? (
              <a href={`/panel/aktywacja/osoba/${person.id}#aktywuj`}>Załóż konto e-BOK</a>
            ) : null}
            {canConsents ? <a href={`/panel/korespondencja/zgody/${person.id}`}>Zgoda na e-korespondencję</a> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
