import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Account } from '../queries.ts';
import { staffRoles } from '../schema.ts';
import { roleLabels } from '../staff.ts';

function StatusBadges({ account, now }: { account: Account; now: Date }) {
  return (
    <>
      {account.status === 'disabled' ? (
        <span class="badge warn">wyłączone</span>
      ) : (
        <span class="badge ok">aktywne</span>
      )}{' '}
      {account.lockedUntil && account.lockedUntil > now ? (
        <span class="badge warn">zablokowane do {formatDateTime(account.lockedUntil)}</span>
      ) : null}{' '}
      {account.mustChangePassword ? <span class="badge">hasło startowe</span> : null}{' '}
      {account.totpEnabledAt ? null : <span class="badge">bez 2FA</span>}
    </>
  );
}

function RoleCheckboxes({ selected, errors = [] }: { selected: readonly string[]; errors?: FieldError[] }) {
  const error = errors.find((e) => e.field === 'roles')?.message;
  return (
    <fieldset id="pole-roles" class={error ? 'has-error' : undefined}>
      <legend>Role</legend>
      {error ? <p class="field-error">{error}</p> : null}
      {staffRoles.map((role) => (
        <label class="checkbox" key={role}>
          <input type="checkbox" name="roles" value={role} checked={selected.includes(role)} /> {roleLabels[role]}
        </label>
      ))}
    </fieldset>
  );
}

export interface NewStaffForm {
  login?: string;
  displayName?: string;
  email?: string;
  roles?: string[];
}

export function StaffListPage({
  ctx,
  staff,
  now,
  form = {},
  errors = [],
}: {
  ctx: PageContext;
  staff: Account[];
  now: Date;
  form?: NewStaffForm;
  errors?: FieldError[];
}) {
  return (
    <PortalLayout ctx={ctx} title="Pracownicy">
      <h1>Pracownicy</h1>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Login</th>
              <th scope="col">Imię i nazwisko</th>
              <th scope="col">Role</th>
              <th scope="col">Stan</th>
              <th scope="col">Ostatnie logowanie</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((account) => (
              <tr key={account.id}>
                <td>
                  <a href={`/panel/pracownicy/${account.id}`}>{account.login}</a>
                </td>
                <td>{account.displayName}</td>
                <td>{account.roles.map((r) => roleLabels[r]).join(', ')}</td>
                <td>
                  <StatusBadges account={account} now={now} />
                </td>
                <td>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="nowy" class="form-narrow">
        <h2 id="nowy">Dodaj pracownika</h2>
        <p>
          System wygeneruje hasło startowe, które zobaczysz tylko raz. Przy pierwszym logowaniu pracownik ustawi własne
          hasło i skonfiguruje weryfikację dwuetapową.
        </p>
        <ErrorSummary errors={errors} />
        <Form action="/panel/pracownicy" csrfToken={ctx.csrfToken}>
          <TextField
            name="login"
            label="Login"
            value={form.login}
            required
            maxLength={100}
            errors={errors}
            autocomplete="off"
          />
          <TextField name="displayName" label="Imię i nazwisko" value={form.displayName} required errors={errors} />
          <TextField name="email" label="Adres e-mail" type="email" value={form.email} errors={errors} />
          <RoleCheckboxes selected={form.roles ?? []} errors={errors} />
          <button type="submit">Dodaj pracownika</button>
        </Form>
      </section>
    </PortalLayout>
  );
}

export function TemporaryPasswordPage({
  ctx,
  account,
  password,
  expiresAt,
}: {
  ctx: PageContext;
  account: Account;
  password: string;
  expiresAt: Date;
}) {
  return (
    <PortalLayout ctx={ctx} title="Hasło startowe">
      <h1>Konto utworzone: {account.login}</h1>
      <p>Przekaż pracownikowi login i hasło startowe. Hasło jest pokazywane tylko teraz.</p>
      <dl>
        <dt>Login</dt>
        <dd class="secret">{account.login}</dd>
        <dt>Hasło startowe</dt>
        <dd class="secret">{password}</dd>
        <dt>Ważne do</dt>
        <dd>{formatDateTime(expiresAt)}</dd>
      </dl>
      <p>
        <a href={`/panel/pracownicy/${account.id}`}>Przejdź do konta pracownika</a>
      </p>
    </PortalLayout>
  );
}

export function StaffDetailPage({
  ctx,
  account,
  now,
  errors = [],
  notice,
}: {
  ctx: PageContext;
  account: Account;
  now: Date;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const base = `/panel/pracownicy/${account.id}`;
  const locked = account.lockedUntil !== null && account.lockedUntil > now;
  return (
    <PortalLayout ctx={ctx} title={`Pracownik ${account.login}`}>
      <h1>
        {account.displayName} <span class="meta">({account.login})</span>
      </h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <p>
        <StatusBadges account={account} now={now} />
      </p>
      <dl>
        <dt>Adres e-mail</dt>
        <dd>{account.activationEmail ?? '—'}</dd>
        <dt>Nieudane próby logowania od ostatniego udanego</dt>
        <dd>{account.failedAttempts}</dd>
        <dt>Ostatnie logowanie</dt>
        <dd>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : '—'}</dd>
        <dt>Utworzono</dt>
        <dd>{formatDateTime(account.createdAt)}</dd>
      </dl>
      <section aria-labelledby="role" class="form-narrow">
        <h2 id="role">Role</h2>
        <Form action={`${base}/role`} csrfToken={ctx.csrfToken}>
          <RoleCheckboxes selected={account.roles} errors={errors} />
          <button type="submit">Zapisz role</button>
        </Form>
      </section>
      <section aria-labelledby="dzialania">
        <h2 id="dzialania">Działania</h2>
        <div class="actions">
          {locked ? (
            <Form action={`${base}/odblokuj`} csrfToken={ctx.csrfToken} class="inline-form">
              <button type="submit">Odblokuj logowanie</button>
            </Form>
          ) : null}
          {account.totpEnabledAt ? (
            <Form action={`${base}/reset-2fa`} csrfToken={ctx.csrfToken} class="inline-form">
              <button type="submit" class="secondary">
                Zresetuj weryfikację dwuetapową
              </button>
            </Form>
          ) : null}
          {account.status === 'active' ? (
            <Form action={`${base}/wylacz`} csrfToken={ctx.csrfToken} class="inline-form">
              <button type="submit" class="danger">
                Wyłącz konto
              </button>
            </Form>
          ) : (
            <Form action={`${base}/wlacz`} csrfToken={ctx.csrfToken} class="inline-form">
              <button type="submit">Włącz konto</button>
            </Form>
          )}
        </div>
      </section>
      <p>
        <a href={`/panel/dziennik?konto=${account.id}`}>Zdarzenia tego konta w dzienniku</a> ·{' '}
        <a href="/panel/pracownicy">« Wszyscy pracownicy</a>
      </p>
    </PortalLayout>
  );
}
