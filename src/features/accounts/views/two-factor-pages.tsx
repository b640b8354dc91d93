import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';

/** Enrolment of the second factor: the QR code, the key to type by hand, and the first code. */
export function TotpEnrolmentPage({
  ctx,
  action,
  secret,
  qrDataUri,
  forced,
  errors = [],
}: {
  ctx: PageContext;
  action: string;
  secret: string;
  qrDataUri: string;
  forced: boolean;
  errors?: FieldError[];
}) {
  return (
    <PortalLayout ctx={ctx} title="Włącz weryfikację dwuetapową" fullNav={!forced}>
      <h1>Włącz weryfikację dwuetapową</h1>
      {forced ? (
        <p class="notice">Konta pracowników chroni drugi składnik logowania. Skonfiguruj go, aby przejść dalej.</p>
      ) : null}
      <ol>
        <li>
          Zainstaluj w telefonie aplikację uwierzytelniającą (np. Google Authenticator, Microsoft Authenticator,
          FreeOTP).
        </li>
        <li>Zeskanuj w niej kod QR albo wpisz ręcznie klucz podany pod kodem.</li>
        <li>Wpisz poniżej 6 cyfr, które pokazuje aplikacja.</li>
      </ol>
      <img
        class="qr"
        src={qrDataUri}
        alt="Kod QR do dodania konta w aplikacji uwierzytelniającej"
        width={224}
        height={224}
      />
      <p>
        Klucz do wpisania ręcznie: <span class="secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</span>
      </p>
      <div class="form-narrow">
        <ErrorSummary errors={errors} />
        <Form action={action} csrfToken={ctx.csrfToken}>
          <TextField
            name="kod"
            label="Kod z aplikacji"
            autocomplete="one-time-code"
            inputMode="numeric"
            required
            maxLength={10}
            errors={errors}
          />
          <div class="actions">
            <button type="submit">Włącz</button>
          </div>
        </Form>
      </div>
    </PortalLayout>
  );
}

export function RecoveryCodesPage({
  ctx,
  codes,
  continueHref,
}: {
  ctx: PageContext;
  codes: string[];
  continueHref: string;
}) {
  return (
    <PortalLayout ctx={ctx} title="Kody odzyskiwania">
      <h1>Weryfikacja dwuetapowa jest włączona</h1>
      <p>
        Zapisz lub wydrukuj te kody odzyskiwania i przechowuj je w bezpiecznym miejscu. Każdy z nich pozwala zalogować
        się jeden raz, gdy nie masz dostępu do telefonu. <strong>Kody są pokazywane tylko teraz.</strong>
      </p>
      <ul class="codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <p class="actions">
        <a class="button" href={continueHref}>
          Kody zapisane — przejdź dalej
        </a>
      </p>
    </PortalLayout>
  );
}
