/** Back office: the queues of fault reports and messages, and one thread to handle. */
import type { FormState } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, SelectField, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Post, Thread, ThreadFile } from '../queries.ts';
import {
  allowedNextStatuses,
  categoryLabels,
  faultCategories,
  isFaultStatus,
  priorities,
  priorityLabels,
  statusLabels,
  type ThreadKind,
} from '../rules/status.ts';
import { ThreadPosts } from './thread.tsx';

export const staffBases: Record<ThreadKind, string> = { fault: '/panel/zgloszenia', message: '/panel/wiadomosci' };
const titles: Record<ThreadKind, string> = { fault: 'Zgłoszenia usterek', message: 'Wiadomości od członków' };

export interface QueueView {
  status: string;
  building: string;
  category: string;
  age: string;
  mine: boolean;
}

/** Days between two instants, whole (for "czeka od"). */
const daysBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));

export function QueuePage({
  ctx,
  kind,
  rows,
  total,
  page,
  pageSize,
  view,
  buildings,
  staffNames,
  now,
  queryString,
}: {
  ctx: PageContext;
  kind: ThreadKind;
  rows: Thread[];
  total: number;
  page: number;
  pageSize: number;
  view: QueueView;
  buildings: { id: number; label: string }[];
  staffNames: Map<number, string>;
  now: Date;
  /** The filters as a query, without the page. */
  queryString: string;
}) {
  const base = staffBases[kind];
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const statusOptions: [string, string][] =
    kind === 'fault'
      ? [
          ['otwarte', 'otwarte'],
          ['nowe', 'nowe'],
          ['przyjete', 'przyjęte'],
          ['w_realizacji', 'w realizacji'],
          ['wykonane', 'wykonane'],
          ['odrzucone', 'odrzucone'],
          ['wszystkie', 'wszystkie'],
        ]
      : [
          ['oczekuje', 'czekają na odpowiedź'],
          ['odpowiedziano', 'z odpowiedzią'],
          ['wszystkie', 'wszystkie'],
        ];
  return (
    <PortalLayout ctx={ctx} title={titles[kind]}>
      <h1>{titles[kind]}</h1>
      <p>
        <a href={kind === 'fault' ? '/panel/wiadomosci' : '/panel/zgloszenia'}>
          {kind === 'fault' ? 'Wiadomości od członków »' : 'Zgłoszenia usterek »'}
        </a>
        {' · '}
        <a href="/panel/komunikaty">Komunikaty dla budynków »</a>
      </p>
      <form method="get" action={base} class="filters-form">
        <SelectField name="status" label="Status" options={statusOptions} value={view.status} required={false} />
        {kind === 'fault' ? (
          <>
            <SelectField
              name="budynek"
              label="Budynek"
              options={[['', 'wszystkie'], ...buildings.map((b) => [String(b.id), b.label] as const)]}
              value={view.building}
              required={false}
            />
            <SelectField
              name="kategoria"
              label="Kategoria"
              options={[['', 'wszystkie'], ...faultCategories.map((c) => [c, categoryLabels[c]] as const)]}
              value={view.category}
              required={false}
            />
          </>
        ) : null}
        <SelectField
          name="wiek"
          label="Czeka dłużej niż"
          options={[
            ['', 'dowolnie'],
            ['3', '3 dni'],
            ['7', '7 dni'],
            ['30', '30 dni'],
          ]}
          value={view.age}
          required={false}
        />
        <label class="checkbox">
          <input type="checkbox" name="moje" value="1" checked={view.mine} /> tylko przypisane do mnie
        </label>
        <button type="submit">Pokaż</button>
      </form>
      <p>Znaleziono: {total}. Od najstarszych.</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Nr</th>
              <th scope="col">{kind === 'fault' ? 'Zgłoszenie' : 'Temat'}</th>
              {kind === 'fault' ? <th scope="col">Adres</th> : null}
              <th scope="col">Status</th>
              <th scope="col">Priorytet</th>
              <th scope="col">Prowadzi</th>
              <th scope="col">Wysłano</th>
              <th scope="col" class="num">
                Dni
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id}>
                <td>{t.id}</td>
                <td>
                  <a href={`${base}/${t.id}`}>{t.subject}</a>
                </td>
                {kind === 'fault' ? <td>{t.placeLabel || 'teren osiedla'}</td> : null}
                <td>{statusLabels[t.status]}</td>
                <td>{priorityLabels[t.priority]}</td>
                <td>{t.assigneeId ? (staffNames.get(t.assigneeId) ?? '—') : '—'}</td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td class="num">{daysBetween(t.createdAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav class="pagination" aria-label="Strony kolejki">
          {page > 1 ? <a href={`${base}?${queryString}&strona=${page - 1}`}>« poprzednia</a> : null}
          <span>
            Strona {page} z {pages}
          </span>
          {page < pages ? <a href={`${base}?${queryString}&strona=${page + 1}`}>następna »</a> : null}
        </nav>
      ) : null}
    </PortalLayout>
  );
}

