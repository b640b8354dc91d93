import type { FormState } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import { type CostKind, costKindLabels } from '../../ledger/rules/fees.ts';
import type { NoticeReport, UnitNoticeRow } from '../notice-report.ts';
import type { FeePlan } from '../queries.ts';

const BASE = '/panel/finanse/zmiany-oplat';
const monthDate = (month: string) => formatCalendarDate(`${month}-01`);
const channelWords = { email: 'e-mail', paper: 'papier' } as const;

/** The send button of a draft plan. */
export function SendPlanForm({ ctx, plan }: { ctx: PageContext; plan: FeePlan }) {
  return (
    <section>
      <h2>Zawiadomienia</h2>
      <p class="hint">
        Każdy posiadacz lokalu objętego zmianą dostanie zawiadomienie z uzasadnieniem i własnymi kwotami: e-mailem z
        PDF-em, jeśli zgodził się na korespondencję elektroniczną, w przeciwnym razie na papierze (kolejka wydruku). Po
        wysłaniu planu nie można już zmienić — można go tylko wycofać.
      </p>
      <Form action={`${BASE}/${plan.id}/wyslij`} csrfToken={ctx.csrfToken}>
        <button type="submit">Wyślij zawiadomienia</button>
      </Form>
    </section>
  );
}

/** Withdrawing a plan before it takes effect. */
export function WithdrawPlanForm({ ctx, plan }: { ctx: PageContext; plan: FeePlan }) {
  return (
    <section>
      <h2>Wycofanie zmiany</h2>
      <p class="hint">
        {plan.state === 'sent'
          ? 'Nowe stawki nie wejdą w życie, a każdy, kto dostał zawiadomienie, otrzyma zawiadomienie o wycofaniu zmiany.'
          : 'Plan nie został wysłany: po wycofaniu nikt nie dostanie zawiadomienia.'}
      </p>
      <Form action={`${BASE}/${plan.id}/wycofaj`} csrfToken={ctx.csrfToken}>
        <button type="submit" class="secondary">
          Wycofaj zmianę opłat
        </button>
      </Form>
    </section>
  );
}

function Starts({ row }: { row: UnitNoticeRow }) {
  return (
    <>
      {(Object.entries(row.starts) as [CostKind, string | null][]).map(([kind, month]) => (
        <span key={kind} class="nowrap">
          {costKindLabels[kind]}: {month ? `od ${monthDate(month)}` : 'czeka na doręczenie'}
          <br />
        </span>
      ))}
    </>
  );
}

