import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import type { Account } from '../../accounts/queries.ts';
import { roleLabels } from '../../accounts/staff.ts';

export function PanelHomePage({ ctx }: { ctx: PageContext }) {
  const account = ctx.account as Account;
  const isAdmin = account.roles.includes('admin');
  return (
    <PortalLayout ctx={ctx} title="Panel pracownika">
      <h1>Panel pracownika</h1>
      <p>
        Zalogowano jako <strong>{account.displayName}</strong>. Uprawnienia:{' '}
        {account.roles.map((r) => roleLabels[r]).join(', ')}.
      </p>
      <ul class="tiles">
        {isAdmin ? (
          <>
            <li>
              <h2>Pracownicy</h2>
              <p>Konta pracowników, role, blokady i weryfikacja dwuetapowa.</p>
              <a href="/panel/pracownicy">Zarządzaj pracownikami</a>
            </li>
            <li>
              <h2>Dziennik zdarzeń</h2>
              <p>Kto, kiedy i skąd logował się lub zmieniał dane.</p>
              <a href="/panel/dziennik">Przeglądaj dziennik</a>
            </li>
          </>
        ) : null}
        {isAdmin || account.roles.includes('clerk') || account.roles.includes('accountant') ? (
          <li>
            <h2>Rejestr</h2>
            <p>Budynki, lokale, osoby i tytuły prawne, liczba osób, import z systemu księgowego.</p>
            <a href="/panel/rejestr">Otwórz rejestr</a>
          </li>
        ) : null}
        {isAdmin || account.roles.includes('clerk') || account.roles.includes('editor') ? (
          <li>
            <h2>Korespondencja</h2>
            <p>Listy do członków (e-mail lub papier), kolejka wydruku, zgody i skany oświadczeń.</p>
            <a href="/panel/korespondencja">Przejdź do korespondencji</a>
          </li>
        ) : null}
        {isAdmin || account.roles.includes('editor') ? (
          <li>
            <h2>Strona internetowa</h2>
            <p>Aktualności, działy i strony, przetargi, gazetka, dokumenty i ustawienia strony.</p>
            <a href="/panel/strona">Prowadź stronę</a>
          </li>
        ) : null}
        <li>
          <h2>Moje konto</h2>
          <p>Hasło, weryfikacja dwuetapowa, aktywne sesje.</p>
          <a href="/panel/konto">Przejdź do konta</a>
        </li>
      </ul>
    </PortalLayout>
  );
}
