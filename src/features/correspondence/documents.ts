/** The member's letters as documents of their e-BOK documents page. */
import type { DocumentSource } from '../member-documents/document-source.ts';
import { listInbox } from './deliveries.ts';

export const letterDocuments: DocumentSource = {
  key: 'letters',
  async list(db, { organizationId, personId, now }) {
    const rows = await listInbox(db, { organizationId, personId });
    return rows
      .filter((r): r is typeof r & { sentAt: Date } => r.sentAt !== null && r.sentAt <= now)
      .map((r) => ({
        key: `letter:${r.delivery.letterId}`,
        kind: 'List',
        title: r.subject,
        issuedAt: r.sentAt,
        href: `/ebok/korespondencja/${r.delivery.letterId}`,
      }));
  },
};
