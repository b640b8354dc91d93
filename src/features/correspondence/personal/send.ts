/**
 * Sending personalised letters: one delivery per (person, unit), each carrying that unit's
 * figures, by e-mail where the person's consent covers it (optionally with the letter as a PDF),
 * otherwise into the print queue. The fields and their rules are in fields.ts (read its comment
 * first); the letter editor's letters with fields come here from sending.ts, and other features
 * call `sendPersonalLetter` / `previewPersonalLetter` directly.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { storeFile } from '../../../files/store.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { renderMail } from '../../../mail/templates.tsx';
import { type Actor, recordAudit } from '../../audit/audit.ts';
import type { Organization } from '../../organizations/queries.ts';
import { enqueueMails, messageIdDomain, senderFor } from '../../outbox/outbox.ts';
import { describeHoldersOfUnits, type HolderOfUnit } from '../../units/holders.ts';
import { resolveHolderUnits } from '../audience.ts';
import { chooseChannel } from '../channel.ts';
import { effectiveConsents } from '../consents.ts';
import { type Letter, listAttachments } from '../letter-queries.ts';
import type { MailSettings } from '../mail.ts';
import { printQueuePdf } from '../print.ts';
import { deliveries, letters } from '../schema.ts';
import { checkExtraFields, type FieldDefinition, placeholdersIn, unknownPlaceholders } from './fields.ts';
import { type FieldValues, personalHtml, personalText, prepareLetter } from './render.ts';
import { type FilledRecipient, fillFields, qrImagesOf } from './values.ts';

const CHUNK = 500;

/** One recipient of a feature's personalised letter: a holder of a unit, with the feature's own values. */
export interface PersonalRecipient {
  personId: number;
  unitId: number;
  /** Values of the feature's `extraFields` for this recipient. */
  extra?: FieldValues;
}

/** A recipient who gets nothing, and the fields they lack (listed before sending). */
export interface MissingData {
  personId: number;
  unitId: number | null;
  name: string;
  unitLabel: string;
  missing: string[];
}

export interface PersonalSample {
  name: string;
  unitLabel: string;
  channel: 'email' | 'paper';
  html: string;
}

export interface PersonalPreview {
  /** Recipients the letter goes to (with all their data). */
  total: number;
  email: number;
  paper: number;
  /** The letter as the first few of them will read it. */
  samples: PersonalSample[];
  missing: MissingData[];
}

export interface PersonalSending extends MailSettings {
  organization: Organization;
  actor: Actor;
  now: Date;
  /** Attach each e-mail recipient's letter as a PDF (a notice that must be kept). */
  attachPdf?: boolean;
  /** The outbox's purpose, for staff reading the outbox. */
  purpose?: string;
}

export interface PersonalResult {
  letterId: number;
  email: number;
  paper: number;
  skipped: MissingData[];
  /** Every delivery of the letter to the given recipients, new or from an earlier call. */
  deliveries: { deliveryId: number; personId: number; unitId: number; channel: 'email' | 'paper' }[];
}

const pairKey = (p: { personId: number; unitId: number }) => `${p.personId}:${p.unitId}`;

function missingOf(filled: FilledRecipient): MissingData {
  const { holder } = filled;
  return {
    personId: holder.personId,
    unitId: holder.unitId,
    name: `${holder.firstName} ${holder.lastName}`,
    unitLabel: holder.unitLabel,
    missing: filled.missing,
  };
}

const postalAddressOf = (holder: HolderOfUnit) => holder.address?.trim() || holder.unitAddress;

/** Message-ID of a personalised delivery: one per letter, person and unit, the same on every retry. */
export function personalMessageId(letterId: number, personId: number, unitId: number, from: string): string {
  return `<letter-${letterId}.person-${personId}.unit-${unitId}@${messageIdDomain(from)}>`;
}

/** The recipients' values, split into those who get the letter and those lacking data. */
async function fill(
  db: Db,
  {
    organization,
    bodyMarkdown,
    holders,
    asOf,
    extraFields,
    extraOf,
  }: {
    organization: Organization;
    bodyMarkdown: string;
    holders: HolderOfUnit[];
    asOf: string;
    extraFields: readonly FieldDefinition[];
    extraOf?: (holder: HolderOfUnit) => FieldValues | undefined;
  },
): Promise<{ ready: FilledRecipient[]; skipped: MissingData[] }> {
  const keys = placeholdersIn(bodyMarkdown);
  const filled = await fillFields(db, { organization, holders, keys, asOf, extraFields, extraOf });
  return {
    ready: filled.filter((f) => f.missing.length === 0),
    skipped: filled.filter((f) => f.missing.length).map(missingOf),
  };
}

