import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, NewPasswordField, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { type AuditEntry, describeAuditAction } from '../../audit/audit.ts';
import { minimumPasswordLength, passwordWords } from '../password-policy.ts';
import type { Account, Session } from '../queries.ts';

export function ChangePasswordPage({
  ctx,
  account,
  action,
  forced,
  errors = [],
  notice,
}: {
  ctx: PageContext;
  /** The signed-in account: its password rules and what the strength hint counts as guessable. */
  account: Account;
  action: string;
  forced: boolean;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const minimum = minimumPasswordLength(account.totpEnabledAt !== null);
  return (
    <PortalLayout ctx={ctx} title={forced ? 'Ustaw nowe hasło' : 'Zmiana hasła'} fullNav={!forced}>
      <h1>{forced ? 'Ustaw nowe hasło' : 'Zmiana hasła'}</h1>
      <div class="form-narrow">
        {forced ? (
          <p class="notice">
            Zalogowano hasłem startowym. Zanim przejdziesz dalej, ustaw własne hasło — dzięki temu nikt poza Tobą nie
            będzie miał dostępu do Twoich danych. Hasło startowe działa tylko przy jednym logowaniu: jeśli teraz
            przerwiesz, o nowe trzeba będzie poprosić Spółdzielnię.
          </p>
        ) : null}
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <ErrorSummary errors={errors} />
        <Form action={action} csrfToken={ctx.csrfToken}>
          {forced ? null : (
            <TextField
              name="obecne"
              label="Obecne hasło"
              type="password"
              autocomplete="current-password"
              required
              errors={errors}
            />
          )}
          <NewPasswordField minimum={minimum} words={passwordWords(account)} errors={errors} />
          <TextField
            name="powtorzone"
            label="Powtórz nowe hasło"
            type="password"
            autocomplete="new-password"
            required
            errors={errors}
          />
          <div class="actions">
            <button type="submit">Zapisz nowe hasło</button>
          </div>
        </Form>
      </div>
    </PortalLayout>
  );
}

/** What a member typed into the contact forms of their account page. */
export interface ContactForm {
  email?: string;
  telefon?: string;
}

export function AccountPage({
  ctx,
  account,
  section,
  unusedRecoveryCodes,
  form = {},
  errors = [],
  notice,
}: {
  ctx: PageContext;
  /** The signed-in account. */
  account: Account;
  section: '/ebok' | '/panel';
  unusedRecoveryCodes: number;
  /** Typed values of a refused change, shown again. */
  form?: ContactForm;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Moje konto">
      <h1>Moje konto</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl>
        <dt>Login</dt>
        <dd>{account.login}</dd>
        {account.activationEmail ? (
          <>
            <dt>Adres e-mail</dt>
            <dd>{account.activationEmail}</dd>
          </>
        ) : null}
        <dt>Ostatnie logowanie</dt>
        <dd>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : '—'}</dd>
        <dt>Weryfikacja dwuetapowa</dt>
        <dd>
          {account.totpEnabledAt ? <span class="badge ok">włączona</span> : <span class="badge">wyłączona</span>}
          {account.totpEnabledAt ? ` (pozostało kodów odzyskiwania: ${unusedRecoveryCodes})` : null}
        </dd>
      </dl>
      <ul>
        <li>
          <a href={`${section}/konto/haslo`}>Zmień hasło</a>
        </li>
        {account.totpEnabledAt ? null : (
          <li>
            <a href={`${section}/konto/weryfikacja-dwuetapowa`}>Włącz weryfikację dwuetapową</a>
          </li>
        )}
        <li>
          <a href={`${section}/konto/sesje`}>Aktywne sesje</a>
        </li>
        <li>
          <a href={`${section}/konto/historia`}>Historia logowań i zmian konta</a>
        </li>
      </ul>
      {account.kind === 'member' ? (
        <section aria-labelledby="kontakt" class="form-narrow">
          <h2 id="kontakt">Dane kontaktowe</h2>
          <Form action="/ebok/konto/email" csrfToken={ctx.csrfToken}>
            <TextField
              name="email"
              label="Nowy adres e-mail"
              type="email"
              autocomplete="email"
              value={form.email}
              hint="Na ten adres wysyłamy nowe hasła. Zmiana nastąpi po potwierdzeniu jej linkiem wysłanym na nowy adres; poprzedni adres dostanie powiadomienie."
              required
              errors={errors}
            />
            <button type="submit">Zmień adres e-mail</button>
          </Form>
          <Form action="/ebok/konto/telefon" csrfToken={ctx.csrfToken}>
            <TextField
              name="telefon"
              label="Telefon"
              type="tel"
              value={form.telefon ?? account.phone ?? ''}
              autocomplete="tel"
              errors={errors}
            />
            <button type="submit">Zapisz telefon</button>
          </Form>
        </section>
      ) : null}
      {account.totpEnabledAt && account.kind === 'member' ? (
        <section aria-labelledby="wylacz-2fa" class="form-narrow">
          <h2 id="wylacz-2fa">Wyłącz weryfikację dwuetapową</h2>
          <Form action={`${section}/konto/weryfikacja-dwuetapowa/wylacz`} csrfToken={ctx.csrfToken}>
            <TextField
              name="haslo"
              label="Hasło (potwierdzenie)"
              type="password"
              autocomplete="current-password"
              required
              errors={errors}
            />
            <button type="submit" class="danger">
              Wyłącz
            </button>
          </Form>
        </section>
      ) : null}
    </PortalLayout>
  );
}

