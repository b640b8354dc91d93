import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import type { DocumentText, DocumentTextKind } from '../../documents/texts.ts';
import { EditorLayout } from './editor-parts.tsx';

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
            hint="DD.MM.RRRR, np. 01.01.2026."
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
