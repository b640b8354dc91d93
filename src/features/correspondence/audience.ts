import type { Db } from '../../db/client.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { listDebtorHolders } from '../ledger/debtor-holders.ts';
import {
  type HolderAddress,
  listHoldersOnDay,
  listHolderUnitsOnDay,
  listPersonsWithAddresses,
} from '../units/holders.ts';
import { chooseChannel } from './channel.ts';
import { effectiveConsents } from './consents.ts';
import type { Audience } from './schema.ts';

/** One person a letter goes to, with the postal address for the envelope. */
export interface Recipient {
  personId: number;
  name: string;
  /** Lines of the postal address: the person's correspondence address, else their first unit's. */
  postalAddress: string;
  email: string | null;
}

const toRecipient = (holder: HolderAddress): Recipient => ({
  personId: holder.personId,
  name: `${holder.firstName} ${holder.lastName}`,
  postalAddress: holder.address?.trim() || holder.unitAddress || '(brak adresu w rejestrze)',
  email: holder.email,
});

/**
 * The persons an audience reaches on `asOf`: holders of a right valid that day (the register's
 * `listHoldersOnDay`); for chosen persons, those persons whether or not they hold a right now; for
 * debtors, the holders whose own debt on the audience's day is above the threshold (the ledger's
 * debtors list per holder period: a former holder's debt reaches the former holder, not the buyer).
 * One row per person, however many units they hold.
 */
export async function resolveAudience(
  db: Db,
  { organizationId, audience, asOf }: { organizationId: number; audience: Audience; asOf: string },
): Promise<Recipient[]> {
  switch (audience.kind) {
    case 'debtors': {
      const debtors = await listDebtorHolders(db, {
        organizationId,
        asOf: audience.asOf,
        threshold: audience.threshold,
      });
      const personIds = [...new Set(debtors.map((d) => d.personId))];
      return (await listPersonsWithAddresses(db, { organizationId, asOf: audience.asOf, personIds })).map(toRecipient);
    }
    case 'persons':
      return (await listPersonsWithAddresses(db, { organizationId, asOf, personIds: audience.personIds })).map(
        toRecipient,
      );
    default:
      return (await listHoldersOnDay(db, { organizationId, asOf, scope: audience })).map(toRecipient);
  }
}

export interface PreviewRow extends Recipient {
  channel: 'email' | 'paper';
  /** The confirmed address the e-mail goes to. */
  consentEmail: string | undefined;
}

/** Who the letter would reach now and by which channel (nothing is written). */
export async function previewRecipients(
  db: Db,
  { organizationId, audience, now }: { organizationId: number; audience: Audience; now: Date },
): Promise<PreviewRow[]> {
  const recipients = await resolveAudience(db, { organizationId, audience, asOf: warsawDate(now) });
  const consents = await effectiveConsents(db, { organizationId, personIds: recipients.map((r) => r.personId) });
  return recipients.map((r) => {
    const channel = chooseChannel(consents.get(r.personId));
    return { ...r, channel: channel.kind, consentEmail: channel.kind === 'email' ? channel.email : undefined };
  });
}

/**
 * The (person, unit) pairs an audience reaches on `asOf`, for a personalised letter (one letter
 * per unit a person holds); chosen persons holding no unit that day come back in `withoutUnit`,
 * to be listed as lacking the unit's data.
 */
export async function resolveHolderUnits(
  db: Db,
  { organizationId, audience, asOf }: { organizationId: number; audience: Audience; asOf: string },
): Promise<{ pairs: { personId: number; unitId: number }[]; withoutUnit: Recipient[] }> {
  switch (audience.kind) {
    case 'debtors': {
      const debtors = await listDebtorHolders(db, {
        organizationId,
        asOf: audience.asOf,
        threshold: audience.threshold,
      });
      return { pairs: debtors.map(({ personId, unitId }) => ({ personId, unitId })), withoutUnit: [] };
    }
    case 'persons': {
      const chosen = new Set(audience.personIds);
      const pairs = (await listHolderUnitsOnDay(db, { organizationId, asOf, scope: { kind: 'all' } })).filter((p) =>
        chosen.has(p.personId),
      );
      const holding = new Set(pairs.map((p) => p.personId));
      const others = audience.personIds.filter((id) => !holding.has(id));
      const withoutUnit = (await listPersonsWithAddresses(db, { organizationId, asOf, personIds: others })).map(
        toRecipient,
      );
      return { pairs, withoutUnit };
    }
    default:
      return { pairs: await listHolderUnitsOnDay(db, { organizationId, asOf, scope: audience }), withoutUnit: [] };
  }
}
