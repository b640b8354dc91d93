/**
 * The ledger's door for the letters' debtors audience: the holders whose own debt (per holder
 * period, as the debtors list counts it: a former holder's debt stays theirs, a new holder starts
 * from zero) exceeds the threshold on a day, with the unit each debt is on.
 */
import type { Db } from '../../db/client.ts';
import { findOrganizationById } from '../organizations/queries.ts';
import { listDebtorsByHolder } from './debt.ts';
import { ledgerSettingsOf } from './settings.ts';

export interface DebtorHolder {
  personId: number;
  unitId: number;
  /** `Nowak Anna`, as the debtors list names holders. */
  name: string;
}

/** (person, unit) pairs of holder periods in debt above `threshold` on `asOf`, by name, person and unit. */
export async function listDebtorHolders(
  db: Db,
  { organizationId, asOf, threshold }: { organizationId: number; asOf: string; threshold: number },
): Promise<DebtorHolder[]> {
  const organization = await findOrganizationById(db, { organizationId });
  if (!organization) return [];
  const rows = await listDebtorsByHolder(db, {
    organizationId,
    asOf,
    threshold,
    settings: ledgerSettingsOf(organization),
  });
  const seen = new Set<string>();
  const pairs: DebtorHolder[] = [];
  for (const row of rows) {
    row.holder.segment.personIds.forEach((personId, i) => {
      const key = `${personId}:${row.unitId}`;
      if (seen.has(key)) return;
      seen.add(key);
      pairs.push({ personId, unitId: row.unitId, name: row.holder.segment.names[i] ?? '' });
    });
  }
  const collator = new Intl.Collator('pl');
  return pairs.sort((a, b) => collator.compare(a.name, b.name) || a.personId - b.personId || a.unitId - b.unitId);
}
