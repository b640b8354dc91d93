import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { access, requestOrigin } from '../../http/auth.ts';
import { chromeContextOf } from '../../http/chrome-context.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { type Account, countUnusedRecoveryCodes, findAccount } from '../accounts/queries.ts';
import { AccountPage, type ContactForm } from '../accounts/views/account-pages.tsx';
import { activationFormPdf } from '../documents/generate.ts';
import { currentDocumentText } from '../documents/texts.ts';
import { acceptUploads, idOf } from '../site/editor-http.ts';
import { listUnitsOfPerson } from '../units/member.ts';
import { searchPersons } from '../units/search.ts';
import { credentialsLetterPdf } from './credentials-letter.ts';
import { activationCandidates } from './matching.ts';
import { findMemberAccountOfPerson, findPerson, openMemberAccount } from './open-account.ts';
import {
  accountOfResetToken,
  dismissResetRequest,
  issueNewPassword,
  listPendingResetRequests,
  requestPasswordReset,
  resetPasswordWithToken,
} from './password-reset.ts';
import { changePhone, confirmEmailChange, emailChangeOfLink, requestEmailChange } from './profile.ts';
import {
  activationLinkState,
  activationScan,
  approveActivationRequest,
  type ConfirmResult,
  confirmActivationEmail,
  findActivationRequest,
  listActivationRequests,
  rejectActivationRequest,
  submitActivationRequest,
} from './remote.ts';
import { MAX_SCAN_BYTES, receivedScan } from './scans.ts';
import {
  ActivationHomePage,
  CredentialsPage,
  type DeskForm,
  DeskPersonPage,
  RequestDetailPage,
  RequestQueuePage,
  ResetQueuePage,
  unitAddress,
} from './views/panel-pages.tsx';
import {
  ConfirmLinkPage,
  ForgotPasswordPage,
  MessagePage,
  RemoteApplicationPage,
  SelfResetPage,
} from './views/public-pages.tsx';

const desk = access('accounts.open');
const text = (body: unknown, key: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : '';
};

function baseUrlOf(request: FastifyRequest): string {
  return chromeContextOf(request).baseUrl ?? request.server.config.publicUrl;
}

/** Shows login and starting password once, with the credentials letter as a PDF to download. */
async function sendCredentials(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  { account, password, backHref }: { account: Account; password: string; backHref: string },
) {
  const letter = await credentialsLetterPdf({
    organization: request.organization,
    name: account.displayName,
    login: account.login,
    password,
    expiresAt: account.passwordExpiresAt ?? app.clock(),
    ebokUrl: `${baseUrlOf(request)}/ebok`,
  });
  reply.header('cache-control', 'no-store');
  return sendPage(
    reply,
    <CredentialsPage
      ctx={pageContext(request, reply)}
      name={account.displayName}
      login={account.login}
      password={password}
      expiresAt={account.passwordExpiresAt ?? app.clock()}
      letterDataUri={`data:application/pdf;base64,${letter.toString('base64')}`}
      backHref={backHref}
    />,
  );
}

