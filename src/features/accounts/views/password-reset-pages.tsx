import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, NewPasswordField, Notice, TextField } from '../../../http/forms.tsx';
import { Layout } from '../../../http/layout.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Organization } from '../../organizations/queries.ts';
import { minimumPasswordLength, passwordWords } from '../password-policy.ts';
import type { Account } from '../queries.ts';
import type { ResetRequest } from '../reset-requests.ts';

export function ForgotPasswordPage({
  organization,
  csrfToken,
  typed,
  errors = [],
}: {
  organization: Organization;
  csrfToken: string;
  typed?: string | undefined;
  errors?: FieldError[];
}) {
  return (
    <Layout title="Nie pamiętam hasła" organization={organization} path="/ebok">
      <h1>Nie pamiętam hasła</h1>
      <div class="form-narrow">
        <p>
          Podaj login albo adres e-mail podany we wniosku o e-BOK. Spółdzielnia wygeneruje nowe hasło startowe i wyśle
          je na adres e-mail z formularza aktywacyjnego. Jeśli takiego adresu nie podano, nowe hasło można odebrać tylko
          osobiście w biurze (z dowodem osobistym).
        </p>
        <ErrorSummary errors={errors} />
        <Form action="/ebok/nie-pamietam-hasla" csrfToken={csrfToken}>
          <TextField
            name="login"
            label="Login lub adres e-mail"
            value={typed}
            required
            maxLength={254}
            errors={errors}
          />
          <button type="submit">Poproś o nowe hasło</button>
        </Form>
      </div>
    </Layout>
  );
}

export function SelfResetPage({
  organization,
  csrfToken,
  action,
  account,
  errors = [],
}: {
  organization: Organization;
  csrfToken: string;
  action: string;
  /** The account behind the link: its password rules and what the strength hint counts as guessable. */
  account: Account;
  errors?: FieldError[];
}) {
  return (
    <Layout title="Ustaw nowe hasło" organization={organization} path="/ebok">
      <h1>Ustaw nowe hasło</h1>
      <div class="form-narrow">
        <ErrorSummary errors={errors} />
        <Form action={action} csrfToken={csrfToken}>
          <NewPasswordField
            minimum={minimumPasswordLength(account.totpEnabledAt !== null)}
            words={passwordWords(account)}
            errors={errors}
          />
          <TextField
            name="powtorzone"
            label="Powtórz nowe hasło"
            type="password"
            autocomplete="new-password"
            required
            errors={errors}
          />
          <button type="submit">Zapisz nowe hasło</button>
        </Form>
      </div>
    </Layout>
  );
}

/** The staff's queue of "I forgot my password" requests (/panel/hasla). */
export function ResetQueuePage({
  ctx,
  requests,
  errors = [],
  notice,
}: {
  ctx: PageContext;
  requests: { request: Pick<ResetRequest, 'id' | 'typed' | 'createdAt'>; account: Account | null }[];
  /** Why an answer to a request was refused. */
  errors?: FieldError[];
  /** What the last answer did. */
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Prośby o nowe hasło">
      <h1>Prośby o nowe hasło</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      {requests.length === 0 ? (
        <p class="empty">Brak oczekujących próśb.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Kiedy</th>
                <th scope="col">Wpisano</th>
                <th scope="col">Konto</th>
                <th scope="col">Działanie</th>
              </tr>
            </thead>
            <tbody>
              {requests.map(({ request, account }) => (
                <tr key={request.id}>
                  <td>{formatDateTime(request.createdAt)}</td>
                  <td>{request.typed}</td>
                  <td>
                    {account
                      ? `${account.login} (${account.displayName})${account.activationEmail ? '' : ' — brak adresu e-mail: tylko osobiście'}`
                      : 'nie znaleziono konta'}
                  </td>
                  <td>
                    <div class="actions">
                      {account?.activationEmail ? (
                        <Form
                          action={`/panel/hasla/${request.id}/wyslij`}
                          csrfToken={ctx.csrfToken}
                          class="inline-form"
                        >
                          <button type="submit" class="small">
                            Wyślij nowe hasło na {account.activationEmail}
                          </button>
                        </Form>
                      ) : null}
                      <Form action={`/panel/hasla/${request.id}/zamknij`} csrfToken={ctx.csrfToken} class="inline-form">
                        <button type="submit" class="secondary small">
                          Zamknij bez zmiany
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalLayout>
  );
}
