/** The reminder run (/panel/finanse/upomnienia): who is due which stage on a day, the letters' preview, sending. */
import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import { FinanceNav } from '../../ledger/views/finance-nav.tsx';
import { daysOverdue, stageLabel } from '../rules/stages.ts';
import type { ReminderCandidate, StagePreview } from '../run.ts';

const holderForms = { one: 'posiadacz', few: 'posiadaczy', many: 'posiadaczy' };
const letterForms = { one: 'pismo', few: 'pisma', many: 'pism' };

function decisionText(c: ReminderCandidate, stageName: (level: number) => string): string {
  const d = c.decision;
  if (d.kind === 'due') return `${stageLabel(d.stage)} — termin zapłaty ${formatCalendarDate(d.payBy)}`;
  switch (d.reason) {
    case 'waiting':
      return `czeka na termin zapłaty z poprzedniego pisma (${formatCalendarDate(d.until ?? '')})`;
    case 'all_sent':
      return 'wysłano już wszystkie etapy';
    case 'below_threshold':
      return `poniżej progu etapu ${c.sent.length + 1}${stageName(c.sent.length + 1) ? ` (${stageName(c.sent.length + 1)})` : ''}`;
    default:
      return 'brak zaległości po terminie';
  }
}

export function ReminderRunPage({
  ctx,
  day,
  today,
  candidates,
  stages,
  canSend,
  canBook,
  notice,
  errors = [],
}: {
  ctx: PageContext;
  day: string;
  today: string;
  candidates: ReminderCandidate[];
  stages: StagePreview[];
  canSend: boolean;
  canBook: boolean;
  notice?: string | undefined;
  errors?: FieldError[];
}) {
  const names = new Map(stages.map((s) => [s.stage.level, s.stage.name]));
  const stageName = (level: number) => names.get(level) ?? '';
  const dueCount = stages.reduce((sum, s) => sum + (s.letter?.total ?? 0), 0);
  return (
    <PortalLayout ctx={ctx} title="Upomnienia">
      <h1>Upomnienia i wezwania do zapłaty</h1>
      <FinanceNav canBook={canBook} />
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <p>
        <a href="/panel/finanse/upomnienia/etapy">Etapy upomnień i treść pism</a>
      </p>
      <form method="get" action="/panel/finanse/upomnienia" class="filters">
        <div class="field">
          <label for="dzien">Na dzień</label>
          <input id="dzien" name="dzien" type="date" value={day} />
        </div>
        <button type="submit">Pokaż</button>
      </form>
      <p class="meta">
        Zaległość liczymy według posiadaczy (dług sprzed nabycia lokalu pozostaje długiem poprzedniego posiadacza) z
        odsetkami ustawowymi na {formatCalendarDate(day)}. Każdy etap wysyłamy jeden raz dla tej samej zaległości
        (liczonej od najstarszej niezapłaconej należności), kolejny dopiero po upływie terminu zapłaty z poprzedniego
        pisma.
      </p>
      <h2>
        Posiadacze z zaległością na {formatCalendarDate(day)}: {candidates.length}
      </h2>
      {candidates.length ? (
        <div class="table-wrap">
          <table class="ledger-table stack">
            <thead>
              <tr>
                <th scope="col">Lokal</th>
                <th scope="col">Posiadacz</th>
                <th scope="col" class="num">
                  Zaległość po terminie
                </th>
                <th scope="col">Dni po terminie</th>
                <th scope="col" class="num">
                  Odsetki
                </th>
                <th scope="col">Wysłane etapy</th>
                <th scope="col">Teraz</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={`${c.unitId}-${c.personId}-${c.periodFrom ?? ''}`}>
                  <td data-label="Lokal">
                    <a href={`/panel/finanse/lokal/${c.unitId}`}>{c.label}</a>
                  </td>
                  <td data-label="Posiadacz">
                    {c.name}
                    {c.former ? <span class="meta"> (były posiadacz)</span> : null}
                  </td>
                  <td class="money" data-label="Zaległość">
                    {formatMoney(c.arrears.overdue)}
                  </td>
                  <td data-label="Dni po terminie">{daysOverdue(c.arrears.oldestDueDate, day)}</td>
                  <td class="money" data-label="Odsetki">
                    {formatMoney(c.debt.interest)}
                  </td>
                  <td data-label="Wysłane">{c.sent.length ? c.sent.map((s) => stageName(s.level)).join(', ') : '—'}</td>
                  <td data-label="Teraz">{decisionText(c, stageName)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Nikt nie ma zaległości po terminie.</p>
      )}
      {stages.map((s) => (
        <section key={s.stage.level} aria-labelledby={`etap-${s.stage.level}`}>
          <h2 id={`etap-${s.stage.level}`}>
            {stageLabel(s.stage)}: {s.due.length} {polishPlural(s.due.length, holderForms)}
          </h2>
          <p class="meta">
            Próg: co najmniej {formatMoney(s.stage.minOverdue)} zaległości i {s.stage.minDaysOverdue} dni po terminie;
            termin zapłaty {s.stage.payWithinDays} dni od dnia pisma.
          </p>
          {s.letter ? (
            <>
              <p>
                {s.letter.total} {polishPlural(s.letter.total, letterForms)}: e-mailem {s.letter.email}, do wydruku{' '}
                {s.letter.paper}.
              </p>
              {s.letter.missing.length ? (
                <div class="notice warning" role="status">
                  <p>
                    <strong>Nie dostaną pisma</strong> — brak danych wymaganych przez pola pisma:
                  </p>
                  <ul class="missing-data">
                    {s.letter.missing.map((m) => (
                      <li key={`${m.personId}-${m.unitId}`}>
                        {m.name}, {m.unitLabel}: brak — {m.missing.join(', ')}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {s.letter.samples.map((sample) => (
                <article class="letter-sample" key={`${sample.name}-${sample.unitLabel}`}>
                  <h3>
                    {sample.name}, {sample.unitLabel} ({sample.channel === 'email' ? 'e-mail' : 'papier'})
                  </h3>
                  <div class="prose letter-body" dangerouslySetInnerHTML={{ __html: sample.html }} />
                </article>
              ))}
            </>
          ) : null}
        </section>
      ))}
      {canSend && day === today && dueCount > 0 ? (
        <Form action="/panel/finanse/upomnienia/wyslij" csrfToken={ctx.csrfToken}>
          <input type="hidden" name="dzien" value={day} />
          <p>
            Wyślemy {dueCount} {polishPlural(dueCount, letterForms)}: e-mailem do osób, które zgodziły się na
            korespondencję elektroniczną, pozostałe trafią do kolejki wydruku. Zaległości przeliczymy w chwili wysyłki —
            kto w międzyczasie zapłacił, nie dostanie pisma.
          </p>
          <button type="submit">Wyślij upomnienia</button>
        </Form>
      ) : canSend && day !== today ? (
        <p class="hint">Upomnienia wysyłamy według stanu na dziś; wybierz dzisiejszy dzień, aby je wysłać.</p>
      ) : null}
    </PortalLayout>
  );
}
