/** The cooperative's bank accounts (/panel/finanse/wyciagi/rachunki): kept by the administrator, 404 for others. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { addBankAccount, cooperativeAccountList, removeBankAccount } from '../../ledger/bank-accounts.ts';
import { bankAccountForm, removeBankAccountForm } from '../forms.ts';
import { ACCOUNTS_URL, BankAccountsPage } from '../views/accounts.tsx';

const notices: Record<string, string> = {
  dodano: 'Dodano rachunek: jego wyciągi można teraz importować.',
  usunieto: 'Usunięto rachunek z listy rachunków Spółdzielni.',
};
const noticeQuery = z.object({ ok: z.string().optional().catch(undefined) });

export const bankAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  const page = (request: FastifyRequest, reply: FastifyReply, form: FormState = freshForm, notice?: string) => (
    <BankAccountsPage
      ctx={pageContext(request, reply)}
      accounts={cooperativeAccountList(request.organization)}
      notice={notice}
      errors={form.errors}
      values={form.values}
    />
  );

  app.get(
    ACCOUNTS_URL,
    { ...access('ledger.configure'), schema: { querystring: noticeQuery } },
    async (request, reply) =>
      sendPage(reply, page(request, reply, freshForm, request.query.ok ? notices[request.query.ok] : undefined)),
  );

  formRoute(app, ACCOUNTS_URL, {
    access: 'ledger.configure',
    body: bankAccountForm,
    run: async ({ request, body }) => {
      await addBankAccount(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        account: body.rachunek,
      });
      return `${ACCOUNTS_URL}?ok=dodano`;
    },
    render: ({ request, reply, form }) => page(request, reply, form),
  });

  formRoute(app, `${ACCOUNTS_URL}/usun`, {
    access: 'ledger.configure',
    body: removeBankAccountForm,
    run: async ({ request, body }) => {
      await removeBankAccount(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        account: body.rachunek,
      });
      return `${ACCOUNTS_URL}?ok=usunieto`;
    },
    render: ({ request, reply, form }) => page(request, reply, form),
  });
};
