import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../errors.ts';
import { ALLOWED_TYPES_TEXT, editorFileUrl, fileUrl, type SiteFile, typeLabel } from '../../../files/store.ts';
import { CsrfField, Form, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatCalendarDate } from '../../../lib/format.ts';

/** The shell of every editor page: the back office layout with a way back to the overview. */
export function EditorLayout({
  ctx,
  title,
  back,
  children,
}: {
  ctx: PageContext;
  title: string;
  /** Where "back" leads; the overview by default. */
  back?: { href: string; label: string } | undefined;
  children: ComponentChildren;
}) {
  const link = back ?? { href: '/panel/strona', label: 'Strona internetowa' };
  return (
    <PortalLayout ctx={ctx} title={title}>
      <nav class="breadcrumbs" aria-label="Okruszki">
        <a href={link.href}>« {link.label}</a>
      </nav>
      {children}
    </PortalLayout>
  );
}

export const markdownHint =
  'Markdown: pusta linia zaczyna nowy akapit, **pogrubienie**, *kursywa*, ## Nagłówek, - punkt listy, [tekst odnośnika](/adres). Kod HTML i skrypty są usuwane.';

/** A file input with its label, hint and error. */
export function FileField({
  errors = [],
  label = 'Plik',
  hint,
}: {
  errors?: FieldError[] | undefined;
  label?: string;
  hint?: string;
}) {
  const error = errors.find((e) => e.field === 'file')?.message;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="pole-file">{label}</label>
      <p class="hint" id="pole-file-podpowiedz">
        {hint ?? `Dozwolone pliki: ${ALLOWED_TYPES_TEXT}, najwyżej 20 MB.`}
      </p>
      {error ? (
        <p class="field-error" id="pole-file-blad">
          <span class="visually-hidden">Błąd: </span>
          {error}
        </p>
      ) : null}
      <input
        id="pole-file"
        name="file"
        type="file"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'pole-file-podpowiedz pole-file-blad' : 'pole-file-podpowiedz'}
      />
    </div>
  );
}

/**
 * A form that sends a file. The CSRF token goes first, so it is read before the file, and the
 * multipart parser puts it in the body where the CSRF check looks for it.
 */
export function UploadForm({
  action,
  csrfToken,
  children,
}: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={action} encType="multipart/form-data" noValidate>
      <CsrfField token={csrfToken} />
      {children}
    </form>
  );
}

/** Files of a news item, page or tender, with a button to remove each. */
export function FileTable({
  files,
  removeAction,
  csrfToken,
  caption,
}: {
  files: SiteFile[];
  /** The remove form's address for a file. */
  removeAction: (file: SiteFile) => string;
  csrfToken: string;
  caption: string;
}) {
  if (files.length === 0) return <p class="empty">Brak plików.</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Plik</th>
            <th scope="col">Rodzaj i rozmiar</th>
            <th scope="col">Wersja i data</th>
            <th scope="col">Działanie</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.id}>
              <td>
                <a href={editorFileUrl(file)}>{file.title}</a>
                {file.title !== file.name ? <span class="meta"> ({file.name})</span> : null}
                <br />
                <span class="meta">
                  Adres do treści: <code>{fileUrl(file)}</code>
                </span>
              </td>
              <td>
                {typeLabel(file.contentType)}, {formatFileSize(file.size)}
              </td>
              <td>
                {file.version ?? '—'}
                {file.documentDate ? `, od ${formatCalendarDate(file.documentDate)}` : ''}
              </td>
              <td>
                <Form action={removeAction(file)} csrfToken={csrfToken} class="inline-form">
                  <button type="submit" class="secondary small">
                    Usuń<span class="visually-hidden"> plik {file.title}</span>
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The upload of an attachment: a label and the file. */
export function AttachmentUpload({
  action,
  ctx,
  errors = [],
  form = {},
  withVersion = false,
}: {
  action: string;
  ctx: PageContext;
  errors?: FieldError[] | undefined;
  form?: Record<string, string>;
  /** Uploaded documents (statute, regulations) carry a version and a date. */
  withVersion?: boolean;
}) {
  return (
    <UploadForm action={action} csrfToken={ctx.csrfToken}>
      <TextField
        name="fileTitle"
        label="Nazwa pliku na liście"
        value={form.fileTitle}
        hint="Puste: nazwa pliku."
        errors={errors}
        maxLength={200}
      />
      {withVersion ? (
        <>
          <TextField
            name="version"
            label="Wersja"
            value={form.version}
            hint="Np. tekst jednolity 2024."
            errors={errors}
            maxLength={100}
          />
          <TextField
            name="documentDate"
            label="Obowiązuje od"
            type="date"
            value={form.documentDate}
            hint="DD.MM.RRRR, np. 20.06.2024."
            errors={errors}
          />
        </>
      ) : null}
      <FileField errors={errors} />
      <button type="submit">Wyślij plik</button>
    </UploadForm>
  );
}