/**
 * The recipients whose letters the preview shows: the first e-mail and the first paper recipient
 * (when both kinds go out, the clerk sees one of each), then the next ones, in the letter's order.
 */
export function sampleRecipients<T>(ready: T[], channelOf: (recipient: T) => 'email' | 'paper', count: number): T[] {
  const firsts = (['email', 'paper'] as const).flatMap((kind) => {
    const index = ready.findIndex((r) => channelOf(r) === kind);
    return index < 0 ? [] : [index];
  });
  const chosen = new Set(firsts.sort((a, b) => a - b).slice(0, count));
  for (let i = 0; i < ready.length && chosen.size < count; i++) chosen.add(i);
  return [...chosen].sort((a, b) => a - b).map((i) => ready[i] as T);
}

async function preview(
  db: Db,
  {
    organization,
    bodyMarkdown,
    ready,
    skipped,
    count,
  }: {
    organization: Organization;
    bodyMarkdown: string;
    ready: FilledRecipient[];
    skipped: MissingData[];
    count: number;
  },
): Promise<PersonalPreview> {
  const consents = await effectiveConsents(db, {
    organizationId: organization.id,
    personIds: [...new Set(ready.map((r) => r.holder.personId))],
  });
  const channelOf = (personId: number) => chooseChannel(consents.get(personId)).kind;
  const prepared = prepareLetter(bodyMarkdown);
  const shown = sampleRecipients(ready, (r) => channelOf(r.holder.personId), count);
  const images = await qrImagesOf(shown.map((r) => r.values));
  const email = ready.filter((r) => channelOf(r.holder.personId) === 'email').length;
  return {
    total: ready.length,
    email,
    paper: ready.length - email,
    samples: shown.map((r) => ({
      name: `${r.holder.firstName} ${r.holder.lastName}`,
      unitLabel: r.holder.unitLabel,
      channel: channelOf(r.holder.personId),
      html: personalHtml(prepared, r.values, images),
    })),
    missing: skipped,
  };
}

/**
 * Writes the deliveries (and e-mails) of a personalised letter for the ready recipients that do
 * not have one yet; returns what was written. Call inside the transaction that holds the letter.
 */
async function deliver(
  db: Db,
  sending: PersonalSending,
  letter: Letter,
  ready: FilledRecipient[],
): Promise<{ email: number; paper: number }> {
  const { organization, now } = sending;
  const organizationId = organization.id;
  const existing = new Set(
    (
      await db
        .select({ personId: deliveries.personId, unitId: deliveries.unitId })
        .from(deliveries)
        .where(and(eq(deliveries.organizationId, organizationId), eq(deliveries.letterId, letter.id)))
    ).map((d) => `${d.personId}:${d.unitId ?? 0}`),
  );
  const fresh = ready.filter((r) => !existing.has(pairKey(r.holder)));
  const consents = await effectiveConsents(db, {
    organizationId,
    personIds: [...new Set(fresh.map((r) => r.holder.personId))],
  });
  const attachments = await listAttachments(db, { organizationId, letterId: letter.id });
  const from = senderFor(organization, sending.mailFrom);
  const prepared = prepareLetter(letter.bodyMarkdown);
  const link = { href: `${sending.baseUrl}/ebok/korespondencja/${letter.id}`, label: 'Przeczytaj list w e-BOK' };
  let email = 0;
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const chunk = fresh.slice(i, i + CHUNK);
    const rows = chunk.map((r) => {
      const channel = chooseChannel(consents.get(r.holder.personId));
      return { r, channel, fileId: undefined as number | undefined };
    });
    const emails = rows.filter((x) => x.channel.kind === 'email');
    const images = await qrImagesOf(emails.map((x) => x.r.values));
    if (sending.attachPdf) {
      for (const x of emails) {
        const delivery = {
          recipientName: `${x.r.holder.firstName} ${x.r.holder.lastName}`,
          postalAddress: postalAddressOf(x.r.holder),
          createdAt: now,
          fields: x.r.values,
        };
        const pdf = await printQueuePdf({ organization, items: [{ delivery, letter }], attachments: new Map() });
        const file = await storeFile(db, {
          organizationId,
          upload: { fileName: `pismo-${letter.id}-lokal-${x.r.holder.unitId}.pdf`, data: pdf, title: letter.subject },
          owner: { private: true },
        });
        x.fileId = file.id;
      }
    }
    const queued = await enqueueMails(
      db,
      emails.map((x) => ({
        organization,
        from,
        to: x.channel.kind === 'email' ? x.channel.email : '',
        mail: renderMail(organization, {
          subject: letter.subject,
          paragraphs: [],
          body: { html: personalHtml(prepared, x.r.values, images), text: personalText(prepared, x.r.values) },
          link,
        }),
        purpose: sending.purpose ?? 'correspondence.letter',
        now,
        attachmentFileIds: [...attachments.map((a) => a.fileId), ...(x.fileId ? [x.fileId] : [])],
        messageId: personalMessageId(letter.id, x.r.holder.personId, x.r.holder.unitId, from),
      })),
    );
    const outboxIds = new Map(queued.map((m) => [m.messageId, m.id]));
    email += emails.length;
    await db.insert(deliveries).values(
      rows.map(({ r, channel, fileId }) => ({
        organizationId,
        letterId: letter.id,
        personId: r.holder.personId,
        unitId: r.holder.unitId,
        recipientName: `${r.holder.firstName} ${r.holder.lastName}`,
        postalAddress: postalAddressOf(r.holder),
        channel: channel.kind,
        email: channel.kind === 'email' ? channel.email : null,
        state: channel.kind === 'email' ? ('queued' as const) : ('to_print' as const),
        outboxMessageId: outboxIds.get(personalMessageId(letter.id, r.holder.personId, r.holder.unitId, from)) ?? null,
        fields: r.values,
        fileId: fileId ?? null,
        createdAt: now,
      })),
    );
  }
  return { email, paper: fresh.length - email };
}

