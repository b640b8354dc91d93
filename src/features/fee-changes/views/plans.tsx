import type { FieldError } from '../../../errors.ts';
import type { FormState } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { buildingAddress, withCity } from '../../../lib/address.ts';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../../lib/format.ts';
import { countOf } from '../../../lib/plural.ts';
import type { FeeComponent } from '../../ledger/queries.ts';
import { type CostKind, costKindLabels, feeBasisUnitLabels } from '../../ledger/rules/fees.ts';
import { formatRate } from '../../ledger/rules/money.ts';
import { FinanceNav } from '../../ledger/views/finance-nav.tsx';
import type { Building } from '../../units/queries.ts';
import type { ContestWithPlan } from '../contest-queries.ts';
import type { NoticeReport } from '../notice-report.ts';
import type { PlanPreview } from '../plans.ts';
import type { FeePlan } from '../queries.ts';
import type { PlanScope } from '../schema.ts';
import { PlanContests } from './contests.tsx';
import { NoticeSection, SendPlanForm, WithdrawPlanForm } from './notices.tsx';

const BASE = '/panel/finanse/zmiany-oplat';
const SHOWN_UNITS = 500;

const stateLabels: Record<FeePlan['state'], string> = {
  draft: 'w przygotowaniu',
  sent: 'zawiadomienia wysłane',
  withdrawn: 'wycofana',
};

const monthDate = (month: string) => formatCalendarDate(`${month}-01`);

function scopeLabel(scope: PlanScope): string {
  switch (scope.kind) {
    case 'all':
      return 'wszystkie lokale';
    case 'buildings':
      return countOf(scope.buildingIds.length, { one: 'budynek', few: 'budynki', many: 'budynków' });
    case 'units':
      return countOf(scope.unitIds.length, { one: 'lokal', few: 'lokale', many: 'lokali' });
  }
}

