import type { FieldError } from '../../../errors.ts';
import type { SiteFile } from '../../../files/store.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import type { Section, SectionKind } from '../sections.ts';
import { AttachmentUpload, EditorLayout, FileTable, markdownHint } from './editor-parts.tsx';

export const sectionKindLabels: Record<SectionKind, string> = {
  page: 'strona z treścią',
  news: 'aktualności (stała strona)',
  ebok: 'eBOK (stała strona)',
  tenders: 'przetargi',
  gazette: 'gazetka',
  forms: 'formularze do pobrania',
  accessibility: 'deklaracja dostępności',
};

/** Kinds an editor may add; news and e-BOK are fixed pages that exist once. */
const addableKinds: SectionKind[] = ['page', 'tenders', 'gazette', 'forms', 'accessibility'];

export interface SectionNode {
  section: Section;
  children: Section[];
}

/** The public address of a section (news and e-BOK entries lead to their fixed pages). */
export function sectionHref(section: Section, parent: Section | undefined): string {
  if (section.kind === 'news') return '/aktualnosci';
  if (section.kind === 'ebok') return '/ebok';
  return parent ? `/${parent.slug}/${section.slug}` : `/${section.slug}`;
}

function MoveButtons({
  ctx,
  section,
  first,
  last,
}: {
  ctx: PageContext;
  section: Section;
  first: boolean;
  last: boolean;
}) {
  const base = `/panel/strona/dzialy/${section.id}`;
  return (
    <>
      {first ? null : (
        <Form action={`${base}/w-gore`} csrfToken={ctx.csrfToken} class="inline-form">
          <button type="submit" class="secondary small">
            ↑<span class="visually-hidden"> Przesuń „{section.title}” w górę</span>
          </button>
        </Form>
      )}{' '}
      {last ? null : (
        <Form action={`${base}/w-dol`} csrfToken={ctx.csrfToken} class="inline-form">
          <button type="submit" class="secondary small">
            ↓<span class="visually-hidden"> Przesuń „{section.title}” w dół</span>
          </button>
        </Form>
      )}
    </>
  );
}

function HideButton({ ctx, section, hasChildren }: { ctx: PageContext; section: Section; hasChildren: boolean }) {
  const base = `/panel/strona/dzialy/${section.id}`;
  if (section.hidden) {
    return (
      <Form action={`${base}/pokaz`} csrfToken={ctx.csrfToken} class="inline-form">
        <button type="submit" class="small">
          Pokaż<span class="visually-hidden"> „{section.title}”</span>
        </button>
      </Form>
    );
  }
  // Hiding a section hides its sub-pages too: that is asked first, on a page of its own.
  if (hasChildren) {
    return (
      <a class="button secondary small" href={`${base}/ukryj`}>
        Ukryj…<span class="visually-hidden"> „{section.title}”</span>
      </a>
    );
  }
  return (
    <Form action={`${base}/ukryj`} csrfToken={ctx.csrfToken} class="inline-form">
      <button type="submit" class="secondary small">
        Ukryj<span class="visually-hidden"> „{section.title}”</span>
      </button>
    </Form>
  );
}

function SectionRow({
  ctx,
  section,
  parent,
  index,
  count,
  hasChildren,
}: {
  ctx: PageContext;
  section: Section;
  parent: Section | undefined;
  index: number;
  count: number;
  hasChildren: boolean;
}) {
  return (
    <div class={section.hidden ? 'tree-row is-hidden' : 'tree-row'}>
      <span class="tree-title">
        <a href={`/panel/strona/dzialy/${section.id}`}>{section.title}</a>{' '}
        <span class="meta">
          {sectionHref(section, parent)} · {sectionKindLabels[section.kind]}
        </span>{' '}
        {section.hidden ? <span class="badge warn">ukryta</span> : null}
      </span>
      <span class="tree-actions">
        <MoveButtons ctx={ctx} section={section} first={index === 0} last={index === count - 1} />{' '}
        <HideButton ctx={ctx} section={section} hasChildren={hasChildren} />
      </span>
    </div>
  );
}

export interface NewSectionForm {
  title?: string;
  slug?: string;
  parentId?: string;
  kind?: string;
}

export function SectionTreePage({
  ctx,
  tree,
  form = {},
  errors = [],
  notice,
}: {
  ctx: PageContext;
  tree: SectionNode[];
  form?: NewSectionForm;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const parentError = errors.find((e) => e.field === 'parentId')?.message;
  const kindError = errors.find((e) => e.field === 'kind')?.message;
  return (
    <EditorLayout ctx={ctx} title="Działy i strony">
      <h1>Działy i strony</h1>
      <Notice text={notice} />
      <p>
        Działy najwyższego poziomu tworzą menu strony, w tej kolejności. Ukryta strona znika z menu i ze strony, ale nic
        nie jest usuwane: można ją znów pokazać.
      </p>
      <ol class="section-tree">
        {tree.map(({ section, children }, index) => (
          <li key={section.id}>
            <SectionRow
              ctx={ctx}
              section={section}
              parent={undefined}
              index={index}
              count={tree.length}
              hasChildren={children.some((c) => !c.hidden)}
            />
            {children.length > 0 ? (
              <ol>
                {children.map((child, childIndex) => (
                  <li key={child.id}>
                    <SectionRow
                      ctx={ctx}
                      section={child}
                      parent={section}
                      index={childIndex}
                      count={children.length}
                      hasChildren={false}
                    />
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
      <section aria-labelledby="nowa-strona" class="form-narrow">
        <h2 id="nowa-strona">Dodaj dział lub podstronę</h2>
        <ErrorSummary errors={errors} />
        <Form action="/panel/strona/dzialy" csrfToken={ctx.csrfToken}>
          <TextField name="title" label="Tytuł" value={form.title} required maxLength={120} errors={errors} />
          <TextField
            name="slug"
            label="Adres (końcówka)"
            value={form.slug}
            hint="Małe litery bez polskich znaków, cyfry i myślniki. Puste: utworzony z tytułu."
            maxLength={120}
            errors={errors}
          />
          <div class={parentError ? 'field has-error' : 'field'}>
            <label for="pole-parentId">Miejsce</label>
            {parentError ? <p class="field-error">{parentError}</p> : null}
            <select id="pole-parentId" name="parentId">
              <option value="" selected={!form.parentId}>
                Nowy dział w menu
              </option>
              {tree
                .filter(({ section }) => section.kind !== 'news' && section.kind !== 'ebok')
                .map(({ section }) => (
                  <option key={section.id} value={String(section.id)} selected={form.parentId === String(section.id)}>
                    Podstrona działu: {section.title}
                  </option>
                ))}
            </select>
          </div>
          <div class={kindError ? 'field has-error' : 'field'}>
            <label for="pole-kind">Rodzaj</label>
            {kindError ? <p class="field-error">{kindError}</p> : null}
            <select id="pole-kind" name="kind">
              {addableKinds.map((kind) => (
                <option key={kind} value={kind} selected={(form.kind ?? 'page') === kind}>
                  {sectionKindLabels[kind]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Dodaj</button>
        </Form>
      </section>
    </EditorLayout>
  );
}

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
