/** Rights to a unit in /panel: a change of holder (a sale), ending a right, correcting one. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams, searchText } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import {
  correctRightForm,
  endRightForm,
  filledHolderRows,
  type HolderChangeForm,
  holderChangeForm,
  holderChangeFormOf,
  holderErrorsAtRows,
  rightErrorsInSummary,
} from '../forms.ts';
import { correctRight, endRight, recordHolderChange } from '../rights.ts';
import { formatShare } from '../rules/share.ts';
import { searchPersons } from '../search.ts';
import { CorrectRightPage, EndRightPage, HolderChangePage } from '../views/right-forms.tsx';
import { rightDetailsOr404, text, today, unitDetailsOr404 } from './common.ts';

/** `?osoba=…`: the search for the new holder's number, on the same page as the form. */
const personSearchQuery = z.object({ osoba: searchText });

export const rightRoutes: FastifyPluginAsyncZod = async (app) => {
  // Change of holder ----------------------------------------------------------------------------

  async function holderChangePage(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      unitId,
      search,
      form,
      errors = [],
    }: { unitId: number; search: string; form: HolderChangeForm; errors?: FormState['errors'] },
  ) {
    const details = await unitDetailsOr404(app, request, unitId);
    const results = search.trim()
      ? (
          await searchPersons(app.db, {
            organizationId: request.organization.id,
            query: search,
            asOf: today(app),
            pageSize: 10,
          })
        ).items
      : undefined;
    return (
      <HolderChangePage
        ctx={pageContext(request, reply)}
        details={details}
        form={form}
        errors={errors}
        search={{ q: search, results }}
      />
    );
  }

  app.get(
    '/panel/rejestr/lokale/:id/zmiana-posiadacza',
    { ...access('register.change'), schema: { params: idParams, querystring: personSearchQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await holderChangePage(request, reply, {
          unitId: request.params.id,
          search: request.query.osoba,
          form: { date: today(app), holders: [] },
        }),
      ),
  );

  formRoute(app, '/panel/rejestr/lokale/:id/zmiana-posiadacza', {
    access: 'register.change',
    params: idParams,
    querystring: personSearchQuery,
    body: holderChangeForm,
    run: async ({ request, params, body }) => {
      await recordHolderChange(app.db, {
        actor: actorOf(request),
        input: {
          unitId: params.id,
          date: body.date,
          endReason: body.endReason,
          endRightIds: body.endRightIds,
          // Rows left empty are not holders; the redrawn form maps errors back to their rows.
          newHolders: filledHolderRows(body).map(({ personId, kind, share }) => ({ personId, kind, share })),
        },
      });
      return `/panel/rejestr/lokale/${params.id}?zrobiono=posiadacz`;
    },
    render: ({ request, reply, params, query, form }) => {
      const typed = holderChangeFormOf({ ...form.values, endRightIds: form.lists.endRightIds });
      return holderChangePage(request, reply, {
        unitId: params.id,
        search: query.osoba,
        form: typed,
        errors: holderErrorsAtRows(typed, form.errors),
      });
    },
  });

  // Ending and correcting a right ---------------------------------------------------------------

  async function endRightPage(request: FastifyRequest, reply: FastifyReply, rightId: number, form: FormState) {
    const details = await rightDetailsOr404(app, request, rightId);
    return (
      <EndRightPage
        ctx={pageContext(request, reply)}
        details={details}
        form={form.values}
        errors={rightErrorsInSummary(form.errors)}
      />
    );
  }

  app.get(
    '/panel/rejestr/prawa/:id/zakonczenie',
    { ...access('register.change'), schema: { params: idParams } },
    async (request, reply) =>
      sendPage(
        reply,
        await endRightPage(request, reply, request.params.id, { ...freshForm, values: { validTo: today(app) } }),
      ),
  );

  formRoute(app, '/panel/rejestr/prawa/:id/zakonczenie', {
    access: 'register.change',
    params: idParams,
    body: endRightForm,
    run: async ({ request, params, body }) => {
      const { right, unit } = await rightDetailsOr404(app, request, params.id);
      await endRight(app.db, {
        actor: actorOf(request),
        input: { rightId: right.id, validTo: body.validTo ?? '', endReason: body.endReason ?? '' },
      });
      return `/panel/rejestr/lokale/${unit.id}?zrobiono=zakonczono`;
    },
    render: ({ request, reply, params, form }) => endRightPage(request, reply, params.id, form),
  });

  async function correctRightPage(request: FastifyRequest, reply: FastifyReply, rightId: number, form?: FormState) {
    const details = await rightDetailsOr404(app, request, rightId);
    const { right } = details;
    // A fresh form shows the right as it is.
    const values = form?.values ?? {
      kind: right.kind,
      share: formatShare({ numerator: right.shareNumerator, denominator: right.shareDenominator }),
      validFrom: right.validFrom,
      validTo: text(right.validTo),
      endReason: text(right.endReason),
    };
    return (
      <CorrectRightPage
        ctx={pageContext(request, reply)}
        details={details}
        form={values}
        errors={rightErrorsInSummary(form?.errors ?? [])}
      />
    );
  }

  app.get(
    '/panel/rejestr/prawa/:id/korekta',
    { ...access('register.change'), schema: { params: idParams } },
    async (request, reply) => sendPage(reply, await correctRightPage(request, reply, request.params.id)),
  );

  formRoute(app, '/panel/rejestr/prawa/:id/korekta', {
    access: 'register.change',
    params: idParams,
    body: correctRightForm,
    run: async ({ request, params, body }) => {
      const { right, unit } = await rightDetailsOr404(app, request, params.id);
      await correctRight(app.db, {
        actor: actorOf(request),
        input: {
          rightId: right.id,
          kind: body.kind ?? '',
          share: body.share,
          validFrom: body.validFrom ?? '',
          validTo: body.validTo,
          endReason: body.endReason,
        },
      });
      return `/panel/rejestr/lokale/${unit.id}?zrobiono=poprawiono`;
    },
    render: ({ request, reply, params, form }) => correctRightPage(request, reply, params.id, form),
  });
};
