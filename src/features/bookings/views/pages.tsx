/** Room bookings: the public page with free/busy slots and its form, e-BOK's and staff's pages. */
import type { FormState } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, SelectField, TextArea, TextField } from '../../../http/forms.tsx';
import { Layout } from '../../../http/layout.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../../lib/format.ts';
import { warsawDate, warsawLocalInput } from '../../../lib/warsaw-time.ts';
import { moneyToPlain } from '../../ledger/rules/money.ts';
import type { Organization } from '../../organizations/queries.ts';
import type { Booking, Room } from '../bookings.ts';
import { formatTime } from '../rules/booking.ts';

const statusLabels = { oczekuje: 'czeka na decyzję', zatwierdzona: 'zatwierdzona', odrzucona: 'odrzucona' } as const;
const timeOf = (d: Date) => warsawLocalInput(d).slice(11);
const slotText = (b: Booking) =>
  `${formatCalendarDate(warsawDate(b.startsAt))}, ${timeOf(b.startsAt)}–${timeOf(b.endsAt)}`;

function roomRules(room: Room) {
  return (
    <p class="meta">
      Godziny: {formatTime(room.opensAt)}–{formatTime(room.closesAt)}; rezerwacja co najmniej {room.minNoticeHours}{' '}
      godz. wcześniej; {room.pricePerHour > 0 ? `${formatMoney(room.pricePerHour)} za godzinę` : 'bezpłatnie'}
      {room.pricePerHour > 0 && room.freeForMembers ? ' (dla członków bezpłatnie)' : ''}.
    </p>
  );
}

/** Busy slots of the coming days, without names. */
function BusyList({ days, taken }: { days: string[]; taken: Booking[] }) {
  return (
    <ul class="busy-days">
      {days.map((day) => {
        const busy = taken.filter((b) => warsawDate(b.startsAt) === day);
        return (
          <li key={day}>
            <strong>{formatCalendarDate(day)}</strong>:{' '}
            {busy.length === 0
              ? 'wolna cały dzień'
              : `zajęta ${busy.map((b) => `${timeOf(b.startsAt)}–${timeOf(b.endsAt)}`).join(', ')}`}
          </li>
        );
      })}
    </ul>
  );
}

function SlotFields({ rooms, form }: { rooms: Room[]; form: FormState }) {
  const { errors, values } = form;
  return (
    <>
      {rooms.length > 1 ? (
        <SelectField
          name="roomId"
          label="Sala"
          options={rooms.map((r) => [String(r.id), r.name] as const)}
          value={values.roomId}
          errors={errors}
        />
      ) : (
        <input type="hidden" name="roomId" value={String(rooms[0]?.id ?? '')} />
      )}
      <TextField
        name="date"
        label="Dzień"
        hint="DD.MM.RRRR, np. 15.03.2026."
        value={values.date}
        errors={errors}
        required
      />
      <TextField name="from" label="Od godziny" hint="GG:MM, np. 17:00" value={values.from} errors={errors} required />
      <TextField
        name="until"
        label="Do godziny"
        hint="GG:MM, np. 19:00"
        value={values.until}
        errors={errors}
        required
      />
      <TextArea name="purpose" label="Cel spotkania" value={values.purpose} errors={errors} rows={3} required />
    </>
  );
}