/** The letter editor's letter with fields: who would get what, and who lacks data (nothing is written). */
export async function previewLetterWithFields(
  db: Db,
  { organization, letter, now, count = 3 }: { organization: Organization; letter: Letter; now: Date; count?: number },
): Promise<PersonalPreview> {
  const asOf = warsawDate(now);
  const { ready, skipped } = await fillAudience(db, { organization, letter, asOf });
  return preview(db, { organization, bodyMarkdown: letter.bodyMarkdown, ready, skipped, count });
}

async function fillAudience(
  db: Db,
  { organization, letter, asOf }: { organization: Organization; letter: Letter; asOf: string },
) {
  const { pairs, withoutUnit } = await resolveHolderUnits(db, {
    organizationId: organization.id,
    audience: letter.audience,
    asOf,
  });
  const holders = await describeHoldersOfUnits(db, { organizationId: organization.id, pairs });
  const { ready, skipped } = await fill(db, {
    organization,
    bodyMarkdown: letter.bodyMarkdown,
    holders,
    asOf,
    extraFields: [],
  });
  const noUnit = withoutUnit.map((r) => ({
    personId: r.personId,
    unitId: null,
    name: r.name,
    unitLabel: '—',
    missing: ['Lokal'],
  }));
  return { ready, skipped: [...noUnit, ...skipped] };
}

/**
 * Sends the letter editor's letter with fields (called by sending.ts inside its transaction):
 * recipients lacking data are skipped and counted in the audit row; they were listed on the
 * letter's page before sending.
 */
export async function sendLetterWithFields(
  db: Db,
  sending: PersonalSending,
  letter: Letter,
): Promise<{ email: number; paper: number; skipped: number }> {
  const { ready, skipped } = await fillAudience(db, {
    organization: sending.organization,
    letter,
    asOf: warsawDate(sending.now),
  });
  const counts = await deliver(db, sending, letter, ready);
  return { ...counts, skipped: skipped.length };
}

export interface PersonalLetter {
  organization: Organization;
  subject: string;
  /** Markdown with `{{field}}` placeholders: standard fields and `extraFields`. */
  bodyMarkdown: string;
  recipients: readonly PersonalRecipient[];
  /** The fields this feature fills itself (e.g. `oplata_nowa`); keys must not be standard ones. */
  extraFields?: readonly FieldDefinition[];
  /** The day of balances and fees in the standard fields; today (Warsaw) when left out. */
  asOf?: string;
}