export function PlansPage({
  ctx,
  plans,
  canBook,
  notice,
}: {
  ctx: PageContext;
  plans: FeePlan[];
  canBook: boolean;
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Zmiany opłat">
      <h1>Zmiany opłat</h1>
      <FinanceNav canBook={canBook} />
      <Notice text={notice} />
      <p class="hint">
        Zmiana opłat wymaga zawiadomienia każdego posiadacza z uzasadnieniem na piśmie: o kosztach zależnych od
        spółdzielni co najmniej na 3 miesiące naprzód na koniec miesiąca, o opłatach niezależnych (media, odpady) co
        najmniej 14 dni przed terminem płatności (art. 4 ust. 7 i 7¹ ustawy o spółdzielniach mieszkaniowych).
      </p>
      {canBook ? (
        <p>
          <a class="button" href={`${BASE}/nowa`}>
            Przygotuj zmianę opłat
          </a>
        </p>
      ) : null}
      {plans.length === 0 ? (
        <p class="empty">Nie przygotowano jeszcze żadnej zmiany opłat.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Od miesiąca</th>
                <th scope="col">Zakres</th>
                <th scope="col">Stan</th>
                <th scope="col">Przygotował(a)</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`${BASE}/${p.id}`}>{monthDate(p.month)}</a>
                  </td>
                  <td>{scopeLabel(p.scope)}</td>
                  <td>{stateLabels[p.state]}</td>
                  <td>
                    {p.createdByLabel}, {formatDateTime(p.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalLayout>
  );
}

export function PlanFormPage({
  ctx,
  plan,
  components,
  buildings,
  form,
  earliest,
}: {
  ctx: PageContext;
  plan?: FeePlan | undefined;
  components: FeeComponent[];
  buildings: Building[];
  form: FormState;
  earliest: Partial<Record<CostKind, string>>;
}) {
  const { values, errors, lists } = form;
  const scope = values.zakres || 'all';
  const chosen = new Set(lists.budynki ?? []);
  const action = plan ? `${BASE}/${plan.id}/edycja` : BASE;
  const fieldError = (name: string) => errors.find((e: FieldError) => e.field === name)?.message;
  return (
    <PortalLayout ctx={ctx} title={plan ? 'Zmiana opłat — edycja' : 'Nowa zmiana opłat'}>
      <p class="breadcrumbs">
        <a href={BASE}>Zmiany opłat</a>
      </p>
      <h1>{plan ? 'Zmiana opłat — edycja' : 'Nowa zmiana opłat'}</h1>
      <ErrorSummary errors={errors} />
      <p class="hint">
        Najwcześniej, jeśli zawiadomienia zostaną doręczone dziś:{' '}
        {(Object.entries(earliest) as [CostKind, string][]).map(([kind, month]) => (
          <span key={kind}>
            {costKindLabels[kind]} — od {monthDate(month)}.{' '}
          </span>
        ))}
      </p>
      <Form action={action} csrfToken={ctx.csrfToken}>
        <TextField
          name="miesiac"
          label="Nowe stawki od miesiąca (RRRR-MM)"
          value={values.miesiac ?? ''}
          errors={errors}
          required
        />
        <fieldset id="pole-stawki">
          <legend>Nowe stawki (puste pole — składnik bez zmian; najwyżej 4 miejsca po przecinku)</legend>
          {components.map((c) => (
            <TextField
              key={c.id}
              name={`stawka_${c.id}`}
              label={`${c.name} (${feeBasisUnitLabels[c.basis]}; ${costKindLabels[c.costKind]})`}
              value={values[`stawka_${c.id}`] ?? ''}
              errors={errors}
            />
          ))}
        </fieldset>
        <fieldset
          id="pole-zakres"
          class={fieldError('budynki') || fieldError('lokale') ? 'field has-error' : undefined}
        >
          <legend>Kogo dotyczy</legend>
          {(
            [
              ['all', 'wszystkie lokale spółdzielni'],
              ['buildings', 'lokale w wybranych budynkach'],
              ['units', 'wybrane lokale'],
            ] as const
          ).map(([value, label]) => (
            <div key={value}>
              <input type="radio" id={`pole-zakres-${value}`} name="zakres" value={value} checked={scope === value} />{' '}
              <label for={`pole-zakres-${value}`}>{label}</label>
            </div>
          ))}
          <div id="pole-budynki" class="checkbox-list">
            {fieldError('budynki') ? <p class="field-error">{fieldError('budynki')}</p> : null}
            {buildings.map((b) => (
              <div key={b.id}>
                <input
                  type="checkbox"
                  id={`budynek-${b.id}`}
                  name="budynki"
                  value={String(b.id)}
                  checked={chosen.has(String(b.id))}
                />{' '}
                <label for={`budynek-${b.id}`}>{withCity(buildingAddress(b), b)}</label>
              </div>
            ))}
          </div>
          <TextArea
            name="lokale"
            label="Wybrane lokale — po jednym w wierszu, np. „ul. Lipowa 4/12”"
            value={values.lokale ?? ''}
            errors={errors}
            rows={4}
          />
        </fieldset>
        <TextArea
          name="uzasadnienie"
          label="Uzasadnienie (trafi do zawiadomienia każdego posiadacza)"
          value={values.uzasadnienie ?? ''}
          errors={errors}
          rows={8}
          required
        />
        <button type="submit">{plan ? 'Zapisz zmiany' : 'Przygotuj zmianę i pokaż jej skutki'}</button>
      </Form>
    </PortalLayout>
  );
}

function Diff({ grosze }: { grosze: number }) {
  return <span class="amount">{grosze > 0 ? `+${formatMoney(grosze)}` : formatMoney(grosze)}</span>;
}

export function PlanPage({
  ctx,
  preview,
  canBook,
  canMark,
  canSeeLetter,
  report,
  form,
  notice,
  today,
  contests,
  contestLabels,
}: {
  ctx: PageContext;
  today: string;
  contests: ContestWithPlan[];
  /** Unit labels by contest id. */
  contestLabels: Map<number, string>;
  preview: PlanPreview;
  canBook: boolean;
  canMark: boolean;
  canSeeLetter: boolean;
  report: NoticeReport | undefined;
  form: FormState;
  notice?: string | undefined;
}) {
  const { plan, components, rates, units, totals, earliest } = preview;
  const rateOf = (componentId: number) => rates.find((r) => r.componentId === componentId)?.rate ?? 0;
  return (
    <PortalLayout ctx={ctx} title={`Zmiana opłat od ${monthDate(plan.month)}`}>
      <p class="breadcrumbs">
        <a href={BASE}>Zmiany opłat</a>
      </p>
      <h1>Zmiana opłat od {monthDate(plan.month)}</h1>
      <Notice text={notice} />
      <p class="meta">
        {stateLabels[plan.state]} · {scopeLabel(plan.scope)} · przygotował(a) {plan.createdByLabel},{' '}
        {formatDateTime(plan.createdAt)}
      </p>
      <ErrorSummary errors={form.errors} />
      {canBook && plan.state === 'draft' ? (
        <p>
          <a class="button secondary" href={`${BASE}/${plan.id}/edycja`}>
            Zmień stawki, zakres lub uzasadnienie
          </a>
        </p>
      ) : null}
      {canBook && plan.state === 'draft' ? <SendPlanForm ctx={ctx} plan={plan} /> : null}
      {report ? <NoticeSection plan={plan} report={report} canMark={canMark} canSeeLetter={canSeeLetter} /> : null}
      <PlanContests plan={plan} contests={contests} labels={contestLabels} canBook={canBook} />
      {canBook && plan.state !== 'withdrawn' && today < `${plan.month}-01` ? (
        <WithdrawPlanForm ctx={ctx} plan={plan} />
      ) : null}
      <h2>Nowe stawki</h2>
      <ul>
        {components.map((c) => (
          <li key={c.id}>
            {c.name}: {formatRate(rateOf(c.id))} {feeBasisUnitLabels[c.basis]} — {costKindLabels[c.costKind]}
          </li>
        ))}
      </ul>
      <h2>Najwcześniejszy zgodny z prawem termin</h2>
      <p class="hint">
        Jeśli zawiadomienia zostaną doręczone dziś; posiadacz zawiadomiony później płaci dotychczasowe stawki do
        pierwszego dozwolonego miesiąca.
      </p>
      <ul>
        {(Object.entries(earliest) as [CostKind, string][]).map(([kind, month]) => (
          <li key={kind}>
            {costKindLabels[kind]}: od {monthDate(month)}
          </li>
        ))}
      </ul>
      <h2>Uzasadnienie</h2>
      <p class="prose">{plan.justification}</p>
      <h2>Skutki</h2>
      <ul class="totals">
        <li>Lokale objęte zmianą: {totals.units}</li>
        <li>Zapłacą więcej: {totals.more}</li>
        <li>Zapłacą mniej: {totals.less}</li>
        <li>Bez zmiany: {totals.same}</li>
        <li>
          Razem miesięcznie: <Diff grosze={totals.difference} />
        </li>
      </ul>
      <div class="table-wrap">
        <table>
          <caption>
            Opłata miesięczna za zmieniane składniki: dotychczas → nowa
            {units.length > SHOWN_UNITS ? ` (pierwsze ${SHOWN_UNITS} z ${units.length} lokali)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Lokal</th>
              <th scope="col">Posiadacze</th>
              {components.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
              <th scope="col">Razem</th>
              <th scope="col">Różnica</th>
            </tr>
          </thead>
          <tbody>
            {units.slice(0, SHOWN_UNITS).map((u) => (
              <tr key={u.unitId}>
                <td>{u.label}</td>
                <td>{u.holders || '—'}</td>
                {u.lines.map((l) => (
                  <td key={l.componentId} class="amount">
                    {formatMoney(l.old)} → {formatMoney(l.new)}
                  </td>
                ))}
                <td class="amount">
                  {formatMoney(u.oldTotal)} → {formatMoney(u.newTotal)}
                </td>
                <td>
                  <Diff grosze={u.difference} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PortalLayout>
  );
}
