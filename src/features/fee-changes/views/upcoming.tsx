import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { UpcomingChange } from '../member-changes.ts';

/** e-BOK: the member's fee changes already announced, with the notice and its justification. */
export function UpcomingFeeChanges({ changes }: { changes: UpcomingChange[] }) {
  if (changes.length === 0) return null;
  return (
    <section class="upcoming-fee-changes">
      <h2>Zapowiedziane zmiany opłat</h2>
      {changes.map((c) => (
        <article key={`${c.planId}:${c.unitId}`} class="card">
          <h3>{c.unitLabel}</h3>
          <p>
            Od {formatCalendarDate(`${c.month}-01`)} opłata za lokal wyniesie{' '}
            <strong class="amount">{formatMoney(c.newTotal)}</strong> zamiast{' '}
            <span class="amount">{formatMoney(c.oldTotal)}</span>.
          </p>
          {c.letterId ? (
            <p>
              <a href={`/ebok/korespondencja/${c.letterId}`}>Zawiadomienie o zmianie opłat</a>
            </p>
          ) : null}
          <details>
            <summary>Uzasadnienie</summary>
            <p class="prose">{c.justification}</p>
          </details>
        </article>
      ))}
    </section>
  );
}
