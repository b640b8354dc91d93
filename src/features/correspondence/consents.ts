import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { enqueueMail, senderFor } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/templates.tsx';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import type { MailSettings } from './mail.ts';
import { type ConsentMethod, consents, consentTokens } from './schema.ts';

export type Consent = typeof consents.$inferSelect;

/** How long a confirmation link works. */
export const CONFIRMATION_VALIDITY_MS = 48 * 3_600_000;

export const consentMethodLabels: Record<ConsentMethod, string> = {
  desk: 'podpisana w biurze',
  scan: 'skan przesłany zdalnie',
  online: 'online w e-BOK',
};

export const consentStateLabels: Record<Consent['state'], string> = {
  pending: 'czeka na potwierdzenie adresu',
  given: 'obowiązuje',
  withdrawn: 'wycofana',
  superseded: 'zastąpiona nowszą',
  expired: 'link wygasł',
};

/**
 * Where a declaration or its withdrawal is recorded: by staff in the office (audited, withdrawn
 * "in the office"), or by the member themself in e-BOK (recorded as `e-BOK: login`).
 */
export type ConsentVia = 'office' | 'ebok';

/** Who recorded a declaration, as its history shows it. */
function recordedByLabel(actor: Actor, via: ConsentVia): string {
  const label = actor.actorLabel ?? '';
  return via === 'ebok' ? `e-BOK: ${label}` : label;
}

/** The consent that has effect for each person (given, address confirmed), by person id. */
export async function effectiveConsents(
  db: Db,
  { organizationId, personIds }: { organizationId: number; personIds: number[] },
): Promise<Map<number, Consent>> {
  const result = new Map<number, Consent>();
  if (personIds.length === 0) return result;
  for (let i = 0; i < personIds.length; i += 5000) {
    const rows = await db
      .select()
      .from(consents)
      .where(
        and(
          eq(consents.organizationId, organizationId),
          eq(consents.state, 'given'),
          inArray(consents.personId, personIds.slice(i, i + 5000)),
        ),
      );
    for (const row of rows) if (row.addressConfirmedAt) result.set(row.personId, row);
  }
  return result;
}

/** Every consent row of a person, newest first: the history. */
export async function consentHistory(
  db: Db,
  { organizationId, personId }: { organizationId: number; personId: number },
): Promise<Consent[]> {
  return db
    .select()
    .from(consents)
    .where(and(eq(consents.organizationId, organizationId), eq(consents.personId, personId)))
    .orderBy(desc(consents.id));
}

/** The newest consent still in play (given, or waiting for its link), if any. */
export function currentOf(history: Consent[]): Consent | undefined {
  return history.find((c) => c.state === 'given' || c.state === 'pending');
}

/**
 * Records a declaration (desk, scan or online) for an address. It has no effect yet: a
 * confirmation link goes to the address, and only its click makes the consent given. This holds
 * at the desk too — the clerk cannot see that the person controls the mailbox, the link can.
 */
export async function requestConsent(
  db: Db,
  request: MailSettings & {
    organization: Organization;
    actor: Actor;
    via: ConsentVia;
    personId: number;
    method: ConsentMethod;
    textVersion: number;
    /** Checked by the form (`consentEmail`). */
    email: string;
    scanId?: number | undefined;
    now: Date;
  },
): Promise<Consent> {
  const { organization, actor, now, email } = request;
  return db.transaction(async (tx) => {
    // An older declaration still waiting for its link is replaced by this one.
    await tx
      .update(consents)
      .set({ state: 'superseded' })
      .where(
        and(
          eq(consents.organizationId, organization.id),
          eq(consents.personId, request.personId),
          eq(consents.state, 'pending'),
        ),
      );
    const [consent] = await tx
      .insert(consents)
      .values({
        organizationId: organization.id,
        personId: request.personId,
        email,
        method: request.method,
        textVersion: request.textVersion,
        state: 'pending',
        recordedAt: now,
        recordedByAccountId: actor.actorAccountId,
        recordedByLabel: recordedByLabel(actor, request.via),
        scanId: request.scanId ?? null,
      })
      .returning();
    if (!consent) throw new Error('insert returned no row');
    const token = randomToken();
    await tx.insert(consentTokens).values({
      organizationId: organization.id,
      consentId: consent.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + CONFIRMATION_VALIDITY_MS),
    });
    await enqueueMail(tx, {
      organization,
      from: senderFor(organization, request.mailFrom),
      to: email,
      purpose: 'correspondence.consent_confirmation',
      sensitive: true,
      now,
      mail: renderMail(organization, {
        subject: 'Potwierdź adres e-mail do korespondencji elektronicznej',
        paragraphs: [
          `Otrzymaliśmy oświadczenie o zgodzie na otrzymywanie na ten adres e-mail korespondencji, którą wysyła ${organization.name}.`,
          'Zgoda zacznie obowiązywać dopiero po potwierdzeniu adresu. Link działa 48 godzin i można go użyć raz.',
          'Jeśli oświadczenie nie zostało złożone przez Ciebie, zignoruj tę wiadomość — nic się nie zmieni.',
        ],
        link: { href: `${request.baseUrl}/korespondencja/potwierdz/${token}`, label: 'Potwierdź adres e-mail' },
      }),
    });
    if (request.via === 'office') {
      await recordAudit(tx, {
        ...actor,
        action: 'correspondence.consent_recorded',
        subjectType: 'person',
        subjectId: request.personId,
        detail: { consentId: consent.id, method: request.method, textVersion: request.textVersion },
      });
    }
    return consent;
  });
}

