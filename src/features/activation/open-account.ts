import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type FieldError, ValidationError } from '../../errors.ts';
import { fieldErrorsFromZod } from '../../lib/field-errors.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { isDocumentType } from '../accounts/identity.ts';
import { createMemberAccount, type OpenedAccount } from '../accounts/member-accounts.ts';
import { findMemberAccountOfPerson } from '../accounts/queries.ts';
import type { Actor } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { findRegisterPerson, holdsRightOn } from '../units/person-lookup.ts';

export type { OpenedAccount } from '../accounts/member-accounts.ts';

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

/**
 * Opens a member's e-BOK account after the cooperative verified their identity: only for a person
 * holding a right to a unit today, one account per person. Accounts generates the login and a
 * single-use starting password that expires, and records how the identity was checked. Audited.
 */
export async function openMemberAccount(
  db: Db,
  {
    organization,
    personId,
    contact,
    verification,
    actor,
    now,
  }: {
    organization: Organization;
    personId: number;
    contact: { email: string; phone: string };
    verification: { method: 'desk' | 'remote'; documentType: string; formSigned: boolean; termsVersion: number | null };
    /** The staff member who checked the identity. */
    actor: Actor;
    now: Date;
  },
): Promise<OpenedAccount> {
  // Every mistake of the form at once: the clerk corrects the contact data, the document and the
  // signature in one go.
  const parsedContact = contactSchema.safeParse(contact);
  const errors: FieldError[] = parsedContact.success ? [] : fieldErrorsFromZod(parsedContact.error);
  const { documentType } = verification;
  if (!isDocumentType(documentType)) {
    errors.push({ field: 'dokument', message: 'Wybierz dokument, na podstawie którego sprawdzono tożsamość.' });
  }
  if (verification.method === 'desk' && !verification.formSigned) {
    errors.push({ field: 'podpisany', message: 'Potwierdź, że osoba podpisała formularz aktywacyjny.' });
  }
  if (!parsedContact.success || !isDocumentType(documentType) || errors.length > 0) throw new ValidationError(errors);
  const organizationId = organization.id;
  const person = await findRegisterPerson(db, { organizationId, personId });
  if (!person) throw new ValidationError([{ field: 'osoba', message: 'Nie ma takiej osoby w rejestrze.' }]);
  if (!(await holdsRightOn(db, { organizationId, personId, asOf: warsawDate(now) }))) {
    throw new ValidationError([
      { field: 'osoba', message: 'Ta osoba nie ma obecnie prawa do lokalu: konto e-BOK nie może zostać założone.' },
    ]);
  }
  const existing = await findMemberAccountOfPerson(db, { organizationId, personId });
  if (existing) {
    throw new ValidationError([
      {
        field: 'osoba',
        message: `Ta osoba ma już konto e-BOK (login ${existing.login}). Jeśli nie pamięta hasła, wygeneruj nowe hasło.`,
      },
    ]);
  }
  return createMemberAccount(db, {
    organization,
    person,
    contact: parsedContact.data,
    verification: { ...verification, documentType },
    actor,
    now,
  });
}