export function PublicRoomPage({
  organization,
  csrfToken,
  rooms,
  days,
  taken,
  form,
  sent,
}: {
  organization: Organization;
  csrfToken: string;
  rooms: Room[];
  days: string[];
  taken: Map<number, Booking[]>;
  form: FormState;
  sent: boolean;
}) {
  const { errors, values } = form;
  return (
    <Layout title="Rezerwacja sali" organization={organization} path="/rezerwacja-sali">
      <h1>Rezerwacja sali</h1>
      {sent ? <Notice text="Prośba o rezerwację wysłana. Odpowiemy na podany adres e-mail." /> : null}
      {rooms.length === 0 ? <p>Spółdzielnia nie udostępnia obecnie sal.</p> : null}
      {rooms.map((room) => (
        <section key={room.id}>
          <h2>{room.name}</h2>
          {roomRules(room)}
          <BusyList days={days} taken={taken.get(room.id) ?? []} />
        </section>
      ))}
      {rooms.length > 0 ? (
        <>
          <h2>Poproś o rezerwację</h2>
          <p>Członkowie Spółdzielni rezerwują salę w e-BOK.</p>
          <ErrorSummary errors={errors} />
          <Form action="/rezerwacja-sali" csrfToken={csrfToken} class="form-narrow">
            <SlotFields rooms={rooms} form={form} />
            <TextField
              name="contactName"
              label="Imię i nazwisko lub nazwa"
              value={values.contactName}
              errors={errors}
              required
            />
            <TextField
              name="contactEmail"
              label="Adres e-mail"
              type="email"
              value={values.contactEmail}
              errors={errors}
              required
            />
            <TextField
              name="contactPhone"
              label="Telefon"
              type="tel"
              value={values.contactPhone}
              errors={errors}
              required={false}
            />
            <button type="submit">Wyślij prośbę</button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

export function MemberBookingsPage({
  ctx,
  rooms,
  units,
  bookings,
  days,
  taken,
  form,
  notice,
}: {
  ctx: PageContext;
  rooms: Room[];
  units: { id: number; label: string }[];
  bookings: Booking[];
  days: string[];
  taken: Map<number, Booking[]>;
  form: FormState;
  notice?: string | undefined;
}) {
  const { errors, values } = form;
  return (
    <PortalLayout ctx={ctx} title="Rezerwacja sali">
      <h1>Rezerwacja sali</h1>
      <Notice text={notice} />
      <h2>Moje rezerwacje</h2>
      {bookings.length === 0 ? <p>Nie masz rezerwacji.</p> : null}
      <ul class="thread-list">
        {bookings.map((b) => (
          <li key={b.id}>
            {slotText(b)} · <strong>{statusLabels[b.status]}</strong>
            {b.price > 0 ? ` · ${formatMoney(b.price)}` : ''}
            {b.rejectReason ? ` — ${b.rejectReason}` : ''}
          </li>
        ))}
      </ul>
      {rooms.map((room) => (
        <section key={room.id}>
          <h2>{room.name}</h2>
          {roomRules(room)}
          <BusyList days={days} taken={taken.get(room.id) ?? []} />
        </section>
      ))}
      {rooms.length > 0 ? (
        <>
          <h2>Poproś o rezerwację</h2>
          <ErrorSummary errors={errors} />
          <Form action="/ebok/rezerwacje" csrfToken={ctx.csrfToken} class="form-narrow">
            <SlotFields rooms={rooms} form={form} />
            {units.length > 0 ? (
              <SelectField
                name="unitId"
                label="Opłatę doliczyć do lokalu"
                hint="Dotyczy tylko sal płatnych dla członków."
                options={units.map((u) => [String(u.id), u.label] as const)}
                value={values.unitId}
                errors={errors}
              />
            ) : null}
            <button type="submit">Wyślij prośbę</button>
          </Form>
        </>
      ) : null}
    </PortalLayout>
  );
}

export function StaffBookingsPage({
  ctx,
  rooms,
  pending,
  payable,
  calendarUrls,
  form,
  notice,
}: {
  ctx: PageContext;
  rooms: Room[];
  pending: Booking[];
  /** Approved paid bookings of non-members, with their payment requests. */
  payable: Booking[];
  calendarUrls: Map<number, string>;
  form: FormState;
  notice?: string | undefined;
}) {
  const { errors } = form;
  const names = new Map(rooms.map((r) => [r.id, r.name]));
  return (
    <PortalLayout ctx={ctx} title="Rezerwacje sal">
      <h1>Rezerwacje sal</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <h2>Czekają na decyzję (od najstarszych)</h2>
      {pending.length === 0 ? <p>Nic nie czeka.</p> : null}
      <ul class="thread-list">
        {pending.map((b) => (
          <li key={b.id}>
            <strong>{names.get(b.roomId)}</strong>: {slotText(b)} · {b.contactName}
            {b.contactEmail ? `, ${b.contactEmail}` : ''}
            {b.contactPhone ? `, tel. ${b.contactPhone}` : ''} · {b.accountId ? 'członek' : 'osoba spoza e-BOK'}
            {b.price > 0 ? ` · ${formatMoney(b.price)}` : ' · bezpłatnie'} · wysłano {formatDateTime(b.createdAt)}
            <p>{b.purpose}</p>
            <Form action={`/panel/rezerwacje/${b.id}/zatwierdz`} csrfToken={ctx.csrfToken} class="inline">
              <button type="submit">Zatwierdź</button>
            </Form>
            <Form action={`/panel/rezerwacje/${b.id}/odrzuc`} csrfToken={ctx.csrfToken} class="inline">
              <label for={`powod-${b.id}`}>Powód odrzucenia</label>{' '}
              <input id={`powod-${b.id}`} name="reason" type="text" maxLength={500} />
              <button type="submit">Odrzuć</button>
            </Form>
          </li>
        ))}
      </ul>
      <h2>Wezwania do zapłaty (rezerwacje osób spoza e-BOK)</h2>
      {payable.length === 0 ? <p>Brak zatwierdzonych płatnych rezerwacji osób spoza e-BOK.</p> : null}
      <ul class="thread-list">
        {payable.map((b) => (
          <li key={b.id}>
            <strong>{names.get(b.roomId)}</strong>: {slotText(b)} · {b.contactName} · {formatMoney(b.price)} ·{' '}
            <a href={`/panel/rezerwacje/${b.id}/wezwanie-do-zaplaty.pdf`}>
              Potwierdzenie rezerwacji i wezwanie do zapłaty (PDF)
            </a>
          </li>
        ))}
      </ul>
      <h2>Sale</h2>
      <ul class="thread-list">
        {rooms.map((room) => (
          <li key={room.id}>
            <strong>{room.name}</strong>
            {roomRules(room)}
            <p>
              <a href={`/panel/rezerwacje/sale/${room.id}`}>Zmień zasady sali</a>
            </p>
            <p>
              Kalendarz zatwierdzonych rezerwacji (iCalendar, adres poufny): <code>{calendarUrls.get(room.id)}</code>
            </p>
          </li>
        ))}
      </ul>
      <h2>Nowa sala</h2>
      <Form action="/panel/rezerwacje/sale" csrfToken={ctx.csrfToken} class="form-narrow">
        <RoomFields form={form} />
        <button type="submit">Dodaj salę</button>
      </Form>
    </PortalLayout>
  );
}

/** The rules of a room as form fields: new from defaults, or an existing room's values. */
function RoomFields({ form }: { form: FormState }) {
  const { errors, values } = form;
  return (
    <>
      <TextField name="name" label="Nazwa" value={values.name} errors={errors} required />
      <TextField
        name="opensAt"
        label="Otwarta od"
        hint="GG:MM"
        value={values.opensAt ?? '08:00'}
        errors={errors}
        required
      />
      <TextField
        name="closesAt"
        label="Otwarta do"
        hint="GG:MM"
        value={values.closesAt ?? '21:00'}
        errors={errors}
        required
      />
      <TextField
        name="minNoticeHours"
        label="Rezerwacja co najmniej (godzin wcześniej)"
        value={values.minNoticeHours ?? '24'}
        errors={errors}
        required
      />
      <TextField
        name="pricePerHour"
        label="Cena za godzinę (zł)"
        hint="0 — bezpłatnie"
        value={values.pricePerHour ?? '0'}
        errors={errors}
        required
      />
      <label class="checkbox">
        <input
          type="checkbox"
          name="freeForMembers"
          value="1"
          // A sent form leaves an unticked box out, so only a form never sent falls back to the default.
          checked={errors.length > 0 || values.name !== undefined ? values.freeForMembers === '1' : true}
        />{' '}
        bezpłatnie dla członków
      </label>
    </>
  );
}

/** The values of a room as its edit form shows them. */
export function roomFormValues(room: Room): Record<string, string> {
  return {
    name: room.name,
    opensAt: formatTime(room.opensAt),
    closesAt: formatTime(room.closesAt),
    minNoticeHours: String(room.minNoticeHours),
    pricePerHour: moneyToPlain(room.pricePerHour),
    freeForMembers: room.freeForMembers ? '1' : '',
  };
}

export function RoomEditPage({ ctx, room, form }: { ctx: PageContext; room: Room; form: FormState }) {
  return (
    <PortalLayout ctx={ctx} title={`Sala: ${room.name}`}>
      <p>
        <a href="/panel/rezerwacje">← Rezerwacje sal</a>
      </p>
      <h1>Sala: {room.name}</h1>
      <p>
        Zmiany dotyczą kolejnych rezerwacji. Rezerwacje już złożone zachowują swoją cenę, a zatwierdzone — swój termin.
      </p>
      <ErrorSummary errors={form.errors} />
      <Form action={`/panel/rezerwacje/sale/${room.id}`} csrfToken={ctx.csrfToken} class="form-narrow">
        <RoomFields form={form} />
        <button type="submit">Zapisz zasady</button>
      </Form>
    </PortalLayout>
  );
}