export type ConfirmationResult = { kind: 'confirmed'; consent: Consent } | { kind: 'expired' } | { kind: 'invalid' };

/** Looks a link up without using it (the page shows what the click will confirm). */
export async function checkConfirmationToken(
  db: Db,
  { organizationId, token, now }: { organizationId: number; token: string; now: Date },
): Promise<ConfirmationResult> {
  const rows = await db
    .select({ token: consentTokens, consent: consents })
    .from(consentTokens)
    .innerJoin(consents, eq(consents.id, consentTokens.consentId))
    .where(and(eq(consentTokens.organizationId, organizationId), eq(consentTokens.tokenHash, hashToken(token))));
  const row = rows[0];
  if (!row || row.token.usedAt || row.consent.state !== 'pending') return { kind: 'invalid' };
  if (row.token.expiresAt <= now) return { kind: 'expired' };
  return { kind: 'confirmed', consent: row.consent };
}

/**
 * The click on the link: the address is confirmed and the consent takes effect, replacing the
 * one given before. A link works once, for 48 hours, and only while its consent waits for it.
 */
export async function confirmConsent(
  db: Db,
  { organizationId, token, now }: { organizationId: number; token: string; now: Date },
): Promise<ConfirmationResult> {
  return db.transaction(async (tx) => {
    const used = await tx
      .update(consentTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(consentTokens.organizationId, organizationId),
          eq(consentTokens.tokenHash, hashToken(token)),
          sql`${consentTokens.usedAt} is null`,
        ),
      )
      .returning();
    const row = used[0];
    if (!row) return { kind: 'invalid' } as const;
    const [consent] = await tx.select().from(consents).where(eq(consents.id, row.consentId)).for('update');
    if (!consent) return { kind: 'invalid' } as const;
    if (consent.state !== 'pending') return { kind: 'invalid' } as const;
    if (row.expiresAt <= now) {
      await tx.update(consents).set({ state: 'expired' }).where(eq(consents.id, consent.id));
      return { kind: 'expired' } as const;
    }
    await tx
      .update(consents)
      .set({ state: 'superseded' })
      .where(and(eq(consents.personId, consent.personId), eq(consents.state, 'given')));
    const [given] = await tx
      .update(consents)
      .set({ state: 'given', addressConfirmedAt: now })
      .where(eq(consents.id, consent.id))
      .returning();
    if (!given) throw new Error('update returned no row');
    return { kind: 'confirmed', consent: given } as const;
  });
}

/** Withdraws the person's consent (given or waiting): letters go on paper from now on. */
export async function withdrawConsent(
  db: Db,
  { actor, via, personId, now }: { actor: Actor; via: ConsentVia; personId: number; now: Date },
): Promise<Consent> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(consents)
      .set({
        state: 'withdrawn',
        withdrawnAt: now,
        withdrawnByLabel: recordedByLabel(actor, via),
        withdrawnMethod: via === 'office' ? 'desk' : 'online',
      })
      .where(
        and(
          eq(consents.organizationId, actor.organizationId),
          eq(consents.personId, personId),
          inArray(consents.state, ['given', 'pending']),
        ),
      )
      .returning();
    const withdrawn = rows[0];
    if (!withdrawn) throw new ValidationError([{ field: '', message: 'Nie ma zgody, którą można wycofać.' }]);
    if (via === 'office') {
      await recordAudit(tx, {
        ...actor,
        action: 'correspondence.consent_withdrawn',
        subjectType: 'person',
        subjectId: personId,
        detail: { consentIds: rows.map((r) => r.id) },
      });
    }
    return withdrawn;
  });
}
