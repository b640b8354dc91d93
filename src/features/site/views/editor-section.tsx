import type { FieldError } from '../../../errors.ts';
import type { SiteFile } from '../../../files/store.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import type { Section } from '../section-queries.ts';
import { AttachmentUpload, EditorLayout, FileTable, markdownHint } from './editor-parts.tsx';
import { HideButton, sectionHref, sectionKindLabels } from './editor-sections.tsx';

export function EditSectionPage({
  ctx,
  section,
  parent,
  children,
  attachments,
  renameForm,
  body,
  uploadForm = {},
  errors = [],
  notice,
}: {
  ctx: PageContext;
  section: Section;
  parent: Section | undefined;
  children: Section[];
  attachments: SiteFile[];
  renameForm?: { title?: string; slug?: string } | undefined;
  body?: string | undefined;
  uploadForm?: Record<string, string> | undefined;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const base = `/panel/strona/dzialy/${section.id}`;
  const fixed = section.kind === 'news' || section.kind === 'ebok';
  return (
    <EditorLayout
      ctx={ctx}
      title={`Strona: ${section.title}`}
      back={{ href: '/panel/strona/dzialy', label: 'Działy i strony' }}
    >
      <h1>{section.title}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <p>
        {sectionKindLabels[section.kind]}
        {parent ? <> · podstrona działu „{parent.title}”</> : null} ·{' '}
        {section.hidden ? (
          <span class="badge warn">ukryta</span>
        ) : (
          <a href={sectionHref(section, parent)}>Zobacz na stronie</a>
        )}
      </p>
      {section.kind === 'tenders' ? (
        <p>
          Przetargi tej strony prowadzisz w dziale <a href="/panel/strona/przetargi">Przetargi</a>.
        </p>
      ) : null}
      {section.kind === 'gazette' ? (
        <p>
          Wydania dodajesz w dziale <a href="/panel/strona/gazetka">Gazetka</a>.
        </p>
      ) : null}
      {section.kind === 'forms' ? (
        <p>
          Teksty generowanych dokumentów zmieniasz w dziale <a href="/panel/strona/dokumenty">Dokumenty</a>.
        </p>
      ) : null}
      <section aria-labelledby="nazwa" class="form-narrow">
        <h2 id="nazwa">Nazwa i adres</h2>
        <Form action={`${base}/nazwa`} csrfToken={ctx.csrfToken}>
          <TextField
            name="title"
            label="Tytuł"
            value={renameForm?.title ?? section.title}
            required
            maxLength={120}
            errors={errors}
          />
          <TextField
            name="slug"
            label="Adres (końcówka)"
            value={renameForm?.slug ?? section.slug}
            hint="Zmiana adresu sprawi, że stary adres przestanie działać."
            maxLength={120}
            errors={errors}
          />
          <button type="submit">Zapisz nazwę</button>
        </Form>
      </section>
      {fixed ? null : (
        <section aria-labelledby="tresc-strony">
          <h2 id="tresc-strony">Treść</h2>
          <Form action={`${base}/tresc`} csrfToken={ctx.csrfToken} class="editor-form">
            <TextArea
              name="body"
              label="Treść strony"
              value={body ?? section.body}
              rows={18}
              hint={markdownHint}
              errors={errors}
            />
            <button type="submit">Zapisz treść</button>
          </Form>
        </section>
      )}
      {fixed ? null : (
        <section aria-labelledby="pliki">
          <h2 id="pliki">Załączniki i dokumenty</h2>
          <p class="hint">Dokument z wersją i datą (np. statut, regulamin) pokaże je na liście plików.</p>
          <FileTable
            files={attachments}
            removeAction={(file) => `${base}/pliki/${file.id}/usun`}
            csrfToken={ctx.csrfToken}
            caption="Załączniki strony"
          />
          <h3>Dodaj plik</h3>
          <AttachmentUpload action={`${base}/pliki`} ctx={ctx} errors={errors} form={uploadForm} withVersion />
        </section>
      )}
      {parent === undefined && children.length > 0 ? (
        <section aria-labelledby="podstrony">
          <h2 id="podstrony">Podstrony</h2>
          <ul>
            {children.map((child) => (
              <li key={child.id}>
                <a href={`/panel/strona/dzialy/${child.id}`}>{child.title}</a>
                {child.hidden ? (
                  <>
                    {' '}
                    <span class="badge warn">ukryta</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="widocznosc">
        <h2 id="widocznosc">Widoczność</h2>
        <HideButton ctx={ctx} section={section} hasChildren={children.some((c) => !c.hidden)} />
      </section>
    </EditorLayout>
  );
}

export function ConfirmHidePage({
  ctx,
  section,
  children,
}: {
  ctx: PageContext;
  section: Section;
  children: Section[];
}) {
  const visible = children.filter((c) => !c.hidden);
  return (
    <EditorLayout
      ctx={ctx}
      title={`Ukryć „${section.title}”?`}
      back={{ href: '/panel/strona/dzialy', label: 'Działy i strony' }}
    >
      <h1>Ukryć dział „{section.title}”?</h1>
      <p>Razem z nim znikną ze strony i z menu jego podstrony ({visible.length}):</p>
      <ul>
        {visible.map((child) => (
          <li key={child.id}>{child.title}</li>
        ))}
      </ul>
      <p>Nic nie zostanie usunięte: dział można później znów pokazać, a podstrony wrócą razem z nim.</p>
      <div class="actions">
        <Form action={`/panel/strona/dzialy/${section.id}/ukryj`} csrfToken={ctx.csrfToken} class="inline-form">
          <input type="hidden" name="potwierdzam" value="1" />
          <button type="submit" class="danger">
            Tak, ukryj dział i podstrony
          </button>
        </Form>
        <a href="/panel/strona/dzialy">Nie, wróć</a>
      </div>
    </EditorLayout>
  );
}
