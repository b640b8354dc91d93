import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import type { Section, SectionKind } from '../section-queries.ts';
import { addableSectionKinds } from '../sections.ts';
import { EditorLayout } from './editor-parts.tsx';

export const sectionKindLabels: Record<SectionKind, string> = {
  page: 'strona z treścią',
  news: 'aktualności (stała strona)',
  ebok: 'eBOK (stała strona)',
  tenders: 'przetargi',
  gazette: 'gazetka',
  forms: 'formularze do pobrania',
  accessibility: 'deklaracja dostępności',
};

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

/** Hides a section (asking first when it has sub-pages) or shows it again. */
export function HideButton({
  ctx,
  section,
  hasChildren,
}: {
  ctx: PageContext;
  section: Section;
  hasChildren: boolean;
}) {
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
              {addableSectionKinds.map((kind) => (
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
