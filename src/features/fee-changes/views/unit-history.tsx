import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../../lib/format.ts';
import { type CostKind, costKindLabels } from '../../ledger/rules/fees.ts';
import type { UnitPlanHistory } from '../unit-history.ts';
import { contestState } from './contests.tsx';

const BASE = '/panel/finanse/zmiany-oplat';
const monthDate = (month: string) => formatCalendarDate(`${month}-01`);
const channelWords = { email: 'e-mail', paper: 'papier' } as const;
const stateWords = { draft: 'projekt', sent: 'wysłana', withdrawn: 'wycofana' } as const;

function Starts({ starts }: { starts: Partial<Record<CostKind, string | null>> }) {
  return (
    <>
      {(Object.entries(starts) as [CostKind, string | null][]).map(([kind, month]) => (
        <span key={kind} class="nowrap">
          {costKindLabels[kind]}: {month ? `od ${monthDate(month)}` : 'czeka na doręczenie'}
          <br />
        </span>
      ))}
    </>
  );
}

/** Staff: every fee change that reached a unit, its notices, deliveries, effective months and contests. */
export function UnitHistoryPage({
  ctx,
  unit,
  history,
}: {
  ctx: PageContext;
  unit: { unitId: number; label: string };
  history: UnitPlanHistory[];
}) {
  return (
    <PortalLayout ctx={ctx} title={`Historia zmian opłat — ${unit.label}`}>
      <p class="breadcrumbs">
        <a href="/panel/finanse">Finanse</a> › <a href={`/panel/finanse/lokal/${unit.unitId}`}>{unit.label}</a>
      </p>
      <h1>Historia zmian opłat — {unit.label}</h1>
      {history.length === 0 ? (
        <p>Żadna zmiana opłat nie została jeszcze zawiadomiona posiadaczom tego lokalu.</p>
      ) : null}
      {[...history].reverse().map((h) => (
        <section key={h.plan.id} class="card">
          <h2>
            <a href={`${BASE}/${h.plan.id}`}>Zmiana opłat od {monthDate(h.plan.month)}</a>
          </h2>
          <p class="meta">
            {stateWords[h.plan.state]}
            {h.plan.sentAt ? ` · zawiadomienia wysłane ${formatDateTime(h.plan.sentAt)}` : ''}
            {h.plan.state === 'withdrawn' ? ` · wycofana ${formatDateTime(h.plan.updatedAt)}` : ''}
          </p>
          <p>
            Opłata miesięczna: <span class="amount">{formatMoney(h.oldTotal)}</span> →{' '}
            <span class="amount">{formatMoney(h.newTotal)}</span>
          </p>
          <div class="table-wrap">
            <table>
              <caption>Zawiadomienia i pierwszy miesiąc nowych stawek</caption>
              <thead>
                <tr>
                  <th scope="col">Posiadacz</th>
                  <th scope="col">Doręczenie</th>
                  <th scope="col">Nowe stawki</th>
                </tr>
              </thead>
              <tbody>
                {h.notices.map((n) => (
                  <tr key={n.name}>
                    <td>{n.name}</td>
                    <td>
                      {channelWords[n.channel]}: {n.delivered ? formatCalendarDate(n.delivered) : 'niedoręczone'}
                    </td>
                    <td>{h.plan.state === 'withdrawn' ? 'nie weszły w życie' : <Starts starts={n.starts} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {h.plan.state === 'sent' ? (
            <p>
              Lokal płaci nowe stawki: <Starts starts={h.unitStarts} />
            </p>
          ) : null}
          {h.contests.map((c) => (
            <p key={c.id}>
              <a href={`${BASE}/zaskarzenia/${c.id}`}>Zaskarżona w sądzie</a> (pozew z {formatCalendarDate(c.filedOn)}):{' '}
              {contestState(c)}
            </p>
          ))}
        </section>
      ))}
    </PortalLayout>
  );
}
