import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../../http/assets.ts';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { formatNrb } from '../../../lib/nrb.ts';
import type { UnitDebt } from '../debt.ts';
import type { DashboardUnit } from '../member.ts';
import type { Entry } from '../queries.ts';
import { monthLabel } from '../rules/month-summary.ts';
import { DebtSummary } from './debt-summary.tsx';
import { UnitNav } from './member-unit.tsx';
import { BalanceText, CalendarDate, Money } from './parts.tsx';

export interface TransferData {
  nrb: string | undefined;
  title: string;
  recipient: string;
  qrDataUri: string | undefined;
  /** Why there is no QR code although there is an amount (above the format's limit). */
  qrOmitted?: string | undefined;
}

export interface DashboardCard extends DashboardUnit {
  transfer: TransferData;
  debt: UnitDebt;
}

/**
 * The money block of the member's start page and of /ebok/finanse: per unit, what to pay by when
 * first, then the balance in words, the payment data (account number with a copy button, the QR)
 * and the latest entries. One component, so a richer figure (overdue vs current) can replace it.
 */
export function LedgerDashboardSection({
  cards,
  heading = 'Finanse',
}: {
  cards: DashboardCard[];
  /** The section's heading; null where the page's own h1 says it. */
  heading?: string | null;
}) {
  if (cards.length === 0) return null;
  return (
    <section
      class="ledger-dashboard"
      aria-labelledby={heading ? 'finanse' : undefined}
      aria-label={heading ? undefined : 'Lokale'}
    >
      {heading ? <h2 id="finanse">{heading}</h2> : null}
      {cards.map((card) => (
        <article class="ledger-card" key={card.unitId} aria-labelledby={`lokal-${card.unitId}`}>
          <h3 id={`lokal-${card.unitId}`}>
            Lokal {card.label}
            {card.current ? null : <span class="meta"> (do {formatCalendarDate(card.window.lastDay ?? '')})</span>}
          </h3>
          {card.current && card.amountDue > 0 ? (
            <p class="amount-due">
              Do zapłaty <strong class="amount">{formatMoney(card.amountDue)}</strong>
              {/* With arrears the summary below splits the sum; a single due date would mislead. */}
              {card.debt.overdue === 0 && card.dueDate ? (
                <>
                  {' '}
                  <span class="due">
                    do <CalendarDate date={card.dueDate} />
                  </span>
                </>
              ) : null}
            </p>
          ) : card.current ? (
            <p class="amount-due nothing-due">Nic nie jest do zapłaty.</p>
          ) : null}
          {card.current ? (
            <DebtSummary
              debt={card.debt}
              audience="member"
              today={card.debt.asOf}
              interestHref={card.debt.interest > 0 ? `/ebok/finanse/${card.unitId}/saldo#odsetki` : undefined}
            />
          ) : (
            <p class="ledger-balance">
              Stan na ostatni dzień Twojego tytułu do lokalu ({formatCalendarDate(card.window.lastDay ?? '')}):{' '}
              <BalanceText balance={card.balance} />
            </p>
          )}
          {card.current ? <PaymentData card={card} /> : null}
          <div class="ledger-recent">
            <RecentList title="Ostatnie wpłaty" entries={card.recentPayments} />
            <MonthCharges entries={card.recentCharges} />
          </div>
          <UnitNav unitId={card.unitId} unitLabel={card.label} />
        </article>
      ))}
    </section>
  );
}

/** Where and how to pay: recipient, the unit's account number (copyable), title, QR for the bank app. */
function PaymentData({ card }: { card: DashboardCard }) {
  const { transfer } = card;
  return (
    <div class="ledger-pay">
      <dl class="transfer">
        <dt>Numer rachunku</dt>
        <dd>
          {transfer.nrb ? (
            <span class="nrb" data-copy={transfer.nrb} data-copy-label={`numer rachunku lokalu ${card.label}`}>
              {formatNrb(transfer.nrb)}
            </span>
          ) : (
            'zapytaj w biurze'
          )}
        </dd>
        <dt>Odbiorca</dt>
        <dd>{transfer.recipient}</dd>
        <dt>Tytuł przelewu</dt>
        <dd>{transfer.title}</dd>
      </dl>
      {card.amountDue > 0 && transfer.qrDataUri ? (
        <figure class="payment-qr">
          <img src={transfer.qrDataUri} width={180} height={180} alt="Kod QR do zapłaty w aplikacji banku" />
          <figcaption>Zeskanuj w aplikacji banku</figcaption>
        </figure>
      ) : card.amountDue > 0 && transfer.qrOmitted ? (
        <p class="notice">{transfer.qrOmitted}</p>
      ) : null}
    </div>
  );
}

/** Every charge of the latest month charged, with their sum: the month's fee. */
function MonthCharges({ entries }: { entries: Entry[] }) {
  const total = entries.reduce((sum, e) => sum + e.amount, 0);
  const month = entries[0]?.valueDate;
  return (
    <div>
      <h4>Ostatnie naliczenia{month ? ` — ${monthLabel(month)}` : ''}</h4>
      {entries.length === 0 ? (
        <p class="empty">Brak.</p>
      ) : (
        <ul class="plain-list amounts-list">
          {entries.map((e) => (
            <li key={e.id}>
              <span>{e.componentName ?? e.description}</span> <Money grosze={e.amount} />
            </li>
          ))}
          <li class="total">
            <span>Razem</span> <Money grosze={total} />
          </li>
        </ul>
      )}
    </div>
  );
}

function RecentList({ title, entries }: { title: string; entries: Entry[] }) {
  return (
    <div>
      <h4>{title}</h4>
      {entries.length === 0 ? (
        <p class="empty">Brak.</p>
      ) : (
        <ul class="plain-list amounts-list">
          {entries.map((e) => (
            <li key={e.id}>
              <span>
                <CalendarDate date={e.valueDate} /> {e.componentName ?? e.description}
              </span>{' '}
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
      <LedgerDashboardSection cards={cards} heading={null} />
      <script type="module" src={assetUrl('js/copy-button.js')} />
    </PortalLayout>
  );
}
