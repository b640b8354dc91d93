/** Persons in the register in /panel: a person's page, a new person, changing one. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, staffOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { can } from '../../../policy.ts';
import { listMemberAccountsOfPerson } from '../../accounts/queries.ts';
import { getPersonDetails } from '../details.ts';
import { personForm } from '../forms.ts';
import { createPerson, updatePerson } from '../persons.ts';
import { findPerson } from '../queries.ts';
import { PersonPage } from '../views/person-page.tsx';
import { PersonFormPage } from '../views/register-forms.tsx';
import { doneQuery, noticeOf, text, today } from './common.ts';

export const personRoutes: FastifyPluginAsyncZod = async (app) => {
  function formPage(request: FastifyRequest, reply: FastifyReply, form: FormState, personId?: number) {
    return (
      <PersonFormPage ctx={pageContext(request, reply)} form={form.values} errors={form.errors} personId={personId} />
    );
  }

  app.get('/panel/rejestr/osoby/nowa', access('register.change'), async (request, reply) =>
    sendPage(reply, formPage(request, reply, freshForm)),
  );

  formRoute(app, '/panel/rejestr/osoby', {
    access: 'register.change',
    body: personForm,
    run: async ({ request, body }) => {
      const person = await createPerson(app.db, { actor: actorOf(request), input: body });
      return `/panel/rejestr/osoby/${person.id}?zrobiono=dodano`;
    },
    render: ({ request, reply, form }) => formPage(request, reply, form),
  });

  app.get(
    '/panel/rejestr/osoby/:id',
    { ...access('register.read'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) => {
      const organizationId = request.organization.id;
      const personId = request.params.id;
      const details = await getPersonDetails(app.db, { organizationId, personId, asOf: today(app) });
      if (!details) throw new AppError('not_found', 'no such person');
      const accounts = await listMemberAccountsOfPerson(app.db, { organizationId, personId, now: app.clock() });
      return sendPage(
        reply,
        <PersonPage
          ctx={pageContext(request, reply)}
          details={details}
          accounts={accounts}
          showPesel={can(staffOf(request), 'register.change')}
          notice={noticeOf(request.query)}
        />,
      );
    },
  );

  app.get(
    '/panel/rejestr/osoby/:id/edycja',
    { ...access('register.change'), schema: { params: idParams } },
    async (request, reply) => {
      const person = await findPerson(app.db, { organizationId: request.organization.id, id: request.params.id });
      if (!person) throw new AppError('not_found', 'no such person');
      const values = {
        firstName: person.firstName,
        lastName: person.lastName,
        pesel: text(person.pesel),
        address: text(person.address),
        email: text(person.email),
        phone: text(person.phone),
        externalKey: text(person.externalKey),
      };
      return sendPage(reply, formPage(request, reply, { ...freshForm, values }, person.id));
    },
  );

  formRoute(app, '/panel/rejestr/osoby/:id', {
    access: 'register.change',
    params: idParams,
    body: personForm,
    run: async ({ request, params, body }) => {
      await updatePerson(app.db, { actor: actorOf(request), personId: params.id, input: body });
      return `/panel/rejestr/osoby/${params.id}?zrobiono=zapisano`;
    },
    render: ({ request, reply, params, form }) => formPage(request, reply, form, params.id),
  });
};
