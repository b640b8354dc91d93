/**
 * Water settlements: the accountant previews a run of a building and period, then posts it to
 * the ledger once; tariffs and the difference rule; PDFs per unit. Members open the posted
 * settlements of their unit (only their own period's lines) and the PDF.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, memberOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { id, idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { buildingAddress, withCity } from '../../../lib/address.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { listBuildings } from '../../units/queries.ts';
import { findUnitLabel } from '../../units/unit-facts.ts';
import { postForm, runForm, settlementSettingsForm, tariffForm } from '../forms.ts';
import { type SettlementPart, settlementPart, wholePart } from '../member-settlements.ts';
import {
  findMediaSettings,
  findRun,
  findSettlementDocument,
  listBuildingMeters,
  listRuns,
  listSettlementDocumentNames,
  listWaterTariffs,
} from '../queries.ts';
import { addDays } from '../rules/days.ts';
import { addWaterTariff, setSettlementRules } from '../settings.ts';
import type { SettlementReport } from '../settlement.ts';
import { postSettlement, previewSettlement } from '../settlement.ts';
import { settlementPdf } from '../settlement-pdf.ts';
import { MemberSettlementPage, RunPage, RunsPage } from '../views/settlement-pages.tsx';

const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });
const unitPdfParams = z.object({ id, unitId: id });
const memberRunParams = z.object({ unitId: id, runId: id });

/**
 * The company's PDF a reader gets: the building's one to anyone of it; the unit's own one not to
 * a member whose part is only some of the unit's days (it shows the other holder's too), who
 * gets the PDF of their part drawn here instead.
 */
function companyDocument<T extends { unitId: number | null }>(document: T | undefined, part?: SettlementPart) {
  if (!document || document.unitId === null || !part) return document;
  return wholePart(part) ? document : undefined;
}

