/**
 * How the cooperative checked who a person is before opening their account or handing over a new
 * starting password at the desk: the kind of document only, never its number.
 */
import type { Db } from '../../db/client.ts';
import { identityVerifications } from './schema.ts';

export const documentTypes = ['dowód osobisty', 'paszport', 'karta pobytu', 'inny dokument tożsamości'] as const;
export type DocumentType = (typeof documentTypes)[number];

export function isDocumentType(value: string): value is DocumentType {
  return documentTypes.some((type) => type === value);
}

export async function insertIdentityVerification(
  db: Db,
  values: {
    organizationId: number;
    personId: number;
    accountId: number;
    method: 'desk' | 'remote';
    purpose: 'activation' | 'password_reset';
    documentType: DocumentType;
    verifiedBy: number;
    verifiedAt: Date;
    formSignedAt?: Date | null;
    termsVersion?: number | null;
  },
): Promise<void> {
  await db.insert(identityVerifications).values(values);
}
