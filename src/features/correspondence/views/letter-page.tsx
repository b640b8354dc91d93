import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, FileField, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import type { Building } from '../../units/queries.ts';
import type { PreviewRow } from '../audience.ts';
import { channelLabels, type Delivery, deliveryStateLabels, type LetterReport } from '../deliveries.ts';
import type { Letter, LetterAttachment } from '../letter-queries.ts';
import { audienceLabel } from '../letter-rules.ts';
import type { PersonalPreview } from '../personal/send.ts';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

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

/** A letter with fields before sending: how many get it, three real versions, who lacks data. */
function PersonalSection({ personal, seesRecipients }: { personal: PersonalPreview; seesRecipients: boolean }) {
  return (
    <>
      <p>
        {personal.total} {polishPlural(personal.total, { one: 'list', few: 'listy', many: 'listów' })} z danymi lokalu
        adresata: {personal.email} e-mailem, {personal.paper} pocztą tradycyjną.
      </p>
      {personal.missing.length ? (
        <div class="notice warning" role="status">
          <p>
            <strong>
              {personal.missing.length}{' '}
              {polishPlural(personal.missing.length, {
                one: 'adresat nie dostanie',
                few: 'adresatów nie dostanie',
                many: 'adresatów nie dostanie',
              })}{' '}
              listu
            </strong>{' '}
            — brak danych wymaganych przez pola listu.
          </p>
          {seesRecipients ? (
            <ul class="missing-data">
              {personal.missing.map((m) => (
                <li key={`${m.personId}-${m.unitId}`}>
                  {m.name}, {m.unitLabel}: brak — {m.missing.join(', ')}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {seesRecipients && personal.samples.length ? (
        <section aria-labelledby="podglad-adresatow">
          <h3 id="podglad-adresatow">Podgląd listu u pierwszych adresatów</h3>
          {personal.samples.map((sample) => (
            <article class="letter-sample" key={`${sample.name}-${sample.unitLabel}`}>
              <h4>
                {sample.name}, {sample.unitLabel} ({sample.channel === 'email' ? 'e-mail' : 'papier'})
              </h4>
              <div class="prose letter-body" dangerouslySetInnerHTML={{ __html: sample.html }} />
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}

export function LetterAdminPage({
  ctx,
  letter,
  html,
  attachments,
  buildings,
  preview,
  personal,
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
  /** A draft with fields: its recipients per unit, three samples and who lacks data. */
  personal?: PersonalPreview | undefined;
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
          {personal ? (
            <PersonalSection personal={personal} seesRecipients={seesRecipients} />
          ) : (
            <p>
              {preview.length} {polishPlural(preview.length, { one: 'adresat', few: 'adresaci', many: 'adresatów' })}:{' '}
              {emailCount} e-mailem, {preview.length - emailCount} pocztą tradycyjną.
            </p>
          )}
          {preview.length === 0 ? (
            <p class="notice">Lista nie ma adresatów, więc nie można jej wysłać: najpierw wybierz adresatów.</p>
          ) : (
            <>
              <SendConfirmForm
                action={`${base}/wyslij`}
                csrfToken={ctx.csrfToken}
                email={emailCount}
                paper={preview.length - emailCount}
                errors={errors}
              />
              <Form action={`${base}/zaplanuj`} csrfToken={ctx.csrfToken} class="form-narrow">
                <TextField name="at" label="Wyślij później (DD.MM.RRRR GG:MM)" errors={errors} required />
                <button type="submit">Zaplanuj wysyłkę</button>
              </Form>
            </>
          )}
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

/**
 * "Wyślij teraz" asks first, without JavaScript: the sender ticks "Wysłać do 412 osób: 305 e-mail,
 * 107 papier?" and the counts go with the form, so a list whose audience changed is not sent.
 */
function SendConfirmForm({
  action,
  csrfToken,
  email,
  paper,
  errors,
}: {
  action: string;
  csrfToken: string;
  email: number;
  paper: number;
  errors: FieldError[];
}) {
  const error = errors.find((e) => e.field === 'potwierdzam')?.message;
  const total = email + paper;
  return (
    <Form action={action} csrfToken={csrfToken} class="send-confirm">
      <input type="hidden" name="email" value={String(email)} />
      <input type="hidden" name="papier" value={String(paper)} />
      <div class={error ? 'field has-error' : 'field'}>
        {error ? (
          <p class="field-error" id="potwierdzam-blad">
            {error}
          </p>
        ) : null}
        <label class="checkbox">
          <input
            type="checkbox"
            name="potwierdzam"
            id="potwierdzam"
            value="1"
            required
            aria-describedby={error ? 'potwierdzam-blad' : undefined}
          />{' '}
          Wysłać do {total} {polishPlural(total, { one: 'osoby', few: 'osób', many: 'osób' })}: {email} e-mail, {paper}{' '}
          papier?
        </label>
      </div>
      <button type="submit">Wyślij teraz</button>
    </Form>
  );
}
