import type { StaffAccount } from '../../../http/auth.ts';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { type Capability, can } from '../../../policy.ts';
import { roleLabels } from '../../accounts/staff.ts';
import type { DeskRow } from '../../desk/desk.ts';
import { DeskSection } from './desk.tsx';

/** The start page's tiles, each shown to the staff whose roles grant its capability. */
const tiles: { capability: Capability; title: string; text: string; href: string; link: string }[] = [
  {
    capability: 'staff.manage',
    title: 'Pracownicy',
    text: 'Konta pracowników, role, blokady i weryfikacja dwuetapowa.',
    href: '/panel/pracownicy',
    link: 'Zarządzaj pracownikami',
  },
  {
    capability: 'audit.read',
    title: 'Dziennik zdarzeń',
    text: 'Kto, kiedy i skąd logował się lub zmieniał dane.',
    href: '/panel/dziennik',
    link: 'Przeglądaj dziennik',
  },
  {
    capability: 'system.backups',
    title: 'Kopie zapasowe',
    text: 'Harmonogram, lista i wynik ostatniej kopii zapasowej bazy danych.',
    href: '/panel/kopie-zapasowe',
    link: 'Zobacz kopie zapasowe',
  },
  {
    capability: 'register.read',
    title: 'Rejestr',
    text: 'Budynki, lokale, osoby i tytuły prawne, liczba osób, import z systemu księgowego.',
    href: '/panel/rejestr',
    link: 'Otwórz rejestr',
  },
  {
    capability: 'letters.send',
    title: 'Korespondencja',
    text: 'Listy do członków (e-mail lub papier), kolejka wydruku, zgody i skany oświadczeń.',
    href: '/panel/korespondencja',
    link: 'Przejdź do korespondencji',
  },
  {
    capability: 'site.edit',
    title: 'Strona internetowa',
    text: 'Aktualności, działy i strony, przetargi, gazetka, dokumenty i ustawienia strony.',
    href: '/panel/strona',
    link: 'Prowadź stronę',
  },
];

export function PanelHomePage({
  ctx,
  account,
  desk = [],
  now = new Date(),
}: {
  ctx: PageContext;
  account: StaffAccount;
  /** The queues of waiting work this staff member may open. */
  desk?: DeskRow[];
  now?: Date;
}) {
  return (
    <PortalLayout ctx={ctx} title="Panel pracownika">
      <h1>Panel pracownika</h1>
      <p>
        Zalogowano jako <strong>{account.displayName}</strong>. Uprawnienia:{' '}
        {account.roles.map((r) => roleLabels[r]).join(', ')}.
      </p>
      <DeskSection rows={desk} now={now} />
      <h2>Działy</h2>
      <ul class="tiles">
        {tiles
          .filter((tile) => can(account, tile.capability))
          .map((tile) => (
            <li key={tile.href}>
              <h3>{tile.title}</h3>
              <p>{tile.text}</p>
              <a href={tile.href}>{tile.link}</a>
            </li>
          ))}
        <li>
          <h3>Moje konto</h3>
          <p>Hasło, weryfikacja dwuetapowa, aktywne sesje.</p>
          <a href="/panel/konto">Przejdź do konta</a>
        </li>
      </ul>
    </PortalLayout>
  );
}
