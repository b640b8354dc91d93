/**
 * Certificates of no arrears (zaświadczenie o niezaleganiu w opłatach). A member asks in e-BOK:
 * with nothing overdue on that day it is issued at once (a number of the year and a verification
 * code anyone can check at a public address); otherwise the request waits in the accountant's
 * queue, who issues it once nothing is overdue or declines it with a reason. Staff may issue one
 * at the desk for the current holders. Each change and its audit row in one transaction.
 */
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { formatMoney } from '../../lib/format.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { findCertificate, insertCertificateRequest, markDeclined, markIssued } from './certificate-queries.ts';
import { holderDebts, unitDebt } from './debt.ts';
import type { MemberLedgerUnit } from './member.ts';
import type { LedgerSettings } from './settings.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `K7QD-2MXA-9PLE`: 12 characters without look-alikes (0/O, 1/I), 60 bits. */
export function verificationCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** A typed code read leniently: case, spaces and missing dashes do not matter. */
export function normalizeCode(text: string): string | undefined {
  const plain = text.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{12}$/.test(plain)) return undefined;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

async function audit(tx: Db, actor: Actor, action: string, unitId: number, detail: Record<string, unknown>) {
  await recordAudit(tx, { ...actor, action, subjectType: 'unit', subjectId: unitId, detail });
}

/** The member asks; issued at once when nothing of their window is overdue today. */
export async function requestCertificate(
  db: Db,
  {
    actor,
    unit,
    personId,
    holderName,
    today,
    settings,
  }: {
    actor: Actor;
    unit: MemberLedgerUnit;
    personId: number;
    holderName: string;
    today: string;
    settings: LedgerSettings;
  },
): Promise<{ id: number; issued: boolean }> {
  if (!unit.current) throw new AppError('not_found', 'a former holder gets no certificate');
  const organizationId = actor.organizationId;
  const debt = await unitDebt(db, {
    organizationId,
    unitId: unit.unitId,
    from: unit.window.from,
    asOf: today,
    settings,
  });
  return db.transaction(async (tx) => {
    const id = await insertCertificateRequest(tx, {
      organizationId,
      unitId: unit.unitId,
      personId,
      holderName,
      asOf: today,
    });
    await audit(tx, actor, 'ledger.certificate_requested', unit.unitId, { certificateId: id, overdue: debt.overdue });
    if (debt.overdue > 0) return { id, issued: false };
    const number = await markIssued(tx, { organizationId, id, issuedOn: today, code: verificationCode() });
    await audit(tx, actor, 'ledger.certificate_issued', unit.unitId, { certificateId: id, number });
    return { id, issued: true };
  });
}

async function currentHolders(
  db: Db,
  query: { organizationId: number; unitId: number; today: string; settings: LedgerSettings },
) {
  const periods = await holderDebts(db, { ...query, asOf: query.today, startDate: query.settings.startDate });
  const current = periods.at(-1);
  if (!current?.segment.current || current.segment.names.length === 0) return undefined;
  return current;
}

const stillOverdue = (field: string, overdue: number) =>
  new ValidationError([
    { field, message: `Lokal ma zaległość po terminie ${formatMoney(overdue)}: zaświadczenia nie można wydać.` },
  ]);

/** Staff issue one at the desk for the current holders; refused while anything is overdue. */
export async function issueAtDesk(
  db: Db,
  { actor, unitId, today, settings }: { actor: Actor; unitId: number; today: string; settings: LedgerSettings },
): Promise<number> {
  const organizationId = actor.organizationId;
  const current = await currentHolders(db, { organizationId, unitId, today, settings });
  if (!current) throw new ValidationError([{ field: 'zaswiadczenie', message: 'Lokal nie ma dziś posiadacza.' }]);
  if (current.debt.overdue > 0) throw stillOverdue('zaswiadczenie', current.debt.overdue);
  return db.transaction(async (tx) => {
    const id = await insertCertificateRequest(tx, {
      organizationId,
      unitId,
      personId: current.segment.personIds.length === 1 ? (current.segment.personIds[0] ?? null) : null,
      holderName: current.segment.names.join(', '),
      asOf: today,
    });
    const number = await markIssued(tx, { organizationId, id, issuedOn: today, code: verificationCode() });
    await audit(tx, actor, 'ledger.certificate_issued', unitId, { certificateId: id, number, desk: true });
    return id;
  });
}

/** The accountant decides a waiting request: issue (nothing overdue now) or decline with a reason. */
export async function decideCertificate(
  db: Db,
  {
    actor,
    id,
    issue,
    reason,
    today,
    settings,
  }: { actor: Actor; id: number; issue: boolean; reason: string; today: string; settings: LedgerSettings },
): Promise<void> {
  const organizationId = actor.organizationId;
  const certificate = await findCertificate(db, { organizationId, id });
  if (!certificate) throw new AppError('not_found', 'no such certificate');
  if (certificate.status !== 'requested') {
    throw new ValidationError([{ field: 'decyzja', message: 'Ten wniosek jest już rozpatrzony.' }]);
  }
  if (issue) {
    const current = await currentHolders(db, { organizationId, unitId: certificate.unitId, today, settings });
    if (!current) throw new ValidationError([{ field: 'decyzja', message: 'Lokal nie ma dziś posiadacza.' }]);
    if (current.debt.overdue > 0) throw stillOverdue('decyzja', current.debt.overdue);
    await db.transaction(async (tx) => {
      const number = await markIssued(tx, { organizationId, id, issuedOn: today, code: verificationCode() });
      await audit(tx, actor, 'ledger.certificate_issued', certificate.unitId, { certificateId: id, number });
    });
    return;
  }
  if (reason.trim() === '') {
    throw new ValidationError([{ field: 'powod', message: 'Podaj powód odmowy: zobaczy go wnioskujący.' }]);
  }
  await db.transaction(async (tx) => {
    if (!(await markDeclined(tx, { organizationId, id, reason: reason.trim().slice(0, 500) }))) {
      throw new ValidationError([{ field: 'decyzja', message: 'Ten wniosek jest już rozpatrzony.' }]);
    }
    await audit(tx, actor, 'ledger.certificate_declined', certificate.unitId, { certificateId: id });
  });
}
