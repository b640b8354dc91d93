/**
 * Members who asked for a certificate of no arrears, through the ledger's own door: the ledger
 * decides as it does for anyone, so mieszkaniec1 and mieszkaniec3 (who pay on time) get theirs at
 * once while mieszkaniec2's request and a chronic debtor's wait in the accountant's queue; the
 * desk issued one more for a holder who pays on time.
 */
import type { Db } from '../db/client.ts';
import { ValidationError } from '../errors.ts';
import { systemActor } from '../features/audit/audit.ts';
import { issueAtDesk, requestCertificate } from '../features/ledger/certificates.ts';
import { holderDebts } from '../features/ledger/debt.ts';
import { getMemberLedgerUnit } from '../features/ledger/member.ts';
import { ledgerSettingsOf } from '../features/ledger/settings.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { listUnitBases } from '../features/units/unit-facts.ts';
import { demoMemberUnits } from './demo-ledger.ts';
import { paymentHabit } from './demo-ledger-plan.ts';
import { demoMemberPersons } from './demo-members.ts';

async function ask(
  db: Db,
  {
    organization,
    personId,
    holderName,
    unitId,
    today,
  }: { organization: Organization; personId: number; holderName: string; unitId: number; today: string },
): Promise<void> {
  const settings = ledgerSettingsOf(organization);
  const actor = systemActor(organization.id, 'demo');
  const unit = await getMemberLedgerUnit(db, {
    organizationId: organization.id,
    personId,
    unitId,
    today,
    startDate: settings.startDate,
  });
  if (!unit) return;
  await requestCertificate(db, { actor, unit, personId, holderName, today, settings });
}

export async function loadCertificatesDemo(
  db: Db,
  { organization, today }: { organization: Organization; today: string },
): Promise<void> {
  const organizationId = organization.id;
  const settings = ledgerSettingsOf(organization);
  const members = await demoMemberPersons(db, { organizationId });
  const memberUnits = await demoMemberUnits(db, { organizationId, today });
  for (const login of ['mieszkaniec1', 'mieszkaniec2', 'mieszkaniec3'] as const) {
    const person = members[login];
    const unitId = memberUnits[login][0];
    if (unitId === undefined) continue;
    await ask(db, {
      organization,
      personId: person.id,
      holderName: `${person.firstName} ${person.lastName}`,
      unitId,
      today,
    });
  }
  const stories = {
    debtorUnit: memberUnits.mieszkaniec2[0],
    soldUnit: memberUnits.mieszkaniec3[0],
    punctualUnits: memberUnits.mieszkaniec1,
  };
  const ofMembers = new Set(Object.values(memberUnits).flat());
  const others = (await listUnitBases(db, { organizationId, day: today })).filter((u) => !ofMembers.has(u.unitId));
  // A chronic debtor asked too; the desk issued one for a holder who pays on time.
  const chronic = others.find((u) => paymentHabit(u.unitId, stories) === 'chronic');
  if (chronic) {
    const [current] = (
      await holderDebts(db, {
        organizationId,
        unitId: chronic.unitId,
        asOf: today,
        startDate: settings.startDate,
        settings,
      })
    ).slice(-1);
    const personId = current?.segment.current ? current.segment.personIds[0] : undefined;
    if (current && personId !== undefined) {
      await ask(db, {
        organization,
        personId,
        holderName: current.segment.names[0] ?? '',
        unitId: chronic.unitId,
        today,
      });
    }
  }
  const actor = systemActor(organizationId, 'demo');
  for (const unit of others.filter((u) => paymentHabit(u.unitId, stories) === 'punctual').slice(0, 3)) {
    try {
      await issueAtDesk(db, { actor, unitId: unit.unitId, today, settings });
      return;
    } catch (error) {
      // Something is overdue there after all (a late settlement payment): the ledger said no.
      if (!(error instanceof ValidationError)) throw error;
    }
  }
}
