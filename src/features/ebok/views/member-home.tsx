import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Account } from '../../accounts/queries.ts';
import { type DashboardCard, LedgerDashboardSection } from '../../ledger/views/member.tsx';

/** The member's start page in e-BOK. */
export function MemberHomePage({ ctx, ledger = [] }: { ctx: PageContext; ledger?: DashboardCard[] }) {
  const account = ctx.account as Account;
  return (
    <PortalLayout ctx={ctx} title="e-BOK">
      <h1>Dzień dobry, {account.displayName}</h1>
      {account.lastLoginAt ? <p class="meta">Ostatnie logowanie: {formatDateTime(account.lastLoginAt)}</p> : null}
      <ul class="tiles">
        <li>
          <h2>Moje konto</h2>
          <p>Hasło, weryfikacja dwuetapowa, aktywne sesje i historia logowań.</p>
          <a href="/ebok/konto">Przejdź do konta</a>
        </li>
      </ul>
      <LedgerDashboardSection cards={ledger} />
    </PortalLayout>
  );
}
