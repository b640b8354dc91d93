import type { FieldError } from '../../../errors.ts';
import { CsrfField, ErrorSummary, FileField, FilesNotKept, Form, Notice, TextField } from '../../../http/forms.tsx';
import { Layout } from '../../../http/layout.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { DocumentText } from '../../documents/texts.ts';
import type { ConsentScan } from '../scans.ts';
import { Declaration, scanHint, scanTypes } from './declaration.tsx';

// Back office --------------------------------------------------------------------------------

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
  form?: Partial<Record<'imie' | 'nazwisko' | 'adres' | 'email', string>>;
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
