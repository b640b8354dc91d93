/** e-BOK: the member's fault reports and messages to the office. */
import type { FormState } from '../../../http/form-route.ts';
import {
  CsrfField,
  ErrorSummary,
  FileField,
  FilesNotKept,
  Notice,
  SelectField,
  TextArea,
  TextField,
} from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { unitAddress } from '../../../lib/address.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { MemberUnit } from '../../units/person-lookup.ts';
import type { Post, Thread, ThreadFile } from '../queries.ts';
import {
  categoryLabels,
  faultCategories,
  faultPlaces,
  isFaultStatus,
  isOpenFault,
  placeLabels,
  statusLabels,
} from '../rules/status.ts';
import { MemberReplyForm, ThreadPosts } from './thread.tsx';

const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';
const ATTACHMENT_ACCEPT = '.pdf,.doc,.docx,.odt,.xls,.xlsx,image/jpeg,image/png,image/webp,image/gif';

type Kind = 'fault' | 'message';
const base = (kind: Kind) => (kind === 'fault' ? '/ebok/zgloszenia' : '/ebok/wiadomosci');

export function MemberThreadListPage({
  ctx,
  kind,
  threads,
  notice,
}: {
  ctx: PageContext;
  kind: Kind;
  threads: Thread[];
  notice?: string | undefined;
}) {
  const title = kind === 'fault' ? 'Zgłoszenia usterek' : 'Wiadomości do Spółdzielni';
  return (
    <PortalLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Notice text={notice} />
      <p>
        <a class="button" href={`${base(kind)}/nowe`}>
          {kind === 'fault' ? 'Zgłoś usterkę' : 'Napisz wiadomość'}
        </a>
      </p>
      {threads.length === 0 ? (
        <p>{kind === 'fault' ? 'Nie masz jeszcze zgłoszeń.' : 'Nie masz jeszcze wiadomości.'}</p>
      ) : (
        <ul class="thread-list">
          {threads.map((t) => (
            <li key={t.id}>
              <a href={`${base(kind)}/${t.id}`}>
                {kind === 'fault' ? `Nr ${t.id}: ` : ''}
                {t.subject}
              </a>
              <span class="meta">
                {' '}
                · {formatDateTime(t.createdAt)}
                {t.placeLabel ? ` · ${t.placeLabel}` : ''} · <strong>{statusLabels[t.status]}</strong>
              </span>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

export function NewFaultPage({ ctx, units, form }: { ctx: PageContext; units: MemberUnit[]; form: FormState }) {
  const { errors, values } = form;
  return (
    <PortalLayout ctx={ctx} title="Zgłoś usterkę">
      <h1>Zgłoś usterkę</h1>
      <p>
        Zgłoszenie trafi do administracji. O każdej zmianie jego statusu napiszemy na Twój adres e-mail. W razie awarii
        zagrażającej życiu lub mieniu dzwoń na numery alarmowe.
      </p>
      <ErrorSummary errors={errors} />
      <FilesNotKept errors={errors} />
      <form method="post" action="/ebok/zgloszenia/nowe" enctype="multipart/form-data" class="form-narrow" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="category"
          label="Czego dotyczy"
          options={[['', 'wybierz…'], ...faultCategories.map((c) => [c, categoryLabels[c]] as const)]}
          value={values.category}
          errors={errors}
        />
        <SelectField
          name="place"
          label="Gdzie"
          options={[['', 'wybierz…'], ...faultPlaces.map((p) => [p, placeLabels[p]] as const)]}
          value={values.place}
          errors={errors}
        />
        {units.length > 1 ? (
          <SelectField
            name="unitId"
            label="Lokal lub budynek"
            hint="Nie dotyczy usterek na terenie osiedla."
            options={units.map((u) => [String(u.unitId), unitAddress(u)] as const)}
            value={values.unitId}
            errors={errors}
            required={false}
          />
        ) : units[0] ? (
          <p>
            Lokal: {units[0].street} {units[0].buildingNumber}/{units[0].number}
          </p>
        ) : null}
        {units.length <= 1 && errors.some((e) => e.field === 'unitId') ? (
          <p class="field-error" id="pole-unitId">
            {errors.find((e) => e.field === 'unitId')?.message}
          </p>
        ) : null}
        <TextArea
          name="description"
          label="Opis"
          hint="Co się dzieje, od kiedy, gdzie dokładnie (np. piętro, numer klatki)."
          value={values.description}
          errors={errors}
          rows={6}
          required
        />
        <FileField
          name="photos"
          label="Zdjęcia"
          hint="Najwyżej 5 zdjęć (JPG, PNG, WEBP), każde do 10 MB. Usuwamy z nich dane o miejscu wykonania."
          errors={errors}
          accept={PHOTO_ACCEPT}
          required={false}
          multiple
        />
        <button type="submit">Wyślij zgłoszenie</button>
      </form>
    </PortalLayout>
  );
}

export function NewMessagePage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { errors, values } = form;
  return (
    <PortalLayout ctx={ctx} title="Napisz do Spółdzielni">
      <h1>Napisz do Spółdzielni</h1>
      <p>Odpowiedź przeczytasz tutaj, w e-BOK; o tym, że czeka, powiadomimy Cię e-mailem.</p>
      <ErrorSummary errors={errors} />
      <FilesNotKept errors={errors} />
      <form method="post" action="/ebok/wiadomosci/nowe" enctype="multipart/form-data" class="form-narrow" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="subject" label="Temat" value={values.subject} errors={errors} required maxLength={200} />
        <TextArea name="body" label="Treść" value={values.body} errors={errors} rows={8} required />
        <FileField
          name="attachments"
          label="Załączniki"
          hint="Najwyżej 5 plików (PDF, DOC, DOCX, ODT, XLS, XLSX, JPG, PNG), każdy do 10 MB."
          errors={errors}
          accept={ATTACHMENT_ACCEPT}
          required={false}
          multiple
        />
        <button type="submit">Wyślij wiadomość</button>
      </form>
    </PortalLayout>
  );
}

export function MemberThreadPage({
  ctx,
  kind,
  thread,
  posts,
  files,
  form,
  notice,
}: {
  ctx: PageContext;
  kind: Kind;
  thread: Thread;
  posts: Post[];
  files: ThreadFile[];
  form: FormState;
  notice?: string | undefined;
}) {
  const url = `${base(kind)}/${thread.id}`;
  const open = !(isFaultStatus(thread.status) && !isOpenFault(thread.status));
  const title = kind === 'fault' ? `Zgłoszenie nr ${thread.id}` : thread.subject;
  return (
    <PortalLayout ctx={ctx} title={title}>
      <p>
        <a href={base(kind)}>« {kind === 'fault' ? 'Zgłoszenia' : 'Wiadomości'}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={notice} />
      <dl class="facts">
        {kind === 'fault' ? (
          <>
            <dt>Dotyczy</dt>
            <dd>{thread.subject}</dd>
            {thread.placeLabel ? (
              <>
                <dt>Adres</dt>
                <dd>{thread.placeLabel}</dd>
              </>
            ) : null}
          </>
        ) : null}
        <dt>Wysłano</dt>
        <dd>{formatDateTime(thread.createdAt)}</dd>
        <dt>Status</dt>
        <dd>
          <strong>{statusLabels[thread.status]}</strong>
          {thread.rejectReason ? ` — ${thread.rejectReason}` : ''}
        </dd>
      </dl>
      <ThreadPosts posts={posts} files={files} fileBase={`${url}/pliki`} forStaff={false} />
      {open ? (
        <>
          <h2>Dopisz wiadomość</h2>
          <ErrorSummary errors={form.errors} />
          <FilesNotKept errors={form.errors} />
          <MemberReplyForm
            action={`${url}/odpowiedz`}
            csrfToken={ctx.csrfToken}
            errors={form.errors}
            values={form.values}
            filesLabel={kind === 'fault' ? 'Zdjęcia' : 'Załączniki'}
            accept={kind === 'fault' ? PHOTO_ACCEPT : ATTACHMENT_ACCEPT}
          />
        </>
      ) : (
        <p>Zgłoszenie jest zamknięte. Jeśli usterka wróciła, wyślij nowe zgłoszenie.</p>
      )}
    </PortalLayout>
  );
}

/** The e-BOK home's tile for requests: open reports and answers waiting. */
export function RequestsTile({ openFaults, answered }: { openFaults: number; answered: number }) {
  return (
    <li>
      <h2>Zgłoszenia i wiadomości</h2>
      <p>
        {openFaults > 0 ? `Otwarte zgłoszenia: ${openFaults}. ` : 'Awaria, usterka? Zgłoś ją tutaj. '}
        {answered > 0 ? `Odpowiedzi Spółdzielni: ${answered}.` : ''}
      </p>
      <a href="/ebok/zgloszenia">Zgłoszenia usterek</a> · <a href="/ebok/wiadomosci">Wiadomości do Spółdzielni</a>
    </li>
  );
}
