/**
 * The member's yearly statements as documents of their e-BOK documents page: one per unit and
 * calendar year of the member's own right to it (a year's statement is issued when it ends).
 */

import type { DocumentSource, IssuedDocument } from '../member-documents/document-source.ts';
import { listPersonUnitRights } from '../units/holder-periods.ts';
import { listPersonCertificates } from './certificate-queries.ts';

export const statementDocuments: DocumentSource = {
  key: 'statements',
  async list(db, { organizationId, personId, today }) {
    const rights = await listPersonUnitRights(db, { organizationId, personId, today });
    const thisYear = Number(today.slice(0, 4));
    const documents: IssuedDocument[] = [];
    for (const right of rights) {
      const firstYear = Number(right.from.slice(0, 4));
      // valid_to is exclusive: a right ending on 1 January held nothing of that year.
      const lastDay = right.to
        ? new Date(Date.parse(`${right.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
        : today;
      const lastYear = Math.min(Number(lastDay.slice(0, 4)), thisYear - 1);
      for (let year = Math.max(firstYear, thisYear - 20); year <= lastYear; year++) {
        const from = year === firstYear ? right.from : `${year}-01-01`;
        const to = lastDay < `${year}-12-31` ? lastDay : `${year}-12-31`;
        documents.push({
          key: `statement:${right.unitId}:${from}`,
          kind: 'Zestawienie',
          title: `Zestawienie rozliczeń za ${year} r.`,
          issuedAt: new Date(Date.parse(`${to}T23:00:00Z`)),
          unitLabel: right.label,
          href: `/ebok/finanse/${right.unitId}/zestawienie.pdf?od=${from}&do=${to}`,
        });
      }
    }
    return documents;
  },
};

/** The member's issued certificates of no arrears, for the units they hold today. */
export const certificateDocuments: DocumentSource = {
  key: 'certificates',
  async list(db, { organizationId, personId, today }) {
    const rights = await listPersonUnitRights(db, { organizationId, personId, today });
    const held = new Map<number, string>();
    for (const right of rights) if (right.to === null || right.to > today) held.set(right.unitId, right.label);
    const documents: IssuedDocument[] = [];
    for (const [unitId, label] of held) {
      for (const certificate of await listPersonCertificates(db, { organizationId, unitId, personId })) {
        if (certificate.status !== 'issued' || !certificate.issuedOn) continue;
        documents.push({
          key: `certificate:${certificate.id}`,
          kind: 'Zaświadczenie',
          title: `Zaświadczenie o niezaleganiu w opłatach nr ${certificate.number ?? certificate.id}`,
          issuedAt: new Date(Date.parse(`${certificate.issuedOn}T12:00:00Z`)),
          unitLabel: label,
          href: `/ebok/finanse/${unitId}/zaswiadczenie/${certificate.id}.pdf`,
        });
      }
    }
    return documents;
  },
};
