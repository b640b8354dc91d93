import { formatDateTime } from '../../../lib/format.ts';
import { formatCount } from '../../../lib/plural.ts';
import type { DeskRow } from '../../desk/desk.ts';
import { isOverdue, waitingFor } from '../../desk/rules/age.ts';

/** The clerk's desk: every queue this staff member works on, how much waits and since when. */
export function DeskSection({ rows, now }: { rows: DeskRow[]; now: Date }) {
  if (rows.length === 0) return null;
  const waiting = rows.filter((row) => row.count > 0);
  return (
    <section class="desk" aria-labelledby="desk-title">
      <h2 id="desk-title">Sprawy do załatwienia</h2>
      {waiting.length === 0 ? <p class="notice">Nic nie czeka. Wszystkie kolejki są puste.</p> : null}
      <ul class="desk-queues">
        {rows.map((row) => (
          <li key={row.key} class={row.count > 0 ? 'desk-queue has-work' : 'desk-queue'} data-queue={row.key}>
            <a href={row.href}>
              <span class="desk-count">{formatCount(row.count)}</span>
              <span class="desk-label">{row.label}</span>
            </a>
            <span class="desk-age">
              {row.count > 0 && row.oldestSince ? (
                <>
                  najstarsza czeka{' '}
                  <time
                    dateTime={row.oldestSince.toISOString()}
                    title={formatDateTime(row.oldestSince)}
                    class={isOverdue(row.oldestSince, now) ? 'overdue' : undefined}
                  >
                    {waitingFor(row.oldestSince, now)}
                  </time>
                </>
              ) : (
                'nic nie czeka'
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
