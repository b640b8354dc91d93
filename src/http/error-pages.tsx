import type { Organization } from '../features/organizations/queries.ts';
import { Layout } from './layout.tsx';

export function NotFoundPage({ organization }: { organization: Organization | undefined }) {
  return (
    <Layout title="Nie znaleziono strony" organization={organization}>
      <h1>Nie znaleziono strony</h1>
      <p>Strona, której szukasz, nie istnieje albo została przeniesiona.</p>
      <p>
        <a href="/">Przejdź na stronę główną</a>
      </p>
    </Layout>
  );
}

export function ServerErrorPage({
  organization,
  requestId,
}: {
  organization: Organization | undefined;
  requestId: string;
}) {
  return (
    <Layout title="Błąd serwera" organization={organization}>
      <h1>Przepraszamy, wystąpił błąd</h1>
      <p>Nie udało się wykonać tej operacji. Spróbuj ponownie za chwilę.</p>
      <p>
        Jeśli błąd się powtarza, skontaktuj się ze Spółdzielnią i podaj kod zgłoszenia: <code>{requestId}</code>.
      </p>
      <p>
        <a href="/">Przejdź na stronę główną</a>
      </p>
    </Layout>
  );
}

/** A request that ran past REQUEST_TIMEOUT_SECONDS: its work may still finish. */
export function TimeoutPage({ organization }: { organization: Organization | undefined }) {
  const phone = organization?.phone;
  return (
    <Layout title="Strona nie odpowiedziała na czas" organization={organization}>
      <h1>Strona nie odpowiedziała na czas</h1>
      <p>
        Serwis jest w tej chwili bardzo zajęty i nie zdążył przygotować tej strony.{' '}
        <strong>Spróbuj ponownie za chwilę.</strong>
      </p>
      <p>
        Jeśli wysyłano formularz, mógł on zostać zapisany: po odświeżeniu strony sprawdź to, zanim wyślesz go ponownie.
      </p>
      {phone ? (
        <p>
          W pilnej sprawie zadzwoń do biura Spółdzielni: <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>.
        </p>
      ) : null}
      <p>
        <a href="/">Przejdź na stronę główną</a>
      </p>
    </Layout>
  );
}

export function BadRequestPage({ organization }: { organization: Organization | undefined }) {
  return (
    <Layout title="Nieprawidłowe żądanie" organization={organization}>
      <h1>Nieprawidłowe żądanie</h1>
      <p>Przeglądarka wysłała dane, których nie rozumiemy. Wróć do poprzedniej strony i spróbuj ponownie.</p>
      <p>
        <a href="/">Przejdź na stronę główną</a>
      </p>
    </Layout>
  );
}

export function UnavailablePage({ reason }: { reason: 'starting' | 'database' | 'not_configured' }) {
  return (
    <Layout title="Serwis chwilowo niedostępny" organization={undefined}>
      <h1>Serwis chwilowo niedostępny</h1>
      {reason === 'starting' ? (
        <p>Serwis właśnie się uruchamia albo trwają prace techniczne. Spróbuj ponownie za kilka minut.</p>
      ) : reason === 'database' ? (
        <>
          <p>Baza danych jest w tej chwili przełączana na serwer zapasowy albo chwilowo nie odpowiada.</p>
          <p>
            <strong>Spróbuj ponownie za chwilę.</strong> Jeśli wysyłano formularz, po odświeżeniu strony sprawdź, czy
            zmiana została zapisana, zanim wyślesz go ponownie.
          </p>
        </>
      ) : (
        <p>
          Serwis nie ma jeszcze skonfigurowanej spółdzielni. Administrator powinien wykonać polecenie{' '}
          <code>npm run cli -- create-org</code>.
        </p>
      )}
    </Layout>
  );
}

export function ExpiredFormPage({ organization }: { organization: Organization | undefined }) {
  return (
    <Layout title="Formularz wygasł" organization={organization}>
      <h1>Formularz wygasł</h1>
      <p>
        Ze względów bezpieczeństwa nie mogliśmy przyjąć tego formularza: był otwarty zbyt długo albo wysłano go z innej
        strony. Wróć do poprzedniej strony, odśwież ją i wyślij formularz ponownie.
      </p>
      <p>
        <a href="/">Przejdź na stronę główną</a>
      </p>
    </Layout>
  );
}

export function TooManyRequestsPage({
  organization,
  message,
}: {
  organization: Organization | undefined;
  message: string;
}) {
  return (
    <Layout title="Zbyt wiele prób" organization={organization}>
      <h1>Zbyt wiele prób</h1>
      <p>{message}</p>
    </Layout>
  );
}
