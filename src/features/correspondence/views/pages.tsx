import type { FieldError } from '../../../errors.ts';
import {
  CsrfField,
  ErrorSummary,
  FileField,
  FilesNotKept,
  Form,
  Notice,
  SelectField,
  TextField,
} from '../../../http/forms.tsx';
import { Layout } from '../../../http/layout.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { markdownToSafeHtml } from '../../../lib/markdown.ts';
import type { DocumentText } from '../../documents/texts.ts';
import { type Consent, consentMethodLabels, consentStateLabels, currentOf } from '../consents.ts';
import { channelLabels, type Delivery } from '../deliveries.ts';
import type { Letter, LetterAttachment } from '../letters.ts';
import type { ConsentScan, PublicScanForm } from '../scans.ts';

function ConsentStatus({ history }: { history: Consent[] }) {
  const current = currentOf(history);
  if (!current) return <p>Brak zgody na korespondencję elektroniczną — listy są wysyłane pocztą tradycyjną.</p>;
  if (current.state === 'pending')
    return (
      <p>
        Zgoda na adres <strong>{current.email}</strong> czeka na potwierdzenie: kliknij link z wiadomości wysłanej na
        ten adres (ważny 48 godzin). Do tego czasu listy są wysyłane pocztą tradycyjną.
      </p>
    );
  return (
    <p>
      Zgoda obowiązuje: listy otrzymujesz e-mailem na adres <strong>{current.email}</strong> (potwierdzony{' '}
      {current.addressConfirmedAt ? formatDateTime(current.addressConfirmedAt) : ''}).
    </p>
  );
}

