/** Contested fee changes (art. 4 ust. 8): recording a suit, the contest's page, the lists on other pages. */
import type { FormState } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, SelectField, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../../lib/format.ts';
import { type ContestWithPlan, outcomeLabels } from '../contest-queries.ts';
import type { FeePlan } from '../queries.ts';

const BASE = '/panel/finanse/zmiany-oplat';
const monthDate = (month: string) => formatCalendarDate(`${month}-01`);

/** What a contest means for the unit's charges, in one sentence. */
export function contestState(c: ContestWithPlan): string {
  if (c.outcome === null)
    return `Do prawomocnego wyroku opłaty zależne od spółdzielni w dotychczasowej wysokości od ${monthDate(c.fromMonth)}; opłaty za media według nowych stawek.`;
  const final = c.finalOn ? `, wyrok prawomocny ${formatCalendarDate(c.finalOn)}` : '';
  if (c.outcome === 'change_annulled')
    return `${outcomeLabels[c.outcome]}${final}: opłaty pozostają w dotychczasowej wysokości.`;
  return `${outcomeLabels[c.outcome]}${final}: nowe stawki obowiązują${
    c.difference ? `; wyrównanie za miesiące w dotychczasowej wysokości: ${formatMoney(c.difference)}` : ''
  }.`;
}

const documentOf = (c: ContestWithPlan) =>
  [c.court, c.caseNumber ? `sygn. ${c.caseNumber}` : ''].filter(Boolean).join(', ');

/** The form recording a holder's suit against a sent plan. */
export function ContestFormPage({
  ctx,
  plan,
  holders,
  form,
  today,
}: {
  ctx: PageContext;
  plan: FeePlan;
  /** The plan's notices: id and "unit — holder". */
  holders: { noticeId: number; label: string }[];
  form: FormState;
  today: string;
}) {
  const { errors, values } = form;
  return (
    <PortalLayout ctx={ctx} title="Zaskarżenie zmiany opłat">
      <p class="breadcrumbs">
        <a href={BASE}>Zmiany opłat</a> › <a href={`${BASE}/${plan.id}`}>Zmiana od {monthDate(plan.month)}</a>
      </p>
      <h1>Zaskarżenie zmiany opłat od {monthDate(plan.month)}</h1>
      <p class="hint">
        Posiadacz, który zakwestionował zmianę w sądzie (ustawa o spółdzielniach mieszkaniowych, art. 4 ust. 8), do
        prawomocnego wyroku płaci opłaty zależne od spółdzielni w dotychczasowej wysokości — od pierwszego miesiąca,
        którego opłata staje się wymagalna po wniesieniu pozwu. Opłaty za media (niezależne od spółdzielni) płaci według
        nowych stawek.
      </p>
      <ErrorSummary errors={errors} />
      <Form action={`${BASE}/${plan.id}/zaskarzenia`} csrfToken={ctx.csrfToken}>
        <SelectField
          name="zawiadomienie"
          label="Lokal i posiadacz, który wniósł pozew"
          options={[['', '— wybierz —'], ...holders.map((h) => [String(h.noticeId), h.label] as const)]}
          value={values.zawiadomienie}
          errors={errors}
        />
        <TextField
          name="dzien"
          label="Dzień wniesienia pozwu"
          type="date"
          value={values.dzien ?? today}
          errors={errors}
          required
        />
        <TextField
          name="sad"
          label="Sąd"
          hint="Np. Sąd Rejonowy dla Warszawy-Mokotowa, I Wydział Cywilny."
          value={values.sad ?? ''}
          errors={errors}
          required
          maxLength={200}
        />
        <TextField
          name="sygnatura"
          label="Sygnatura akt (jeśli już nadana)"
          value={values.sygnatura ?? ''}
          errors={errors}
          maxLength={100}
        />
        <button type="submit">Zapisz zaskarżenie</button>
      </Form>
    </PortalLayout>
  );
}

