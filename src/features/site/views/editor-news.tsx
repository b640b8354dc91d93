import type { FieldError } from '../../../errors.ts';
import type { SiteFile } from '../../../files/store.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { NewsItem } from '../queries.ts';
import { AttachmentUpload, EditorLayout, FileTable, markdownHint } from './editor-parts.tsx';

export type NewsState = 'draft' | 'scheduled' | 'published';

export function newsState(item: Pick<NewsItem, 'publishedAt'>, now: Date): NewsState {
  if (!item.publishedAt) return 'draft';
  return item.publishedAt > now ? 'scheduled' : 'published';
}

function StateBadge({ item, now }: { item: NewsItem; now: Date }) {
  const state = newsState(item, now);
  if (state === 'draft') return <span class="badge">szkic</span>;
  if (state === 'scheduled') {
    return <span class="badge warn">zaplanowana na {formatDateTime(item.publishedAt as Date)}</span>;
  }
  return <span class="badge ok">opublikowana {formatDateTime(item.publishedAt as Date)}</span>;
}

export function NewsListPage({
  ctx,
  items,
  now,
  page,
  pageCount,
  total,
}: {
  ctx: PageContext;
  items: NewsItem[];
  now: Date;
  page: number;
  pageCount: number;
  total: number;
}) {
  return (
    <EditorLayout ctx={ctx} title="Aktualności — redakcja">
      <h1>Aktualności</h1>
      <p>
        <a class="button" href="/panel/strona/aktualnosci/nowa">
          Dodaj aktualność
        </a>
      </p>
      <p class="meta">
        Wszystkich: {total}. Szkice i zaplanowane aktualności widzi tylko redakcja; najnowsze są na górze.
      </p>
      {items.length === 0 ? (
        <p class="empty">Nie ma jeszcze aktualności.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Aktualności, najnowsze na górze</caption>
            <thead>
              <tr>
                <th scope="col">Tytuł</th>
                <th scope="col">Stan</th>
                <th scope="col">Ostatnia zmiana</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <a href={`/panel/strona/aktualnosci/${item.id}`}>{item.title}</a>
                  </td>
                  <td>
                    <StateBadge item={item} now={now} />
                  </td>
                  <td>{formatDateTime(item.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav class="pagination" aria-label="Strony listy aktualności">
          {page > 1 ? <a href={`/panel/strona/aktualnosci?strona=${page - 1}`}>« Nowsze</a> : null}
          <span>
            Strona {page} z {pageCount}
          </span>
          {page < pageCount ? <a href={`/panel/strona/aktualnosci?strona=${page + 1}`}>Starsze »</a> : null}
        </nav>
      ) : null}
    </EditorLayout>
  );
}

export interface NewsForm {
  title?: string;
  slug?: string;
  lead?: string;
  body?: string;
  publishedAt?: string;
}

function NewsFields({ form, errors }: { form: NewsForm; errors: FieldError[] }) {
  return (
    <>
      <TextField name="title" label="Tytuł" value={form.title} required maxLength={200} errors={errors} />
      <TextField
        name="slug"
        label="Adres (końcówka)"
        value={form.slug}
        hint="Małe litery bez polskich znaków, cyfry i myślniki, np. przeglad-gazowy-2026. Puste: utworzony z tytułu."
        maxLength={200}
        errors={errors}
      />
      <TextArea
        name="lead"
        label="Wstęp"
        value={form.lead}
        rows={3}
        hint="Jedno lub dwa zdania widoczne na liście aktualności (najwyżej 500 znaków)."
        errors={errors}
      />
      <TextArea name="body" label="Treść" value={form.body} rows={16} hint={markdownHint} errors={errors} />
      <TextField
        name="publishedAt"
        label="Data publikacji"
        value={form.publishedAt}
        hint="Czas polski, DD.MM.RRRR GG:MM, np. 01.03.2026 09:00. Puste: szkic, niewidoczny na stronie. Data w przyszłości: publikacja zaplanowana."
        errors={errors}
      />
    </>
  );
}

export function NewNewsPage({
  ctx,
  form = {},
  errors = [],
}: {
  ctx: PageContext;
  form?: NewsForm;
  errors?: FieldError[];
}) {
  return (
    <EditorLayout ctx={ctx} title="Nowa aktualność" back={{ href: '/panel/strona/aktualnosci', label: 'Aktualności' }}>
      <h1>Nowa aktualność</h1>
      <ErrorSummary errors={errors} />
      <Form action="/panel/strona/aktualnosci" csrfToken={ctx.csrfToken} class="editor-form">
        <NewsFields form={form} errors={errors} />
        <button type="submit">Zapisz</button>
      </Form>
      <p class="hint">Załączniki i zdjęcia dodasz po zapisaniu.</p>
    </EditorLayout>
  );
}

export function EditNewsPage({
  ctx,
  item,
  attachments,
  now,
  form,
  errors = [],
  uploadForm = {},
  notice,
}: {
  ctx: PageContext;
  item: NewsItem;
  attachments: SiteFile[];
  now: Date;
  form: NewsForm;
  errors?: FieldError[];
  uploadForm?: Record<string, string>;
  notice?: string | undefined;
}) {
  const base = `/panel/strona/aktualnosci/${item.id}`;
  const state = newsState(item, now);
  return (
    <EditorLayout
      ctx={ctx}
      title={`Edycja: ${item.title}`}
      back={{ href: '/panel/strona/aktualnosci', label: 'Aktualności' }}
    >
      <h1>{item.title}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <p>
        <StateBadge item={item} now={now} />{' '}
        {state === 'published' ? (
          <a href={`/aktualnosci/${item.slug}`}>Zobacz na stronie</a>
        ) : (
          <a href={`${base}/podglad`}>Podgląd</a>
        )}
      </p>
      <section aria-labelledby="publikacja">
        <h2 id="publikacja">Publikacja</h2>
        <div class="actions">
          {state !== 'published' ? (
            <Form action={`${base}/publikuj`} csrfToken={ctx.csrfToken} class="inline-form">
              <button type="submit">Opublikuj teraz</button>
            </Form>
          ) : null}
          {state !== 'draft' ? (
            <Form action={`${base}/wycofaj`} csrfToken={ctx.csrfToken} class="inline-form">
              <button type="submit" class="danger">
                {state === 'published' ? 'Wycofaj ze strony' : 'Anuluj zaplanowaną publikację'}
              </button>
            </Form>
          ) : null}
        </div>
        <Form action={`${base}/zaplanuj`} csrfToken={ctx.csrfToken} class="form-narrow schedule-form">
          <TextField
            name="at"
            label="Zaplanuj publikację na"
            hint="Czas polski, DD.MM.RRRR GG:MM, np. 01.03.2026 09:00."
            required
            errors={errors}
          />
          <button type="submit" class="secondary">
            Zaplanuj
          </button>
        </Form>
      </section>
      <section aria-labelledby="tresc-aktualnosci">
        <h2 id="tresc-aktualnosci">Treść</h2>
        <Form action={base} csrfToken={ctx.csrfToken} class="editor-form">
          <NewsFields form={form} errors={errors} />
          <button type="submit">Zapisz zmiany</button>
        </Form>
      </section>
      <section aria-labelledby="pliki">
        <h2 id="pliki">Załączniki i zdjęcia</h2>
        <p class="hint">
          Zdjęcie wstawisz do treści wpisując ![opis zdjęcia](adres), gdzie adres skopiujesz z listy („Adres do
          treści”). Pliki są widoczne na stronie dopiero po opublikowaniu aktualności.
        </p>
        <FileTable
          files={attachments}
          removeAction={(file) => `${base}/pliki/${file.id}/usun`}
          csrfToken={ctx.csrfToken}
          caption="Załączniki aktualności"
        />
        <h3>Dodaj plik</h3>
        <AttachmentUpload action={`${base}/pliki`} ctx={ctx} errors={errors} form={uploadForm} />
      </section>
    </EditorLayout>
  );
}
