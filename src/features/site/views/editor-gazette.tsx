import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import type { GazetteIssue } from '../gazette.ts';
import { EditorLayout, FileField, UploadForm } from './editor-parts.tsx';

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
            hint="DD.MM.RRRR, np. 01.06.2026."
            errors={errors}
          />
          <FileField errors={errors} label="Plik PDF" hint="Tylko PDF, najwyżej 20 MB." />
          <button type="submit">Dodaj wydanie</button>
        </UploadForm>
      </section>
    </EditorLayout>
  );
}