/** One contest: who, which change, the court's document, what it does, and closing it. */
export function ContestPage({
  ctx,
  contest,
  unitLabel,
  holderName,
  canBook,
  form,
  today,
  notice,
}: {
  ctx: PageContext;
  contest: ContestWithPlan;
  unitLabel: string;
  holderName: string;
  canBook: boolean;
  form: FormState;
  today: string;
  notice?: string | undefined;
}) {
  const { errors, values } = form;
  return (
    <PortalLayout ctx={ctx} title={`Zaskarżenie zmiany opłat — ${unitLabel}`}>
      <p class="breadcrumbs">
        <a href={BASE}>Zmiany opłat</a> ›{' '}
        <a href={`${BASE}/${contest.planId}`}>Zmiana od {monthDate(contest.planMonth)}</a>
      </p>
      <h1>Zaskarżenie zmiany opłat — {unitLabel}</h1>
      <Notice text={notice} />
      <dl class="facts">
        <dt>Posiadacz</dt>
        <dd>{holderName}</dd>
        <dt>Lokal</dt>
        <dd>
          <a href={`/panel/finanse/lokal/${contest.unitId}`}>{unitLabel}</a>
        </dd>
        <dt>Zmiana opłat</dt>
        <dd>
          <a href={`${BASE}/${contest.planId}`}>od {monthDate(contest.planMonth)}</a>
        </dd>
        <dt>Pozew wniesiony</dt>
        <dd>
          {formatCalendarDate(contest.filedOn)} · {documentOf(contest)}
        </dd>
        <dt>Stan</dt>
        <dd>{contestState(contest)}</dd>
        <dt>Zapisał(a)</dt>
        <dd>
          {contest.recordedByLabel}, {formatDateTime(contest.recordedAt)}
          {contest.closedAt ? ` · zamknął(a) ${contest.closedByLabel ?? ''}, ${formatDateTime(contest.closedAt)}` : ''}
        </dd>
      </dl>
      {canBook && contest.outcome === null ? (
        <section>
          <h2>Prawomocne rozstrzygnięcie</h2>
          <p class="hint">
            Gdy sąd uzna zmianę za zasadną (albo pozew zostanie cofnięty), posiadacz płaci różnicę za miesiące opłacone
            w dotychczasowej wysokości — zostanie ona naliczona z terminem płatności w przyszłym miesiącu — a od
            najbliższego naliczenia nowe stawki. Gdy uzna ją za niezasadną, opłaty pozostają w dotychczasowej wysokości,
            a miesiące naliczone według nowych stawek zostaną skorygowane.
          </p>
          <ErrorSummary errors={errors} />
          <Form action={`/panel/finanse/zmiany-oplat/zaskarzenia/${contest.id}/zamknij`} csrfToken={ctx.csrfToken}>
            <SelectField
              name="wynik"
              label="Rozstrzygnięcie"
              options={[['', '— wybierz —'], ...Object.entries(outcomeLabels)]}
              value={values.wynik}
              errors={errors}
            />
            <TextField
              name="dzien"
              label="Dzień uprawomocnienia"
              type="date"
              value={values.dzien ?? today}
              errors={errors}
              required
            />
            <button type="submit">Zamknij zaskarżenie</button>
          </Form>
        </section>
      ) : null}
    </PortalLayout>
  );
}

/** The contests of a plan, on its page. */
export function PlanContests({
  plan,
  contests,
  labels,
  canBook,
}: {
  plan: FeePlan;
  contests: ContestWithPlan[];
  labels: Map<number, string>;
  canBook: boolean;
}) {
  if (plan.state !== 'sent' && contests.length === 0) return null;
  return (
    <section>
      <h2>Zaskarżenia w sądzie</h2>
      {contests.length === 0 ? <p>Nikt nie zaskarżył tej zmiany.</p> : null}
      <ul>
        {contests.map((c) => (
          <li key={c.id}>
            <a href={`${BASE}/zaskarzenia/${c.id}`}>{labels.get(c.id) ?? ''}</a>: pozew z{' '}
            {formatCalendarDate(c.filedOn)} — {contestState(c)}
          </li>
        ))}
      </ul>
      {canBook && plan.state === 'sent' ? (
        <p>
          <a class="button secondary" href={`${BASE}/${plan.id}/zaskarzenia/nowe`}>
            Zapisz zaskarżenie zmiany w sądzie
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** On a unit's account (staff): the unit's contested changes and the link to its fee change history. */
export function UnitContests({ unitId, contests }: { unitId: number; contests: ContestWithPlan[] }) {
  return (
    <section class="unit-fee-changes">
      {contests.length ? <h2>Zaskarżone zmiany opłat</h2> : null}
      <ul>
        {contests.map((c) => (
          <li key={c.id}>
            <a href={`${BASE}/zaskarzenia/${c.id}`}>Zmiana od {monthDate(c.planMonth)}</a> — pozew z{' '}
            {formatCalendarDate(c.filedOn)} ({documentOf(c)}). {contestState(c)}
          </li>
        ))}
      </ul>
      <p>
        <a href={`${BASE}/lokal/${unitId}`}>Historia zmian opłat tego lokalu</a>
      </p>
    </section>
  );
}

/** e-BOK: the member's contested changes. */
export function MemberContests({ contests, labels }: { contests: ContestWithPlan[]; labels: Map<number, string> }) {
  if (contests.length === 0) return null;
  return (
    <section class="member-contests">
      <h2>Zaskarżone zmiany opłat</h2>
      {contests.map((c) => (
        <article key={c.id} class="card">
          <h3>{labels.get(c.unitId) ?? ''}</h3>
          <p>
            Zmiana opłat od {monthDate(c.planMonth)} zaskarżona w sądzie {formatCalendarDate(c.filedOn)} (
            {documentOf(c)}).
          </p>
          <p>{contestState(c)}</p>
        </article>
      ))}
    </section>
  );
}
