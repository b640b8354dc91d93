import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice, SelectField, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import { moneyToPlain } from '../../ledger/rules/money.ts';
import type { Building } from '../../units/queries.ts';
import type { LetterForm } from '../forms.ts';
import type { Letter } from '../letter-queries.ts';
import { audienceLabel, buildingLabel } from '../letter-rules.ts';
import { letterHtml } from '../mail.ts';
import { standardFields } from '../personal/fields.ts';
import type { LetterTemplate } from '../templates/templates.ts';
import { LetterPreview, PreviewScript } from './preview.tsx';
import { PreviewButton } from './templates.tsx';

const audienceOptions = [
  ['all', 'Wszyscy obecni posiadacze lokali', false],
  ['building', 'Posiadacze lokali w jednym budynku', false],
  ['debtors', 'Posiadacze lokali z zadłużeniem powyżej progu na wybrany dzień', false],
  ['units', 'Wybrane lokale (wyszukasz je po zapisaniu szkicu)', true],
  ['persons', 'Wybrane osoby (wyszukasz je po zapisaniu szkicu)', true],
] as const;

/** The closed list of fields a letter may carry, each filled per recipient and unit. */
function FieldList() {
  return (
    <details class="field-list">
      <summary>Pola wypełniane dla każdego adresata</summary>
      <p class="hint">
        Wpisz pole w treści, np. <code>{'{{saldo}}'}</code>. Każdy adresat dostaje list z danymi swojego lokalu (osoba z
        kilkoma lokalami — osobny list dla każdego). Adresaci bez danych wymaganych przez pole są pokazani przed wysyłką
        i nie dostaną listu.
      </p>
      <dl>
        {standardFields.map((f) => (
          <div key={f.key}>
            <dt>
              <code>{`{{${f.key}}}`}</code> — {f.label}
            </dt>
            <dd>{f.description}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The letter's subject, body and audience; picking units or persons needs the register. */
function LetterFields({
  form,
  errors,
  buildings,
  seesRecipients,
}: {
  form: LetterForm;
  errors: FieldError[];
  buildings: Building[];
  seesRecipients: boolean;
}) {
  const audience = form.audience ?? 'all';
  const err = errors.find((e) => e.field === 'audience')?.message;
  return (
    <>
      <div class="compose">
        <div class="compose-fields">
          <TextField name="subject" label="Temat" value={form.subject} errors={errors} required maxLength={200} />
          <TextArea
            name="body"
            label="Treść"
            hint="Markdown: **pogrubienie**, *kursywa*, ## nagłówek, - punkt listy, pusta linia między akapitami."
            value={form.body}
            errors={errors}
            rows={14}
            required
          />
        </div>
        <LetterPreview
          subject={form.subject ?? ''}
          html={form.body?.trim() ? letterHtml({ bodyMarkdown: form.body }) : undefined}
        />
      </div>
      <FieldList />
      <fieldset id="pole-audience" class={err ? 'field has-error' : undefined}>
        <legend>Adresaci</legend>
        {err ? <p class="field-error">{err}</p> : null}
        {audienceOptions
          .filter(([, , register]) => seesRecipients || !register)
          .map(([value, label]) => (
            <div key={value}>
              <input
                type="radio"
                id={`pole-audience-${value}`}
                name="audience"
                value={value}
                checked={audience === value}
              />{' '}
              <label for={`pole-audience-${value}`}>{label}</label>
            </div>
          ))}
        <SelectField
          name="buildingId"
          label="Budynek (dla posiadaczy lokali w jednym budynku)"
          options={[['', '— wybierz —'], ...buildings.map((b) => [String(b.id), buildingLabel(b)] as const)]}
          value={form.buildingId}
          errors={errors}
          required={false}
        />
        <TextField
          name="debtorsDay"
          label="Zadłużenie na dzień"
          type="date"
          value={form.debtorsDay}
          hint="Dla posiadaczy lokali z zadłużeniem: saldo z księgi na koniec tego dnia, np. 30.11.2026."
          errors={errors}
          required={false}
        />
        <TextField
          name="debtorsThreshold"
          label="Próg zadłużenia (zł)"
          value={form.debtorsThreshold}
          hint="List dostaną posiadacze lokali, których zadłużenie jest wyższe niż ta kwota, np. 100,00."
          errors={errors}
          inputMode="numeric"
          required={false}
        />
      </fieldset>
    </>
  );
}

/** The print queue (`letters.recipients`), consents and scans (`consents.manage`). */
function StaffLinks({ seesRecipients, managesConsents }: { seesRecipients: boolean; managesConsents: boolean }) {
  const links = [
    ['/panel/korespondencja/szablony', 'Szablony listów', true],
    ['/panel/korespondencja/druk', 'Kolejka wydruku', seesRecipients],
    ['/panel/korespondencja/zgody', 'Zgody', managesConsents],
    ['/panel/korespondencja/skany', 'Skany oświadczeń do sprawdzenia', managesConsents],
  ] as const;
  return (
    <p>
      {links
        .filter(([, , shown]) => shown)
        .map(([href, label], i) => (
          <span key={href}>
            {i > 0 ? ' · ' : null}
            <a href={href}>{label}</a>
          </span>
        ))}
    </p>
  );
}

/** Starting a new letter from a saved template (a plain GET form: works without JavaScript). */
function TemplatePicker({ templates, chosen }: { templates: LetterTemplate[]; chosen: number | undefined }) {
  if (templates.length === 0) return null;
  return (
    <form method="get" action="/panel/korespondencja#nowy" class="filters template-picker">
      <div class="field">
        <label for="pole-szablon">Zacznij od szablonu</label>
        <select id="pole-szablon" name="szablon">
          {templates.map((t) => (
            <option key={t.id} value={String(t.id)} selected={t.id === chosen}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        Wstaw szablon
      </button>
    </form>
  );
}

const stateText = (l: Letter) =>
  l.state === 'draft'
    ? 'szkic'
    : l.state === 'scheduled'
      ? `zaplanowany na ${l.scheduledAt ? formatDateTime(l.scheduledAt) : ''}`
      : `wysłany ${l.sentAt ? formatDateTime(l.sentAt) : ''}`;

export function LettersPage({
  ctx,
  letters,
  buildings,
  form = {},
  errors = [],
  bounced,
  seesRecipients,
  managesConsents,
  notice,
  templates = [],
  chosenTemplate,
}: {
  ctx: PageContext;
  letters: Letter[];
  buildings: Building[];
  /** Saved templates to start from, and the one whose text fills the form. */
  templates?: LetterTemplate[];
  chosenTemplate?: LetterTemplate | undefined;
  form?: LetterForm;
  errors?: FieldError[];
  bounced: number;
  seesRecipients: boolean;
  /** Consents and their scans (`consents.manage`). */
  managesConsents: boolean;
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Korespondencja" head={<PreviewScript />}>
      <h1>Korespondencja</h1>
      <StaffLinks seesRecipients={seesRecipients} managesConsents={managesConsents} />
      <Notice text={notice} />
      {bounced ? (
        <p class="notice" role="status">
          {bounced}{' '}
          {polishPlural(bounced, {
            one: 'list nie dotarł e-mailem i czeka',
            few: 'listy nie dotarły e-mailem i czekają',
            many: 'listów nie dotarło e-mailem i czeka',
          })}{' '}
          w kolejce wydruku.
        </p>
      ) : null}
      <section aria-labelledby="listy">
        <h2 id="listy">Listy</h2>
        {letters.length === 0 ? (
          <p class="empty">Nie ma jeszcze listów.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Temat</th>
                  <th scope="col">Adresaci</th>
                  <th scope="col">Stan</th>
                </tr>
              </thead>
              <tbody>
                {letters.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <a href={`/panel/korespondencja/${l.id}`}>{l.subject}</a>
                    </td>
                    <td>{audienceLabel(l.audience, buildings)}</td>
                    <td>{stateText(l)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="nowy">
        <h2 id="nowy">Nowy list</h2>
        <TemplatePicker templates={templates} chosen={chosenTemplate?.id} />
        {chosenTemplate ? (
          <p class="notice" role="status">
            Wstawiono szablon „{chosenTemplate.name}”: zmień, co trzeba, i zapisz szkic.
          </p>
        ) : null}
        <ErrorSummary errors={errors} />
        <Form action="/panel/korespondencja" csrfToken={ctx.csrfToken} class="editor-form letter-form">
          <LetterFields
            form={
              chosenTemplate ? { ...form, subject: chosenTemplate.subject, body: chosenTemplate.bodyMarkdown } : form
            }
            errors={errors}
            buildings={buildings}
            seesRecipients={seesRecipients}
          />
          <div class="actions">
            <button type="submit">Zapisz szkic i pokaż adresatów</button>
            <PreviewButton />
          </div>
        </Form>
      </section>
    </PortalLayout>
  );
}

/** Changing a draft: the same fields as a new letter, filled in. */
export function LetterEditPage({
  ctx,
  letter,
  form,
  errors = [],
  buildings,
  seesRecipients,
}: {
  ctx: PageContext;
  letter: Letter;
  form: LetterForm;
  errors?: FieldError[];
  buildings: Building[];
  seesRecipients: boolean;
}) {
  const base = `/panel/korespondencja/${letter.id}`;
  return (
    <PortalLayout ctx={ctx} title={`Zmiana szkicu: ${letter.subject}`} head={<PreviewScript />}>
      <p class="breadcrumbs">
        <a href="/panel/korespondencja">Korespondencja</a> › <a href={base}>{letter.subject}</a>
      </p>
      <h1>Zmiana szkicu listu</h1>
      <ErrorSummary errors={errors} />
      <Form action={`${base}/edycja`} csrfToken={ctx.csrfToken} class="editor-form letter-form">
        <LetterFields form={form} errors={errors} buildings={buildings} seesRecipients={seesRecipients} />
        <div class="actions">
          <button type="submit">Zapisz zmiany</button>
          <PreviewButton />
        </div>
      </Form>
    </PortalLayout>
  );
}

/** The form's values of a saved letter, for its edit page. */
export function formOfLetter(letter: Letter): LetterForm {
  const audience = letter.audience;
  return {
    subject: letter.subject,
    body: letter.bodyMarkdown,
    audience: audience.kind,
    buildingId: audience.kind === 'building' ? String(audience.buildingId) : '',
    debtorsDay: audience.kind === 'debtors' ? audience.asOf : '',
    debtorsThreshold: audience.kind === 'debtors' ? moneyToPlain(audience.threshold) : '',
  };
}
