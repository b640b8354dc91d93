/** Back office: booking requests to decide, rooms and their rules; the staff's iCalendar feed. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import ical from 'ical-generator';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { id, idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { mailSettings } from '../../requests/routes/shared.ts';
import {
  createRoom,
  decideBooking,
  findPaymentRequestBooking,
  findRoom,
  listApproved,
  listPaymentRequestBookings,
  listPending,
  listRooms,
  type Room,
  updateRoom,
} from '../bookings.ts';
import { rejectForm, roomForm } from '../forms.ts';
import { paymentRequestPdf } from '../payment-pdf.ts';
import { RoomEditPage, roomFormValues, StaffBookingsPage } from '../views/pages.tsx';

const STAFF = '/panel/rezerwacje';
const notices: Record<string, string> = {
  zatwierdzono: 'Rezerwacja zatwierdzona.',
  odrzucono: 'Rezerwacja odrzucona.',
  sala: 'Dodano salę.',
  zasady: 'Zapisano zasady sali.',
};
const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });
const feedParams = z.object({ id, token: z.string().min(10).max(100) });

export const staffBookingRoutes: FastifyPluginAsyncZod = async (app) => {
  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState, notice?: string) {
    const organizationId = request.organization.id;
    const [rooms, pending, payable] = await Promise.all([
      listRooms(app.db, { organizationId }),
      listPending(app.db, { organizationId }),
      listPaymentRequestBookings(app.db, { organizationId, now: app.clock() }),
    ]);
    const base = chromeContextOf(request).baseUrl ?? app.config.publicUrl;
    const calendarUrls = new Map(rooms.map((r) => [r.id, `${base}/sale/${r.id}/kalendarz/${r.calendarToken}.ics`]));
    return (
      <StaffBookingsPage
        ctx={pageContext(request, reply)}
        rooms={rooms}
        pending={pending}
        payable={payable}
        calendarUrls={calendarUrls}
        form={form}
        notice={notice}
      />
    );
  }

  app.get(STAFF, { ...access('requests.handle'), schema: { querystring: doneQuery } }, async (request, reply) =>
    sendPage(
      reply,
      await page(request, reply, freshForm, request.query.zrobiono ? notices[request.query.zrobiono] : undefined),
    ),
  );

  formRoute(app, `${STAFF}/sale`, {
    access: 'requests.handle',
    body: roomForm,
    async run({ request, body }) {
      await createRoom(app.db, { actor: actorOf(request), input: body, now: app.clock() });
      return `${STAFF}?zrobiono=sala`;
    },
    render: ({ request, reply, form }) => page(request, reply, form),
  });

  async function roomOf(request: FastifyRequest, roomId: number): Promise<Room> {
    const room = await findRoom(app.db, { organizationId: request.organization.id, roomId });
    if (!room) throw new AppError('not_found', 'no such room');
    return room;
  }

  app.get(
    `${STAFF}/sale/:id`,
    { ...access('requests.handle'), schema: { params: idParams } },
    async (request, reply) => {
      const room = await roomOf(request, request.params.id);
      return sendPage(
        reply,
        <RoomEditPage
          ctx={pageContext(request, reply)}
          room={room}
          form={{ errors: [], values: roomFormValues(room), lists: {} }}
        />,
      );
    },
  );

  formRoute(app, `${STAFF}/sale/:id`, {
    access: 'requests.handle',
    params: idParams,
    body: roomForm,
    async run({ request, params, body }) {
      await updateRoom(app.db, { actor: actorOf(request), roomId: params.id, input: body, now: app.clock() });
      return `${STAFF}?zrobiono=zasady`;
    },
    render: async ({ request, reply, params, form }) => (
      <RoomEditPage ctx={pageContext(request, reply)} room={await roomOf(request, params.id)} form={form} />
    ),
  });

  for (const [path, approve] of [
    ['zatwierdz', true],
    ['odrzuc', false],
  ] as const) {
    formRoute(app, `${STAFF}/:id/${path}`, {
      access: 'requests.handle',
      params: idParams,
      body: rejectForm,
      async run({ request, params, body }) {
        await decideBooking(app.db, {
          actor: actorOf(request),
          bookingId: params.id,
          approve,
          reason: body.reason,
          mail: mailSettings(app, request),
          now: app.clock(),
        });
        return `${STAFF}?zrobiono=${approve ? 'zatwierdzono' : 'odrzucono'}`;
      },
      render: ({ request, reply, form }) => page(request, reply, form),
    });
  }

  // The payment request of a non-member's approved paid booking; any other booking is not found.
  app.get(
    `${STAFF}/:id/wezwanie-do-zaplaty.pdf`,
    { ...access('requests.handle'), schema: { params: idParams } },
    async (request, reply) => {
      const found = await findPaymentRequestBooking(app.db, {
        organizationId: request.organization.id,
        bookingId: request.params.id,
      });
      if (!found) throw new AppError('not_found', 'no payment request for this booking');
      const pdf = await paymentRequestPdf(request.organization, found.room, found.booking);
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename="wezwanie-do-zaplaty-${found.booking.id}.pdf"`)
        .type('application/pdf')
        .send(pdf);
    },
  );

  // The feed is for calendar apps, which cannot sign in: the secret in its address is the key.
  app.get(
    '/sale/:id/kalendarz/:token',
    { ...access('public'), schema: { params: feedParams } },
    async (request, reply) => {
      const organizationId = request.organization.id;
      const room = await findRoom(app.db, { organizationId, roomId: request.params.id });
      const token = request.params.token.replace(/\.ics$/, '');
      const expected = Buffer.from(room?.calendarToken ?? '');
      const given = Buffer.from(token);
      if (!room || expected.length !== given.length || !timingSafeEqual(expected, given)) {
        throw new AppError('not_found', 'no such calendar');
      }
      const bookings = await listApproved(app.db, {
        organizationId,
        roomId: room.id,
        from: new Date(app.clock().getTime() - 90 * 86_400_000),
      });
      const calendar = ical({ name: `${room.name} — rezerwacje`, timezone: 'Europe/Warsaw' });
      for (const b of bookings) {
        calendar.createEvent({
          id: `rezerwacja-${b.id}@osiedle`,
          start: b.startsAt,
          end: b.endsAt,
          summary: `${room.name}: ${b.contactName}`,
          description: b.purpose,
        });
      }
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(calendar.toString());
    },
  );
};
