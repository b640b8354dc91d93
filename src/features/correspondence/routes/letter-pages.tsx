/** The back office's letter pages, drawn for their GET and again, with errors, after a form. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf } from '../../../http/auth.ts';
import { type FormState, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { unitAddress, withCity } from '../../../lib/address.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { can } from '../../../policy.ts';
import { findPersonsByIds, findUnitsWithAddress, listBuildings } from '../../units/queries.ts';
import { searchPersons, searchUnits } from '../../units/search.ts';
import { previewRecipients } from '../audience.ts';
import { countBouncedToPaper, letterReport, listDeliveries } from '../deliveries.ts';
import { findLetter, type Letter, listAttachments, listLetters } from '../letter-queries.ts';
import { letterHtml } from '../mail.ts';
import { isPersonal } from '../personal/fields.ts';
import { previewLetterWithFields } from '../personal/send.ts';
import { listTemplates } from '../templates/templates.ts';
import { LetterAdminPage, type RecipientPicker } from '../views/letter-page.tsx';
import { formOfLetter, LetterEditPage, LettersPage } from '../views/letters.tsx';

/** Names, addresses and e-mails of recipients (`letters.recipients`); editors see counts. */
export const seesRecipients = (request: FastifyRequest) => can(staffOf(request), 'letters.recipients');

interface Drawn {
  form?: FormState;
  notice?: string | undefined;
  /** A saved template whose subject and body fill the new letter's form. */
  templateId?: number | undefined;
}

export function letterPages(app: FastifyInstance) {
  /** The list of letters and the form of a new one. */
  async function lettersPage(
    request: FastifyRequest,
    reply: FastifyReply,
    { form = freshForm, notice, templateId }: Drawn = {},
  ) {
    const organizationId = request.organization.id;
    const [letters, buildings, bounced, templates] = await Promise.all([
      listLetters(app.db, { organizationId }),
      listBuildings(app.db, { organizationId }),
      countBouncedToPaper(app.db, { organizationId }),
      listTemplates(app.db, { organizationId }),
    ]);
    // A template of another organization, or one deleted meanwhile, fills nothing.
    const chosenTemplate = templateId ? templates.find((t) => t.id === templateId) : undefined;
    return (
      <LettersPage
        ctx={pageContext(request, reply)}
        letters={letters}
        buildings={buildings}
        form={form.values}
        errors={form.errors}
        bounced={bounced}
        seesRecipients={seesRecipients(request)}
        managesConsents={can(staffOf(request), 'consents.manage')}
        notice={notice}
        templates={templates}
        chosenTemplate={chosenTemplate}
      />
    );
  }

  /** The picked units or persons of a draft with their labels, and the register search's results. */
  async function recipientPicker(
    request: FastifyRequest,
    letter: Letter,
    query: string,
  ): Promise<RecipientPicker | undefined> {
    const audience = letter.audience;
    if (letter.state !== 'draft' || !seesRecipients(request)) return undefined;
    if (audience.kind !== 'units' && audience.kind !== 'persons') return undefined;
    const organizationId = request.organization.id;
    const asOf = warsawDate(app.clock());
    if (audience.kind === 'units') {
      const picked = await findUnitsWithAddress(app.db, { organizationId, ids: audience.unitIds });
      const found = query
        ? (await searchUnits(app.db, { organizationId, query, asOf, pageSize: 20 })).items
        : undefined;
      const unitLabel = (u: { street: string; buildingNumber: string; number: string; city: string }) =>
        withCity(unitAddress(u), u);
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

  /** One letter: a draft with its recipients and sending, or a sent one with its report. */
  async function letterPage(
    request: FastifyRequest,
    reply: FastifyReply,
    letterId: number,
    { form = freshForm, notice, query = '' }: Drawn & { query?: string } = {},
  ) {
    const organizationId = request.organization.id;
    const letter = await findLetter(app.db, { organizationId, letterId });
    const sent = letter.state === 'sent';
    const ref = { organizationId, letterId: letter.id };
    const personal = !sent && isPersonal(letter.bodyMarkdown);
    const [attachments, buildings, picker, preview, report, deliveries, personalPreview] = await Promise.all([
      listAttachments(app.db, ref),
      listBuildings(app.db, { organizationId }),
      recipientPicker(request, letter, query),
      sent ? undefined : previewRecipients(app.db, { organizationId, audience: letter.audience, now: app.clock() }),
      sent ? letterReport(app.db, ref) : undefined,
      sent && seesRecipients(request) ? listDeliveries(app.db, ref) : [],
      personal
        ? previewLetterWithFields(app.db, { organization: request.organization, letter, now: app.clock() })
        : undefined,
    ]);
    return (
      <LetterAdminPage
        ctx={pageContext(request, reply)}
        letter={letter}
        html={letterHtml(letter)}
        attachments={attachments}
        buildings={buildings}
        preview={preview}
        personal={personalPreview}
        picker={picker}
        report={report}
        deliveries={deliveries}
        seesRecipients={seesRecipients(request)}
        errors={form.errors}
        notice={notice}
      />
    );
  }

  /** Changing a draft: its values, or the form as typed when drawn again. */
  async function editPage(request: FastifyRequest, reply: FastifyReply, letter: Letter, form?: FormState) {
    return (
      <LetterEditPage
        ctx={pageContext(request, reply)}
        letter={letter}
        form={form ? form.values : formOfLetter(letter)}
        errors={form?.errors ?? []}
        buildings={await listBuildings(app.db, { organizationId: request.organization.id })}
        seesRecipients={seesRecipients(request)}
      />
    );
  }

  return { lettersPage, letterPage, editPage };
}
