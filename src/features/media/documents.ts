/**
 * The member's media settlements (water computed here, heating imported) as documents of their
 * e-BOK documents page: posted runs with a line of the days they held a unit, the units they
 * hold today and those they sold (their own part only; the other holder's lines are not theirs).
 */

import { formatCalendarDate } from '../../lib/format.ts';
import type { DocumentSource, IssuedDocument } from '../member-documents/document-source.ts';
import { settlementMediumLabels } from './labels.ts';
import { heldUnits, settlementParts } from './member-settlements.ts';

export const settlementDocuments: DocumentSource = {
  key: 'media-settlements',
  async list(db, { organizationId, personId, today }) {
    const documents: IssuedDocument[] = [];
    for (const unit of await heldUnits(db, { organizationId, personId, today })) {
      for (const { run } of await settlementParts(db, { organizationId, unit })) {
        documents.push({
          key: `media-settlement:${run.id}:${unit.unitId}`,
          kind: 'Rozliczenie',
          title: `Rozliczenie: ${settlementMediumLabels[run.medium]} za ${formatCalendarDate(run.periodFrom)}–${formatCalendarDate(run.periodTo)}`,
          issuedAt: run.postedAt ?? run.createdAt,
          unitLabel: unit.label,
          href: `/ebok/liczniki/${unit.unitId}/rozliczenie/${run.id}.pdf`,
        });
      }
    }
    return documents;
  },
};