function UnitsTable({ rows, caption }: { rows: UnitNoticeRow[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Lokal</th>
            <th scope="col">Zawiadomienia</th>
            <th scope="col">Nowe stawki</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unitId}>
              <td>{r.label}</td>
              <td>
                {r.notices.map((n) => (
                  <span key={n.name}>
                    {n.name} ({channelWords[n.channel]}):{' '}
                    {n.delivered ? `doręczone ${formatCalendarDate(n.delivered)}` : 'niedoręczone'}
                    <br />
                  </span>
                ))}
              </td>
              <td>
                <Starts row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A sent plan's notices: deliveries, late-notified units with their first lawful month, units waiting. */
export function NoticeSection({
  plan,
  report,
  canMark,
  canSeeLetter,
}: {
  plan: FeePlan;
  report: NoticeReport;
  canMark: boolean;
  canSeeLetter: boolean;
}) {
  return (
    <section>
      <h2>Zawiadomienia</h2>
      <p class="meta">
        Wysłane {plan.sentAt ? formatDateTime(plan.sentAt) : ''}
        {plan.letterId && canSeeLetter ? (
          <>
            {' · '}
            <a href={`/panel/korespondencja/${plan.letterId}`}>pismo i jego doręczenia</a>
          </>
        ) : null}
      </p>
      <ul class="totals">
        <li>
          E-mailem: doręczone {report.email.delivered}, w drodze {report.email.waiting}
        </li>
        <li>
          Na papierze: doręczone {report.paper.delivered}, do oznaczenia {report.paper.waiting}
          {canMark && report.paper.waiting > 0 ? (
            <>
              {' · '}
              <a href={`${BASE}/doreczenia`}>oznacz doręczone</a>
            </>
          ) : null}
        </li>
      </ul>
      <p class="hint">
        Zmiana obowiązuje posiadacza od planowanego miesiąca tylko wtedy, gdy zawiadomienie doręczono w terminie (art. 4
        ust. 7 i 7¹ ustawy o spółdzielniach mieszkaniowych). Do czasu doręczenia i dla zawiadomionych za późno lokal
        płaci dotychczasowe stawki — naliczanie opłat stosuje dokładnie te terminy.
      </p>
      {report.late.length ? (
        <UnitsTable
          rows={report.late}
          caption="Zawiadomieni za późno: nowe stawki od pierwszego dozwolonego miesiąca"
        />
      ) : (
        <p>Nikt nie został zawiadomiony za późno.</p>
      )}
      {report.waiting.length ? (
        <UnitsTable rows={report.waiting} caption="Czekają na doręczenie: do tego czasu dotychczasowe stawki" />
      ) : null}
    </section>
  );
}

export interface NoticeToMark {
  id: number;
  planMonth: string;
  planId: number;
  sentAt: Date | null;
  name: string;
  unitLabel: string;
}

/** The clerk's list of paper notices to tick as handed over or posted, oldest first. */
export function NoticesToMarkPage({
  ctx,
  rows,
  form,
  notice,
  today,
}: {
  ctx: PageContext;
  rows: NoticeToMark[];
  form: FormState;
  notice?: string | undefined;
  today: string;
}) {
  const checked = new Set(form.lists?.zawiadomienia ?? []);
  return (
    <PortalLayout ctx={ctx} title="Zawiadomienia o zmianie opłat do oznaczenia jako doręczone">
      <p class="breadcrumbs">
        <a href={BASE}>Zmiany opłat</a>
      </p>
      <h1>Zawiadomienia do oznaczenia jako doręczone</h1>
      <Notice text={notice} />
      <ErrorSummary errors={form.errors} />
      <p class="hint">
        Zaznacz zawiadomienia papierowe wręczone lub nadane na poczcie i podaj dzień. Od tego dnia liczy się termin
        zmiany opłat dla posiadacza.
      </p>
      {rows.length === 0 ? (
        <p>Nie ma zawiadomień do oznaczenia.</p>
      ) : (
        <Form action={`${BASE}/doreczenia`} csrfToken={ctx.csrfToken}>
          <TextField
            name="dzien"
            label="Dzień wręczenia lub nadania"
            type="date"
            value={form.values.dzien ?? today}
            errors={form.errors}
          />
          <div class="table-wrap">
            <table>
              <caption>Zawiadomienia papierowe, od najstarszych</caption>
              <thead>
                <tr>
                  <th scope="col">Doręczone</th>
                  <th scope="col">Adresat</th>
                  <th scope="col">Lokal</th>
                  <th scope="col">Zmiana opłat</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="zawiadomienia"
                        value={String(r.id)}
                        id={`z-${r.id}`}
                        checked={checked.has(String(r.id))}
                        aria-label={`${r.name}, ${r.unitLabel}`}
                      />
                    </td>
                    <td>
                      <label for={`z-${r.id}`}>{r.name}</label>
                    </td>
                    <td>{r.unitLabel}</td>
                    <td>
                      <a href={`${BASE}/${r.planId}`}>od {monthDate(r.planMonth)}</a>
                      {r.sentAt ? `, wysłana ${formatDateTime(r.sentAt)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit">Oznacz zaznaczone jako doręczone</button>
        </Form>
      )}
    </PortalLayout>
  );
}
