/** A unit's history of fee changes in the back office (/panel/finanse/zmiany-oplat/lokal/:id). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { access } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { idParams } from '../../http/params.ts';
import { sendPage } from '../../http/render.ts';
import { findUnitLabel } from '../units/unit-facts.ts';
import { unitFeeHistory } from './unit-history.ts';
import { UnitHistoryPage } from './views/unit-history.tsx';

export const historyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/panel/finanse/zmiany-oplat/lokal/:id',
    { ...access('ledger.read'), schema: { params: idParams } },
    async (request, reply) => {
      const organization = request.organization;
      const unit = await findUnitLabel(app.db, { organizationId: organization.id, unitId: request.params.id });
      if (!unit) throw new AppError('not_found', 'no such unit');
      const history = await unitFeeHistory(app.db, { organization, unitId: unit.unitId });
      return sendPage(reply, <UnitHistoryPage ctx={pageContext(request, reply)} unit={unit} history={history} />);
    },
  );
};
