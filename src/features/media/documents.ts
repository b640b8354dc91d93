/**
 * The member's media settlements (water computed here, heating imported) as documents of their
 * e-BOK documents page: posted runs with a line of a unit they hold, from the day their right
 * began (earlier lines belong to earlier holders).
 */

import { formatCalendarDate } from '../../lib/format.ts';
import type { DocumentSource, IssuedDocument } from '../member-documents/document-source.ts';
import { settlementMediumLabels } from './labels.ts';
import { memberUnits } from './member-units.ts';
import { listPostedRunsOfUnit } from './queries.ts';
import type { SettlementReport } from './settlement.ts';

export const settlementDocuments: DocumentSource = {
  key: 'media-settlements',
  async list(db, { organizationId, personId, today }) {
    const documents: IssuedDocument[] = [];
    for (const unit of await memberUnits(db, { organizationId, personId, today })) {
      for (const run of await listPostedRunsOfUnit(db, { organizationId, unitId: unit.unitId })) {
        const report = run.report as SettlementReport;
        if (!report.lines.some((line) => line.unitId === unit.unitId && line.to >= unit.heldSince)) continue;
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
