import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, FileField, Form, Notice, SelectField, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { DocumentText } from '../../documents/texts.ts';
import { type Consent, consentMethodLabels, consentStateLabels, currentOf } from '../consents.ts';
import type { ConsentScan } from '../scans.ts';
import { Declaration, scanHint, scanTypes } from './declaration.tsx';

function ConsentStatus({ history }: { history: Consent[] }) {
  const current = currentOf(history);
  if (!current) return <p>Brak zgody na korespondencję elektroniczną — listy są wysyłane pocztą tradycyjną.</p>;
  if (current.state === 'pending')
    return (
      <p>
        Zgoda na adres <strong>{current.email}</strong> czeka na potwierdzenie: kliknij link z wiadomości wysłanej na
        ten adres (ważny 48 godzin). Do tego czasu listy są wysyłane pocztą tradycyjną.
      </p>
    );
  return (
    <p>
      Zgoda obowiązuje: listy otrzymujesz e-mailem na adres <strong>{current.email}</strong> (potwierdzony{' '}
      {current.addressConfirmedAt ? formatDateTime(current.addressConfirmedAt) : ''}).
    </p>
  );
}

function HistoryTable({ history }: { history: Consent[] }) {
  if (history.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>Historia zgód</caption>
        <thead>
          <tr>
            <th scope="col">Złożona</th>
            <th scope="col">Sposób</th>
            <th scope="col">Adres e-mail</th>
            <th scope="col">Wersja oświadczenia</th>
            <th scope="col">Stan</th>
            <th scope="col">Zarejestrował(a)</th>
          </tr>
        </thead>
        <tbody>
          {history.map((c) => (
            <tr key={c.id}>
              <td>{formatDateTime(c.recordedAt)}</td>
              <td>{consentMethodLabels[c.method]}</td>
              <td>{c.email}</td>
              <td>{c.textVersion}</td>
              <td>
                {consentStateLabels[c.state]}
                {c.withdrawnAt
                  ? ` (${formatDateTime(c.withdrawnAt)}, ${c.withdrawnMethod === 'desk' ? 'w biurze' : 'online'})`
                  : ''}
              </td>
              <td>{c.recordedByLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// e-BOK ---------------------------------------------------------------------------------------

export function MemberConsentPage({
  ctx,
  history,
  declaration,
  email,
  errors = [],
  notice,
  scans,
}: {
  ctx: PageContext;
  history: Consent[];
  declaration: DocumentText;
  email: string;
  errors?: FieldError[];
  notice?: string | undefined;
  scans: ConsentScan[];
}) {
  const current = currentOf(history);
  const waitingScan = scans.find((s) => s.state === 'pending');
  const rejected = scans.filter((s) => s.state === 'rejected').at(-1);
  return (
    <PortalLayout ctx={ctx} title="Zgoda na korespondencję elektroniczną">
      <h1>Zgoda na korespondencję elektroniczną</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <ConsentStatus history={history} />
      {current ? (
        <Form action="/ebok/korespondencja/zgoda/wycofaj" csrfToken={ctx.csrfToken}>
          <button type="submit" class="danger">
            Wycofaj zgodę
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="oswiadczenie">
        <h2 id="oswiadczenie">Oświadczenie (wersja {declaration.version})</h2>
        <Declaration text={declaration} />
        <p>
          <a href="/dokumenty/oswiadczenie-korespondencja-elektroniczna.pdf">Pobierz oświadczenie (PDF)</a>
        </p>
      </section>
      <section aria-labelledby="online">
        <h2 id="online">Wyrażam zgodę online</h2>
        <Form action="/ebok/korespondencja/zgoda" csrfToken={ctx.csrfToken} class="form-narrow">
          <TextField
            name="email"
            label="Adres e-mail do korespondencji"
            type="email"
            value={email}
            errors={errors}
            required
            autocomplete="email"
          />
          <div class={errors.some((e) => e.field === 'accept') ? 'field has-error' : 'field'}>
            <input type="checkbox" id="pole-accept" name="accept" value="tak" />{' '}
            <label for="pole-accept">Potwierdzam zapoznanie się z oświadczeniem i wyrażam zgodę na jego treść.</label>
          </div>
          <p class="hint">Wyślemy link na podany adres; zgoda zacznie obowiązywać po jego kliknięciu.</p>
          <button type="submit">Wyrażam zgodę</button>
        </Form>
      </section>
      <section aria-labelledby="skan">
        <h2 id="skan">Albo prześlij skan podpisanego oświadczenia</h2>
        {waitingScan ? (
          <p>Skan przesłany {formatDateTime(waitingScan.createdAt)} czeka na sprawdzenie przez biuro.</p>
        ) : null}
        {rejected ? <p>Ostatni skan odrzucono: {rejected.reason}</p> : null}
        <form
          method="post"
          action="/ebok/korespondencja/zgoda/skan"
          enctype="multipart/form-data"
          class="form-narrow"
          noValidate
        >
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <TextField
            name="scanEmail"
            label="Adres e-mail z oświadczenia"
            type="email"
            value={email}
            errors={errors}
            required
          />
          <FileField name="file" label="Skan" hint={scanHint} errors={errors} accept={scanTypes} />
          <button type="submit">Prześlij skan</button>
        </form>
      </section>
      <HistoryTable history={history} />
    </PortalLayout>
  );
}

export function ConfirmPage({
  ctx,
  state,
  email,
  csrfToken,
  action,
}: {
  ctx: PageContext;
  state: 'ask' | 'confirmed' | 'expired' | 'invalid';
  email?: string | undefined;
  csrfToken: string;
  action: string;
}) {
  return (
    <PortalLayout ctx={ctx} title="Potwierdzenie adresu e-mail" fullNav={false}>
      <h1>Potwierdzenie adresu e-mail</h1>
      {state === 'ask' ? (
        <>
          <p>
            Potwierdź, że na adres <strong>{email}</strong> ma przychodzić korespondencja, którą wysyła{' '}
            {ctx.organization.name}.
          </p>
          <Form action={action} csrfToken={csrfToken}>
            <button type="submit">Potwierdzam adres e-mail</button>
          </Form>
        </>
      ) : state === 'confirmed' ? (
        <p class="notice" role="status">
          Dziękujemy. Adres <strong>{email}</strong> został potwierdzony — zgoda na korespondencję elektroniczną
          obowiązuje.
        </p>
      ) : state === 'expired' ? (
        <p>Link wygasł (działa 48 godzin). Złóż zgodę ponownie w e-BOK lub w biurze spółdzielni.</p>
      ) : (
        <p>Ten link jest nieprawidłowy albo został już użyty.</p>
      )}
    </PortalLayout>
  );
}

// Back office -------------------------------------------------------------------------------

export function ConsentsPage({
  ctx,
  query,
  persons,
}: {
  ctx: PageContext;
  query: string;
  persons: { id: number; firstName: string; lastName: string; email: string | null }[];
}) {
  return (
    <PortalLayout ctx={ctx} title="Zgody na korespondencję">
      <p class="breadcrumbs">
        <a href="/panel/korespondencja">Korespondencja</a>
      </p>
      <h1>Zgody na korespondencję elektroniczną</h1>
      <form method="get" action="/panel/korespondencja/zgody" class="search-page-form">
        <TextField
          name="q"
          label="Szukaj osoby (nazwisko, e-mail, końcówka PESEL)"
          type="search"
          value={query}
          required
        />
        <button type="submit">Szukaj</button>
      </form>
      {query && persons.length === 0 ? <p class="empty">Nie znaleziono osób.</p> : null}
      <ul>
        {persons.map((p) => (
          <li key={p.id}>
            <a href={`/panel/korespondencja/zgody/${p.id}`}>
              {p.lastName} {p.firstName}
            </a>{' '}
            {p.email ? <span class="meta">{p.email}</span> : null}
          </li>
        ))}
      </ul>
    </PortalLayout>
  );
}

export function PersonConsentPage({
  ctx,
  person,
  history,
  declaration,
  email,
  method = 'desk',
  errors = [],
  notice,
}: {
  ctx: PageContext;
  person: { id: number; firstName: string; lastName: string };
  method?: string | undefined;
  history: Consent[];
  declaration: DocumentText;
  email: string;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const base = `/panel/korespondencja/zgody/${person.id}`;
  return (
    <PortalLayout ctx={ctx} title="Zgoda na korespondencję">
      <p class="breadcrumbs">
        <a href="/panel/korespondencja/zgody">Zgody</a>
      </p>
      <h1>
        {person.firstName} {person.lastName}: zgoda na korespondencję elektroniczną
      </h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <ConsentStatus history={history} />
      {currentOf(history) ? (
        <Form action={`${base}/wycofaj`} csrfToken={ctx.csrfToken}>
          <button type="submit" class="danger">
            Zarejestruj wycofanie zgody (w biurze)
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="biuro">
        <h2 id="biuro">Rejestracja podpisanego oświadczenia</h2>
        <p class="hint">
          Oświadczenie w wersji {declaration.version}. Na podany adres wyślemy link potwierdzający; zgoda zacznie
          obowiązywać po jego kliknięciu (także przy okienku, na telefonie osoby).
        </p>
        <Form action={base} csrfToken={ctx.csrfToken} class="form-narrow">
          <SelectField
            name="method"
            label="Jak złożono oświadczenie"
            options={[
              ['desk', 'podpisane w biurze (tożsamość sprawdzona na dowodzie osobistym)'],
              ['scan', 'skan przesłany zdalnie (e-mailem lub pocztą, ze skanem dowodu osobistego)'],
            ]}
            value={method}
            errors={errors}
          />
          <TextField
            name="email"
            label="Adres e-mail z oświadczenia"
            type="email"
            value={email}
            errors={errors}
            required
          />
          <button type="submit">Zarejestruj oświadczenie</button>
        </Form>
      </section>
      <HistoryTable history={history} />
    </PortalLayout>
  );
}
