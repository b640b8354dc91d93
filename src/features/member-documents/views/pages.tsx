/** e-BOK's documents page and the back office's members-only documents. */
import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, FileField, FilesNotKept, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatDate } from '../../../lib/format.ts';
import type { IssuedDocument } from '../document-source.ts';
import type { MemberDocument } from '../members-only.ts';

export function MemberDocumentsPage({
  ctx,
  issued,
  membersOnly,
}: {
  ctx: PageContext;
  issued: IssuedDocument[];
  membersOnly: MemberDocument[];
}) {
  return (
    <PortalLayout ctx={ctx} title="Dokumenty">
      <h1>Dokumenty</h1>
      <h2>Dokumenty Twoich lokali</h2>
      {issued.length === 0 ? (
        <p>Nie ma jeszcze dokumentów wystawionych dla Ciebie.</p>
      ) : (
        <ul class="document-list">
          {issued.map((d) => (
            <li key={d.key}>
              <a href={d.href}>
                {d.kind}: {d.title}
              </a>
              <span class="meta">
                {' '}
                · {formatDate(d.issuedAt)}
                {d.unitLabel ? ` · ${d.unitLabel}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>Dokumenty dla członków</h2>
      {membersOnly.length === 0 ? (
        <p>Nie ma obecnie dokumentów dla członków.</p>
      ) : (
        <ul class="document-list">
          {membersOnly.map((d) => (
            <li key={d.id}>
              <a href={`/ebok/dokumenty/${d.id}/plik`}>{d.title}</a>
              <span class="meta">
                {' '}
                · {formatDate(d.publishedAt)} · {formatFileSize(d.size)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

export function StaffMemberDocumentsPage({
  ctx,
  documents,
  buildings,
  form,
  notice,
}: {
  ctx: PageContext;
  documents: MemberDocument[];
  buildings: { id: number; label: string }[];
  form: FormState;
  notice?: string | undefined;
}) {
  const { errors, values, lists } = form;
  const chosen = new Set(lists.buildingIds ?? []);
  const names = new Map(buildings.map((b) => [b.id, b.label]));
  return (
    <PortalLayout ctx={ctx} title="Dokumenty dla członków">
      <h1>Dokumenty dla członków</h1>
      <p>Widoczne w e-BOK dla członków z kontem; każde pobranie zapisuje się w dzienniku zdarzeń.</p>
      <Notice text={notice} />
      <ul class="document-list">
        {documents.map((d) => (
          <li key={d.id}>
            <strong>{d.title}</strong>{' '}
            <span class="meta">
              {formatDate(d.publishedAt)} ·{' '}
              {d.buildingIds.length === 0
                ? 'wszyscy członkowie'
                : d.buildingIds.map((id) => names.get(id) ?? `budynek ${id}`).join(', ')}
              {d.withdrawnAt ? ' · wycofany' : ''}
            </span>
            {d.withdrawnAt ? null : (
              <Form action={`/panel/dokumenty-czlonkow/${d.id}/wycofaj`} csrfToken={ctx.csrfToken} class="inline">
                <button type="submit">Wycofaj</button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <h2>Opublikuj dokument</h2>
      <ErrorSummary errors={errors} />
      <FilesNotKept errors={errors} />
      <form
        method="post"
        action="/panel/dokumenty-czlonkow"
        enctype="multipart/form-data"
        class="form-narrow"
        noValidate
      >
        <CsrfField token={ctx.csrfToken} />
        <TextField name="title" label="Tytuł" value={values.title} errors={errors} required maxLength={200} />
        <FileField name="file" label="Plik" errors={errors} accept=".pdf,.doc,.docx,.odt,.xls,.xlsx" />
        <fieldset class="field">
          <legend>Tylko dla budynków (nic nie zaznaczone: dla wszystkich członków)</legend>
          {buildings.map((b) => (
            <label key={b.id} class="checkbox">
              <input type="checkbox" name="buildingIds" value={String(b.id)} checked={chosen.has(String(b.id))} />{' '}
              {b.label}
            </label>
          ))}
        </fieldset>
        <button type="submit">Opublikuj</button>
      </form>
    </PortalLayout>
  );
}