export function SessionsPage({
  ctx,
  section,
  sessions,
  currentId,
  notice,
}: {
  ctx: PageContext;
  section: '/ebok' | '/panel';
  sessions: Session[];
  currentId: string;
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Aktywne sesje">
      <h1>Aktywne sesje</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        Miejsca, w których Twoje konto jest teraz zalogowane. Jeśli którejś nie rozpoznajesz, wyloguj pozostałe sesje i
        zmień hasło.
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Aktywne sesje</caption>
          <thead>
            <tr>
              <th scope="col">Zalogowano</th>
              <th scope="col">Ostatnia aktywność</th>
              <th scope="col">Adres IP</th>
              <th scope="col">Przeglądarka</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  {formatDateTime(session.createdAt)}{' '}
                  {session.id === currentId ? <span class="badge ok">ta sesja</span> : null}
                </td>
                <td>{formatDateTime(session.lastSeenAt)}</td>
                <td>{session.ip ?? '—'}</td>
                <td>{session.userAgent ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.length > 1 ? (
        <Form action={`${section}/konto/sesje/wyloguj-pozostale`} csrfToken={ctx.csrfToken} class="actions">
          <button type="submit">Wyloguj wszystkie pozostałe sesje</button>
        </Form>
      ) : null}
    </PortalLayout>
  );
}

export function AuditTable({
  entries,
  showActor,
  showSubject,
}: {
  entries: AuditEntry[];
  showActor?: (entry: AuditEntry) => ComponentChildren;
  /** What each entry is about (staff's log; a member's history is all about their own account). */
  showSubject?: (entry: AuditEntry) => ComponentChildren;
}) {
  if (entries.length === 0) return <p class="empty">Brak wpisów.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Kiedy</th>
            <th scope="col">Zdarzenie</th>
            {showActor ? <th scope="col">Kto</th> : null}
            {showSubject ? <th scope="col">Czego dotyczy</th> : null}
            <th scope="col">Adres IP</th>
            <th scope="col">Szczegóły</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.createdAt)}</td>
              <td>{describeAuditAction(entry.action)}</td>
              {showActor ? <td>{showActor(entry)}</td> : null}
              {showSubject ? <td>{showSubject(entry)}</td> : null}
              <td>{entry.ip ?? '—'}</td>
              <td>
                <code>{entry.detail ? JSON.stringify(entry.detail) : ''}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HistoryPage({ ctx, entries }: { ctx: PageContext; entries: AuditEntry[] }) {
  return (
    <PortalLayout ctx={ctx} title="Historia konta">
      <h1>Historia logowań i zmian konta</h1>
      <p>Ostatnie zdarzenia dotyczące Twojego konta: kto i kiedy się logował oraz jakie zmiany wprowadzono.</p>
      <AuditTable entries={entries} />
    </PortalLayout>
  );
}
