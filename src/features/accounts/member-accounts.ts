import type { Db } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { type DocumentType, insertIdentityVerification } from './identity.ts';
import { loginCandidates } from './login-candidates.ts';
import { hashPassword } from './passwords.ts';
import { type Account, findAccountByLogin, insertAccount } from './queries.ts';
import { newTemporaryPassword, temporaryPasswordExpiry } from './temporary-password.ts';

async function freeLogin(
  db: Db,
  { organizationId, firstName, lastName }: { organizationId: number; firstName: string; lastName: string },
): Promise<string> {
  for (const candidate of loginCandidates(firstName, lastName)) {
    if (!(await findAccountByLogin(db, { organizationId, login: candidate }))) return candidate;
  }
  throw new Error('unreachable');
}

export interface OpenedAccount {
  account: Account;
  temporaryPassword: string;
  /** When the starting password stops working. */
  expiresAt: Date;
}

/**
 * Opens a member's e-BOK account for a person of the register whose identity the cooperative has
 * checked (the caller's rules decide who may get one): a login made from the name, a single-use
 * starting password that expires, the record of how the identity was checked and the audit row,
 * in one transaction.
 */
export async function createMemberAccount(
  db: Db,
  {
    organization,
    person,
    contact,
    verification,
    actor,
    now,
  }: {
    organization: Organization;
    person: { id: number; firstName: string; lastName: string };
    contact: { email: string | null; phone: string | null };
    verification: {
      method: 'desk' | 'remote';
      documentType: DocumentType;
      /** At the desk: the printed activation form was signed (now). */
      formSigned: boolean;
      termsVersion: number | null;
    };
    /** The staff member who checked the identity. */
    actor: Actor;
    now: Date;
  },
): Promise<OpenedAccount> {
  const verifiedBy = actor.actorAccountId;
  if (verifiedBy === null) throw new Error('an identity is checked by a staff member');
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const expiresAt = temporaryPasswordExpiry(organization, now);
  const account = await db.transaction(async (tx) => {
    const created = await insertAccount(tx, {
      organizationId: organization.id,
      kind: 'member',
      login: await freeLogin(tx, { organizationId: organization.id, ...person }),
      displayName: `${person.firstName} ${person.lastName}`,
      passwordHash,
      mustChangePassword: true,
      passwordExpiresAt: expiresAt,
      personId: person.id,
      activationEmail: contact.email,
      phone: contact.phone,
    });
    await insertIdentityVerification(tx, {
      organizationId: organization.id,
      personId: person.id,
      accountId: created.id,
      method: verification.method,
      purpose: 'activation',
      documentType: verification.documentType,
      verifiedBy,
      verifiedAt: now,
      formSignedAt: verification.method === 'desk' && verification.formSigned ? now : null,
      termsVersion: verification.termsVersion,
    });
    await recordAudit(tx, {
      ...actor,
      action: 'account.activated',
      subjectType: 'account',
      subjectId: created.id,
      detail: {
        personId: person.id,
        method: verification.method,
        documentType: verification.documentType,
        login: created.login,
      },
      at: now,
    });
    return created;
  });
  return { account, temporaryPassword, expiresAt };
}
