import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { contentDisposition, findFilesByIds } from '../../files/store.ts';
import { access, requestOrigin } from '../../http/auth.ts';
import { chromeContextOf } from '../../http/chrome-context.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { can } from '../../policy.ts';
import type { Account } from '../accounts/queries.ts';
import { receivedScan } from '../activation/scans.ts';
import { currentDocumentText } from '../documents/texts.ts';
import { acceptUploads, formFields, idOf, uploadedFile } from '../site/editor-http.ts';
import { findPerson, findPersonsByIds, findUnitsWithAddress, listBuildings } from '../units/queries.ts';
import { searchPersons, searchUnits } from '../units/search.ts';
import {
  type ConsentActor,
  type ConsentContext,
  checkConfirmationToken,
  confirmConsent,
  consentHistory,
  requestConsent,
  withdrawConsent,
} from './consents.ts';
import { deliveriesCsv } from './csv.ts';
import {
  countBouncedToPaper,
  letterReport,
  listDeliveries,
  listInbox,
  listPrintQueue,
  markPrinted,
  openLetter,
} from './deliveries.ts';
import {
  addAttachment,
  addRecipients,
  createLetter,
  deleteLetter,
  findLetter,
  type Letter,
  letterHtml,
  listAttachmentFiles,
  listAttachments,
  listLetters,
  previewRecipients,
  removeAttachment,
  removeRecipient,
  scheduleLetter,
  sendLetter,
  unscheduleLetter,
  updateLetter,
} from './letters.ts';
import { type PrintAttachment, printQueuePdf } from './print.ts';
import {
  acceptConsentScan,
  findScan,
  listPendingScans,
  listScansOfPerson,
  rejectConsentScan,
  scanFile,
  submitConsentScan,
  submitPublicConsentScan,
} from './scans.ts';
import {
  LetterAdminPage,
  LetterEditPage,
  type LetterForm,
  LettersPage,
  letterForm,
  PrintQueuePage,
  type RecipientPicker,
} from './views/letters.tsx';
import {
  ConfirmPage,
  ConsentsPage,
  InboxPage,
  LetterPage,
  MemberConsentPage,
  PersonConsentPage,
  PublicConsentPage,
  PublicConsentSentPage,
  ScanPage,
  ScanQueuePage,
} from './views/pages.tsx';

const member = access('member');
/** Names, addresses, e-mails and consents of persons: the register's roles. */
const registerStaff = access('letters.recipients');
const letterStaff = access('letters.send');

const notices: Record<string, string> = {
  wyslano: 'List wysłany: doręczenia utworzone, e-maile w kolejce wysyłki.',
  zaplanowano: 'Wysyłka zaplanowana.',
  dodano: 'Dodano załącznik.',
  link: 'Wysłaliśmy link potwierdzający na podany adres e-mail. Zgoda zacznie obowiązywać po jego kliknięciu.',
  wycofano: 'Zgoda wycofana: listy będą wysyłane pocztą tradycyjną.',
  skan: 'Skan przesłany; biuro sprawdzi go i wyśle link potwierdzający adres.',
  przyjeto: 'Skan przyjęty; wysłano link potwierdzający adres. Skan usunięto.',
  odrzucono: 'Skan odrzucony; skan usunięto.',
  wydrukowano: 'Oznaczono listy jako wydrukowane.',
  zmieniono: 'Zapisano zmiany szkicu.',
  usunieto: 'Szkic usunięty.',
  'usunieto-zalacznik': 'Usunięto załącznik.',
  wstrzymano: 'Wysyłka wstrzymana: list jest znowu szkicem.',
  'dodano-adresata': 'Dodano adresata.',
};
const noticeOf = (request: FastifyRequest) => {
  const what = (request.query as { zrobiono?: string }).zrobiono;
  return what ? notices[what] : undefined;
};