function HistoryTable({ history }: { history: Consent[] }) {
  if (history.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>Historia zgód</caption>
        <thead>
          <tr>
            <th scope="col">Złożona</th>
            <th scope="col">Sposób</th>
            <th scope="col">Adres e-mail</th>
            <th scope="col">Wersja oświadczenia</th>
            <th scope="col">Stan</th>
            <th scope="col">Zarejestrował(a)</th>
          </tr>
        </thead>
        <tbody>
          {history.map((c) => (
            <tr key={c.id}>
              <td>{formatDateTime(c.recordedAt)}</td>
              <td>{consentMethodLabels[c.method]}</td>
              <td>{c.email}</td>
              <td>{c.textVersion}</td>
              <td>
                {consentStateLabels[c.state]}
                {c.withdrawnAt
                  ? ` (${formatDateTime(c.withdrawnAt)}, ${c.withdrawnMethod === 'desk' ? 'w biurze' : 'online'})`
                  : ''}
              </td>
              <td>{c.recordedByLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const scanHint = 'PDF, JPG lub PNG, do 10 MB.';
const scanTypes = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** The declaration's text, whose light structure (paragraphs, `- ` lists) is Markdown. */
function Declaration({ text }: { text: DocumentText }) {
  return <div class="prose declaration" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(text.body) }} />;
}

// e-BOK ---------------------------------------------------------------------------------------

export interface InboxRow {
  delivery: Delivery;
  subject: string;
  sentAt: Date | null;
}

export function InboxPage({ ctx, rows, linked }: { ctx: PageContext; rows: InboxRow[]; linked: boolean }) {
  return (
    <PortalLayout ctx={ctx} title="Korespondencja">
      <h1>Korespondencja</h1>
      <p>
        <a href="/ebok/korespondencja/zgoda">Zgoda na korespondencję elektroniczną</a>
      </p>
      {!linked ? (
        <p class="empty">Twoje konto nie jest jeszcze powiązane z osobą w rejestrze spółdzielni.</p>
      ) : rows.length === 0 ? (
        <p class="empty">Nie masz jeszcze żadnych listów.</p>
      ) : (
        <ul class="news-list inbox">
          {rows.map((row) => (
            <li key={row.delivery.id} class={row.delivery.readAt ? 'read' : 'unread'}>
              <h2>
                <a href={`/ebok/korespondencja/${row.delivery.letterId}`}>{row.subject}</a>
                {row.delivery.readAt ? null : <span class="badge ok">nowy</span>}
              </h2>
              <p class="meta">
                {row.sentAt ? formatDateTime(row.sentAt) : ''} · {channelLabels[row.delivery.channel]}
                {row.delivery.readAt ? ` · przeczytany ${formatDateTime(row.delivery.readAt)}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

export function LetterPage({
  ctx,
  letter,
  html,
  attachments,
  attachmentBase,
  back,
}: {
  ctx: PageContext;
  letter: Letter;
  html: string;
  attachments: LetterAttachment[];
  attachmentBase: string;
  back: { href: string; label: string };
}) {
  return (
    <PortalLayout ctx={ctx} title={letter.subject}>
      <p class="breadcrumbs">
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>{letter.subject}</h1>
      {letter.sentAt ? <p class="meta">Wysłano {formatDateTime(letter.sentAt)}</p> : null}
      <div class="prose letter-body" dangerouslySetInnerHTML={{ __html: html }} />
      {attachments.length ? (
        <section class="attachments">
          <h2>Załączniki</h2>
          <ul class="file-list">
            {attachments.map((a) => (
              <li key={a.id}>
                <a href={`${attachmentBase}/${a.id}`}>{a.name}</a>{' '}
                <span class="meta">PDF, {formatFileSize(a.size)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </PortalLayout>
  );
}

export function MemberConsentPage({
  ctx,
  history,
  declaration,
  email,
  errors = [],
  notice,
  scans,
}: {
  ctx: PageContext;
  history: Consent[];
  declaration: DocumentText;
  email: string;
  errors?: FieldError[];
  notice?: string | undefined;
  scans: ConsentScan[];
}) {
  const current = currentOf(history);
  const waitingScan = scans.find((s) => s.state === 'pending');
  const rejected = scans.filter((s) => s.state === 'rejected').at(-1);
  return (
    <PortalLayout ctx={ctx} title="Zgoda na korespondencję elektroniczną">
      <h1>Zgoda na korespondencję elektroniczną</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <ConsentStatus history={history} />
      {current ? (
        <Form action="/ebok/korespondencja/zgoda/wycofaj" csrfToken={ctx.csrfToken}>
          <button type="submit" class="danger">
            Wycofaj zgodę
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="oswiadczenie">
        <h2 id="oswiadczenie">Oświadczenie (wersja {declaration.version})</h2>
        <Declaration text={declaration} />
        <p>
          <a href="/dokumenty/oswiadczenie-korespondencja-elektroniczna.pdf">Pobierz oświadczenie (PDF)</a>
        </p>
      </section>
      <section aria-labelledby="online">
        <h2 id="online">Wyrażam zgodę online</h2>
        <Form action="/ebok/korespondencja/zgoda" csrfToken={ctx.csrfToken} class="form-narrow">
          <TextField
            name="email"
            label="Adres e-mail do korespondencji"
            type="email"
            value={email}
            errors={errors}
            required
            autocomplete="email"
          />
          <div class={errors.some((e) => e.field === 'accept') ? 'field has-error' : 'field'}>
            <input type="checkbox" id="pole-accept" name="accept" value="tak" />{' '}
            <label for="pole-accept">Potwierdzam zapoznanie się z oświadczeniem i wyrażam zgodę na jego treść.</label>
          </div>
          <p class="hint">Wyślemy link na podany adres; zgoda zacznie obowiązywać po jego kliknięciu.</p>
          <button type="submit">Wyrażam zgodę</button>
        </Form>
      </section>
      <section aria-labelledby="skan">
        <h2 id="skan">Albo prześlij skan podpisanego oświadczenia</h2>
        {waitingScan ? (
          <p>Skan przesłany {formatDateTime(waitingScan.createdAt)} czeka na sprawdzenie przez biuro.</p>
        ) : null}
        {rejected ? <p>Ostatni skan odrzucono: {rejected.reason}</p> : null}
        <form
          method="post"
          action="/ebok/korespondencja/zgoda/skan"
          enctype="multipart/form-data"
          class="form-narrow"
          noValidate
        >
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <TextField
            name="scanEmail"
            label="Adres e-mail z oświadczenia"
            type="email"
            value={email}
            errors={errors}
            required
          />
          <FileField name="file" label="Skan" hint={scanHint} errors={errors} accept={scanTypes} />
          <button type="submit">Prześlij skan</button>
        </form>
      </section>
      <HistoryTable history={history} />
    </PortalLayout>
  );
}

export function ConfirmPage({
  ctx,
  state,
  email,
  csrfToken,
  action,
}: {
  ctx: PageContext;
  state: 'ask' | 'confirmed' | 'expired' | 'invalid';
  email?: string | undefined;
  csrfToken: string;
  action: string;
}) {
  return (
    <PortalLayout ctx={ctx} title="Potwierdzenie adresu e-mail" fullNav={false}>
      <h1>Potwierdzenie adresu e-mail</h1>
      {state === 'ask' ? (
        <>
          <p>
            Potwierdź, że na adres <strong>{email}</strong> ma przychodzić korespondencja, którą wysyła{' '}
            {ctx.organization.name}.
          </p>
          <Form action={action} csrfToken={csrfToken}>
            <button type="submit">Potwierdzam adres e-mail</button>
          </Form>
        </>
      ) : state === 'confirmed' ? (
        <p class="notice" role="status">
          Dziękujemy. Adres <strong>{email}</strong> został potwierdzony — zgoda na korespondencję elektroniczną
          obowiązuje.
        </p>
      ) : state === 'expired' ? (
        <p>Link wygasł (działa 48 godzin). Złóż zgodę ponownie w e-BOK lub w biurze spółdzielni.</p>
      ) : (
        <p>Ten link jest nieprawidłowy albo został już użyty.</p>
      )}
    </PortalLayout>
  );
}

// Back office: consents and scans ----------------------------------------------------------

export function ConsentsPage({
  ctx,
  query,
  persons,
}: {
  ctx: PageContext;
  query: string;
  persons: { id: number; firstName: string; lastName: string; email: string | null }[];
}) {
  return (
    <PortalLayout ctx={ctx} title="Zgody na korespondencję">
      <p class="breadcrumbs">
        <a href="/panel/korespondencja">Korespondencja</a>
      </p>
      <h1>Zgody na korespondencję elektroniczną</h1>
      <form method="get" action="/panel/korespondencja/zgody" class="search-page-form">
        <TextField
          name="q"
          label="Szukaj osoby (nazwisko, e-mail, końcówka PESEL)"
          type="search"
          value={query}
          required
        />
        <button type="submit">Szukaj</button>
      </form>
      {query && persons.length === 0 ? <p class="empty">Nie znaleziono osób.</p> : null}
      <ul>
        {persons.map((p) => (
          <li key={p.id}>
            <a href={`/panel/korespondencja/zgody/${p.id}`}>
              {p.lastName} {p.firstName}
            </a>{' '}
            {p.email ? <span class="meta">{p.email}</span> : null}
          </li>
        ))}
      </ul>
    </PortalLayout>
  );
}

export function PersonConsentPage({
  ctx,
  person,
  history,
  declaration,
  email,
  method = 'desk',
  errors = [],
  notice,
}: {
  ctx: PageContext;
  person: { id: number; firstName: string; lastName: string };
  method?: string | undefined;
  history: Consent[];
  declaration: DocumentText;
  email: string;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const base = `/panel/korespondencja/zgody/${person.id}`;
  return (
    <PortalLayout ctx={ctx} title="Zgoda na korespondencję">
      <p class="breadcrumbs">
        <a href="/panel/korespondencja/zgody">Zgody</a>
      </p>
      <h1>
        {person.firstName} {person.lastName}: zgoda na korespondencję elektroniczną
      </h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <ConsentStatus history={history} />
      {currentOf(history) ? (
        <Form action={`${base}/wycofaj`} csrfToken={ctx.csrfToken}>
          <button type="submit" class="danger">
            Zarejestruj wycofanie zgody (w biurze)
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="biuro">
        <h2 id="biuro">Rejestracja podpisanego oświadczenia</h2>
        <p class="hint">
          Oświadczenie w wersji {declaration.version}. Na podany adres wyślemy link potwierdzający; zgoda zacznie
          obowiązywać po jego kliknięciu (także przy okienku, na telefonie osoby).
        </p>
        <Form action={base} csrfToken={ctx.csrfToken} class="form-narrow">
          <SelectField
            name="method"
            label="Jak złożono oświadczenie"
            options={[
              ['desk', 'podpisane w biurze (tożsamość sprawdzona na dowodzie osobistym)'],
              ['scan', 'skan przesłany zdalnie (e-mailem lub pocztą, ze skanem dowodu osobistego)'],
            ]}
            value={method}
            errors={errors}
          />
          <TextField
            name="email"
            label="Adres e-mail z oświadczenia"
            type="email"
            value={email}
            errors={errors}
            required
          />
          <button type="submit">Zarejestruj oświadczenie</button>
        </Form>
      </section>
      <HistoryTable history={history} />
    </PortalLayout>
  );
}

/** Who sent a scan: the member's person, or the name typed in the public form. */
function scanSender(scan: ConsentScan, personName: string | undefined): string {
  if (personName) return personName;
  return scan.firstName || scan.lastName ? `${scan.firstName ?? ''} ${scan.lastName ?? ''}`.trim() : '—';
}

export function ScanQueuePage({
  ctx,
  scans,
  names,
  notice,
}: {
  ctx: PageContext;
  scans: ConsentScan[];
  names: Map<number, string>;
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Skany oświadczeń">
      <p class="breadcrumbs">
        <a href="/panel/korespondencja">Korespondencja</a>
      </p>
      <h1>Skany oświadczeń do sprawdzenia</h1>
      <Notice text={notice} />
      <p class="hint">Skany nierozpatrzone przez 30 dni są usuwane automatycznie. Po decyzji skany usuwamy od razu.</p>
      {scans.length === 0 ? (
        <p class="empty">Nie ma skanów do sprawdzenia.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Osoba</th>
                <th scope="col">Adres e-mail</th>
                <th scope="col">Skąd</th>
                <th scope="col">Przesłano</th>
              </tr>
            </thead>
            <tbody>
              {scans.map((scan) => (
                <tr key={scan.id}>
                  <td>
                    <a href={`/panel/korespondencja/skany/${scan.id}`}>
                      {scanSender(scan, scan.personId ? names.get(scan.personId) : undefined)}
                    </a>
                  </td>
                  <td>{scan.email}</td>
                  <td>{scan.source === 'public' ? 'formularz na stronie (ze skanem dowodu)' : 'e-BOK'}</td>
                  <td>{formatDateTime(scan.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalLayout>
  );
}

/** One scan to decide: its files, the sender's data and, for the public form, the person to match. */
export function ScanPage({
  ctx,
  scan,
  personName,
  candidates,
  query,
  errors = [],
}: {
  ctx: PageContext;
  scan: ConsentScan;
  personName: string | undefined;
  /** Persons of the register that may have sent it (public form only). */
  candidates: { id: number; label: string }[];
  query: string;
  errors?: FieldError[];
}) {
  const base = `/panel/korespondencja/skany/${scan.id}`;
  const matching = !scan.personId;
  const personError = errors.find((e) => e.field === 'personId')?.message;
  return (
    <PortalLayout ctx={ctx} title="Skan oświadczenia">
      <p class="breadcrumbs">
        <a href="/panel/korespondencja/skany">Skany oświadczeń</a>
      </p>
      <h1>Skan oświadczenia: {scanSender(scan, personName)}</h1>
      <ErrorSummary errors={errors} />
      <dl class="facts">
        <dt>Adres e-mail z oświadczenia</dt>
        <dd>{scan.email}</dd>
        {scan.unitAddress ? (
          <>
            <dt>Adres lokalu (wpisany)</dt>
            <dd>{scan.unitAddress}</dd>
          </>
        ) : null}
        <dt>Przesłano</dt>
        <dd>
          {formatDateTime(scan.createdAt)}, {scan.source === 'public' ? 'formularz na stronie' : 'e-BOK'}
        </dd>
      </dl>
      <ul class="file-list">
        <li>
          <a href={`${base}/plik`}>Skan oświadczenia ({scan.fileName})</a>
        </li>
        {scan.idFileId ? (
          <li>
            <a href={`${base}/dowod`}>Skan dowodu osobistego</a>
          </li>
        ) : null}
      </ul>
      <section aria-labelledby="przyjecie">
        <h2 id="przyjecie">Przyjęcie</h2>
        <p class="hint">
          Sprawdź podpis{matching ? ' i tożsamość na skanie dowodu' : ''}. Po przyjęciu wyślemy link potwierdzający
          adres; zgoda zacznie obowiązywać po jego kliknięciu. Skany zostaną usunięte.
        </p>
        {matching ? (
          <form method="get" action={base} class="search-page-form">
            <TextField
              name="szukaj"
              label="Szukaj osoby w rejestrze (nazwisko, e-mail, końcówka PESEL)"
              type="search"
              value={query}
              required
            />
            <button type="submit">Szukaj</button>
          </form>
        ) : null}
        <Form action={`${base}/przyjmij`} csrfToken={ctx.csrfToken}>
          {matching ? (
            <fieldset id="pole-personId" class={personError ? 'field has-error' : undefined}>
              <legend>Osoba z rejestru, która podpisała oświadczenie</legend>
              {personError ? <p class="field-error">{personError}</p> : null}
              {candidates.length === 0 ? (
                <p class="empty">Nie znaleziono w rejestrze osoby o tych danych: wyszukaj ją powyżej.</p>
              ) : (
                candidates.map((c) => (
                  <div key={c.id}>
                    <input type="radio" id={`osoba-${c.id}`} name="personId" value={String(c.id)} />{' '}
                    <label for={`osoba-${c.id}`}>{c.label}</label>
                  </div>
                ))
              )}
            </fieldset>
          ) : null}
          <button type="submit">Przyjmij (wyślij link potwierdzający adres)</button>
        </Form>
      </section>
      <section aria-labelledby="odrzucenie">
        <h2 id="odrzucenie">Odrzucenie</h2>
        <Form action={`${base}/odrzuc`} csrfToken={ctx.csrfToken} class="form-narrow">
          <TextField
            name="reason"
            label="Powód odrzucenia"
            hint={scan.source === 'public' ? 'Wyślemy go na adres e-mail z oświadczenia.' : 'Osoba zobaczy go w e-BOK.'}
            errors={errors}
            required
          />
          <button type="submit" class="danger">
            Odrzuć
          </button>
        </Form>
      </section>
    </PortalLayout>
  );
}

// Public site -------------------------------------------------------------------------------

/** The form for people without e-BOK: the signed declaration and an ID, as scans. */
export function PublicConsentPage({
  ctx,
  declaration,
  form = {},
  errors = [],
}: {
  ctx: PageContext;
  declaration: DocumentText;
  form?: Partial<PublicScanForm>;
  errors?: FieldError[];
}) {
  return (
    <Layout
      title="Zgoda na korespondencję elektroniczną — prześlij skan"
      organization={ctx.organization}
      path="/korespondencja/zgoda"
    >
      <h1>Zgoda na korespondencję elektroniczną — prześlij skan</h1>
      <div class="form-narrow">
        <p>
          Jeśli nie możesz przyjść do biura, wydrukuj i podpisz{' '}
          <a href="/dokumenty/oswiadczenie-korespondencja-elektroniczna.pdf">oświadczenie</a>, a następnie prześlij jego
          skan wraz ze skanem dowodu osobistego. Skan dowodu służy wyłącznie sprawdzeniu tożsamości; oba skany usuwamy
          zaraz po rozpatrzeniu (a nierozpatrzone — po 30 dniach).
        </p>
        <p>
          Po sprawdzeniu skanów wyślemy na podany adres e-mail link potwierdzający. Zgoda zacznie obowiązywać dopiero po
          jego kliknięciu. Masz konto e-BOK? Zgodę wyrazisz szybciej <a href="/ebok/korespondencja/zgoda">w e-BOK</a>.
        </p>
        <details>
          <summary>Treść oświadczenia (wersja {declaration.version})</summary>
          <Declaration text={declaration} />
        </details>
        <ErrorSummary errors={errors} />
        <FilesNotKept errors={errors} />
        <form method="post" action="/korespondencja/zgoda" enctype="multipart/form-data" noValidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField name="imie" label="Imię" value={form.imie} required autocomplete="given-name" errors={errors} />
          <TextField
            name="nazwisko"
            label="Nazwisko"
            value={form.nazwisko}
            required
            autocomplete="family-name"
            errors={errors}
          />
          <TextField
            name="adres"
            label="Adres lokalu"
            value={form.adres}
            hint="np. ul. Paderewskiego 65/12"
            required
            errors={errors}
          />
          <TextField
            name="email"
            label="Adres e-mail z oświadczenia"
            type="email"
            value={form.email}
            hint="Na ten adres będzie przychodzić korespondencja; wyślemy na niego link potwierdzający."
            required
            autocomplete="email"
            errors={errors}
          />
          <FileField
            name="oswiadczenie"
            label="Skan podpisanego oświadczenia"
            hint={scanHint}
            errors={errors}
            accept={scanTypes}
          />
          <FileField name="dowod" label="Skan dowodu osobistego" hint={scanHint} errors={errors} accept={scanTypes} />
          <button type="submit">Prześlij oświadczenie</button>
        </form>
      </div>
    </Layout>
  );
}

export function PublicConsentSentPage({ ctx, email }: { ctx: PageContext; email: string }) {
  return (
    <Layout title="Oświadczenie przesłane" organization={ctx.organization} path="/korespondencja/zgoda">
      <h1>Oświadczenie przesłane</h1>
      <p class="notice" role="status">
        Dziękujemy. Biuro sprawdzi skany i wyśle na adres <strong>{email}</strong> link potwierdzający. Zgoda zacznie
        obowiązywać po kliknięciu tego linku (działa 48 godzin).
      </p>
      <p>Jeśli skanów nie będzie można przyjąć, napiszemy na ten adres, dlaczego.</p>
    </Layout>
  );
}

/** The e-BOK start page's tile: letters, with the number not yet opened. */
export function CorrespondenceTile({ unread }: { unread: number }) {
  return (
    <li>
      <h2>Korespondencja</h2>
      <p>{unread > 0 ? <strong>Nieprzeczytane listy: {unread}</strong> : 'Wszystkie listy przeczytane.'}</p>
      <a href="/ebok/korespondencja">Przejdź do korespondencji</a>
    </li>
  );
}
