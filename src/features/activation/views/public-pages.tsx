import type { FieldError } from '../../../errors.ts';
import { CsrfField, ErrorSummary, TextField } from '../../../http/forms.tsx';
import { Layout } from '../../../http/layout.tsx';
import type { Organization } from '../../organizations/queries.ts';
import type { ApplicationForm } from '../remote.ts';

function FileField({ name, label, hint, errors }: { name: string; label: string; hint: string; errors: FieldError[] }) {
  const error = errors.find((e) => e.field === name)?.message;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`pole-${name}`}>{label}</label>
      <p class="hint">{hint}</p>
      {error ? <p class="field-error">{error}</p> : null}
      <input id={`pole-${name}`} name={name} type="file" accept="application/pdf,image/jpeg,image/png" />
    </div>
  );
}

export function RemoteApplicationPage({
  organization,
  csrfToken,
  form = {},
  errors = [],
}: {
  organization: Organization;
  csrfToken: string;
  form?: Partial<ApplicationForm>;
  errors?: FieldError[];
}) {
  return (
    <Layout title="Wniosek o dostęp do e-BOK" organization={organization} path="/ebok">
      <h1>Wniosek o dostęp do e-BOK (zdalnie)</h1>
      <div class="form-narrow">
        <p>
          Jeśli nie możesz przyjść do biura Spółdzielni, prześlij wniosek przez ten formularz. Dołącz skan podpisanego{' '}
          <a href="/dokumenty/formularz-aktywacji-ebok.pdf">formularza aktywacyjnego</a> oraz skan dowodu osobistego.
          Skan dowodu służy wyłącznie sprawdzeniu tożsamości i usuwamy go zaraz po rozpatrzeniu wniosku.
        </p>
        <ErrorSummary errors={errors} />
        {errors.some((e) => e.field === 'formularz' || e.field === 'dowod') || errors.length > 0 ? (
          <p class="notice">Ze względów bezpieczeństwa przeglądarka nie zachowuje plików: wybierz je ponownie.</p>
        ) : null}
        <form method="post" action="/ebok/aktywacja" enctype="multipart/form-data" noValidate>
          <CsrfField token={csrfToken} />
          <TextField name="imie" label="Imię" value={form.imie} required autocomplete="given-name" errors={errors} />
          <TextField
            name="nazwisko"
            label="Nazwisko"
            value={form.nazwisko}
            required
            autocomplete="family-name"
            errors={errors}
          />
          <TextField
            name="pesel"
            label="PESEL"
            value={form.pesel}
            inputMode="numeric"
            maxLength={11}
            hint="Ułatwia odnalezienie Cię w rejestrze. Osoby bez numeru PESEL mogą zostawić to pole puste."
            errors={errors}
          />
          <TextField
            name="adres"
            label="Adres lokalu"
            value={form.adres}
            required
            hint="np. ul. Paderewskiego 65/12"
            errors={errors}
          />
          <TextField
            name="email"
            label="Adres e-mail"
            type="email"
            value={form.email}
            required
            autocomplete="email"
            hint="Wyślemy na niego link potwierdzający, a po rozpatrzeniu wniosku — login i hasło startowe (w dwóch osobnych wiadomościach)."
            errors={errors}
          />
          <TextField
            name="telefon"
            label="Telefon"
            type="tel"
            value={form.telefon}
            autocomplete="tel"
            errors={errors}
          />
          <FileField
            name="formularz"
            label="Skan podpisanego formularza aktywacyjnego"
            hint="PDF, JPG lub PNG, do 10 MB."
            errors={errors}
          />
          <FileField name="dowod" label="Skan dowodu osobistego" hint="PDF, JPG lub PNG, do 10 MB." errors={errors} />
          <div class={errors.some((e) => e.field === 'regulamin') ? 'field has-error' : 'field'} id="pole-regulamin">
            {errors.find((e) => e.field === 'regulamin') ? (
              <p class="field-error">{errors.find((e) => e.field === 'regulamin')?.message}</p>
            ) : null}
            <label class="checkbox">
              <input type="checkbox" name="regulamin" value="tak" checked={form.regulamin === 'tak'} /> Akceptuję{' '}
              <a href="/dokumenty/regulamin-ebok.pdf">Regulamin usługi e-BOK</a>
            </label>
          </div>
          <button type="submit">Wyślij wniosek</button>
        </form>
      </div>
    </Layout>
  );
}
