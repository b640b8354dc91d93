import type { FieldError } from '../../../errors.ts';
import type { SiteFile } from '../../../files/store.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import type { DocumentText, DocumentTextKind } from '../../documents/texts.ts';
import type { GazetteIssue } from '../gazette.ts';
import type { Tender } from '../tenders.ts';
import { AttachmentUpload, EditorLayout, FileField, FileTable, markdownHint, UploadForm } from './editor-parts.tsx';

export function EditorOverviewPage({ ctx }: { ctx: PageContext }) {
  const tiles = [
    {
      title: 'Aktualności',
      text: 'Wpisy, szkice, publikacja i zaplanowane wpisy, załączniki i zdjęcia.',
      href: '/panel/strona/aktualnosci',
      link: 'Przejdź do aktualności',
    },
    {
      title: 'Działy i strony',
      text: 'Menu strony: kolejność, podstrony, treść, załączniki, ukrywanie; także deklaracja dostępności.',
      href: '/panel/strona/dzialy',
      link: 'Przejdź do działów',
    },
    {
      title: 'Przetargi',
      text: 'Ogłoszenia, terminy, dokumenty i wyniki przetargów.',
      href: '/panel/strona/przetargi',
      link: 'Przejdź do przetargów',
    },
    { title: 'Gazetka', text: 'Wydania gazetki w PDF.', href: '/panel/strona/gazetka', link: 'Przejdź do gazetki' },
    {
      title: 'Dokumenty',
      text: 'Regulamin e-BOK i oświadczenie o korespondencji elektronicznej: nowe wersje.',
      href: '/panel/strona/dokumenty',
      link: 'Przejdź do dokumentów',
    },
    {
      title: 'Ustawienia',
      text: 'Godziny pracy biura i licznik odwiedzin.',
      href: '/panel/strona/ustawienia',
      link: 'Przejdź do ustawień',
    },
  ];
  return (
    <EditorLayout ctx={ctx} title="Strona internetowa" back={{ href: '/panel', label: 'Panel pracownika' }}>
      <h1>Strona internetowa</h1>
      <p>
        Tu prowadzisz publiczną stronę spółdzielni. <a href="/">Zobacz stronę</a> tak, jak widzą ją odwiedzający.
      </p>
      <ul class="tiles">
        {tiles.map((tile) => (
          <li key={tile.href}>
            <h2>{tile.title}</h2>
            <p>{tile.text}</p>
            <a href={tile.href}>{tile.link}</a>
          </li>
        ))}
      </ul>
    </EditorLayout>
  );
}

export interface TenderForm {
  title?: string;
  description?: string;
  deadline?: string;
  result?: string;
}

function TenderFields({ form, errors }: { form: TenderForm; errors: FieldError[] }) {
  return (
    <>
      <TextField name="title" label="Tytuł" value={form.title} required maxLength={300} errors={errors} />
      <TextArea name="description" label="Opis" value={form.description} hint={markdownHint} errors={errors} />
      <TextField
        name="deadline"
        label="Termin składania ofert"
        value={form.deadline}
        required
        hint="Czas polski, RRRR-MM-DD GG:MM, np. 2026-05-15 12:00."
        errors={errors}
      />
      <TextArea
        name="result"
        label="Wynik"
        value={form.result}
        rows={4}
        hint="Puste, dopóki przetarg nie jest rozstrzygnięty."
        errors={errors}
      />
    </>
  );
}

