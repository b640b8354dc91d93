import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { LOGIN_MAX_LENGTH } from '../sign-in.ts';

export interface SignInFormProps {
  action: string;
  csrfToken: string;
  login?: string | undefined;
  next?: string | undefined;
  errors?: FieldError[];
  /** A notice shown above the form, e.g. after signing out. */
  notice?: string | undefined;
}

export function SignInForm({ action, csrfToken, login, next, errors = [], notice }: SignInFormProps) {
  const staff = action.startsWith('/panel/');
  return (
    <section aria-labelledby="logowanie" class="form-narrow">
      <h2 id="logowanie">Logowanie</h2>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form action={action} csrfToken={csrfToken}>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField
          name="login"
          label="Login"
          value={login}
          autocomplete="username"
          required
          maxLength={LOGIN_MAX_LENGTH}
          errors={errors}
          autofocus={errors.length > 0}
        />
        <TextField
          name="haslo"
          label="Hasło"
          type="password"
          autocomplete="current-password"
          required
          errors={errors}
        />
        <div class="actions">
          <button type="submit">Zaloguj się</button>
        </div>
      </Form>
      <p class="hint">
        Po pięciu nieudanych próbach każda kolejna jest przez pewien czas odrzucana, nawet z poprawnym hasłem, a czas
        oczekiwania rośnie z każdym błędem (30 s, 1, 2, 4, 8 min); po dziesięciu konto jest blokowane na 15 minut.{' '}
        {staff
          ? 'Jeśli nie pamiętasz hasła, nie masz telefonu z aplikacją do kodów albo konto jest zablokowane, zwróć się do administratora systemu w Spółdzielni: odblokuje konto lub nada nowe dane logowania.'
          : 'Jeśli nie pamiętasz hasła, zwróć się do Spółdzielni: nowe hasło zostanie wysłane na adres e-mail podany w formularzu aktywacyjnym.'}
      </p>
      {staff ? null : (
        <ul>
          <li>
            <a href="/ebok/nie-pamietam-hasla">Nie pamiętam hasła</a>
          </li>
          <li>
            <a href="/ebok/aktywacja">Nie masz konta? Złóż wniosek zdalnie</a> (albo przyjdź do biura z dowodem
            osobistym)
          </li>
          <li>
            <a href="/dokumenty/regulamin-ebok.pdf">Regulamin usługi e-BOK (PDF)</a> ·{' '}
            <a href="/dokumenty/formularz-aktywacji-ebok.pdf">Formularz aktywacji (PDF)</a>
          </li>
        </ul>
      )}
    </section>
  );
}

export function PanelSignInPage({
  ctx,
  ...form
}: { ctx: PageContext } & Omit<SignInFormProps, 'action' | 'csrfToken'>) {
  return (
    <PortalLayout ctx={ctx} title="Panel pracownika — logowanie" skipToSignIn>
      <h1>Panel pracownika</h1>
      <SignInForm action="/panel/logowanie" csrfToken={ctx.csrfToken} {...form} />
    </PortalLayout>
  );
}

export function SecondFactorPage({
  ctx,
  action,
  errors = [],
}: {
  ctx: PageContext;
  action: string;
  errors?: FieldError[];
}) {
  return (
    <PortalLayout ctx={ctx} title="Weryfikacja dwuetapowa" fullNav={false}>
      <h1>Weryfikacja dwuetapowa</h1>
      <div class="form-narrow">
        <p>Wpisz 6-cyfrowy kod z aplikacji uwierzytelniającej (np. Google Authenticator, Microsoft Authenticator).</p>
        <ErrorSummary errors={errors} />
        <Form action={action} csrfToken={ctx.csrfToken}>
          <TextField
            name="kod"
            label="Kod weryfikacyjny"
            hint="Nie masz telefonu? Wpisz jeden z kodów odzyskiwania, np. abcde-fghjk."
            autocomplete="one-time-code"
            inputMode="numeric"
            required
            maxLength={20}
            errors={errors}
            autofocus
          />
          <div class="actions">
            <button type="submit">Potwierdź</button>
          </div>
        </Form>
      </div>
    </PortalLayout>
  );
}
