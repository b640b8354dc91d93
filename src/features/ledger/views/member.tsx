import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { formatNrb } from '../../../lib/nrb.ts';
import type { DashboardUnit } from '../member.ts';
import type { Entry } from '../queries.ts';
import { UnitNav } from './member-unit.tsx';
import { BalanceText, CalendarDate, Money } from './parts.tsx';

export interface TransferData {
  nrb: string | undefined;
  title: string;
  recipient: string;
  qrDataUri: string | undefined;
}

export interface DashboardCard extends DashboardUnit {
  transfer: TransferData;
}

/** The finances section of the member's start page: one card per unit. */
export function LedgerDashboardSection({ cards }: { cards: DashboardCard[] }) {
  if (cards.length === 0) return null;
  return (
    <section class="ledger-dashboard" aria-labelledby="finanse">
      <h2 id="finanse">Finanse</h2>
      {cards.map((card) => (
        <article class="ledger-card" key={card.unitId}>
          <h3>
            Lokal {card.label}
            {card.current ? null : <span class="meta"> (do {formatCalendarDate(card.window.lastDay ?? '')})</span>}
          </h3>
          <p class="ledger-balance">
            {card.current ? 'Saldo na dziś' : `Saldo na ${formatCalendarDate(card.window.lastDay ?? '')}`}:{' '}
            <BalanceText balance={card.balance} />
          </p>
          {card.current && card.amountDue > 0 ? (
            <div class="ledger-pay">
              <dl class="transfer">
                <dt>Do zapłaty</dt>
                <dd>
                  <strong>{formatMoney(card.amountDue)}</strong>
                  {card.dueDate ? (
                    <>
                      {' '}
                      — termin: <CalendarDate date={card.dueDate} />
                    </>
                  ) : null}
                </dd>
                <dt>Odbiorca</dt>
                <dd>{card.transfer.recipient}</dd>
                <dt>Numer rachunku</dt>
                <dd class="nrb">{card.transfer.nrb ? formatNrb(card.transfer.nrb) : 'zapytaj w biurze'}</dd>
                <dt>Tytuł przelewu</dt>
                <dd>{card.transfer.title}</dd>
              </dl>
              {card.transfer.qrDataUri ? (
                <figure class="payment-qr">
                  <img
                    src={card.transfer.qrDataUri}
                    width={180}
                    height={180}
                    alt="Kod QR do zapłaty w aplikacji banku"
                  />
                  <figcaption>Zeskanuj w aplikacji banku</figcaption>
                </figure>
              ) : null}
            </div>
          ) : card.current ? (
            <p>
              Nic nie jest do zapłaty.{' '}
              {card.transfer.nrb ? (
                <>
                  Rachunek lokalu: <span class="nrb">{formatNrb(card.transfer.nrb)}</span>
                </>
              ) : null}
            </p>
          ) : null}
          <div class="ledger-recent">
            <RecentList title="Ostatnie wpłaty" entries={card.recentPayments} />
            <RecentList title="Ostatnie naliczenia" entries={card.recentCharges} />
          </div>
          <UnitNav unitId={card.unitId} />
        </article>
      ))}
    </section>
  );
}

function RecentList({ title, entries }: { title: string; entries: Entry[] }) {
  return (
    <div>
      <h4>{title}</h4>
      {entries.length === 0 ? (
        <p class="empty">Brak.</p>
      ) : (
        <ul class="plain-list">
          {entries.map((e) => (
            <li key={e.id}>
              <CalendarDate date={e.valueDate} /> — {e.componentName ?? e.description}:{' '}
              <Money grosze={Math.abs(e.amount)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** /ebok/finanse: the same cards as on the start page, for the menu entry. */
export function FinancePage({
  ctx,
  cards,
  children,
}: {
  ctx: PageContext;
  cards: DashboardCard[];
  /** Other features' notes above the cards (e.g. announced fee changes). */
  children?: ComponentChildren;
}) {
  return (
    <PortalLayout ctx={ctx} title="Finanse">
      <h1>Finanse</h1>
      {children}
      {cards.length === 0 ? <p class="empty">Nie masz tytułu do żadnego lokalu w naszych zasobach.</p> : null}
      <LedgerDashboardSection cards={cards} />
    </PortalLayout>
  );
}
