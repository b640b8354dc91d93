import type { FormState } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { LetterTemplate } from '../templates/templates.ts';
import { LetterPreview, PreviewScript } from './preview.tsx';

const LETTERS = '/panel/korespondencja';
const TEMPLATES = `${LETTERS}/szablony`;

/** Name, subject and body of a template, with the letter's preview beside the body. */
function TemplateFields({ form, previewHtml }: { form: FormState; previewHtml: string | undefined }) {
  return (
    <>
      <TextField
        name="name"
        label="Nazwa szablonu"
        value={form.values.name}
        hint="Po tej nazwie wybierzesz szablon przy nowym liście."
        errors={form.errors}
        required
        maxLength={120}
      />
      <div class="compose">
        <div class="compose-fields">
          <TextField
            name="subject"
            label="Temat listu"
            value={form.values.subject}
            errors={form.errors}
            required
            maxLength={200}
          />
          <TextArea
            name="body"
            label="Treść listu"
            hint="Markdown: **pogrubienie**, *kursywa*, ## nagłówek, - punkt listy; pola jak {{saldo}} wypełnią się dla każdego adresata."
            value={form.values.body}
            errors={form.errors}
            rows={14}
            required
          />
        </div>
        <LetterPreview subject={form.values.subject ?? ''} html={previewHtml} />
      </div>
    </>
  );
}

/** /panel/korespondencja/szablony: the organization's templates and the form of a new one. */
export function TemplatesPage({
  ctx,
  templates,
  form,
  previewHtml,
  notice,
}: {
  ctx: PageContext;
  templates: LetterTemplate[];
  form: FormState;
  previewHtml: string | undefined;
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Szablony listów" head={<PreviewScript />}>
      <p class="breadcrumbs">
        <a href={LETTERS}>Korespondencja</a> › Szablony listów
      </p>
      <h1>Szablony listów</h1>
      <Notice text={notice} />
      <section aria-labelledby="zapisane">
        <h2 id="zapisane">Zapisane szablony</h2>
        {templates.length === 0 ? (
          <p class="empty">Nie ma jeszcze szablonów. Zapisz poniżej list, który wysyłasz co jakiś czas.</p>
        ) : (
          <div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">Nazwa</th>
                  <th scope="col">Temat listu</th>
                  <th scope="col">Zmieniony</th>
                  <th scope="col">Działania</th>
                </tr>
              </thead>
              <tbody>
                {templates.map((t) => (
                  <tr key={t.id}>
                    <td data-label="Nazwa">
                      <a href={`${TEMPLATES}/${t.id}`}>{t.name}</a>
                    </td>
                    <td data-label="Temat">{t.subject}</td>
                    <td data-label="Zmieniony">
                      {formatDateTime(t.updatedAt)}
                      {t.updatedByLabel ? `, ${t.updatedByLabel}` : ''}
                    </td>
                    <td data-label="Działania">
                      <a href={`${LETTERS}?szablon=${t.id}#nowy`}>
                        Napisz list<span class="visually-hidden"> z szablonu {t.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="nowy-szablon">
        <h2 id="nowy-szablon">Nowy szablon</h2>
        <ErrorSummary errors={form.errors} />
        <Form action={TEMPLATES} csrfToken={ctx.csrfToken} class="editor-form letter-form">
          <TemplateFields form={form} previewHtml={previewHtml} />
          <div class="actions">
            <button type="submit">Zapisz szablon</button>
            <PreviewButton />
          </div>
        </Form>
      </section>
    </PortalLayout>
  );
}

/** One template: change it, start a letter from it, or delete it. */
export function TemplatePage({
  ctx,
  template,
  form,
  previewHtml,
  notice,
}: {
  ctx: PageContext;
  template: LetterTemplate;
  form: FormState;
  previewHtml: string | undefined;
  notice?: string | undefined;
}) {
  const base = `${TEMPLATES}/${template.id}`;
  return (
    <PortalLayout ctx={ctx} title={`Szablon: ${template.name}`} head={<PreviewScript />}>
      <p class="breadcrumbs">
        <a href={LETTERS}>Korespondencja</a> › <a href={TEMPLATES}>Szablony listów</a> › {template.name}
      </p>
      <h1>Szablon: {template.name}</h1>
      <Notice text={notice} />
      <p>
        <a class="button" href={`${LETTERS}?szablon=${template.id}#nowy`}>
          Napisz list z tego szablonu
        </a>
      </p>
      <ErrorSummary errors={form.errors} />
      <Form action={base} csrfToken={ctx.csrfToken} class="editor-form letter-form">
        <TemplateFields form={form} previewHtml={previewHtml} />
        <div class="actions">
          <button type="submit">Zapisz zmiany</button>
          <PreviewButton />
        </div>
      </Form>
      <Form action={`${base}/usun`} csrfToken={ctx.csrfToken} class="inline-form">
        <button type="submit" class="danger">
          Usuń szablon<span class="visually-hidden"> {template.name}</span>
        </button>
      </Form>
      <p class="hint">Usunięcie szablonu nie zmienia listów, które już z niego napisano.</p>
    </PortalLayout>
  );
}

/** Without JavaScript: the preview of the typed letter on a page of its own, in a new tab. */
export function PreviewButton() {
  return (
    <button type="submit" class="secondary" formAction={`${LETTERS}/podglad`} formTarget="_blank">
      Podgląd w nowej karcie
    </button>
  );
}
