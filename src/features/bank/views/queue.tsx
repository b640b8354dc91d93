import { Notice } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { FinanceNav } from '../../ledger/views/finance-nav.tsx';
import type { StoredEntry } from '../queries.ts';
import { statusLabels } from './labels.ts';

export function QueuePage({
  ctx,
  entries,
  notice,
}: {
  ctx: PageContext;
  entries: StoredEntry[];
  notice?: string | undefined;
}) {
  const credits = entries.filter((e) => e.amount > 0);
  const debits = entries.filter((e) => e.amount < 0);
  return (
    <PortalLayout ctx={ctx} title="Operacje do wyjaśnienia">
      <h1>Operacje do wyjaśnienia</h1>
      <FinanceNav canBook={true} />
      <Notice text={notice} />
      <p>
        <a href="/panel/finanse/wyciagi">Import wyciągów</a>
      </p>
      <h2>Wpłaty bez lokalu ({credits.length})</h2>
      {credits.length === 0 ? <p>Wszystkie wpłaty z wyciągów są przypisane.</p> : <EntryList entries={credits} />}
      <h2>Obciążenia rachunku ({debits.length})</h2>
      {debits.length === 0 ? <p>Brak obciążeń do zaksięgowania.</p> : <EntryList entries={debits} />}
    </PortalLayout>
  );
}

/** Cards rather than a wide table: the title and amount stay readable on a phone. */
function EntryList({ entries }: { entries: StoredEntry[] }) {
  return (
    <ul class="bank-queue">
      {entries.map((e) => (
        <li key={e.id} class="bank-queue-item">
          <p class="bank-queue-head">
            <time dateTime={e.bookingDate}>{formatCalendarDate(e.bookingDate)}</time>{' '}
            <strong class="money">{formatMoney(e.amount)}</strong> <span class="tag">{statusLabels[e.status]}</span>
          </p>
          <p class="bank-queue-title">{e.title || '(bez tytułu)'}</p>
          {e.counterpartyName ? <p class="hint">{e.counterpartyName}</p> : null}
          {e.note ? <p class="hint">{e.note}</p> : null}
          <p>
            <a href={`/panel/finanse/wyciagi/operacje/${e.id}`}>Rozstrzygnij</a>
          </p>
        </li>
      ))}
    </ul>
  );
}
