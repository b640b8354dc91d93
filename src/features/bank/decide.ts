/**
 * The accountant's decisions on the statement entries that wait (the queue in /panel/finanse):
 * assign a credit to a unit or split it across units (payments in the ledger), mark it returned
 * to the payer or as not a member's payment (bank interest), book a debit (a refund paid out) to
 * a unit as a correction. Each decision and its ledger entries are one transaction with its
 * audit row; an entry already decided is refused.
 */
import type { Db } from '../../db/client.ts';
import { AppError, throwIfFieldErrors, ValidationError } from '../../errors.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { bookBankPayments, bookBankRefund, type OpenCharge, openCharges } from '../ledger/bank-payments.ts';
import { recordIndication } from '../ledger/debt-actions.ts';
import type { Organization } from '../organizations/queries.ts';
import { listUnitLabels, type UnitLabel } from '../units/unit-facts.ts';
import { findEntry, recordDecision, type StoredEntry } from './queries.ts';
import { buildReferenceIndex, fold, referencedUnits } from './rules/match.ts';
import { chargesByUnit, type OpenChargeUnits, splitProblems } from './rules/split.ts';

const OPEN_CREDIT = new Set(['unmatched', 'ambiguous', 'conflict']);

/** The units a text names: its code (external key), its label (`ul. Różana 1/2`) or its number. */
async function unitsNamed(db: Db, { organizationId, text }: { organizationId: number; text: string }) {
  const wanted = fold(text.trim()).replace(/\s+/g, ' ');
  const units = await listUnitLabels(db, { organizationId });
  const found = units.filter(
    (u) =>
      (u.externalKey !== null && fold(u.externalKey) === wanted) ||
      fold(u.label).replace(/\s+/g, ' ') === wanted ||
      String(u.unitId) === wanted.replace(/^#/, ''),
  );
  if (found.length === 0) {
    // `Różana 1/2`, or the transfer title Osiedle prints (`Opłaty lokal Różana 1/2`).
    const named = referencedUnits(text, buildReferenceIndex(units));
    const unit = named.length === 1 ? units.find((u) => u.unitId === named[0]) : undefined;
    if (unit) return [unit];
  }
  return found;
}

/** The one unit a text names, or undefined. */
export async function findUnit(
  db: Db,
  { organizationId, text }: { organizationId: number; text: string },
): Promise<UnitLabel | undefined> {
  const found = await unitsNamed(db, { organizationId, text });
  return found.length === 1 ? found[0] : undefined;
}

/** A unit as the accountant typed it: its code (external key) or its label (`ul. Różana 1/2`). */
export async function resolveUnit(
  db: Db,
  { organizationId, text, field }: { organizationId: number; text: string; field: string },
): Promise<UnitLabel> {
  const found = await unitsNamed(db, { organizationId, text });
  if (found.length === 1 && found[0]) return found[0];
  throw new ValidationError([
    {
      field,
      message:
        found.length === 0
          ? `Nie ma lokalu „${text.trim()}”: wpisz kod lokalu albo adres (np. „ul. Różana 1/2” lub „Różana 1/2”).`
          : `„${text.trim()}” pasuje do kilku lokali: wpisz kod lokalu.`,
    },
  ]);
}

async function openEntry(tx: Db, organizationId: number, entryId: number): Promise<StoredEntry> {
  const entry = await findEntry(tx, { organizationId, entryId, forUpdate: true });
  if (!entry) throw new AppError('not_found', 'no such bank entry');
  return entry;
}

function refuseDecided(entry: StoredEntry, allowed: Set<string>): void {
  if (!allowed.has(entry.status)) {
    throw new ValidationError([{ field: 'decyzja', message: 'Ta operacja została już rozstrzygnięta.' }]);
  }
}

export interface AssignPart {
  unitId: number;
  amount: number;
  /** How the accountant named the unit (for messages). */
  label?: string;
}

/** Each chosen unit's open charges, and which unit each charge is of. */
async function chargesOf(
  tx: Db,
  { organization, parts, asOf }: { organization: Organization; parts: AssignPart[]; asOf: string },
): Promise<{ byUnit: Map<number, OpenCharge[]>; units: OpenChargeUnits }> {
  const byUnit = await openCharges(tx, { organization, unitIds: parts.map((p) => p.unitId), asOf });
  const units: OpenChargeUnits = new Map();
  for (const [unitId, charges] of byUnit) for (const c of charges) units.set(c.entryId, unitId);
  return { byUnit, units };
}

const splitParts = (parts: AssignPart[]) =>
  parts.map((p) => ({ unitId: p.unitId, amount: p.amount, label: p.label ?? `#${p.unitId}` }));

/**
 * The open charges of the units a waiting credit is to be split across, for the accountant to
 * point parts at (the split is checked first: its problems are said at the fields).
 */
export async function chargesForSplit(
  db: Db,
  {
    organization,
    entryId,
    parts,
    asOf,
  }: { organization: Organization; entryId: number; parts: AssignPart[]; asOf: string },
): Promise<Map<number, OpenCharge[]>> {
  const entry = await openEntry(db, organization.id, entryId);
  refuseDecided(entry, OPEN_CREDIT);
  const { byUnit } = await chargesOf(db, { organization, parts, asOf });
  throwIfFieldErrors(splitProblems(entry.amount, splitParts(parts), [], new Map()));
  return byUnit;
}

/**
 * Books a waiting credit as payments of one unit or several (the parts must add up to the
 * credit, each unit once) and records the payer's indication of the open charges each unit's
 * payment is for, through the ledger's door (art. 451 § 1 KC).
 */
export async function assignCredit(
  db: Db,
  {
    actor,
    organization,
    entryId,
    parts,
    chargeIds = [],
    asOf,
  }: {
    actor: Actor;
    organization: Organization;
    entryId: number;
    parts: AssignPart[];
    /** Open charges of the chosen units the payer pointed the money at. */
    chargeIds?: number[];
    /** The day the charges are open on (today). */
    asOf: string;
  },
): Promise<void> {
  const organizationId = actor.organizationId;
  await db.transaction(async (tx) => {
    const entry = await openEntry(tx, organizationId, entryId);
    refuseDecided(entry, OPEN_CREDIT);
    const open = chargeIds.length > 0 ? (await chargesOf(tx, { organization, parts, asOf })).units : new Map();
    throwIfFieldErrors(splitProblems(entry.amount, splitParts(parts), chargeIds, open));
    const ids = await bookBankPayments(tx, {
      organizationId,
      payments: parts.map((p, i) => ({
        unitId: p.unitId,
        date: entry.bookingDate,
        amount: p.amount,
        description: entry.title,
        sourceRef: `bank-entry:${entry.id}:${i + 1}`,
      })),
    });
    const indicated = chargesByUnit(chargeIds, open);
    for (const [i, part] of parts.entries()) {
      const paymentId = ids.get(`bank-entry:${entry.id}:${i + 1}`);
      for (const debtId of indicated.get(part.unitId) ?? []) {
        if (paymentId === undefined) throw new Error('the split payment was not booked');
        await recordIndication(tx, { actor, unitId: part.unitId, paymentId, debtId });
      }
    }
    const first = parts[0];
    await recordDecision(tx, {
      organizationId,
      entryId,
      status: 'assigned',
      unitId: first?.unitId ?? null,
      ledgerEntryId: ids.get(`bank-entry:${entry.id}:1`) ?? null,
      note: [
        parts.length > 1 ? `Podzielono na ${parts.length} lokale.` : '',
        indicated.size > 0 ? `Wskazane należności: ${[...indicated.values()].flat().length}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
      decidedBy: actor.actorLabel ?? '',
    });
    await recordAudit(tx, {
      ...actor,
      action: 'bank.assign',
      subjectType: 'bank_entry',
      subjectId: entryId,
      detail: {
        amount: entry.amount,
        parts: parts.map((p) => ({
          unitId: p.unitId,
          amount: p.amount,
          ...(indicated.has(p.unitId) ? { charges: indicated.get(p.unitId) } : {}),
        })),
        previous: entry.status,
      },
    });
  });
}

export type Dismissal = 'returned' | 'not_member';

/** Marks a waiting entry as returned to the payer or as not a member's payment, with the reason. */
export async function dismissEntry(
  db: Db,
  { actor, entryId, decision, note }: { actor: Actor; entryId: number; decision: Dismissal; note: string },
): Promise<void> {
  const organizationId = actor.organizationId;
  await db.transaction(async (tx) => {
    const entry = await openEntry(tx, organizationId, entryId);
    refuseDecided(entry, new Set([...OPEN_CREDIT, 'debit']));
    if (decision === 'returned' && entry.amount < 0) {
      throw new ValidationError([{ field: 'decyzja', message: 'Zwrócić można tylko wpłatę (uznanie rachunku).' }]);
    }
    await recordDecision(tx, {
      organizationId,
      entryId,
      status: decision,
      unitId: null,
      ledgerEntryId: null,
      note,
      decidedBy: actor.actorLabel ?? '',
    });
    await recordAudit(tx, {
      ...actor,
      action: decision === 'returned' ? 'bank.return' : 'bank.not_member',
      subjectType: 'bank_entry',
      subjectId: entryId,
      detail: { amount: entry.amount, note, previous: entry.status },
    });
  });
}

/** Books a debit (money paid out to a unit's holder, e.g. a refunded overpayment) to the unit as a correction. */
export async function bookDebit(
  db: Db,
  { actor, entryId, unitId, note }: { actor: Actor; entryId: number; unitId: number; note: string },
): Promise<void> {
  const organizationId = actor.organizationId;
  await db.transaction(async (tx) => {
    const entry = await openEntry(tx, organizationId, entryId);
    refuseDecided(entry, new Set(['debit']));
    const ledgerEntryId = await bookBankRefund(tx, {
      organizationId,
      unitId,
      date: entry.bookingDate,
      amount: -entry.amount,
      description: `Zwrot z rachunku: ${note || entry.title}`,
      sourceRef: `bank-entry:${entry.id}:refund`,
    });
    await recordDecision(tx, {
      organizationId,
      entryId,
      status: 'corrected',
      unitId,
      ledgerEntryId: ledgerEntryId ?? null,
      note,
      decidedBy: actor.actorLabel ?? '',
    });
    await recordAudit(tx, {
      ...actor,
      action: 'bank.book_debit',
      subjectType: 'bank_entry',
      subjectId: entryId,
      detail: { amount: entry.amount, unitId, note },
    });
  });
}