function checkTemplate({ bodyMarkdown, extraFields = [] }: Pick<PersonalLetter, 'bodyMarkdown' | 'extraFields'>) {
  checkExtraFields(extraFields);
  const unknown = unknownPlaceholders(bodyMarkdown, extraFields);
  if (unknown.length) throw new Error(`unknown letter fields: ${unknown.join(', ')}`);
}

async function fillRecipients(db: Db, input: PersonalLetter & { asOf: string }) {
  const { organization, recipients, extraFields = [] } = input;
  const holders = await describeHoldersOfUnits(db, { organizationId: organization.id, pairs: recipients });
  const extras = new Map(recipients.map((r) => [pairKey(r), r.extra]));
  const found = new Set(holders.map(pairKey));
  const unknown = recipients.filter((r) => !found.has(pairKey(r)));
  if (unknown.length)
    throw new Error(`recipients not of organization ${organization.id}: ${unknown.map(pairKey).join(', ')}`);
  return fill(db, {
    organization,
    bodyMarkdown: input.bodyMarkdown,
    holders,
    asOf: input.asOf,
    extraFields,
    extraOf: (h) => extras.get(pairKey(h)),
  });
}

/** A feature's personalised letter before sending: samples for the first `count` recipients, and who lacks data. */
export async function previewPersonalLetter(
  db: Db,
  { now, count = 3, ...input }: PersonalLetter & { now: Date; count?: number },
): Promise<PersonalPreview> {
  checkTemplate(input);
  const asOf = input.asOf ?? warsawDate(now);
  const { ready, skipped } = await fillRecipients(db, { ...input, asOf });
  return preview(db, { organization: input.organization, bodyMarkdown: input.bodyMarkdown, ready, skipped, count });
}

/**
 * Sends a feature's personalised letter to holders of units, in one transaction: the letter (a
 * sent letter in the back office's list, addressed to the units), a delivery per recipient with
 * their values, e-mail or print queue by consent, and the audit row. With `key`, a second call
 * finds the same letter and delivers only to recipients it has not reached yet (idempotent).
 * A recipient lacking a field's value gets nothing and comes back in `skipped`.
 */
export async function sendPersonalLetter(
  db: Db,
  { key, ...input }: PersonalLetter & PersonalSending & { key?: string },
): Promise<PersonalResult> {
  checkTemplate(input);
  const { organization, actor, now } = input;
  const organizationId = organization.id;
  const asOf = input.asOf ?? warsawDate(now);
  return db.transaction(async (tx) => {
    const unitIds = [...new Set(input.recipients.map((r) => r.unitId))];
    let letter: Letter | undefined;
    if (key) {
      [letter] = await tx
        .select()
        .from(letters)
        .where(and(eq(letters.organizationId, organizationId), eq(letters.sourceKey, key)))
        .for('update');
    }
    if (!letter) {
      [letter] = await tx
        .insert(letters)
        .values({
          organizationId,
          subject: input.subject,
          bodyMarkdown: input.bodyMarkdown,
          audience: { kind: 'units', unitIds },
          state: 'sent',
          sentAt: now,
          createdAt: now,
          createdByLabel: actor.actorLabel ?? '',
          sourceKey: key ?? null,
        })
        .returning();
      if (!letter) throw new Error('insert returned no row');
    }
    const { ready, skipped } = await fillRecipients(tx, { ...input, asOf });
    const counts = await deliver(tx, input, letter, ready);
    await recordAudit(tx, {
      ...actor,
      action: 'correspondence.letter_sent',
      subjectType: 'letter',
      subjectId: letter.id,
      detail: { ...counts, skipped: skipped.length, ...(key ? { key } : {}) },
    });
    const wanted = new Set(input.recipients.map(pairKey));
    const all = await tx
      .select({
        deliveryId: deliveries.id,
        personId: deliveries.personId,
        unitId: deliveries.unitId,
        channel: deliveries.channel,
      })
      .from(deliveries)
      .where(and(eq(deliveries.organizationId, organizationId), eq(deliveries.letterId, letter.id)));
    return {
      letterId: letter.id,
      ...counts,
      skipped,
      deliveries: all.flatMap((d) =>
        d.unitId !== null && wanted.has(pairKey({ personId: d.personId, unitId: d.unitId }))
          ? [{ deliveryId: d.deliveryId, personId: d.personId, unitId: d.unitId, channel: d.channel }]
          : [],
      ),
    };
  });
}
