import type { FieldError } from '../../../errors.ts';
import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import type { MemberUnit } from '../member-units.ts';
import type { PersonsDeclaration } from '../queries.ts';
import { MediaLayout } from './staff-pages.tsx';

const statusLabels: Record<string, string> = {
  waiting: 'czeka na decyzję',
  approved: 'przyjęta',
  rejected: 'odrzucona',
};

export function MemberDeclarationPage({
  ctx,
  unit,
  current,
  declarations,
  today,
  form,
  notice,
}: {
  ctx: PageContext;
  unit: MemberUnit;
  current: number;
  declarations: PersonsDeclaration[];
  today: string;
  form: FormState;
  notice?: string | undefined;
}) {
  const errors: FieldError[] = form.errors;
  return (
    <PortalLayout ctx={ctx} title={`Deklaracja liczby osób — lokal ${unit.label}`}>
      <p class="breadcrumbs">
        <a href="/ebok">Pulpit</a> › <a href="/ebok/liczniki">Liczniki</a> › Deklaracja liczby osób
      </p>
      <h1>
        Deklaracja liczby osób <span class="meta">— lokal {unit.label}</span>
      </h1>
      <Notice text={notice} />
      <p>
        Opłaty zależne od liczby osób naliczamy dziś od <strong>{current}</strong> os. Nowa liczba obowiązuje po
        przyjęciu deklaracji przez Spółdzielnię, od najbliższego naliczenia opłat.
      </p>
      <form method="post" action={`/ebok/deklaracje/${unit.unitId}`} noValidate>
        <CsrfField token={ctx.csrfToken} />
        <ErrorSummary errors={errors} />
        <TextField
          name="liczba_osob"
          label="Liczba osób zamieszkałych w lokalu"
          value={form.values.liczba_osob}
          inputMode="numeric"
          errors={errors}
          required
        />
        <TextField name="od" label="Od kiedy" type="date" value={form.values.od ?? today} errors={errors} required />
        <TextArea
          name="powod"
          label="Powód zmiany"
          hint="Wymagany, gdy liczba osób maleje."
          value={form.values.powod}
          rows={3}
          errors={errors}
        />
        <div class={errors.some((e) => e.field === 'prawda') ? 'field has-error' : 'field'} id="pole-prawda">
          {errors.find((e) => e.field === 'prawda') ? (
            <p class="field-error">{errors.find((e) => e.field === 'prawda')?.message}</p>
          ) : null}
          <label class="checkbox">
            <input type="checkbox" name="prawda" value="1" checked={form.values.prawda === '1'} /> Oświadczam, że dane w
            deklaracji są zgodne z prawdą.
          </label>
        </div>
        <button type="submit">Złóż deklarację</button>
      </form>
      <h2>Historia deklaracji</h2>
      {declarations.length === 0 ? <p class="empty">Brak deklaracji złożonych w e-BOK.</p> : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Złożona</th>
              <th scope="col" class="num">
                Osób
              </th>
              <th scope="col">Od</th>
              <th scope="col">Stan</th>
            </tr>
          </thead>
          <tbody>
            {declarations.map((d) => (
              <tr key={d.id}>
                <td>{formatDateTime(d.createdAt)}</td>
                <td class="num">{d.personsCount}</td>
                <td>{formatCalendarDate(d.effectiveFrom)}</td>
                <td>
                  {statusLabels[d.status]}
                  {d.decisionReason ? <span class="hint"> — {d.decisionReason}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PortalLayout>
  );
}

export function DeclarationsQueuePage({
  ctx,
  rows,
  errors,
  notice,
}: {
  ctx: PageContext;
  rows: (PersonsDeclaration & { unitLabel: string; current: number })[];
  errors: FieldError[];
  notice?: string | undefined;
}) {
  return (
    <MediaLayout ctx={ctx} title="Deklaracje liczby osób">
      <ErrorSummary errors={errors} />
      <Notice text={notice} />
      {rows.length === 0 ? <p class="empty">Nie ma deklaracji do decyzji.</p> : null}
      {rows.map((d) => (
        <section key={d.id}>
          <h2>
            Lokal {d.unitLabel}: {d.personsCount} os. od {formatCalendarDate(d.effectiveFrom)}
          </h2>
          <p>
            Dotąd: {d.current} os. Złożona {formatDateTime(d.createdAt)}.{d.reason ? ` Powód: ${d.reason}` : ''}
          </p>
          <form method="post" action={`/panel/media/deklaracje/${d.id}/decyzja`} noValidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField name="uzasadnienie" label="Uzasadnienie (wymagane przy odrzuceniu)" />
            <button type="submit" name="decyzja" value="approve">
              Przyjmij
            </button>{' '}
            <button type="submit" name="decyzja" value="reject" class="secondary">
              Odrzuć
            </button>
          </form>
        </section>
      ))}
      <p class="hint">
        Przyjęta deklaracja zmienia liczbę osób od podanego dnia; opłaty zmienią się od najbliższego naliczenia. Korektę
        naliczeń za miesiące już naliczone księguje księgowa jako osobną pozycję.
      </p>
    </MediaLayout>
  );
}
