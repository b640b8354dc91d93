/**
 * The member's meters in e-BOK: their units held today, each meter's readings and chart, a
 * reading with a photo, and the settlements computed from them. Anything not the member's own
 * is a page that does not exist.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, memberOf } from '../../../http/auth.ts';
import { formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { id } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { readingForm } from '../forms.ts';
import { meterUnitLabels } from '../labels.ts';
import { formerSettlementParts, heldUnits, settlementParts } from '../member-settlements.ts';
import { memberUnit, memberUnits, unitMeterList, unitMetersInPeriod } from '../member-units.ts';
import { findMediaSettings, findMeter, listMeterReadings } from '../queries.ts';
import { enterReading } from '../readings.ts';
import { historyPeriod, historyYears } from '../rules/history-period.ts';
import { formatReading } from '../rules/reading-input.ts';
import { describeWindow, inReadingWindow } from '../rules/windows.ts';
import { MemberMetersPage, MemberReadingPage, MemberUnitsPage } from '../views/member-pages.tsx';

const unitParams = z.object({ unitId: id });
const meterParams = z.object({ unitId: id, meterId: id });
const metersQuery = z.object({
  zapisano: z.string().optional().catch(undefined),
  rok: z.coerce.number().int().optional().catch(undefined),
});

export const memberMeterRoutes: FastifyPluginAsyncZod = async (app) => {
  await acceptUploads(app);
  const today = () => warsawDate(app.clock());

  async function ownUnit(request: FastifyRequest, unitId: number) {
    const { personId } = memberOf(request);
    if (!personId) throw new AppError('not_found', 'no such unit');
    const unit = await memberUnit(app.db, {
      organizationId: request.organization.id,
      personId,
      today: today(),
      unitId,
    });
    if (!unit) throw new AppError('not_found', 'not the member’s unit');
    return unit;
  }

  /** The posted runs of the unit with a part of the member's days (not an earlier holder's alone). */
  async function memberRunsOfUnit(request: FastifyRequest, unitId: number) {
    const { personId } = memberOf(request);
    const organizationId = request.organization.id;
    const unit = personId
      ? (await heldUnits(app.db, { organizationId, personId, today: today() })).find((u) => u.unitId === unitId)
      : undefined;
    return unit ? (await settlementParts(app.db, { organizationId, unit })).map((p) => p.run) : [];
  }

  async function ownMeter(request: FastifyRequest, unitId: number, meterId: number) {
    const unit = await ownUnit(request, unitId);
    const meter = await findMeter(app.db, { organizationId: request.organization.id, id: meterId });
    if (!meter || meter.unitId !== unit.unitId || meter.removedOn !== null)
      throw new AppError('not_found', 'no such meter');
    return { unit, meter };
  }

  app.get('/ebok/liczniki', access('member'), async (request, reply) => {
    const { personId } = memberOf(request);
    const units = personId
      ? await memberUnits(app.db, { organizationId: request.organization.id, personId, today: today() })
      : [];
    const former = personId
      ? await formerSettlementParts(app.db, { organizationId: request.organization.id, personId, today: today() })
      : [];
    return sendPage(reply, <MemberUnitsPage ctx={pageContext(request, reply)} units={units} former={former} />);
  });

  app.get(
    '/ebok/liczniki/:unitId',
    { ...access('member'), schema: { params: unitParams, querystring: metersQuery } },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const organizationId = request.organization.id;
      const settings = await findMediaSettings(app.db, { organizationId });
      const rule = { startDay: settings.windowStartDay, endDay: settings.windowEndDay, months: settings.windowMonths };
      const meters = await unitMeterList(app.db, { organizationId, unitId: unit.unitId });
      const years = historyYears(
        meters.map((m) => m.installedOn),
        today(),
      );
      const period = historyPeriod(request.query.rok, years, today());
      return sendPage(
        reply,
        <MemberMetersPage
          ctx={pageContext(request, reply)}
          unit={unit}
          meters={await unitMetersInPeriod(app.db, { organizationId, meters, from: period.from, to: period.to })}
          period={period}
          years={years}
          windowText={describeWindow(rule)}
          windowOpen={inReadingWindow(rule, today())}
          runs={await memberRunsOfUnit(request, unit.unitId)}
          notice={request.query.zapisano ? 'Zapisaliśmy odczyt.' : undefined}
        />,
      );
    },
  );

  async function readingPage(
    request: FastifyRequest,
    reply: Parameters<typeof pageContext>[1],
    unitId: number,
    meterId: number,
    form = freshForm,
  ) {
    const { unit, meter } = await ownMeter(request, unitId, meterId);
    const [last] = await listMeterReadings(app.db, {
      organizationId: request.organization.id,
      meterId: meter.id,
      limit: 1,
    });
    const unitLabel = meterUnitLabels[meter.medium];
    const lastText = last
      ? `${formatReading(last.value, meter.decimals)} ${unitLabel} (${formatCalendarDate(last.readOn)})`
      : `odczyt początkowy ${formatReading(meter.initialReading, meter.decimals)} ${unitLabel} (${formatCalendarDate(meter.installedOn)})`;
    return (
      <MemberReadingPage
        ctx={pageContext(request, reply)}
        unit={unit}
        meter={meter}
        last={lastText}
        today={today()}
        form={form}
      />
    );
  }

  app.get(
    '/ebok/liczniki/:unitId/:meterId',
    { ...access('member'), schema: { params: meterParams } },
    async (request, reply) =>
      sendPage(reply, await readingPage(request, reply, request.params.unitId, request.params.meterId)),
  );

  formRoute(app, '/ebok/liczniki/:unitId/:meterId', {
    access: 'member',
    params: meterParams,
    body: readingForm,
    run: async ({ request, params, body }) => {
      const { unit, meter } = await ownMeter(request, params.unitId, params.meterId);
      await enterReading(app.db, {
        actor: actorOf(request),
        source: 'ebok',
        today: today(),
        unitId: unit.unitId,
        input: {
          meterId: meter.id,
          readOn: body.data,
          value: body.odczyt,
          confirmed: body.potwierdzam,
          photo: body.zdjecie?.data,
        },
      });
      return `/ebok/liczniki/${unit.unitId}?zapisano=1`;
    },
    render: ({ request, reply, params, form }) => readingPage(request, reply, params.unitId, params.meterId, form),
  });
};
