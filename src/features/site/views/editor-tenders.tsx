import type { FieldError } from '../../../errors.ts';
import type { SiteFile } from '../../../files/store.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { Tender } from '../tenders.ts';
import { AttachmentUpload, EditorLayout, FileTable, markdownHint } from './editor-parts.tsx';

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
        hint="Czas polski, DD.MM.RRRR GG:MM, np. 15.05.2026 12:00."
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
