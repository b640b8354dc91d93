/** The public page of rooms (free/busy, no names) with its request form, and e-BOK's bookings. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, memberOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { unitAddress } from '../../../lib/address.ts';
import { nextWarsawMidnight, warsawDate } from '../../../lib/warsaw-time.ts';
import { unitsHeldBy } from '../../units/person-lookup.ts';
import { type Booking, listMemberBookings, listRooms, listTaken, type Room, requestBooking } from '../bookings.ts';
import { memberBookingForm, publicBookingForm } from '../forms.ts';
import { MemberBookingsPage, PublicRoomPage } from '../views/pages.tsx';

const DAYS = 14;
const sentQuery = z.object({ wyslano: z.string().optional().catch(undefined) });

export const publicBookingRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The rooms and what holds them over the coming two weeks. */
  async function calendar(organizationId: number) {
    const now = app.clock();
    const rooms = await listRooms(app.db, { organizationId });
    const start = nextWarsawMidnight(new Date(now.getTime() - 86_400_000));
    const days: string[] = [];
    let day = start;
    for (let i = 0; i < DAYS; i++) {
      days.push(warsawDate(day));
      day = nextWarsawMidnight(day);
    }
    const taken = new Map<number, Booking[]>();
    for (const room of rooms)
      taken.set(room.id, await listTaken(app.db, { organizationId, roomId: room.id, from: start, to: day }));
    return { rooms, days, taken };
  }

  const roomOf = (rooms: Room[], roomId: number | undefined) => {
    const room = roomId === undefined && rooms.length === 1 ? rooms[0] : rooms.find((r) => r.id === roomId);
    if (!room) throw new AppError('not_found', 'no such room');
    return room;
  };

  async function publicPage(request: FastifyRequest, reply: FastifyReply, form: FormState, sent = false) {
    const data = await calendar(request.organization.id);
    return (
      <PublicRoomPage
        organization={request.organization}
        csrfToken={reply.generateCsrf()}
        {...data}
        form={form}
        sent={sent}
      />
    );
  }

  app.get('/rezerwacja-sali', { ...access('public'), schema: { querystring: sentQuery } }, async (request, reply) =>
    sendPage(reply, await publicPage(request, reply, freshForm, Boolean(request.query.wyslano))),
  );

  formRoute(app, '/rezerwacja-sali', {
    access: 'public',
    body: publicBookingForm,
    config: { rateLimit: { max: 10, timeWindow: '1 hour' } },
    async run({ request, body }) {
      const room = roomOf(await listRooms(app.db, { organizationId: request.organization.id }), body.roomId);
      await requestBooking(app.db, {
        actor: actorOf(request),
        roomId: room.id,
        slot: body,
        requester: {
          accountId: null,
          unitId: null,
          member: false,
          contactName: body.contactName,
          contactEmail: body.contactEmail,
          contactPhone: body.contactPhone || null,
        },
        purpose: body.purpose,
        now: app.clock(),
      });
      return '/rezerwacja-sali?wyslano=1';
    },
    render: ({ request, reply, form }) => publicPage(request, reply, form),
  });

  const memberUnits = async (request: FastifyRequest) => {
    const { personId } = memberOf(request);
    if (!personId) return [];
    const units = await unitsHeldBy(app.db, {
      organizationId: request.organization.id,
      personId,
      asOf: warsawDate(app.clock()),
    });
    return units.map((u) => ({ id: u.unitId, label: unitAddress(u) }));
  };

  async function memberPage(request: FastifyRequest, reply: FastifyReply, form: FormState, notice?: string) {
    const organizationId = request.organization.id;
    const [data, units, bookings] = await Promise.all([
      calendar(organizationId),
      memberUnits(request),
      listMemberBookings(app.db, { organizationId, accountId: memberOf(request).id }),
    ]);
    return (
      <MemberBookingsPage
        ctx={pageContext(request, reply)}
        {...data}
        units={units}
        bookings={bookings}
        form={form}
        notice={notice}
      />
    );
  }

  app.get('/ebok/rezerwacje', { ...access('member'), schema: { querystring: sentQuery } }, async (request, reply) =>
    sendPage(
      reply,
      await memberPage(request, reply, freshForm, request.query.wyslano ? 'Prośba o rezerwację wysłana.' : undefined),
    ),
  );

  formRoute(app, '/ebok/rezerwacje', {
    access: 'member',
    body: memberBookingForm,
    async run({ request, body }) {
      const account = memberOf(request);
      const room = roomOf(await listRooms(app.db, { organizationId: request.organization.id }), body.roomId);
      const units = await memberUnits(request);
      const unit = units.find((u) => u.id === body.unitId) ?? units[0];
      await requestBooking(app.db, {
        actor: actorOf(request),
        roomId: room.id,
        slot: body,
        requester: {
          accountId: account.id,
          unitId: unit?.id ?? null,
          member: Boolean(unit),
          contactName: account.displayName,
          contactEmail: account.activationEmail,
          contactPhone: account.phone,
        },
        purpose: body.purpose,
        now: app.clock(),
      });
      return '/ebok/rezerwacje?wyslano=1';
    },
    render: ({ request, reply, form }) => memberPage(request, reply, form),
  });
};
