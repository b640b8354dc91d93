/** The organization's reminder stages and their letters (/panel/finanse/upomnienia/etapy). */
import type { FieldError } from '../../../errors.ts';
import type { FormValues } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { standardFields } from '../../correspondence/personal/fields.ts';
import { FinanceNav } from '../../ledger/views/finance-nav.tsx';
import { reminderFields } from '../rules/letters.ts';
import { MAX_STAGES, type Stage, stageLabel } from '../rules/stages.ts';

const zl = (grosze: number) => (grosze / 100).toFixed(2).replace('.', ',');

function StageForm({
  ctx,
  stage,
  level,
  errors,
  values,
}: {
  ctx: PageContext;
  stage: Stage | undefined;
  level: number;
  errors: FieldError[];
  values: FormValues | undefined;
}) {
  const v = (name: string, fallback: string) => (values ? (values[name] ?? '') : fallback);
  return (
    <Form action={`/panel/finanse/upomnienia/etapy/${level}`} csrfToken={ctx.csrfToken}>
      <TextField name="nazwa" label="Nazwa etapu" value={v('nazwa', stage?.name ?? '')} errors={errors} required />
      <TextField
        name="kwota"
        label="Zaległość po terminie co najmniej (zł)"
        value={v('kwota', stage ? zl(stage.minOverdue) : '')}
        errors={errors}
        required
      />
      <TextField
        name="dni"
        label="Dni po terminie najstarszej zaległości, co najmniej"
        value={v('dni', stage ? String(stage.minDaysOverdue) : '')}
        errors={errors}
        required
      />
      <TextField
        name="termin"
        label="Termin zapłaty: dni od dnia pisma"
        value={v('termin', stage ? String(stage.payWithinDays) : '14')}
        errors={errors}
        required
      />
      <TextField name="temat" label="Temat pisma" value={v('temat', stage?.subject ?? '')} errors={errors} required />
      <TextArea
        name="tresc"
        label="Treść pisma (Markdown z polami {{…}})"
        value={v('tresc', stage?.bodyMarkdown ?? '')}
        errors={errors}
        rows={16}
        required
      />
      <button type="submit">{stage ? 'Zapisz etap' : 'Dodaj etap'}</button>
    </Form>
  );
}

export function StagesPage({
  ctx,
  stages,
  canConfigure,
  canBook,
  notice,
  errors = [],
}: {
  ctx: PageContext;
  stages: Stage[];
  canConfigure: boolean;
  canBook: boolean;
  notice?: string | undefined;
  errors?: FieldError[];
}) {
  const next = stages.length + 1;
  return (
    <PortalLayout ctx={ctx} title="Etapy upomnień">
      <p class="breadcrumbs">
        <a href="/panel/finanse/upomnienia">Upomnienia</a> › Etapy
      </p>
      <h1>Etapy upomnień</h1>
      <FinanceNav canBook={canBook} />
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <p>
        Etapy idą po kolei: każdy następny dopiero po upływie terminu zapłaty z poprzedniego pisma i gdy zaległość
        osiąga jego próg. Progi kolejnych etapów nie mogą być niższe niż poprzednich.
      </p>
      <div class="table-wrap">
        <table class="ledger-table stack">
          <thead>
            <tr>
              <th scope="col">Etap</th>
              <th scope="col" class="num">
                Zaległość od
              </th>
              <th scope="col">Dni po terminie</th>
              <th scope="col">Termin zapłaty</th>
              <th scope="col">Pismo</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.level}>
                <td data-label="Etap">{stageLabel(s)}</td>
                <td class="money" data-label="Zaległość od">
                  {formatMoney(s.minOverdue)}
                </td>
                <td data-label="Dni po terminie">{s.minDaysOverdue}</td>
                <td data-label="Termin zapłaty">{s.payWithinDays} dni</td>
                <td data-label="Pismo">
                  <a href={`/panel/finanse/upomnienia/etapy/${s.level}`}>
                    {canConfigure ? 'Zmień' : 'Zobacz'}
                    <span class="visually-hidden"> etap {stageLabel(s)}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canConfigure && next <= MAX_STAGES ? (
        <p>
          <a href={`/panel/finanse/upomnienia/etapy/${next}`}>Dodaj etap {next}</a>
        </p>
      ) : null}
      {canConfigure && stages.length > 1 ? (
        <Form action="/panel/finanse/upomnienia/etapy/usun" csrfToken={ctx.csrfToken}>
          <button type="submit" class="secondary">
            Usuń ostatni etap ({stageLabel(stages[stages.length - 1] as Stage)})
          </button>
        </Form>
      ) : null}
    </PortalLayout>
  );
}

/** One stage's thresholds and letter: a form for the administrator, the text for others. */
export function StagePage({
  ctx,
  stage,
  level,
  canConfigure,
  canBook,
  errors = [],
  values,
}: {
  ctx: PageContext;
  stage: Stage | undefined;
  level: number;
  canConfigure: boolean;
  canBook: boolean;
  errors?: FieldError[];
  values?: FormValues | undefined;
}) {
  const title = stage ? `Etap ${stageLabel(stage)}` : `Nowy etap ${level}`;
  return (
    <PortalLayout ctx={ctx} title={title}>
      <p class="breadcrumbs">
        <a href="/panel/finanse/upomnienia">Upomnienia</a> › <a href="/panel/finanse/upomnienia/etapy">Etapy</a> ›{' '}
        {title}
      </p>
      <h1>{title}</h1>
      <FinanceNav canBook={canBook} />
      <ErrorSummary errors={errors} />
      {canConfigure ? (
        <>
          <StageForm ctx={ctx} stage={stage} level={level} errors={errors} values={values} />
          <h2>Pola pisma</h2>
          <dl class="fields-list">
            {[...standardFields, ...reminderFields].map((f) => (
              <div key={f.key}>
                <dt>
                  <code>{`{{${f.key}}}`}</code> — {f.label}
                </dt>
                <dd>{f.description}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : stage ? (
        <>
          <p>
            <strong>{stage.subject}</strong>
          </p>
          <pre class="prose">{stage.bodyMarkdown}</pre>
        </>
      ) : null}
    </PortalLayout>
  );
}
