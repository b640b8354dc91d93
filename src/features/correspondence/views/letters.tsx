import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, FileField, Form, Notice, SelectField, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import { moneyToPlain } from '../../ledger/rules/money.ts';
import type { Building } from '../../units/queries.ts';
import { channelLabels, type Delivery, deliveryStateLabels, type LetterReport } from '../deliveries.ts';
import { audienceLabel, buildingLabel, type Letter, type LetterAttachment, type PreviewRow } from '../letters.ts';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** What the letter form sends back; the same fields create a letter and change a draft. */
export interface LetterForm {
  subject?: string;
  body?: string;
  audience?: string;
  buildingId?: string;
  debtorsDay?: string;
  debtorsThreshold?: string;
}

const audienceOptions = [
  ['all', 'Wszyscy obecni posiadacze lokali', false],
  ['building', 'Posiadacze lokali w jednym budynku', false],
  ['debtors', 'Posiadacze lokali z zadłużeniem powyżej progu na wybrany dzień', false],
  ['units', 'Wybrane lokale (wyszukasz je po zapisaniu szkicu)', true],
  ['persons', 'Wybrane osoby (wyszukasz je po zapisaniu szkicu)', true],
] as const;

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
      <TextField name="subject" label="Temat" value={form.subject} errors={errors} required maxLength={200} />
      <TextArea
        name="body"
        label="Treść"
        hint="Markdown: **pogrubienie**, *kursywa*, ## nagłówek, - punkt listy, pusta linia między akapitami."
        value={form.body}
        errors={errors}
        required
      />
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
          hint="Dla posiadaczy lokali z zadłużeniem: saldo z księgi na koniec tego dnia, np. 2026-11-30."
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
  notice,
}: {
  ctx: PageContext;
  letters: Letter[];
  buildings: Building[];
  form?: LetterForm;
  errors?: FieldError[];
  bounced: number;
  seesRecipients: boolean;
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Korespondencja">
      <h1>Korespondencja</h1>
      {seesRecipients ? (
        <p>
          <a href="/panel/korespondencja/druk">Kolejka wydruku</a> · <a href="/panel/korespondencja/zgody">Zgody</a> ·{' '}
          <a href="/panel/korespondencja/skany">Skany oświadczeń do sprawdzenia</a>
        </p>
      ) : null}
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
        <ErrorSummary errors={errors} />
        <Form action="/panel/korespondencja" csrfToken={ctx.csrfToken} class="editor-form">
          <LetterFields form={form} errors={errors} buildings={buildings} seesRecipients={seesRecipients} />
          <button type="submit">Zapisz szkic i pokaż adresatów</button>
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
    <PortalLayout ctx={ctx} title={`Zmiana szkicu: ${letter.subject}`}>
      <p class="breadcrumbs">
        <a href="/panel/korespondencja">Korespondencja</a> › <a href={base}>{letter.subject}</a>
      </p>
      <h1>Zmiana szkicu listu</h1>
      <ErrorSummary errors={errors} />
      <Form action={`${base}/edycja`} csrfToken={ctx.csrfToken} class="editor-form">
        <LetterFields form={form} errors={errors} buildings={buildings} seesRecipients={seesRecipients} />
        <button type="submit">Zapisz zmiany</button>
      </Form>
    </PortalLayout>
  );
}