/**
 * A scan from a multipart form, or undefined when none was chosen. A file cut off by the upload
 * limit is over 10 MB anyway: it is given one byte too many, so the size check names the limit.
 */
function fieldErrors(error: unknown): FieldError[] {
  if (error instanceof ValidationError) return error.fields;
  throw error;
}

/**
 * Electronic correspondence: the member's inbox and consent in e-BOK, the public confirmation
 * link, and in /panel letters, the print queue, consents and the queue of scanned declarations.
 */
export async function correspondenceRoutes(app: FastifyInstance) {
  // Two files at most: the public form sends the declaration and an ID.
  await acceptUploads(app, { files: 2 });

  const account = (request: FastifyRequest) => request.account as Account;
  const staffActor = (request: FastifyRequest): ConsentActor => ({
    accountId: account(request).id,
    label: account(request).login,
    staff: true,
  });
  const context = (request: FastifyRequest, actor: ConsentActor): ConsentContext => ({
    db: app.db,
    organization: request.organization,
    actor,
    now: app.clock(),
    mailFrom: app.config.mailFrom,
    baseUrl: chromeContextOf(request).baseUrl ?? app.config.publicUrl,
    origin: requestOrigin(request),
  });
  const declaration = (request: FastifyRequest) =>
    currentDocumentText(app.db, {
      organizationId: request.organization.id,
      organizationName: request.organization.name,
      kind: 'consent',
    });

  // e-BOK -------------------------------------------------------------------------------------

  const personOf = (request: FastifyRequest) => {
    const personId = account(request).personId;
    if (!personId) throw new AppError('not_found', 'account has no person');
    return personId;
  };

  app.get('/ebok/korespondencja', member, async (request, reply) => {
    const personId = account(request).personId;
    const rows = personId ? await listInbox(app.db, { organizationId: request.organization.id, personId }) : [];
    return sendPage(reply, <InboxPage ctx={pageContext(request, reply)} rows={rows} linked={Boolean(personId)} />);
  });

  async function renderMemberConsent(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    email?: string,
  ) {
    const personId = personOf(request);
    const organizationId = request.organization.id;
    const [history, text, scans, person] = await Promise.all([
      consentHistory(app.db, organizationId, personId),
      declaration(request),
      listScansOfPerson(app.db, organizationId, personId),
      findPerson(app.db, { organizationId, id: personId }),
    ]);
    return sendPage(
      reply,
      <MemberConsentPage
        ctx={pageContext(request, reply)}
        history={history}
        declaration={text}
        email={email ?? history[0]?.email ?? person?.email ?? account(request).activationEmail ?? ''}
        errors={errors}
        notice={errors.length ? undefined : noticeOf(request)}
        scans={scans}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/ebok/korespondencja/zgoda', member, async (request, reply) => renderMemberConsent(request, reply));

  app.post('/ebok/korespondencja/zgoda', member, async (request, reply) => {
    const form = formFields(request);
    const personId = personOf(request);
    try {
      if (form.accept !== 'tak') {
        throw new ValidationError([
          { field: 'accept', message: 'Zaznacz pole potwierdzające zapoznanie się z oświadczeniem i zgodę.' },
        ]);
      }
      const text = await declaration(request);
      await requestConsent({
        ...context(request, {
          accountId: account(request).id,
          label: `e-BOK: ${account(request).login}`,
          staff: false,
        }),
        personId,
        method: 'online',
        textVersion: text.version,
        input: { email: form.email },
      });
    } catch (error) {
      return renderMemberConsent(request, reply, fieldErrors(error), form.email);
    }
    return reply.redirect('/ebok/korespondencja/zgoda?zrobiono=link', 303);
  });

  app.post('/ebok/korespondencja/zgoda/wycofaj', member, async (request, reply) => {
    try {
      await withdrawConsent({
        ...context(request, {
          accountId: account(request).id,
          label: `e-BOK: ${account(request).login}`,
          staff: false,
        }),
        personId: personOf(request),
      });
    } catch (error) {
      return renderMemberConsent(request, reply, fieldErrors(error));
    }
    return reply.redirect('/ebok/korespondencja/zgoda?zrobiono=wycofano', 303);
  });

  app.post('/ebok/korespondencja/zgoda/skan', member, async (request, reply) => {
    const form = formFields(request);
    try {
      await submitConsentScan({
        db: app.db,
        organizationId: request.organization.id,
        personId: personOf(request),
        input: { email: form.scanEmail },
        upload: receivedScan(request.body, 'file'),
        now: app.clock(),
      });
    } catch (error) {
      const errors = fieldErrors(error).map((e) => (e.field === 'email' ? { ...e, field: 'scanEmail' } : e));
      return renderMemberConsent(request, reply, errors, form.scanEmail);
    }
    return reply.redirect('/ebok/korespondencja/zgoda?zrobiono=skan', 303);
  });

  app.get('/ebok/korespondencja/:id', member, async (request, reply) => {
    const organizationId = request.organization.id;
    const { letter } = await openLetter(app.db, {
      organizationId,
      personId: personOf(request),
      letterId: idOf(request),
      now: app.clock(),
    });
    const attachments = await listAttachments(app.db, organizationId, letter.id);
    return sendPage(
      reply,
      <LetterPage
        ctx={pageContext(request, reply)}
        letter={letter}
        html={letterHtml(letter)}
        attachments={attachments}
        attachmentBase={`/ebok/korespondencja/${letter.id}/zalaczniki`}
        back={{ href: '/ebok/korespondencja', label: 'Korespondencja' }}
      />,
    );
  });

  async function sendAttachment(reply: FastifyReply, organizationId: number, letter: Letter, attachmentId: number) {
    const attachment = (await listAttachments(app.db, organizationId, letter.id)).find((a) => a.id === attachmentId);
    if (!attachment) throw new AppError('not_found', 'no such attachment');
    const [file] = await findFilesByIds(app.db, [attachment.fileId]);
    if (!file) throw new AppError('not_found', 'attachment file missing');
    return reply
      .type(file.contentType)
      .header('content-disposition', contentDisposition(file))
      .header('cache-control', 'private, no-store')
      .send(file.data);
  }

  app.get('/ebok/korespondencja/:id/zalaczniki/:attachment', member, async (request, reply) => {
    const organizationId = request.organization.id;
    // Through the member's own delivery: someone else's letter is not there.
    const { letter } = await openLetter(app.db, {
      organizationId,
      personId: personOf(request),
      letterId: idOf(request),
      now: app.clock(),
    });
    return sendAttachment(reply, organizationId, letter, idOf(request, 'attachment'));
  });

  // The confirmation link (works signed out). GET only shows the page, so that a mail scanner
  // following links cannot confirm for the person; the button does.

  app.get<{ Params: { token: string } }>(
    '/korespondencja/potwierdz/:token',
    access('public'),
    async (request, reply) => {
      const result = await checkConfirmationToken(app.db, {
        organizationId: request.organization.id,
        token: request.params.token,
        now: app.clock(),
      });
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ConfirmPage
          ctx={ctx}
          state={result.kind === 'confirmed' ? 'ask' : result.kind}
          email={result.kind === 'confirmed' ? result.consent.email : undefined}
          csrfToken={ctx.csrfToken}
          action={`/korespondencja/potwierdz/${encodeURIComponent(request.params.token)}`}
        />,
        result.kind === 'confirmed' ? 200 : 404,
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    '/korespondencja/potwierdz/:token',
    access('public'),
    async (request, reply) => {
      const result = await confirmConsent(app.db, {
        organizationId: request.organization.id,
        token: request.params.token,
        now: app.clock(),
      });
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ConfirmPage
          ctx={ctx}
          state={result.kind}
          email={result.kind === 'confirmed' ? result.consent.email : undefined}
          csrfToken={ctx.csrfToken}
          action=""
        />,
        result.kind === 'confirmed' ? 200 : 404,
      );
    },
  );

  // Back office: letters ------------------------------------------------------------------------

  const seesRecipients = (request: FastifyRequest) => can(request.account, 'letters.recipients');

  /** The letter form's fields; an editor, who cannot search the register, cannot pick units or persons. */
  const letterInputOf = (request: FastifyRequest) => {
    const form = formFields(request);
    if ((form.audience === 'units' || form.audience === 'persons') && !seesRecipients(request)) {
      throw new ValidationError([
        {
          field: 'audience',
          message: 'Wybieranie lokali i osób z rejestru jest dostępne dla pracowników BOK. Wybierz innych adresatów.',
        },
      ]);
    }
    return { ...form, subject: form.subject ?? '', body: form.body ?? '', audience: (form.audience ?? '') as 'all' };
  };

  async function renderLetters(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: LetterForm,
    errors: FieldError[] = [],
  ) {
    const organizationId = request.organization.id;
    const [letters, buildings, bounced] = await Promise.all([
      listLetters(app.db, organizationId),
      listBuildings(app.db, { organizationId }),
      countBouncedToPaper(app.db, organizationId),
    ]);
    return sendPage(
      reply,
      <LettersPage
        ctx={pageContext(request, reply)}
        letters={letters}
        buildings={buildings}
        form={form}
        errors={errors}
        bounced={bounced}
        seesRecipients={seesRecipients(request)}
        notice={errors.length ? undefined : noticeOf(request)}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/korespondencja', letterStaff, async (request, reply) => renderLetters(request, reply));

  app.post('/panel/korespondencja', letterStaff, async (request, reply) => {
    let letter: Letter;
    try {
      letter = await createLetter({
        db: app.db,
        organizationId: request.organization.id,
        actorLabel: account(request).login,
        now: app.clock(),
        input: letterInputOf(request),
      });
    } catch (error) {
      return renderLetters(request, reply, formFields(request), fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${letter.id}`, 303);
  });

  /** The picked units or persons of a draft with their labels, and the register search's results. */
  async function recipientPicker(request: FastifyRequest, letter: Letter): Promise<RecipientPicker | undefined> {
    const audience = letter.audience;
    if (letter.state !== 'draft' || !seesRecipients(request)) return undefined;
    if (audience.kind !== 'units' && audience.kind !== 'persons') return undefined;
    const organizationId = request.organization.id;
    const asOf = warsawDate(app.clock());
    const query = String((request.query as { szukaj?: string }).szukaj ?? '')
      .trim()
      .slice(0, 100);
    if (audience.kind === 'units') {
      const picked = await findUnitsWithAddress(app.db, { organizationId, ids: audience.unitIds });
      const found = query
        ? (await searchUnits(app.db, { organizationId, query, asOf, pageSize: 20 })).items
        : undefined;
      const unitLabel = (u: { street: string; buildingNumber: string; number: string; city: string }) =>
        `${u.street} ${u.buildingNumber}/${u.number}, ${u.city}`;
      return {
        kind: 'units',
        picked: picked.map((u) => ({ id: u.id, label: unitLabel(u) })),
        query,
        results: found?.map((u) => ({ id: u.id, label: unitLabel(u), detail: u.holders })),
      };
    }
    const picked = await findPersonsByIds(app.db, { organizationId, ids: audience.personIds });
    const found = query
      ? (await searchPersons(app.db, { organizationId, query, asOf, pageSize: 20 })).items
      : undefined;
    return {
      kind: 'persons',
      picked: picked.map((p) => ({ id: p.id, label: `${p.lastName} ${p.firstName}` })),
      query,
      results: found?.map((p) => ({
        id: p.id,
        label: `${p.lastName} ${p.firstName}`,
        detail: [p.email, p.peselMasked].filter(Boolean).join(', '),
      })),
    };
  }

  async function renderLetter(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
    const organizationId = request.organization.id;
    const letter = await findLetter(app.db, organizationId, idOf(request));
    const sent = letter.state === 'sent';
    const [attachments, buildings, picker, preview, report, deliveries] = await Promise.all([
      listAttachments(app.db, organizationId, letter.id),
      listBuildings(app.db, { organizationId }),
      recipientPicker(request, letter),
      sent ? undefined : previewRecipients(app.db, { organizationId, audience: letter.audience, now: app.clock() }),
      sent ? letterReport(app.db, organizationId, letter.id) : undefined,
      sent && seesRecipients(request) ? listDeliveries(app.db, organizationId, letter.id) : [],
    ]);
    return sendPage(
      reply,
      <LetterAdminPage
        ctx={pageContext(request, reply)}
        letter={letter}
        html={letterHtml(letter)}
        attachments={attachments}
        buildings={buildings}
        preview={preview}
        picker={picker}
        report={report}
        deliveries={deliveries}
        seesRecipients={seesRecipients(request)}
        errors={errors}
        notice={errors.length ? undefined : noticeOf(request)}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/korespondencja/:id', letterStaff, async (request, reply) => renderLetter(request, reply));

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: LetterForm,
    errors: FieldError[] = [],
  ) {
    const organizationId = request.organization.id;
    const letter = await findLetter(app.db, organizationId, idOf(request));
    if (letter.state !== 'draft') return reply.redirect(`/panel/korespondencja/${letter.id}`, 303);
    return sendPage(
      reply,
      <LetterEditPage
        ctx={pageContext(request, reply)}
        letter={letter}
        form={form ?? letterForm(letter)}
        errors={errors}
        buildings={await listBuildings(app.db, { organizationId })}
        seesRecipients={seesRecipients(request)}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/korespondencja/:id/edycja', letterStaff, async (request, reply) => renderEdit(request, reply));

  app.post('/panel/korespondencja/:id/edycja', letterStaff, async (request, reply) => {
    try {
      await updateLetter({
        db: app.db,
        organizationId: request.organization.id,
        letterId: idOf(request),
        input: letterInputOf(request),
        now: app.clock(),
      });
    } catch (error) {
      return renderEdit(request, reply, formFields(request), fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${idOf(request)}?zrobiono=zmieniono`, 303);
  });

  app.post('/panel/korespondencja/:id/usun', letterStaff, async (request, reply) => {
    try {
      await deleteLetter({ db: app.db, organizationId: request.organization.id, letterId: idOf(request) });
    } catch (error) {
      return renderLetter(request, reply, fieldErrors(error));
    }
    return reply.redirect('/panel/korespondencja?zrobiono=usunieto', 303);
  });

  app.post('/panel/korespondencja/:id/wstrzymaj', letterStaff, async (request, reply) => {
    try {
      await unscheduleLetter({ db: app.db, organizationId: request.organization.id, letterId: idOf(request) });
    } catch (error) {
      return renderLetter(request, reply, fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${idOf(request)}?zrobiono=wstrzymano`, 303);
  });

  app.post('/panel/korespondencja/:id/adresaci', registerStaff, async (request, reply) => {
    const form = formFields(request);
    try {
      await addRecipients({
        db: app.db,
        organizationId: request.organization.id,
        letterId: idOf(request),
        ids: [Number(form.unitId ?? form.personId)],
      });
    } catch (error) {
      return renderLetter(request, reply, fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${idOf(request)}?zrobiono=dodano-adresata#wybrani`, 303);
  });

  app.post('/panel/korespondencja/:id/adresaci/usun', registerStaff, async (request, reply) => {
    try {
      await removeRecipient({
        db: app.db,
        organizationId: request.organization.id,
        letterId: idOf(request),
        id: Number(formFields(request).id),
      });
    } catch (error) {
      return renderLetter(request, reply, fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${idOf(request)}#wybrani`, 303);
  });

  app.post('/panel/korespondencja/:id/zalaczniki', letterStaff, async (request, reply) => {
    try {
      await addAttachment({
        db: app.db,
        organizationId: request.organization.id,
        letterId: idOf(request),
        upload: uploadedFile(request),
      });
    } catch (error) {
      return renderLetter(request, reply, fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${idOf(request)}?zrobiono=dodano`, 303);
  });

  app.get('/panel/korespondencja/:id/zalaczniki/:attachment', letterStaff, async (request, reply) => {
    const letter = await findLetter(app.db, request.organization.id, idOf(request));
    return sendAttachment(reply, request.organization.id, letter, idOf(request, 'attachment'));
  });

  app.post('/panel/korespondencja/:id/zalaczniki/:attachment/usun', letterStaff, async (request, reply) => {
    try {
      await removeAttachment({
        db: app.db,
        organizationId: request.organization.id,
        letterId: idOf(request),
        attachmentId: idOf(request, 'attachment'),
      });
    } catch (error) {
      return renderLetter(request, reply, fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${idOf(request)}?zrobiono=usunieto-zalacznik`, 303);
  });

  app.post('/panel/korespondencja/:id/wyslij', letterStaff, async (request, reply) => {
    try {
      await sendLetter({ ...context(request, staffActor(request)), letterId: idOf(request) });
    } catch (error) {
      return renderLetter(request, reply, fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${idOf(request)}?zrobiono=wyslano`, 303);
  });

  app.post('/panel/korespondencja/:id/zaplanuj', letterStaff, async (request, reply) => {
    try {
      await scheduleLetter({
        ...context(request, staffActor(request)),
        letterId: idOf(request),
        input: formFields(request),
      });
    } catch (error) {
      return renderLetter(request, reply, fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/${idOf(request)}?zrobiono=zaplanowano`, 303);
  });

  // Names, addresses and e-mails of the recipients: clerks and admins only.
  app.get('/panel/korespondencja/:id/raport.csv', registerStaff, async (request, reply) => {
    const letter = await findLetter(app.db, request.organization.id, idOf(request));
    const rows = await listDeliveries(app.db, request.organization.id, letter.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="doreczenia-list-${letter.id}.csv"`)
      .send(deliveriesCsv(rows));
  });

  // Back office: print queue (names and postal addresses: clerks and admins only) -----------

  const idList = (text: unknown) =>
    String(text ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0);

  app.get('/panel/korespondencja/druk', registerStaff, async (request, reply) => {
    const rows = await listPrintQueue(app.db, request.organization.id);
    return sendPage(reply, <PrintQueuePage ctx={pageContext(request, reply)} rows={rows} notice={noticeOf(request)} />);
  });

  app.get('/panel/korespondencja/druk.pdf', registerStaff, async (request, reply) => {
    const organizationId = request.organization.id;
    const items = await listPrintQueue(app.db, organizationId, idList((request.query as { ids?: string }).ids));
    const attachments = new Map<number, PrintAttachment[]>();
    for (const letterId of new Set(items.map((i) => i.letter.id))) {
      attachments.set(letterId, await listAttachmentFiles(app.db, organizationId, letterId));
    }
    const pdf = await printQueuePdf({ organization: request.organization, items, attachments });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="korespondencja-do-druku-${warsawDate(app.clock())}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.post('/panel/korespondencja/druk/potwierdz', registerStaff, async (request, reply) => {
    await markPrinted(app.db, {
      organizationId: request.organization.id,
      deliveryIds: idList(formFields(request).ids),
      now: app.clock(),
      actorAccountId: account(request).id,
    });
    return reply.redirect('/panel/korespondencja/druk?zrobiono=wydrukowano', 303);
  });

  // Back office: consents and scans -------------------------------------------------------------

  app.get('/panel/korespondencja/zgody', registerStaff, async (request, reply) => {
    const query = String((request.query as { q?: string }).q ?? '').slice(0, 100);
    const persons = query
      ? (
          await searchPersons(app.db, {
            organizationId: request.organization.id,
            query,
            asOf: warsawDate(app.clock()),
            pageSize: 50,
          })
        ).items
      : [];
    return sendPage(reply, <ConsentsPage ctx={pageContext(request, reply)} query={query} persons={persons} />);
  });

  async function renderPersonConsent(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    form: { email?: string; method?: string } = {},
  ) {
    const organizationId = request.organization.id;
    const person = await findPerson(app.db, { organizationId, id: idOf(request) });
    if (!person) throw new AppError('not_found', 'no such person');
    const [history, text] = await Promise.all([
      consentHistory(app.db, organizationId, person.id),
      declaration(request),
    ]);
    return sendPage(
      reply,
      <PersonConsentPage
        ctx={pageContext(request, reply)}
        person={person}
        history={history}
        declaration={text}
        email={form.email ?? person.email ?? ''}
        method={form.method}
        errors={errors}
        notice={errors.length ? undefined : noticeOf(request)}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/korespondencja/zgody/:id', registerStaff, async (request, reply) =>
    renderPersonConsent(request, reply),
  );

  app.post('/panel/korespondencja/zgody/:id', registerStaff, async (request, reply) => {
    const form = formFields(request);
    const person = await findPerson(app.db, { organizationId: request.organization.id, id: idOf(request) });
    if (!person) throw new AppError('not_found', 'no such person');
    try {
      const text = await declaration(request);
      if (form.method !== 'desk' && form.method !== 'scan')
        throw new ValidationError([{ field: 'method', message: 'Wybierz, jak złożono oświadczenie.' }]);
      await requestConsent({
        ...context(request, staffActor(request)),
        personId: person.id,
        method: form.method,
        textVersion: text.version,
        input: { email: form.email },
      });
    } catch (error) {
      return renderPersonConsent(request, reply, fieldErrors(error), form);
    }
    return reply.redirect(`/panel/korespondencja/zgody/${person.id}?zrobiono=link`, 303);
  });

  app.post('/panel/korespondencja/zgody/:id/wycofaj', registerStaff, async (request, reply) => {
    const person = await findPerson(app.db, { organizationId: request.organization.id, id: idOf(request) });
    if (!person) throw new AppError('not_found', 'no such person');
    try {
      await withdrawConsent({ ...context(request, staffActor(request)), personId: person.id });
    } catch (error) {
      return renderPersonConsent(request, reply, fieldErrors(error));
    }
    return reply.redirect(`/panel/korespondencja/zgody/${person.id}?zrobiono=wycofano`, 303);
  });

  async function renderScans(request: FastifyRequest, reply: FastifyReply) {
    const organizationId = request.organization.id;
    const scans = await listPendingScans(app.db, organizationId);
    const persons = await findPersonsByIds(app.db, {
      organizationId,
      ids: scans.flatMap((s) => (s.personId ? [s.personId] : [])),
    });
    const names = new Map(persons.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
    return sendPage(
      reply,
      <ScanQueuePage ctx={pageContext(request, reply)} scans={scans} names={names} notice={noticeOf(request)} />,
    );
  }

  app.get('/panel/korespondencja/skany', registerStaff, async (request, reply) => renderScans(request, reply));

  /** One scan to decide; for the public form, persons of the register to match it with. */
  async function renderScan(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
    const organizationId = request.organization.id;
    const scan = await findScan(app.db, organizationId, idOf(request));
    if (scan.state !== 'pending') return reply.redirect('/panel/korespondencja/skany', 303);
    const person = scan.personId ? await findPerson(app.db, { organizationId, id: scan.personId }) : undefined;
    const query = String((request.query as { szukaj?: string }).szukaj ?? '')
      .trim()
      .slice(0, 100);
    const candidates = scan.personId
      ? []
      : (
          await searchPersons(app.db, {
            organizationId,
            query: query || `${scan.lastName ?? ''} ${scan.firstName ?? ''}`.trim(),
            asOf: warsawDate(app.clock()),
            pageSize: 20,
          })
        ).items.map((p) => ({
          id: p.id,
          label: [`${p.lastName} ${p.firstName}`, p.email, p.peselMasked, `lokale: ${p.currentUnits}`]
            .filter(Boolean)
            .join(', '),
        }));
    return sendPage(
      reply,
      <ScanPage
        ctx={pageContext(request, reply)}
        scan={scan}
        personName={person ? `${person.firstName} ${person.lastName}` : undefined}
        candidates={candidates}
        query={query}
        errors={errors}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/korespondencja/skany/:id', registerStaff, async (request, reply) => renderScan(request, reply));

  for (const [path, which] of [
    ['plik', 'declaration'],
    ['dowod', 'id'],
  ] as const) {
    app.get(`/panel/korespondencja/skany/:id/${path}`, registerStaff, async (request, reply) => {
      const scan = await findScan(app.db, request.organization.id, idOf(request));
      const file = await scanFile(app.db, scan, which);
      return reply
        .type(file.contentType)
        .header('content-disposition', contentDisposition({ name: file.name, contentType: 'application/octet-stream' }))
        .header('cache-control', 'private, no-store')
        .send(file.data);
    });
  }

  app.post('/panel/korespondencja/skany/:id/przyjmij', registerStaff, async (request, reply) => {
    try {
      const text = await declaration(request);
      const chosen = Number(formFields(request).personId);
      await acceptConsentScan({
        ...context(request, staffActor(request)),
        scanId: idOf(request),
        textVersion: text.version,
        personId: Number.isSafeInteger(chosen) && chosen > 0 ? chosen : undefined,
      });
    } catch (error) {
      return renderScan(request, reply, fieldErrors(error));
    }
    return reply.redirect('/panel/korespondencja/skany?zrobiono=przyjeto', 303);
  });

  app.post('/panel/korespondencja/skany/:id/odrzuc', registerStaff, async (request, reply) => {
    try {
      await rejectConsentScan({
        ...context(request, staffActor(request)),
        scanId: idOf(request),
        input: formFields(request),
      });
    } catch (error) {
      return renderScan(request, reply, fieldErrors(error));
    }
    return reply.redirect('/panel/korespondencja/skany?zrobiono=odrzucono', 303);
  });

  // Public site: the declaration as scans from someone without e-BOK ---------------------------

  app.get('/korespondencja/zgoda', access('public'), async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, <PublicConsentPage ctx={ctx} declaration={await declaration(request)} />);
  });

  app.post(
    '/korespondencja/zgoda',
    { config: { access: 'public', rateLimit: { max: 10, timeWindow: 60 * 60_000 } } },
    async (request, reply) => {
      const form = formFields(request);
      const fields = { imie: form.imie, nazwisko: form.nazwisko, adres: form.adres, email: form.email };
      try {
        await submitPublicConsentScan({
          db: app.db,
          organization: request.organization,
          form: fields,
          declaration: receivedScan(request.body, 'oswiadczenie'),
          idScan: receivedScan(request.body, 'dowod'),
          now: app.clock(),
        });
      } catch (error) {
        const ctx = pageContext(request, reply);
        return sendPage(
          reply,
          <PublicConsentPage
            ctx={ctx}
            declaration={await declaration(request)}
            form={fields}
            errors={fieldErrors(error)}
          />,
          422,
        );
      }
      return sendPage(
        reply,
        <PublicConsentSentPage ctx={pageContext(request, reply)} email={(fields.email ?? '').trim().toLowerCase()} />,
      );
    },
  );
}