export function StaffThreadPage({
  ctx,
  kind,
  thread,
  memberName,
  posts,
  files,
  staff,
  form,
  notice,
}: {
  ctx: PageContext;
  kind: ThreadKind;
  thread: Thread;
  memberName: string;
  posts: Post[];
  files: ThreadFile[];
  staff: { id: number; name: string }[];
  form: FormState;
  notice?: string | undefined;
}) {
  const base = `${staffBases[kind]}/${thread.id}`;
  const { errors, values } = form;
  const next = isFaultStatus(thread.status) ? allowedNextStatuses(thread.status) : [];
  const staffNames = new Map(staff.map((s) => [s.id, s.name]));
  const title = kind === 'fault' ? `Zgłoszenie nr ${thread.id}` : `Wiadomość nr ${thread.id}`;
  return (
    <PortalLayout ctx={ctx} title={title}>
      <p>
        <a href={staffBases[kind]}>« {titles[kind]}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <dl class="facts">
        <dt>{kind === 'fault' ? 'Dotyczy' : 'Temat'}</dt>
        <dd>{thread.subject}</dd>
        <dt>Członek</dt>
        <dd>{memberName}</dd>
        {thread.placeLabel ? (
          <>
            <dt>Adres</dt>
            <dd>{thread.placeLabel}</dd>
          </>
        ) : null}
        <dt>Wysłano</dt>
        <dd>{formatDateTime(thread.createdAt)}</dd>
        <dt>Status</dt>
        <dd>
          {statusLabels[thread.status]}
          {thread.rejectReason ? ` — ${thread.rejectReason}` : ''}
        </dd>
      </dl>
      {next.length > 0 ? (
        <Form action={`${base}/status`} csrfToken={ctx.csrfToken} class="form-narrow">
          <h2>Zmień status</h2>
          <SelectField
            name="status"
            label="Nowy status"
            options={next.map((s) => [s, statusLabels[s]] as const)}
            value={values.status}
            errors={errors}
          />
          <TextField
            name="reason"
            label="Powód odrzucenia"
            hint="Tylko przy odrzuceniu; członek go zobaczy."
            value={values.reason}
            errors={errors}
            required={false}
          />
          <button type="submit">Zmień status</button>
        </Form>
      ) : null}
      <Form action={`${base}/przypisz`} csrfToken={ctx.csrfToken} class="form-narrow">
        <h2>Prowadzi i priorytet</h2>
        <SelectField
          name="assigneeId"
          label="Prowadzi"
          options={[['', 'nikt'], ...staff.map((s) => [String(s.id), s.name] as const)]}
          value={values.assigneeId ?? (thread.assigneeId ? String(thread.assigneeId) : '')}
          errors={errors}
          required={false}
        />
        <SelectField
          name="priority"
          label="Priorytet"
          options={priorities.map((p) => [p, priorityLabels[p]] as const)}
          value={values.priority ?? thread.priority}
          errors={errors}
        />
        <button type="submit">Zapisz</button>
      </Form>
      <h2>Wątek</h2>
      <ThreadPosts posts={posts} files={files} fileBase={`${base}/pliki`} staffNames={staffNames} forStaff />
      <Form action={`${base}/odpowiedz`} csrfToken={ctx.csrfToken} class="form-narrow">
        <h2>Odpowiedź lub notatka</h2>
        <TextArea name="body" label="Treść" value={values.body} errors={errors} rows={5} required />
        <label class="checkbox">
          <input type="checkbox" name="internal" value="1" checked={values.internal === '1'} /> notatka wewnętrzna
          (członek jej nie zobaczy)
        </label>
        <button type="submit">Zapisz</button>
      </Form>
    </PortalLayout>
  );
}