export const settlementRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => warsawDate(app.clock());

  async function runsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    forms: { run?: FormState; tariff?: FormState; rules?: FormState; notice?: string | undefined } = {},
  ) {
    const organizationId = request.organization.id;
    const settings = await findMediaSettings(app.db, { organizationId });
    return (
      <RunsPage
        ctx={pageContext(request, reply)}
        buildings={(await listBuildings(app.db, { organizationId })).map((b) => ({
          id: b.id,
          label: withCity(buildingAddress(b), b),
        }))}
        runs={await listRuns(app.db, { organizationId })}
        tariffs={await listWaterTariffs(app.db, { organizationId })}
        rule={settings.differenceRule}
        advanceCode={settings.waterAdvanceCode}
        hotAdvanceCode={settings.hotWaterAdvanceCode}
        runForm={forms.run ?? freshForm}
        tariffForm={forms.tariff ?? freshForm}
        rulesForm={forms.rules ?? freshForm}
        notice={forms.notice}
      />
    );
  }

  app.get(
    '/panel/media/rozliczenia',
    { ...access('ledger.book'), schema: { querystring: doneQuery } },
    async (request, reply) =>
      sendPage(reply, await runsPage(request, reply, { notice: request.query.zrobiono ? 'Zapisano.' : undefined })),
  );

  formRoute(app, '/panel/media/rozliczenia', {
    access: 'ledger.book',
    body: runForm,
    run: async ({ request, body }) => {
      const run = await previewSettlement(app.db, {
        actor: actorOf(request),
        input: { buildingId: body.budynek, medium: body.medium, periodFrom: body.od, periodTo: body.do },
      });
      return `/panel/media/rozliczenia/${run.id}`;
    },
    render: ({ request, reply, form }) => runsPage(request, reply, { run: form }),
  });

  formRoute(app, '/panel/media/taryfy', {
    access: 'ledger.book',
    body: tariffForm,
    run: async ({ request, body }) => {
      await addWaterTariff(app.db, {
        actor: actorOf(request),
        effectiveFrom: body.od,
        water: body.woda,
        sewage: body.scieki,
      });
      return '/panel/media/rozliczenia?zrobiono=1';
    },
    render: ({ request, reply, form }) => runsPage(request, reply, { tariff: form }),
  });

  formRoute(app, '/panel/media/zasady', {
    access: 'ledger.book',
    body: settlementSettingsForm,
    run: async ({ request, body }) => {
      await setSettlementRules(app.db, {
        actor: actorOf(request),
        rule: body.regula,
        advanceCode: body.skladnik,
        hotAdvanceCode: body.skladnik_cw,
      });
      return '/panel/media/rozliczenia?zrobiono=1';
    },
    render: ({ request, reply, form }) => runsPage(request, reply, { rules: form }),
  });

  async function runPage(
    request: FastifyRequest,
    reply: FastifyReply,
    runId: number,
    form = freshForm,
    notice?: string,
  ) {
    const run = await findRun(app.db, { organizationId: request.organization.id, id: runId });
    if (!run) throw new AppError('not_found', 'no such run');
    return (
      <RunPage
        ctx={pageContext(request, reply)}
        run={run}
        documents={await listSettlementDocumentNames(app.db, { organizationId: request.organization.id, runId })}
        today={today()}
        dueDate={addDays(today(), 14)}
        form={form}
        notice={notice}
      />
    );
  }

  app.get(
    '/panel/media/rozliczenia/:id',
    { ...access('ledger.book'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await runPage(
          request,
          reply,
          request.params.id,
          freshForm,
          request.query.zrobiono ? 'Rozliczenie zaksięgowane.' : undefined,
        ),
      ),
  );

  formRoute(app, '/panel/media/rozliczenia/:id/ksieguj', {
    access: 'ledger.book',
    params: idParams,
    body: postForm,
    run: async ({ request, params, body }) => {
      await postSettlement(app.db, {
        actor: actorOf(request),
        runId: params.id,
        bookingDate: body.data_ksiegowania,
        dueDate: body.termin,
        now: app.clock(),
      });
      return `/panel/media/rozliczenia/${params.id}?zrobiono=1`;
    },
    render: ({ request, reply, params, form }) => runPage(request, reply, params.id, form),
  });

  async function sendPdf(
    request: FastifyRequest,
    reply: FastifyReply,
    runId: number,
    unitId: number,
    part?: SettlementPart,
  ) {
    const organizationId = request.organization.id;
    const run = await findRun(app.db, { organizationId, id: runId });
    if (!run || !(run.report as SettlementReport).lines.some((l) => l.unitId === unitId))
      throw new AppError('not_found', 'no such settlement');
    // A heating run: the company's own PDF (the unit's, else the building's) where one was supplied.
    const supplied =
      (run.report as SettlementReport).kind === 'heating'
        ? companyDocument(await findSettlementDocument(app.db, { organizationId, runId: run.id, unitId }), part)
        : undefined;
    if (supplied) {
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="rozliczenie-co-${run.id}-${unitId}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(supplied.data);
    }
    const unit = await findUnitLabel(app.db, { organizationId, unitId });
    if (!unit) throw new AppError('not_found', 'no such unit');
    const meters = await listBuildingMeters(app.db, { organizationId, buildingId: run.buildingId });
    const pdf = await settlementPdf(request.organization, {
      run,
      unitId,
      unitLabel: unit.label,
      serials: new Map(meters.map((m) => [m.id, m.serial])),
      lines: part?.lines,
      readings: !part || wholePart(part),
      proposal: !part || part.unit.current,
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="rozliczenie-${run.id}-${unitId}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }

  app.get(
    '/panel/media/rozliczenia/:id/lokal/:unitId.pdf',
    { ...access('ledger.book'), schema: { params: unitPdfParams } },
    async (request, reply) => sendPdf(request, reply, request.params.id, request.params.unitId),
  );

  /** The member's part of a run: a unit they hold, or held during the run (a seller's own days). */
  async function memberPart(request: FastifyRequest, unitId: number, runId: number) {
    const { personId } = memberOf(request);
    const part = personId
      ? await settlementPart(app.db, {
          organizationId: request.organization.id,
          personId,
          today: today(),
          unitId,
          runId,
        })
      : undefined;
    if (!part) throw new AppError('not_found', 'no such settlement');
    return part;
  }

  app.get(
    '/ebok/liczniki/:unitId/rozliczenie/:runId',
    { ...access('member'), schema: { params: memberRunParams } },
    async (request, reply) => {
      const part = await memberPart(request, request.params.unitId, request.params.runId);
      const companyPdf =
        (part.run.report as SettlementReport).kind === 'heating' &&
        companyDocument(
          await findSettlementDocument(app.db, {
            organizationId: request.organization.id,
            runId: part.run.id,
            unitId: part.unit.unitId,
          }),
          part,
        ) !== undefined;
      return sendPage(
        reply,
        <MemberSettlementPage ctx={pageContext(request, reply)} part={part} companyPdf={companyPdf} />,
      );
    },
  );

  app.get(
    '/ebok/liczniki/:unitId/rozliczenie/:runId.pdf',
    { ...access('member'), schema: { params: memberRunParams } },
    async (request, reply) => {
      const part = await memberPart(request, request.params.unitId, request.params.runId);
      return sendPdf(request, reply, part.run.id, part.unit.unitId, part);
    },
  );
};
