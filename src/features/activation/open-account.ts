import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type FieldError, ValidationError } from '../../errors.ts';
import { fieldErrorsFromZod } from '../../lib/field-errors.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { type Account, findAccountByLogin, insertAccount } from '../accounts/queries.ts';
import { accounts } from '../accounts/schema.ts';
import { newTemporaryPassword, temporaryPasswordExpiry } from '../accounts/temporary-password.ts';
import { type RequestOrigin, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { personHoldsCurrentRight } from '../units/member.ts';
import type { Person } from '../units/queries.ts';
import { persons } from '../units/schema.ts';
import { loginCandidates } from './login.ts';
import { identityVerifications } from './schema.ts';

export const documentTypes = ['dowód osobisty', 'paszport', 'karta pobytu', 'inny dokument tożsamości'] as const;

export function isDocumentType(value: string): boolean {
  return (documentTypes as readonly string[]).includes(value);
}

const contactSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .refine(
      (v) => v === '' || z.email().safeParse(v).success,
      'Nieprawidłowy adres e-mail, np. jan.kowalski@example.pl.',
    )
    .transform((v) => v.toLowerCase() || null),
  phone: z
    .string()
    .trim()
    .max(30)
    .refine((v) => v === '' || /^[+\d][\d\s-]{6,}$/.test(v), 'Nieprawidłowy numer telefonu.')
    .transform((v) => v || null),
});

export async function findPerson(db: Db, organizationId: number, personId: number): Promise<Person | undefined> {
  const rows = await db
    .select()
    .from(persons)
    .where(and(eq(persons.organizationId, organizationId), eq(persons.id, personId)))
    .limit(1);
  return rows[0];
}

export async function findMemberAccountOfPerson(db: Db, organizationId: number, personId: number) {
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(eq(accounts.organizationId, organizationId), eq(accounts.personId, personId), eq(accounts.kind, 'member')),
    )
    .limit(1);
  return rows[0];
}

async function freeLogin(db: Db, organizationId: number, person: Person): Promise<string> {
  for (const candidate of loginCandidates(person.firstName, person.lastName)) {
    if (!(await findAccountByLogin(db, organizationId, candidate))) return candidate;
  }
  throw new Error('unreachable');
}

export interface OpenedAccount {
  account: Account;
  temporaryPassword: string;
}

/**
 * Opens a member's e-BOK account after the cooperative verified their identity: only for a person
 * holding a right to a unit today, one account per person. Generates the login and a single-use
 * starting password that expires; records how the identity was checked. Audited.
 */
export async function openMemberAccount({
  db,
  organization,
  personId,
  contact,
  verification,
  actor,
  origin,
  now,
}: {
  db: Db;
  organization: Organization;
  personId: number;
  contact: { email: string; phone: string };
  verification: { method: 'desk' | 'remote'; documentType: string; formSigned: boolean; termsVersion: number | null };
  actor: Account;
  origin: RequestOrigin;
  now: Date;
}): Promise<OpenedAccount> {
  // Every mistake of the form at once: the clerk corrects the contact data, the document and the
  // signature in one go.
  const parsedContact = contactSchema.safeParse(contact);
  const errors: FieldError[] = parsedContact.success ? [] : fieldErrorsFromZod(parsedContact.error);
  if (!isDocumentType(verification.documentType)) {
    errors.push({ field: 'dokument', message: 'Wybierz dokument, na podstawie którego sprawdzono tożsamość.' });
  }
  if (verification.method === 'desk' && !verification.formSigned) {
    errors.push({ field: 'podpisany', message: 'Potwierdź, że osoba podpisała formularz aktywacyjny.' });
  }
  if (!parsedContact.success || errors.length > 0) throw new ValidationError(errors);
  const { email, phone } = parsedContact.data;
  const person = await findPerson(db, organization.id, personId);
  if (!person) throw new ValidationError([{ field: 'osoba', message: 'Nie ma takiej osoby w rejestrze.' }]);
  if (!(await personHoldsCurrentRight(db, { organizationId: organization.id, personId, asOf: warsawDate(now) }))) {
    throw new ValidationError([
      { field: 'osoba', message: 'Ta osoba nie ma obecnie prawa do lokalu: konto e-BOK nie może zostać założone.' },
    ]);
  }
  const existing = await findMemberAccountOfPerson(db, organization.id, personId);
  if (existing) {
    throw new ValidationError([
      {
        field: 'osoba',
        message: `Ta osoba ma już konto e-BOK (login ${existing.login}). Jeśli nie pamięta hasła, wygeneruj nowe hasło.`,
      },
    ]);
  }
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const account = await db.transaction(async (tx) => {
    const created = await insertAccount(tx, {
      organizationId: organization.id,
      kind: 'member',
      login: await freeLogin(tx, organization.id, person),
      displayName: `${person.firstName} ${person.lastName}`,
      passwordHash,
      mustChangePassword: true,
      passwordExpiresAt: temporaryPasswordExpiry(organization, now),
      personId,
      activationEmail: email,
      phone,
    });
    await tx.insert(identityVerifications).values({
      organizationId: organization.id,
      personId,
      accountId: created.id,
      method: verification.method,
      purpose: 'activation',
      documentType: verification.documentType,
      verifiedBy: actor.id,
      verifiedAt: now,
      formSignedAt: verification.method === 'desk' ? now : null,
      termsVersion: verification.termsVersion,
    });
    await recordAudit(tx, {
      organizationId: organization.id,
      actorAccountId: actor.id,
      action: 'account.activated',
      subjectType: 'account',
      subjectId: created.id,
      origin,
      detail: { personId, method: verification.method, documentType: verification.documentType, login: created.login },
      at: now,
    });
    return created;
  });
  return { account, temporaryPassword };
}