/** Activation at the desk, the queue of remote requests and the password requests (/panel, BOK). */
export async function activationPanelRoutes(app: FastifyInstance) {
  const today = () => warsawDate(app.clock());

  app.get('/panel/aktywacja', desk, async (request, reply) => {
    const q = z
      .string()
      .max(100)
      .catch('')
      .parse((request.query as { q?: unknown }).q ?? '');
    const organizationId = request.organization.id;
    const [persons, pending, resets] = await Promise.all([
      q.trim() ? searchPersons(app.db, { organizationId, query: q, asOf: today(), pageSize: 30 }) : undefined,
      listActivationRequests(app.db, organizationId, 'pending'),
      listPendingResetRequests(app.db, organizationId),
    ]);
    return sendPage(
      reply,
      <ActivationHomePage
        ctx={pageContext(request, reply)}
        query={q}
        persons={persons?.items}
        pendingRequests={pending.length}
        pendingResets={resets.length}
      />,
    );
  });

  async function deskPage(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      personId,
      form,
      errors = [],
      status = 200,
    }: { personId: number; form: DeskForm; errors?: FieldError[]; status?: number },
  ) {
    const organizationId = request.organization.id;
    const person = await findPerson(app.db, organizationId, personId);
    if (!person) throw new AppError('not_found', 'no such person');
    const [units, account] = await Promise.all([
      listUnitsOfPerson(app.db, { organizationId, personId, asOf: today() }),
      findMemberAccountOfPerson(app.db, organizationId, personId),
    ]);
    return sendPage(
      reply,
      <DeskPersonPage
        ctx={pageContext(request, reply)}
        person={person}
        units={units}
        account={account}
        form={form}
        errors={errors}
      />,
      status,
    );
  }

  app.get('/panel/aktywacja/osoba/:id', desk, (request, reply) =>
    deskPage(request, reply, { personId: idOf(request), form: {} }),
  );

  app.get('/panel/aktywacja/osoba/:id/formularz.pdf', desk, async (request, reply) => {
    const organization = request.organization;
    const person = await findPerson(app.db, organization.id, idOf(request));
    if (!person) throw new AppError('not_found', 'no such person');
    const units = await listUnitsOfPerson(app.db, {
      organizationId: organization.id,
      personId: person.id,
      asOf: today(),
    });
    const terms = await currentDocumentText(app.db, {
      organizationId: organization.id,
      organizationName: organization.name,
      kind: 'ebok_terms',
    });
    const pdf = await activationFormPdf({
      organization,
      terms,
      person: {
        name: `${person.firstName} ${person.lastName}`,
        units: units.map(unitAddress),
        ...(person.email ? { email: person.email } : {}),
        ...(person.phone ? { phone: person.phone } : {}),
      },
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'inline; filename="formularz-aktywacji.pdf"')
      .type('application/pdf')
      .send(pdf);
  });

  app.post('/panel/aktywacja/osoba/:id', desk, async (request, reply) => {
    const form = {
      email: text(request.body, 'email'),
      telefon: text(request.body, 'telefon'),
      dokument: text(request.body, 'dokument'),
      podpisany: text(request.body, 'podpisany'),
    };
    const organization = request.organization;
    try {
      const terms = await currentDocumentText(app.db, {
        organizationId: organization.id,
        organizationName: organization.name,
        kind: 'ebok_terms',
      });
      const opened = await openMemberAccount({
        db: app.db,
        organization,
        personId: idOf(request),
        contact: { email: form.email, phone: form.telefon },
        verification: {
          method: 'desk',
          documentType: form.dokument,
          formSigned: form.podpisany === 'tak',
          termsVersion: terms.version,
        },
        actor: request.account as Account,
        origin: requestOrigin(request),
        now: app.clock(),
      });
      return sendCredentials(app, request, reply, {
        account: opened.account,
        password: opened.temporaryPassword,
        backHref: `/panel/aktywacja/osoba/${idOf(request)}`,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return deskPage(request, reply, { personId: idOf(request), form, errors: error.fields, status: 422 });
    }
  });

  app.post('/panel/konta/:id/nowe-haslo', desk, async (request, reply) => {
    const deliver = text(request.body, 'dostarczenie') === 'email' ? 'email' : 'desk';
    const documentType = text(request.body, 'dokument');
    let result: Awaited<ReturnType<typeof issueNewPassword>>;
    try {
      result = await issueNewPassword({
        db: app.db,
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        baseUrl: baseUrlOf(request),
        accountId: idOf(request),
        deliver,
        documentType,
        actor: request.account as Account,
        origin: requestOrigin(request),
        now: app.clock(),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The member's desk page again, with the message at its field.
      const account = await findAccount(app.db, request.organization.id, idOf(request));
      if (!account?.personId) throw error;
      const form = { dokument: documentType };
      return deskPage(request, reply, { personId: account.personId, form, errors: error.fields, status: 422 });
    }
    const back = result.account.personId ? `/panel/aktywacja/osoba/${result.account.personId}` : '/panel/aktywacja';
    if (result.temporaryPassword) {
      return sendCredentials(app, request, reply, {
        account: { ...result.account, passwordExpiresAt: result.expiresAt },
        password: result.temporaryPassword,
        backHref: back,
      });
    }
    return reply.redirect(`${back}?wyslano=1`, 303);
  });

  app.get('/panel/aktywacja/wnioski', desk, async (request, reply) => {
    const organizationId = request.organization.id;
    const [pending, waiting] = await Promise.all([
      listActivationRequests(app.db, organizationId, 'pending'),
      listActivationRequests(app.db, organizationId, 'awaiting_email'),
    ]);
    return sendPage(
      reply,
      <RequestQueuePage ctx={pageContext(request, reply)} pending={pending} waitingForEmail={waiting.length} />,
    );
  });

  /** A request with the persons it may be approved for: suggested, and found by the clerk's search. */
  async function requestPage(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      search,
      selected,
      rejectReason,
      errors = [],
      status = 200,
    }: { search: string; selected?: number; rejectReason?: string; errors?: FieldError[]; status?: number },
  ) {
    const organizationId = request.organization.id;
    const found = await findActivationRequest(app.db, organizationId, idOf(request));
    if (!found || found.status === 'awaiting_email') throw new AppError('not_found', 'no such request');
    const candidates =
      found.status === 'pending'
        ? await activationCandidates({ db: app.db, organizationId, request: found, search, asOf: today() })
        : [];
    return sendPage(
      reply,
      <RequestDetailPage
        ctx={pageContext(request, reply)}
        request={found}
        candidates={candidates}
        search={search}
        selected={selected}
        rejectReason={rejectReason}
        errors={errors}
      />,
      status,
    );
  }

  const searchText = z.string().max(100).catch('');

  app.get('/panel/aktywacja/wnioski/:id', desk, (request, reply) =>
    requestPage(request, reply, { search: searchText.parse((request.query as { szukaj?: unknown }).szukaj ?? '') }),
  );

  app.get('/panel/aktywacja/wnioski/:id/skan/:which', desk, async (request, reply) => {
    const which = (request.params as { which?: string }).which;
    if (which !== 'formularz' && which !== 'dowod') throw new AppError('not_found', 'no such scan');
    const scan = await activationScan(app.db, request.organization.id, idOf(request), which);
    if (!scan) throw new AppError('not_found', 'scan deleted');
    return reply
      .header('cache-control', 'no-store')
      .header(
        'content-disposition',
        `inline; filename="${which}.${scan.contentType === 'application/pdf' ? 'pdf' : scan.contentType.slice(6)}"`,
      )
      .type(scan.contentType)
      .send(scan.data);
  });

  app.post('/panel/aktywacja/wnioski/:id/zatwierdz', desk, async (request, reply) => {
    const organization = request.organization;
    const personId = Number(text(request.body, 'osoba'));
    try {
      if (!Number.isSafeInteger(personId) || personId <= 0) {
        throw new ValidationError([{ field: 'osoba', message: 'Wybierz osobę z rejestru.' }]);
      }
      const terms = await currentDocumentText(app.db, {
        organizationId: organization.id,
        organizationName: organization.name,
        kind: 'ebok_terms',
      });
      await approveActivationRequest({
        db: app.db,
        organization,
        mailFrom: app.config.mailFrom,
        baseUrl: baseUrlOf(request),
        requestId: idOf(request),
        personId,
        documentType: text(request.body, 'dokument'),
        termsVersion: terms.version,
        actor: request.account as Account,
        origin: requestOrigin(request),
        now: app.clock(),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return requestPage(request, reply, {
        search: searchText.parse(text(request.body, 'szukaj')),
        selected: personId,
        errors: error.fields,
        status: 422,
      });
    }
    return reply.redirect('/panel/aktywacja/wnioski?zatwierdzono=1', 303);
  });

  app.post('/panel/aktywacja/wnioski/:id/odrzuc', desk, async (request, reply) => {
    try {
      await rejectActivationRequest({
        db: app.db,
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        requestId: idOf(request),
        reason: text(request.body, 'powod'),
        actor: request.account as Account,
        origin: requestOrigin(request),
        now: app.clock(),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return requestPage(request, reply, {
        search: '',
        rejectReason: text(request.body, 'powod'),
        errors: error.fields,
        status: 422,
      });
    }
    return reply.redirect('/panel/aktywacja/wnioski?odrzucono=1', 303);
  });

  app.get('/panel/hasla', desk, async (request, reply) => {
    const requests = await listPendingResetRequests(app.db, request.organization.id);
    return sendPage(reply, <ResetQueuePage ctx={pageContext(request, reply)} requests={requests} />);
  });

  app.post('/panel/hasla/:id/wyslij', desk, async (request, reply) => {
    const requestId = idOf(request);
    const pending = await listPendingResetRequests(app.db, request.organization.id);
    const found = pending.find((row) => row.request.id === requestId);
    if (!found?.account) throw new AppError('not_found', 'no such request');
    await issueNewPassword({
      db: app.db,
      organization: request.organization,
      mailFrom: app.config.mailFrom,
      baseUrl: baseUrlOf(request),
      accountId: found.account.id,
      deliver: 'email',
      requestId,
      actor: request.account as Account,
      origin: requestOrigin(request),
      now: app.clock(),
    });
    return reply.redirect('/panel/hasla?wyslano=1', 303);
  });

  app.post('/panel/hasla/:id/zamknij', desk, async (request, reply) => {
    await dismissResetRequest({
      db: app.db,
      organizationId: request.organization.id,
      requestId: idOf(request),
      actor: request.account as Account,
      origin: requestOrigin(request),
      now: app.clock(),
    });
    return reply.redirect('/panel/hasla', 303);
  });
}

/** The member's account page again, with what was typed and the messages of a refused change. */
async function accountPageWithErrors(
  request: FastifyRequest,
  reply: FastifyReply,
  form: ContactForm,
  errors: FieldError[],
) {
  const account = request.account as Account;
  const unused = await countUnusedRecoveryCodes(request.server.db, account.id);
  return sendPage(
    reply,
    <AccountPage
      ctx={pageContext(request, reply)}
      section="/ebok"
      unusedRecoveryCodes={unused}
      form={form}
      errors={errors}
    />,
    422,
  );
}

/** The public side: the remote application, its e-mail link, "I forgot my password". */
export async function activationPublicRoutes(app: FastifyInstance) {
  await app.register(async (uploads) => {
    await acceptUploads(uploads, { maxFileBytes: MAX_SCAN_BYTES, files: 2 });

    uploads.get('/ebok/aktywacja', access('public'), async (request, reply) => {
      const ctx = pageContext(request, reply);
      return sendPage(reply, <RemoteApplicationPage organization={request.organization} csrfToken={ctx.csrfToken} />);
    });

    uploads.post(
      '/ebok/aktywacja',
      { config: { access: 'public', rateLimit: { max: 10, timeWindow: 60 * 60_000 } } },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const form = {
          imie: text(body, 'imie'),
          nazwisko: text(body, 'nazwisko'),
          pesel: text(body, 'pesel'),
          adres: text(body, 'adres'),
          email: text(body, 'email'),
          telefon: text(body, 'telefon'),
          regulamin: text(body, 'regulamin'),
        };
        const fileOf = (key: string) => receivedScan(body, key)?.data;
        try {
          await submitActivationRequest({
            db: app.db,
            organization: request.organization,
            mailFrom: app.config.mailFrom,
            baseUrl: baseUrlOf(request),
            form,
            formScan: fileOf('formularz'),
            idScan: fileOf('dowod'),
            origin: requestOrigin(request),
            now: app.clock(),
          });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const ctx = pageContext(request, reply);
          return sendPage(
            reply,
            <RemoteApplicationPage
              organization={request.organization}
              csrfToken={ctx.csrfToken}
              form={form}
              errors={error.fields}
            />,
            422,
          );
        }
        return sendPage(
          reply,
          <MessagePage
            organization={request.organization}
            title="Sprawdź skrzynkę e-mail"
            paragraphs={[
              `Wysłaliśmy wiadomość na adres ${form.email.trim().toLowerCase()}. Otwórz link z tej wiadomości i potwierdź adres — dopiero wtedy wniosek trafi do rozpatrzenia.`,
              'Po rozpatrzeniu wniosku otrzymasz login i hasło startowe w dwóch osobnych wiadomościach.',
            ]}
          />,
        );
      },
    );
  });

  // The e-mail links below only show a page on GET, so that a mail scanner following them
  // confirms nothing; the page's button does (a POST).
  const tokenOf = (request: FastifyRequest) => String((request.params as { token?: string }).token ?? '');

  const activationLinkPages = {
    confirmed: {
      title: 'Adres e-mail potwierdzony',
      text: 'Dziękujemy. Wniosek trafił do rozpatrzenia przez pracownika Spółdzielni; login i hasło startowe otrzymasz e-mailem.',
    },
    already_confirmed: {
      title: 'Adres już potwierdzony',
      text: 'Ten link został już użyty: wniosek czeka na rozpatrzenie.',
    },
    expired: {
      title: 'Link wygasł',
      text: 'Ten link jest już nieważny. Złóż wniosek ponownie albo przyjdź do biura Spółdzielni z dowodem osobistym.',
    },
    unknown: {
      title: 'Nieprawidłowy link',
      text: 'Nie rozpoznajemy tego linku. Sprawdź, czy skopiowano go w całości.',
    },
  } as const;

  function activationLinkPage(request: FastifyRequest, reply: FastifyReply, result: ConfirmResult) {
    const page = activationLinkPages[result];
    return sendPage(
      reply,
      <MessagePage
        organization={request.organization}
        title={page.title}
        paragraphs={[page.text]}
        links={result === 'expired' ? [{ href: '/ebok/aktywacja', label: 'Złóż wniosek ponownie' }] : []}
      />,
      result === 'confirmed' || result === 'already_confirmed' ? 200 : 410,
    );
  }

  app.get('/ebok/aktywacja/potwierdz/:token', access('public'), async (request, reply) => {
    const token = tokenOf(request);
    const state = await activationLinkState(app.db, {
      organizationId: request.organization.id,
      token,
      now: app.clock(),
    });
    if (state !== 'ready') return activationLinkPage(request, reply, state);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ConfirmLinkPage
        organization={request.organization}
        csrfToken={ctx.csrfToken}
        title="Potwierdź adres e-mail"
        paragraphs={[
          'Potwierdź, że ten adres e-mail należy do Ciebie: wtedy wniosek o dostęp do e-BOK trafi do rozpatrzenia.',
        ]}
        action={`/ebok/aktywacja/potwierdz/${token}`}
        button="Potwierdzam adres e-mail"
      />,
    );
  });

  app.post('/ebok/aktywacja/potwierdz/:token', access('public'), async (request, reply) => {
    const result = await confirmActivationEmail({
      db: app.db,
      organizationId: request.organization.id,
      token: tokenOf(request),
      now: app.clock(),
    });
    return activationLinkPage(request, reply, result);
  });

  app.post('/ebok/konto/email', access('member'), async (request, reply) => {
    try {
      await requestEmailChange({
        db: app.db,
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        baseUrl: baseUrlOf(request),
        account: request.account as Account,
        email: text(request.body, 'email'),
        origin: requestOrigin(request),
        now: app.clock(),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return accountPageWithErrors(request, reply, { email: text(request.body, 'email') }, error.fields);
    }
    return reply.redirect('/ebok/konto?zmieniono=email-link', 303);
  });

  const deadEmailLink = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(
      reply,
      <MessagePage
        organization={request.organization}
        title="Link wygasł"
        paragraphs={['Ten link jest nieważny albo został już użyty. Poproś o zmianę adresu jeszcze raz.']}
        links={[{ href: '/ebok/konto', label: 'Moje konto' }]}
      />,
      410,
    );

  app.get('/ebok/konto/email/:token', access('public'), async (request, reply) => {
    const token = tokenOf(request);
    const change = await emailChangeOfLink(app.db, {
      organizationId: request.organization.id,
      token,
      now: app.clock(),
    });
    if (!change) return deadEmailLink(request, reply);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ConfirmLinkPage
        organization={request.organization}
        csrfToken={ctx.csrfToken}
        title="Potwierdź nowy adres e-mail"
        paragraphs={[
          `Po potwierdzeniu adres ${change.email} zostanie zapisany w koncie ${change.login}: na niego wyślemy nowe hasło, gdy o nie poprosisz.`,
        ]}
        action={`/ebok/konto/email/${token}`}
        button="Potwierdzam nowy adres e-mail"
      />,
    );
  });

  app.post('/ebok/konto/email/:token', access('public'), async (request, reply) => {
    const ok = await confirmEmailChange({
      db: app.db,
      organizationId: request.organization.id,
      token: tokenOf(request),
      origin: requestOrigin(request),
      now: app.clock(),
    });
    if (!ok) return deadEmailLink(request, reply);
    return sendPage(
      reply,
      <MessagePage
        organization={request.organization}
        title="Adres e-mail zmieniony"
        paragraphs={['Nowy adres e-mail został zapisany: na niego wyślemy nowe hasło, gdy o nie poprosisz.']}
        links={[{ href: '/ebok/konto', label: 'Moje konto' }]}
      />,
    );
  });

  app.post('/ebok/konto/telefon', access('member'), async (request, reply) => {
    try {
      await changePhone({
        db: app.db,
        account: request.account as Account,
        phone: text(request.body, 'telefon'),
        origin: requestOrigin(request),
        now: app.clock(),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return accountPageWithErrors(request, reply, { telefon: text(request.body, 'telefon') }, error.fields);
    }
    return reply.redirect('/ebok/konto?zmieniono=telefon', 303);
  });

  app.get('/ebok/nie-pamietam-hasla', access('public'), async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, <ForgotPasswordPage organization={request.organization} csrfToken={ctx.csrfToken} />);
  });

  app.post(
    '/ebok/nie-pamietam-hasla',
    { config: { access: 'public', rateLimit: { max: 10, timeWindow: 60 * 60_000 } } },
    async (request, reply) => {
      const typed = text(request.body, 'login');
      try {
        await requestPasswordReset({
          db: app.db,
          organization: request.organization,
          mailFrom: app.config.mailFrom,
          baseUrl: baseUrlOf(request),
          typed,
          origin: requestOrigin(request),
          now: app.clock(),
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const ctx = pageContext(request, reply);
        return sendPage(
          reply,
          <ForgotPasswordPage
            organization={request.organization}
            csrfToken={ctx.csrfToken}
            typed={typed}
            errors={error.fields}
          />,
          422,
        );
      }
      // The same answer whatever was typed: it tells no one which accounts exist.
      return sendPage(
        reply,
        <MessagePage
          organization={request.organization}
          title="Prośba przyjęta"
          paragraphs={[
            'Jeśli podane dane pasują do konta e-BOK, Spółdzielnia wyśle nowe hasło startowe na adres e-mail podany we wniosku o aktywację.',
            'Jeśli we wniosku nie podano adresu e-mail, nowe hasło można odebrać tylko osobiście w biurze Spółdzielni z dowodem osobistym.',
          ]}
          links={[{ href: '/ebok', label: 'Wróć do logowania' }]}
        />,
      );
    },
  );

  /** A self-service link that is unknown, used up or expired. */
  const deadResetLink = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(
      reply,
      <MessagePage
        organization={request.organization}
        title="Link wygasł"
        paragraphs={['Ten link jest nieważny albo został już użyty. Poproś o nowe hasło jeszcze raz.']}
        links={[{ href: '/ebok/nie-pamietam-hasla', label: 'Nie pamiętam hasła' }]}
      />,
      410,
    );

  app.get('/ebok/nowe-haslo/:token', access('public'), async (request, reply) => {
    const token = tokenOf(request);
    const account = await accountOfResetToken(app.db, request.organization.id, token, app.clock());
    if (!account) return deadResetLink(request, reply);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <SelfResetPage
        organization={request.organization}
        csrfToken={ctx.csrfToken}
        action={`/ebok/nowe-haslo/${token}`}
        account={account}
      />,
    );
  });

  app.post('/ebok/nowe-haslo/:token', access('public'), async (request, reply) => {
    const token = tokenOf(request);
    try {
      await resetPasswordWithToken({
        db: app.db,
        organization: request.organization,
        token,
        newPassword: text(request.body, 'nowe'),
        confirmation: text(request.body, 'powtorzone'),
        origin: requestOrigin(request),
        now: app.clock(),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) {
        // Unknown, expired, or used by another tab a moment ago.
        if (error instanceof AppError && error.code === 'not_found') return deadResetLink(request, reply);
        throw error;
      }
      // The account is looked up again only to show the form with its errors.
      const account = await accountOfResetToken(app.db, request.organization.id, token, app.clock());
      if (!account) return deadResetLink(request, reply);
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <SelfResetPage
          organization={request.organization}
          csrfToken={ctx.csrfToken}
          action={`/ebok/nowe-haslo/${token}`}
          account={account}
          errors={error.fields}
        />,
        422,
      );
    }
    return reply.redirect('/ebok?haslo=zmienione', 303);
  });
}