export function TenderListPage({
  ctx,
  tenders,
  now,
  form = {},
  errors = [],
}: {
  ctx: PageContext;
  tenders: Tender[];
  now: Date;
  form?: TenderForm;
  errors?: FieldError[];
}) {
  return (
    <EditorLayout ctx={ctx} title="Przetargi — redakcja">
      <h1>Przetargi</h1>
      {tenders.length === 0 ? (
        <p class="empty">Nie ma jeszcze przetargów.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Przetargi</caption>
            <thead>
              <tr>
                <th scope="col">Tytuł</th>
                <th scope="col">Termin ofert</th>
                <th scope="col">Stan</th>
              </tr>
            </thead>
            <tbody>
              {tenders.map((tender) => (
                <tr key={tender.id}>
                  <td>
                    <a href={`/panel/strona/przetargi/${tender.id}`}>{tender.title}</a>
                  </td>
                  <td>{formatDateTime(tender.deadline)}</td>
                  <td>
                    {tender.deadline > now ? (
                      <span class="badge ok">otwarty</span>
                    ) : (
                      <span class="badge">zamknięty</span>
                    )}{' '}
                    {tender.result ? <span class="badge">z wynikiem</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="nowy-przetarg">
        <h2 id="nowy-przetarg">Nowy przetarg</h2>
        <ErrorSummary errors={errors} />
        <Form action="/panel/strona/przetargi" csrfToken={ctx.csrfToken} class="editor-form">
          <TenderFields form={form} errors={errors} />
          <button type="submit">Dodaj przetarg</button>
        </Form>
      </section>
    </EditorLayout>
  );
}

export function EditTenderPage({
  ctx,
  tender,
  documents,
  now,
  form,
  closeForm = {},
  uploadForm = {},
  errors = [],
  notice,
}: {
  ctx: PageContext;
  tender: Tender;
  documents: SiteFile[];
  now: Date;
  form: TenderForm;
  closeForm?: { closeResult?: string };
  uploadForm?: Record<string, string>;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const base = `/panel/strona/przetargi/${tender.id}`;
  return (
    <EditorLayout
      ctx={ctx}
      title={`Przetarg: ${tender.title}`}
      back={{ href: '/panel/strona/przetargi', label: 'Przetargi' }}
    >
      <h1>{tender.title}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <p>
        {tender.deadline > now ? <span class="badge ok">otwarty</span> : <span class="badge">zamknięty</span>} · termin
        ofert {formatDateTime(tender.deadline)}
      </p>
      {tender.deadline > now || !tender.result ? (
        <section aria-labelledby="zamknij">
          <h2 id="zamknij">Zamknij z wynikiem</h2>
          <p class="hint">Wynik pojawi się na stronie, a przetarg trafi do zamkniętych.</p>
          <Form action={`${base}/zamknij`} csrfToken={ctx.csrfToken} class="editor-form">
            <TextArea
              name="closeResult"
              label="Wynik przetargu"
              value={closeForm.closeResult}
              rows={4}
              required
              errors={errors}
            />
            <button type="submit" class="danger">
              Zamknij przetarg
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="dane">
        <h2 id="dane">Dane przetargu</h2>
        <Form action={base} csrfToken={ctx.csrfToken} class="editor-form">
          <TenderFields form={form} errors={errors} />
          <button type="submit">Zapisz zmiany</button>
        </Form>
      </section>
      <section aria-labelledby="dokumenty">
        <h2 id="dokumenty">Dokumenty</h2>
        <FileTable
          files={documents}
          removeAction={(file) => `${base}/pliki/${file.id}/usun`}
          csrfToken={ctx.csrfToken}
          caption="Dokumenty przetargu"
        />
        <h3>Dodaj dokument</h3>
        <AttachmentUpload action={`${base}/pliki`} ctx={ctx} errors={errors} form={uploadForm} />
      </section>
    </EditorLayout>
  );
}

export function GazettePage({
  ctx,
  issues,
  form = {},
  errors = [],
  notice,
}: {
  ctx: PageContext;
  issues: GazetteIssue[];
  form?: { title?: string; issueDate?: string };
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  return (
    <EditorLayout ctx={ctx} title="Gazetka — redakcja">
      <h1>Gazetka</h1>
      <Notice text={notice} />
      {issues.length === 0 ? (
        <p class="empty">Nie ma jeszcze wydań.</p>
      ) : (
        <ul class="file-list">
          {issues.map((issue) => (
            <li key={issue.id}>
              <a href={issue.url}>{issue.title}</a>{' '}
              <span class="meta">
                ({formatCalendarDate(issue.issueDate)}, PDF, {formatFileSize(issue.size)})
              </span>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="nowe-wydanie" class="form-narrow">
        <h2 id="nowe-wydanie">Dodaj wydanie</h2>
        <ErrorSummary errors={errors} />
        <UploadForm action="/panel/strona/gazetka" csrfToken={ctx.csrfToken}>
          <TextField
            name="title"
            label="Tytuł wydania"
            value={form.title}
            required
            maxLength={200}
            hint="Np. Gazetka nr 2/2026."
            errors={errors}
          />
          <TextField
            name="issueDate"
            label="Data wydania"
            type="date"
            value={form.issueDate}
            required
            hint="RRRR-MM-DD, np. 2026-06-01."
            errors={errors}
          />
          <FileField errors={errors} label="Plik PDF" hint="Tylko PDF, najwyżej 20 MB." />
          <button type="submit">Dodaj wydanie</button>
        </UploadForm>
      </section>
    </EditorLayout>
  );
}

export const documentKinds: { kind: DocumentTextKind; slug: string; title: string; pdf: string }[] = [
  { kind: 'ebok_terms', slug: 'regulamin-ebok', title: 'Regulamin usługi e-BOK', pdf: '/dokumenty/regulamin-ebok.pdf' },
  {
    kind: 'consent',
    slug: 'zgoda-korespondencja',
    title: 'Oświadczenie o zgodzie na korespondencję elektroniczną',
    pdf: '/dokumenty/oswiadczenie-korespondencja-elektroniczna.pdf',
  },
];

export function DocumentsPage({
  ctx,
  current,
  notice,
}: {
  ctx: PageContext;
  current: DocumentText[];
  notice?: string | undefined;
}) {
  return (
    <EditorLayout ctx={ctx} title="Dokumenty">
      <h1>Dokumenty</h1>
      <Notice text={notice} />
      <p>
        Teksty dokumentów, z których serwis tworzy pliki PDF. Zmiana zapisuje nową wersję; poprzednie zostają, bo
        podpisane formularze odwołują się do swojej wersji.
      </p>
      <ul class="tiles">
        {documentKinds.map((doc) => {
          const text = current.find((c) => c.kind === doc.kind);
          return (
            <li key={doc.kind}>
              <h2>{doc.title}</h2>
              <p>
                Obowiązuje wersja {text?.version} od {text ? formatCalendarDate(text.effectiveFrom) : '—'}.
              </p>
              <p>
                <a href={`/panel/strona/dokumenty/${doc.slug}`}>Zmień tekst i zobacz historię</a>
              </p>
              <p>
                <a href={doc.pdf}>Pobierz PDF</a>
              </p>
            </li>
          );
        })}
        <li>
          <h2>Formularz aktywacji e-BOK</h2>
          <p>Tworzony z regulaminu e-BOK i danych spółdzielni.</p>
          <a href="/dokumenty/formularz-aktywacji-ebok.pdf">Pobierz PDF</a>
        </li>
      </ul>
    </EditorLayout>
  );
}

export function DocumentTextPage({
  ctx,
  doc,
  versions,
  form,
  errors = [],
  notice,
}: {
  ctx: PageContext;
  doc: (typeof documentKinds)[number];
  versions: (DocumentText & { savedAt: Date | undefined })[];
  form: { body?: string; effectiveFrom?: string };
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const currentVersion = versions[0]?.version;
  return (
    <EditorLayout ctx={ctx} title={doc.title} back={{ href: '/panel/strona/dokumenty', label: 'Dokumenty' }}>
      <h1>{doc.title}</h1>
      <Notice text={notice} />
      <p>
        <a href={doc.pdf}>Pobierz PDF obecnej wersji</a>
      </p>
      <section aria-labelledby="nowa-wersja">
        <h2 id="nowa-wersja">Nowa wersja</h2>
        <ErrorSummary errors={errors} />
        <Form action={`/panel/strona/dokumenty/${doc.slug}`} csrfToken={ctx.csrfToken} class="editor-form">
          <TextArea
            name="body"
            label="Treść"
            value={form.body}
            rows={20}
            required
            hint="Zwykły tekst: akapity oddziel pustą linią; linia zaczynająca się od § jest nagłówkiem. {nazwa} zastępuje nazwa spółdzielni."
            errors={errors}
          />
          <TextField
            name="effectiveFrom"
            label="Obowiązuje od"
            type="date"
            value={form.effectiveFrom}
            required
            hint="RRRR-MM-DD, np. 2026-01-01."
            errors={errors}
          />
          <button type="submit">Zapisz jako nową wersję</button>
        </Form>
      </section>
      <section aria-labelledby="historia">
        <h2 id="historia">Historia wersji</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Wersje dokumentu, najnowsza na górze</caption>
            <thead>
              <tr>
                <th scope="col">Wersja</th>
                <th scope="col">Obowiązuje od</th>
                <th scope="col">Zapisano</th>
                <th scope="col">Początek tekstu</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    {v.version} {v.version === currentVersion ? <span class="badge ok">obecna</span> : null}
                  </td>
                  <td>{formatCalendarDate(v.effectiveFrom)}</td>
                  <td>{v.savedAt ? formatDateTime(v.savedAt) : 'tekst wbudowany'}</td>
                  <td>{v.body.length > 120 ? `${v.body.slice(0, 117)}…` : v.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </EditorLayout>
  );
}

export function SettingsPage({
  ctx,
  form,
  errors = [],
  notice,
}: {
  ctx: PageContext;
  form: { officeHours?: string; visitorCountStart?: string };
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  return (
    <EditorLayout ctx={ctx} title="Ustawienia strony">
      <h1>Ustawienia strony</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <Form action="/panel/strona/ustawienia" csrfToken={ctx.csrfToken} class="editor-form">
        <TextArea
          name="officeHours"
          label="Godziny pracy biura"
          value={form.officeHours}
          rows={6}
          hint="Każdy wiersz osobno, np. „poniedziałek: 7:00–17:00”. Widać je na stronie Kontakt."
          errors={errors}
        />
        <TextField
          name="visitorCountStart"
          label="Licznik odwiedzin zaczyna od"
          value={form.visitorCountStart}
          inputMode="numeric"
          hint="Liczba odwiedzin z poprzedniej strony; do niej doliczani są nowi goście."
          errors={errors}
        />
        <button type="submit">Zapisz ustawienia</button>
      </Form>
    </EditorLayout>
  );
}
