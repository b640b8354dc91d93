import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { isValidNrb, normalizeNrb } from '../../lib/nrb.ts';
import { findOrganizationBySlug, insertOrganization, type Organization } from './queries.ts';

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : null));

export const organizationInput = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'identyfikator: 2–40 znaków, małe litery, cyfry i myślniki'),
  name: z.string().trim().min(3, 'nazwa jest za krótka').max(200),
  shortName: z.string().trim().min(2, 'nazwa skrócona jest za krótka').max(60),
  street: z.string().trim().min(3, 'podaj ulicę i numer').max(200),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{2}-\d{3}$/, 'kod pocztowy w formacie 00-000'),
  city: z.string().trim().min(2, 'podaj miejscowość').max(100),
  phone: optionalText,
  fax: optionalText,
  email: z
    .email('nieprawidłowy adres e-mail')
    .optional()
    .transform((v) => v ?? null),
  bankAccount: z
    .string()
    .optional()
    .refine((v) => !v || isValidNrb(v), 'nieprawidłowy numer rachunku (NRB)')
    .transform((v) => (v ? normalizeNrb(v) : null)),
  hostname: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+$/, 'nieprawidłowa nazwa hosta')
    .optional()
    .transform((v) => v ?? null),
});

export type OrganizationInput = z.input<typeof organizationInput>;

/** Creates an organization (tenant); the slug must be free. */
export async function createOrganization({ db, input }: { db: Db; input: OrganizationInput }): Promise<Organization> {
  const values = organizationInput.parse(input);
  if (await findOrganizationBySlug(db, values.slug)) {
    throw new AppError('conflict', `Spółdzielnia o identyfikatorze „${values.slug}” już istnieje.`);
  }
  return insertOrganization(db, values);
}