/** The form's values of a saved letter, for its edit page. */
export function letterForm(letter: Letter): LetterForm {
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

/** Units or persons picked for a draft, and the register search that adds more. */
export interface RecipientPicker {
  kind: 'units' | 'persons';
  picked: { id: number; label: string }[];
  query: string;
  results: { id: number; label: string; detail: string }[] | undefined;
}

function PickerSection({
  ctx,
  base,
  picker,
  errors,
}: {
  ctx: PageContext;
  base: string;
  picker: RecipientPicker;
  errors: FieldError[];
}) {
  const units = picker.kind === 'units';
  const field = units ? 'unitId' : 'personId';
  const error = errors.find((e) => e.field === field)?.message;
  const picked = new Set(picker.picked.map((p) => p.id));
  return (
    <section aria-labelledby="wybrani">
      <h2 id="wybrani">{units ? 'Wybrane lokale' : 'Wybrane osoby'}</h2>
      {picker.picked.length === 0 ? (
        <p class="empty">
          {units
            ? 'Nie wybrano jeszcze lokali: wyszukaj je poniżej.'
            : 'Nie wybrano jeszcze osób: wyszukaj je poniżej.'}
        </p>
      ) : (
        <ul>
          {picker.picked.map((p) => (
            <li key={p.id}>
              {p.label}{' '}
              <Form action={`${base}/adresaci/usun`} csrfToken={ctx.csrfToken} class="inline-form">
                <input type="hidden" name="id" value={String(p.id)} />
                <button type="submit" class="button small secondary" aria-label={`Usuń: ${p.label}`}>
                  Usuń
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <form method="get" action={`${base}#wybrani`} class="search-page-form">
        <TextField
          name="szukaj"
          label={
            units
              ? 'Szukaj lokalu (adres, np. Paderewskiego 65/12, numer lokalu lub klucz)'
              : 'Szukaj osoby (nazwisko, e-mail, końcówka PESEL)'
          }
          type="search"
          value={picker.query}
          required
        />
        <button type="submit">Szukaj</button>
      </form>
      <div id={`pole-${field}`} class={error ? 'field has-error' : undefined} tabIndex={-1}>
        {error ? <p class="field-error">{error}</p> : null}
      </div>
      {picker.results && picker.results.length === 0 ? <p class="empty">Nic nie znaleziono.</p> : null}
      {picker.results?.length ? (
        <ul>
          {picker.results.map((r) => (
            <li key={r.id}>
              {r.label} {r.detail ? <span class="meta">{r.detail}</span> : null}{' '}
              {picked.has(r.id) ? (
                <span class="meta">(wybrano)</span>
              ) : (
                <Form action={`${base}/adresaci`} csrfToken={ctx.csrfToken} class="inline-form">
                  <input type="hidden" name={field} value={String(r.id)} />
                  <button type="submit" class="button small" aria-label={`Dodaj: ${r.label}`}>
                    Dodaj
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function LetterAdminPage({
  ctx,
  letter,
  html,
  attachments,
  buildings,
  preview,
  picker,
  report,
  deliveries,
  seesRecipients,
  errors = [],
  notice,
}: {
  ctx: PageContext;
  letter: Letter;
  html: string;
  attachments: LetterAttachment[];
  buildings: Building[];
  preview: PreviewRow[] | undefined;
  picker: RecipientPicker | undefined;
  report: LetterReport | undefined;
  deliveries: Delivery[];
  /** Names, addresses and e-mails of the recipients (clerks and admins; editors see counts). */
  seesRecipients: boolean;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const base = `/panel/korespondencja/${letter.id}`;
  const draft = letter.state === 'draft';
  const emailCount = preview?.filter((p) => p.channel === 'email').length ?? 0;
  return (
    <PortalLayout ctx={ctx} title={letter.subject}>
      <p class="breadcrumbs">
        <a href="/panel/korespondencja">Korespondencja</a>
      </p>
      <h1>{letter.subject}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <p class="meta">
        Adresaci: {audienceLabel(letter.audience, buildings)} · przygotował(a) {letter.createdByLabel}
        {letter.state === 'scheduled' && letter.scheduledAt
          ? ` · zaplanowany na ${formatDateTime(letter.scheduledAt)}`
          : ''}
        {letter.sentAt ? ` · wysłany ${formatDateTime(letter.sentAt)}` : ''}
      </p>
      {draft ? (
        <div class="actions">
          <a class="button secondary" href={`${base}/edycja`}>
            Zmień treść lub adresatów
          </a>
          <Form action={`${base}/usun`} csrfToken={ctx.csrfToken} class="inline-form">
            <button type="submit" class="danger">
              Usuń szkic
            </button>
          </Form>
        </div>
      ) : null}
      {letter.state === 'scheduled' ? (
        <Form action={`${base}/wstrzymaj`} csrfToken={ctx.csrfToken}>
          <button type="submit" class="secondary">
            Wstrzymaj wysyłkę (list wróci do szkiców)
          </button>
        </Form>
      ) : null}
      <div class="prose letter-body" dangerouslySetInnerHTML={{ __html: html }} />
      <section aria-labelledby="zalaczniki">
        <h2 id="zalaczniki">Załączniki</h2>
        {attachments.length === 0 ? <p class="empty">Brak załączników.</p> : null}
        <ul class="file-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`${base}/zalaczniki/${a.id}`}>{a.name}</a> <span class="meta">{formatFileSize(a.size)}</span>
              {draft ? (
                <Form action={`${base}/zalaczniki/${a.id}/usun`} csrfToken={ctx.csrfToken} class="inline-form">
                  <button type="submit" class="button small secondary" aria-label={`Usuń załącznik ${a.name}`}>
                    Usuń
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {draft ? (
          <form method="post" action={`${base}/zalaczniki`} enctype="multipart/form-data" noValidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <FileField
              name="file"
              label="Dodaj załącznik (PDF, do 10 MB)"
              errors={errors}
              accept=".pdf,application/pdf"
            />
            <button type="submit">Dodaj załącznik</button>
          </form>
        ) : null}
      </section>
      {picker && draft ? <PickerSection ctx={ctx} base={base} picker={picker} errors={errors} /> : null}
      {preview && draft ? (
        <section aria-labelledby="wysylka">
          <h2 id="wysylka">Wysyłka</h2>
          <p>
            {preview.length} {polishPlural(preview.length, { one: 'adresat', few: 'adresaci', many: 'adresatów' })}:{' '}
            {emailCount} e-mailem, {preview.length - emailCount} pocztą tradycyjną.
          </p>
          <Form action={`${base}/wyslij`} csrfToken={ctx.csrfToken}>
            <button type="submit">Wyślij teraz</button>
          </Form>
          <Form action={`${base}/zaplanuj`} csrfToken={ctx.csrfToken} class="form-narrow">
            <TextField name="at" label="Wyślij później (RRRR-MM-DD GG:MM)" errors={errors} required />
            <button type="submit">Zaplanuj wysyłkę</button>
          </Form>
        </section>
      ) : null}
      {preview && seesRecipients ? (
        <div class="table-wrap">
          <table>
            <caption>Adresaci i kanał, którym otrzymają list</caption>
            <thead>
              <tr>
                <th scope="col">Adresat</th>
                <th scope="col">Adres</th>
                <th scope="col">Kanał</th>
              </tr>
            </thead>
            <tbody>
              {preview.map((p) => (
                <tr key={p.personId}>
                  <td>{p.name}</td>
                  <td>{p.postalAddress.replace('\n', ', ')}</td>
                  <td>{p.channel === 'email' ? `e-mail (${p.consentEmail})` : 'papier'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report ? (
        <section aria-labelledby="raport">
          <h2 id="raport">Raport doręczeń</h2>
          <ul>
            {report.byChannelState.map((r) => (
              <li key={`${r.channel}-${r.state}`}>
                {channelLabels[r.channel]}, {deliveryStateLabels[r.state]}: {r.count}
              </li>
            ))}
            <li>
              Odczytane w e-BOK: {report.read} z {report.total} ({percent(report.readRate)})
            </li>
            {report.bounced ? <li>Nie dotarło e-mailem (przeniesione na papier): {report.bounced}</li> : null}
          </ul>
          {seesRecipients ? (
            <>
              <p>
                <a href={`${base}/raport.csv`}>Pobierz listę doręczeń (CSV)</a>
              </p>
              <div class="table-wrap">
                <table>
                  <caption>Doręczenia</caption>
                  <thead>
                    <tr>
                      <th scope="col">Adresat</th>
                      <th scope="col">Kanał</th>
                      <th scope="col">Stan</th>
                      <th scope="col">Odczytano</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deliveries.map((d) => (
                      <tr key={d.id}>
                        <td>{d.recipientName}</td>
                        <td>
                          {channelLabels[d.channel]}
                          {d.email ? ` (${d.email})` : ''}
                        </td>
                        <td>
                          {deliveryStateLabels[d.state]}
                          {d.emailError ? ` — e-mail nie dotarł: ${d.emailError}` : ''}
                        </td>
                        <td>{d.readAt ? formatDateTime(d.readAt) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
    </PortalLayout>
  );
}

export function PrintQueuePage({
  ctx,
  rows,
  notice,
}: {
  ctx: PageContext;
  rows: { delivery: Delivery; letter: Letter }[];
  notice?: string | undefined;
}) {
  const ids = rows.map((r) => r.delivery.id).join(',');
  return (
    <PortalLayout ctx={ctx} title="Kolejka wydruku">
      <p class="breadcrumbs">
        <a href="/panel/korespondencja">Korespondencja</a>
      </p>
      <h1>Kolejka wydruku</h1>
      <Notice text={notice} />
      {rows.length === 0 ? (
        <p class="empty">Nie ma listów do wydruku.</p>
      ) : (
        <>
          <p>
            {rows.length} {polishPlural(rows.length, { one: 'list', few: 'listy', many: 'listów' })} do wydruku. Adres
            jest ustawiony pod okienko koperty DL.{' '}
            <a href={`/panel/korespondencja/druk.pdf?ids=${ids}`}>Pobierz PDF do wydruku</a>
          </p>
          <Form action="/panel/korespondencja/druk/potwierdz" csrfToken={ctx.csrfToken}>
            <input type="hidden" name="ids" value={ids} />
            <button type="submit">Potwierdzam wydruk tych listów</button>
          </Form>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">List</th>
                  <th scope="col">Adresat</th>
                  <th scope="col">Uwagi</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.delivery.id}>
                    <td>{r.letter.subject}</td>
                    <td>
                      {r.delivery.recipientName}, {r.delivery.postalAddress.replace('\n', ', ')}
                    </td>
                    <td>{r.delivery.emailError ? `e-mail nie dotarł: ${r.delivery.emailError}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </PortalLayout>
  );
}
