import { letterDocuments } from '../correspondence/documents.ts';
import { certificateDocuments, statementDocuments } from '../ledger/documents.ts';
import { settlementDocuments } from '../media/documents.ts';
import type { DocumentSource } from './document-source.ts';

/**
 * Every source of a member's documents. A feature that issues documents for a unit or its holder
 * (settlements, fee notices, reminders, certificates) exports a `DocumentSource` and adds it here.
 */
export const documentSources: readonly DocumentSource[] = [
  letterDocuments,
  statementDocuments,
  settlementDocuments,
  certificateDocuments,
];
