import { assetUrl } from '../../../http/assets.ts';
import type { MemberAccount } from '../../../http/auth.ts';
import { EmergencyPhones } from '../../../http/layout.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { CorrespondenceTile } from '../../correspondence/views/inbox.tsx';
import { type DashboardCard, LedgerDashboardSection } from '../../ledger/views/member.tsx';
import type { BuildingNotice } from '../../requests/notices.ts';
import { RequestsTile } from '../../requests/views/member-pages.tsx';
import { NoticeList } from '../../requests/views/notices.tsx';
import type { MemberUnit } from '../../units/person-lookup.ts';
import { MemberUnitsSection } from '../../units/views/member-units.tsx';

/** The member's start page in e-BOK: money first (per unit), then letters, the account and the units. */
export function MemberHomePage({
  ctx,
  account,
  units,
  unreadLetters = 0,
  ledger = [],
  notices = [],
  requests = { faults: 0, answered: 0 },
  previousSignIn = null,
}: {
  ctx: PageContext;
  /** The signed-in member. */
  account: MemberAccount;
  units?: MemberUnit[] | undefined;
  unreadLetters?: number;
  ledger?: DashboardCard[];
  /** Building notices for the member's buildings, shown now. */
  notices?: BuildingNotice[];
  requests?: { faults: number; answered: number };
  /** The sign-in before this one (null on the first). */
  previousSignIn?: Date | null;
}) {
  return (
    <PortalLayout ctx={ctx} title="e-BOK">
      <h1 class="greeting">Dzień dobry, {account.displayName}</h1>
      <LedgerDashboardSection cards={ledger} heading="Do zapłaty i saldo" />
      <NoticeList notices={notices} heading="Komunikaty dla Twojego budynku" />
      <ul class="tiles">
        <CorrespondenceTile unread={unreadLetters} />
        <RequestsTile openFaults={requests.faults} answered={requests.answered} />
        <li>
          <h2>Moje konto</h2>
          <p>Hasło, weryfikacja dwuetapowa, aktywne sesje i historia logowań.</p>
          <a href="/ebok/konto">Przejdź do konta</a>
        </li>
      </ul>
      <MemberUnitsSection units={units} />
      <EmergencyPhones phones={ctx.organization.settings.emergencyPhones ?? []} />
      <p class="meta">
        {previousSignIn
          ? `Poprzednie logowanie: ${formatDateTime(previousSignIn)}`
          : 'To Twoje pierwsze logowanie do e-BOK.'}
      </p>
      <script type="module" src={assetUrl('js/copy-button.js')} />
    </PortalLayout>
  );
}
