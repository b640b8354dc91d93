/**
 * The member's balance and debt on a chosen day (/ebok/finanse/:unitId/saldo): overdue and current
 * parts, and statutory interest per charge, informative. A day before the member's right is said
 * at the field, with the day typed kept.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldError } from '../../../errors.ts';
import { access } from '../../../http/auth.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import { type UnitDebt, unitDebt } from '../debt.ts';
import { clampToWindow } from '../member.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { BalancePage } from '../views/member-history.tsx';
import { dateParam, memberLedger, typedDate, unitParams } from './member.tsx';

export const memberBalanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { today, ownUnit } = memberLedger(app);

  app.get(
    '/ebok/finanse/:unitId/saldo',
    {
      ...access('member'),
      schema: { params: unitParams, querystring: z.object({ dzien: typedDate }) },
    },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const requested = dateParam(request.query.dzien);
      const page = (day: string, errors: FieldError[], figures?: { balance: number; debt: UnitDebt }) =>
        sendPage(
          reply,
          <BalancePage
            ctx={pageContext(request, reply)}
            unit={unit}
            day={day}
            balance={figures?.balance}
            debt={figures?.debt}
            today={today()}
            errors={errors}
          />,
          errors.length ? 422 : 200,
        );
      if (requested === 'invalid') {
        return page(request.query.dzien ?? today(), [
          { field: 'dzien', message: 'Podaj dzień w formacie DD.MM.RRRR, np. 15.03.2026.' },
        ]);
      }
      const day = clampToWindow(unit.window, requested ?? today());
      if (day === undefined) {
        // A day before the member's right: said at the field, the day typed kept (issue 15).
        return page(requested ?? today(), [
          { field: 'dzien', message: `Dane dostępne od ${formatCalendarDate(unit.window.heldSince)}.` },
        ]);
      }
      const organizationId = request.organization.id;
      // The balance is the debt's own sum (a settlement straddling a holder change at the
      // holder's share), so it agrees with the history and "Do zapłaty".
      const debt = await unitDebt(app.db, {
        organizationId,
        unitId: unit.unitId,
        from: unit.window.from,
        to: unit.window.lastDay,
        asOf: day,
        settings: ledgerSettingsOf(request.organization),
      });
      return page(day, [], { balance: debt.balance, debt });
    },
  );
};
