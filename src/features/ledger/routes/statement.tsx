/** The member's statement of a period as a PDF (with the payment QR code) and as CSV for Excel. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access, memberOf } from '../../../http/auth.ts';
import { type Statement, statementCsv, statementPdf } from '../statement.ts';
import { transferData } from '../transfer-data.ts';
import { memberLedger, periodQuery, unitParams } from './member.tsx';

const fileName = (s: Statement, ext: string) => `zestawienie-${s.from}-${s.to}.${ext}`;

export const statementRoutes: FastifyPluginAsyncZod = async (app) => {
  const { today, ownUnit, period, history } = memberLedger(app);

  async function statement(
    request: FastifyRequest,
    unitId: number,
    query: { od?: string | undefined; do?: string | undefined },
  ): Promise<Statement> {
    const unit = await ownUnit(request, unitId);
    const { from, to } = period(unit, query, `${today().slice(0, 4)}-01-01`);
    const { opening, rows, closing } = await history(request, unit, from, to);
    // The QR asks for what is due today: only a statement that reaches today carries one (its
    // closing balance is today's); a past period's shows that period's figures without a QR.
    const reachesToday = unit.current && to >= today();
    const transfer = await transferData(request.organization, unit, reachesToday ? Math.max(0, closing) : 0);
    return {
      unitLabel: unit.label,
      holderName: memberOf(request).displayName ?? '',
      from,
      to,
      opening,
      rows,
      closing,
      nrb: transfer.nrb,
      transferTitle: transfer.title,
      qrText: reachesToday ? transfer.qrText : undefined,
      qrNote: reachesToday
        ? transfer.qrOmitted
        : 'Zestawienie za okres zakończony przed dniem dzisiejszym nie zawiera kodu QR do zapłaty: aktualną kwotę do zapłaty podaje e-BOK.',
    };
  }

  const route = { ...access('member'), schema: { params: unitParams, querystring: periodQuery } };

  app.get('/ebok/finanse/:unitId/zestawienie.pdf', route, async (request, reply) => {
    const data = await statement(request, request.params.unitId, request.query);
    const pdf = await statementPdf(request.organization, data);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName(data, 'pdf')}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.get('/ebok/finanse/:unitId/zestawienie.csv', route, async (request, reply) => {
    const data = await statement(request, request.params.unitId, request.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(data, 'csv')}"`)
      .header('cache-control', 'private, no-store')
      .send(statementCsv(data));
  });
};
