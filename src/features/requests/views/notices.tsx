/** Building notices: the staff page (publish, withdraw, emergency numbers), e-BOK's and the site's lists. */
import type { FormState } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, SelectField, TextArea, TextField } from '../../../http/forms.tsx';
import { Layout } from '../../../http/layout.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Organization } from '../../organizations/queries.ts';
import { type BuildingNotice, noticeKindLabels } from '../notices.ts';

/** Notices as members and visitors read them. */
export function NoticeList({ notices, heading = 'Komunikaty' }: { notices: BuildingNotice[]; heading?: string }) {
  if (notices.length === 0) return null;
  return (
    <section class="building-notices" aria-label={heading}>
      <h2>{heading}</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id} class={n.kind === 'awaria' ? 'notice-incident' : 'notice-works'}>
            <p>
              <strong>
                {noticeKindLabels[n.kind]}: {n.title}
              </strong>
            </p>
            {n.body ? <p>{n.body}</p> : null}
            <p class="meta">
              {formatDateTime(n.shownFrom)} – {formatDateTime(n.shownUntil)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PublicNoticesPage({
  organization,
  notices,
}: {
  organization: Organization;
  notices: BuildingNotice[];
}) {
  return (
    <Layout title="Komunikaty" organization={organization} path="/komunikaty">
      <h1>Komunikaty</h1>
      {notices.length === 0 ? <p>Nie ma obecnie komunikatów o awariach ani planowanych pracach.</p> : null}
      <NoticeList notices={notices} heading="Awarie i planowane prace" />
    </Layout>
  );
}

export function StaffNoticesPage({
  ctx,
  notices,
  buildings,
  now,
  form,
  phonesForm,
  phonesText,
  notice,
}: {
  ctx: PageContext;
  notices: BuildingNotice[];
  buildings: { id: number; label: string }[];
  now: Date;
  form: FormState;
  phonesForm: FormState;
  phonesText: string;
  notice?: string | undefined;
}) {
  const { errors, values, lists } = form;
  const chosen = new Set(lists.buildingIds ?? []);
  const names = new Map(buildings.map((b) => [b.id, b.label]));
  const buildingError = errors.find((e) => e.field === 'buildingIds')?.message;
  return (
    <PortalLayout ctx={ctx} title="Komunikaty dla budynków">
      <p>
        <a href="/panel/zgloszenia">« Zgłoszenia</a>
      </p>
      <h1>Komunikaty dla budynków</h1>
      <Notice text={notice} />
      <h2>Opublikowane</h2>
      {notices.length === 0 ? <p>Nie ma jeszcze komunikatów.</p> : null}
      <ul class="thread-list">
        {notices.map((n) => {
          const active = !n.withdrawnAt && n.shownUntil > now;
          return (
            <li key={n.id}>
              <strong>
                {noticeKindLabels[n.kind]}: {n.title}
              </strong>{' '}
              <span class="meta">
                {formatDateTime(n.shownFrom)} – {formatDateTime(n.shownUntil)}
                {n.public ? ' · także na stronie' : ''}
                {n.withdrawnAt ? ' · wycofany' : active ? '' : ' · zakończony'} ·{' '}
                {n.buildingIds.map((id) => names.get(id) ?? `budynek ${id}`).join(', ')}
              </span>
              {active ? (
                <Form action={`/panel/komunikaty/${n.id}/wycofaj`} csrfToken={ctx.csrfToken} class="inline">
                  <button type="submit">Wycofaj</button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
      <h2>Nowy komunikat</h2>
      <ErrorSummary errors={errors} />
      <Form action="/panel/komunikaty" csrfToken={ctx.csrfToken} class="form-narrow">
        <SelectField
          name="kind"
          label="Rodzaj"
          options={[
            ['awaria', 'Awaria'],
            ['prace', 'Planowane prace'],
          ]}
          value={values.kind}
          errors={errors}
        />
        <TextField
          name="title"
          label="Tytuł"
          hint="Np. „Brak ciepłej wody w budynku 65 do 14:00”."
          value={values.title}
          errors={errors}
          required
          maxLength={200}
        />
        <TextArea name="body" label="Szczegóły" value={values.body} errors={errors} rows={4} />
        <fieldset class={buildingError ? 'field has-error' : 'field'} id="pole-buildingIds">
          <legend>Budynki</legend>
          {buildingError ? <p class="field-error">{buildingError}</p> : null}
          {buildings.map((b) => (
            <label key={b.id} class="checkbox">
              <input type="checkbox" name="buildingIds" value={String(b.id)} checked={chosen.has(String(b.id))} />{' '}
              {b.label}
            </label>
          ))}
        </fieldset>
        <TextField
          name="shownFrom"
          label="Pokazuj od"
          hint="DD.MM.RRRR GG:MM; puste: od teraz."
          value={values.shownFrom}
          errors={errors}
          required={false}
        />
        <TextField
          name="shownUntil"
          label="Pokazuj do"
          hint="DD.MM.RRRR GG:MM, np. 10.03.2026 14:00."
          value={values.shownUntil}
          errors={errors}
          required
        />
        <label class="checkbox">
          <input type="checkbox" name="public" value="1" checked={values.public === '1'} /> pokaż także na stronie
          internetowej
        </label>
        <button type="submit">Opublikuj</button>
      </Form>
      <h2>Numery alarmowe</h2>
      <p>Widoczne w stopce strony internetowej i w e-BOK.</p>
      <ErrorSummary errors={phonesForm.errors} />
      <Form action="/panel/komunikaty/numery-alarmowe" csrfToken={ctx.csrfToken} class="form-narrow">
        <TextArea
          name="phones"
          label="Numery"
          hint="Jeden w wierszu: nazwa, dwukropek, numer. Np. „Pogotowie techniczne: 32 123 45 67”."
          value={phonesForm.values.phones ?? phonesText}
          errors={phonesForm.errors}
          rows={4}
        />
        <button type="submit">Zapisz numery</button>
      </Form>
    </PortalLayout>
  );
}
