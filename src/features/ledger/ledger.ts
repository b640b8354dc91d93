/**
 * Booking in the ledger and reading balances. Every function takes the database (or a
 * transaction) first, then one object; changes take the actor (whose organization they change)
 * and write the entry and its audit row in one transaction. A rule broken at a field of the
 * staff's forms is a `ValidationError` at that field (`kwota`, `referencja`).
 */
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import type { Actor } from '../audit/audit.ts';
import { audited } from './audited.ts';
import { type Medium, mediumLabels } from './labels.ts';
import {
  type EntryKind,
  findEntry,
  insertEntries,
  insertMediaSettlement,
  isReversed,
  type NewEntry,
  sumRange,
} from './queries.ts';
import { settlementCost } from './rules/fees.ts';
import { addDays } from './rules/months.ts';

function manualRef(kind: string): string {
  return `${kind}:${crypto.randomUUID()}`;
}

const alreadyBooked = 'Ta pozycja została już zaksięgowana (powtórzony numer referencyjny).';

/** Books one entry; undefined when its source reference is already booked. */
async function bookOne(tx: Db, organizationId: number, entry: NewEntry): Promise<number | undefined> {
  const inserted = await insertEntries(tx, { organizationId, entries: [entry] });
  return inserted.get(entry.sourceRef);
}

export interface PaymentInput {
  unitId: number;
  /** Grosze, > 0: stored negative. */
  amount: number;
  valueDate: string;
  bookingDate: string;
  description: string;
  /** The bank's reference; a second booking with the same one is refused. */
  reference?: string | undefined;
}

/** Books a payment entered by staff. */
export async function bookPayment(db: Db, { actor, input }: { actor: Actor; input: PaymentInput }): Promise<number> {
  if (!(input.amount > 0)) {
    throw new ValidationError([{ field: 'kwota', message: 'Kwota wpłaty musi być większa od zera.' }]);
  }
  return audited(
    db,
    actor,
    { action: 'ledger.payment', unitId: input.unitId, detail: { amount: input.amount, valueDate: input.valueDate } },
    async (tx) => {
      const id = await bookOne(tx, actor.organizationId, {
        unitId: input.unitId,
        bookingDate: input.bookingDate,
        valueDate: input.valueDate,
        kind: 'payment',
        componentId: null,
        amount: -input.amount,
        description: input.description || 'Wpłata',
        dueDate: null,
        source: 'manual',
        sourceRef: input.reference ? `payment:${input.reference}` : manualRef('payment'),
        correctsEntryId: null,
      });
      if (id === undefined) {
        throw new ValidationError([
          { field: 'referencja', message: 'Wpłata o tym numerze referencyjnym jest już zaksięgowana.' },
        ]);
      }
      return id;
    },
  );
}

export interface ReceivableInput {
  unitId: number;
  amount: number;
  valueDate: string;
  bookingDate: string;
  dueDate: string;
  description: string;
}

/** Books a receivable from another title (a paid repair, a key copy, a fine). */
export async function bookOtherReceivable(
  db: Db,
  { actor, input }: { actor: Actor; input: ReceivableInput },
): Promise<number> {
  if (!(input.amount > 0)) {
    throw new ValidationError([{ field: 'kwota', message: 'Kwota należności musi być większa od zera.' }]);
  }
  return audited(
    db,
    actor,
    { action: 'ledger.receivable', unitId: input.unitId, detail: { amount: input.amount, valueDate: input.valueDate } },
    async (tx) => {
      const id = await bookOne(tx, actor.organizationId, {
        unitId: input.unitId,
        bookingDate: input.bookingDate,
        valueDate: input.valueDate,
        kind: 'other_receivable',
        componentId: null,
        amount: input.amount,
        description: input.description,
        dueDate: input.dueDate,
        source: 'manual',
        sourceRef: manualRef('receivable'),
        correctsEntryId: null,
      });
      if (id === undefined) throw new AppError('conflict', alreadyBooked);
      return id;
    },
  );
}

export interface CorrectionInput {
  entryId: number;
  /** The amount the entry should have had (signed as the original), or null to only reverse it. */
  newAmount: number | null;
  valueDate: string;
  bookingDate: string;
  reason: string;
}

/**
 * Corrects an entry: a reversing entry (−amount) and, unless it is only cancelled, a new entry
 * with the right amount, both linked to the original. An entry is reversed at most once; a
 * correction is not corrected (both refused at the `kwota` field).
 */
export async function bookCorrection(
  db: Db,
  { actor, input }: { actor: Actor; input: CorrectionInput },
): Promise<{ reversalId: number; replacementId: number | null }> {
  const organizationId = actor.organizationId;
  const refused = (message: string) => new ValidationError([{ field: 'kwota', message }]);
  const original = await findEntry(db, { organizationId, entryId: input.entryId });
  if (!original) throw new AppError('not_found', 'Nie ma takiej pozycji.');
  if (original.kind === 'correction') throw refused('Korekty nie koryguje się: popraw pozycję pierwotną.');
  return audited(
    db,
    actor,
    {
      action: 'ledger.correction',
      unitId: original.unitId,
      detail: { entryId: original.id, from: original.amount, to: input.newAmount },
    },
    async (tx) => {
      if (await isReversed(tx, { organizationId, entryId: original.id })) {
        throw refused('Ta pozycja została już skorygowana.');
      }
      const reversalId = await bookOne(tx, organizationId, {
        unitId: original.unitId,
        bookingDate: input.bookingDate,
        valueDate: input.valueDate,
        kind: 'correction',
        componentId: original.componentId,
        amount: -original.amount,
        description: `Korekta: ${input.reason}`,
        dueDate: null,
        source: 'manual',
        // Unique per original: a second reversal cannot happen even under a race.
        sourceRef: `reversal:${original.id}`,
        correctsEntryId: original.id,
      });
      if (reversalId === undefined) throw refused(alreadyBooked);
      let replacementId: number | null = null;
      if (input.newAmount !== null) {
        const id = await bookOne(tx, organizationId, {
          unitId: original.unitId,
          bookingDate: input.bookingDate,
          valueDate: input.valueDate,
          kind: original.kind,
          componentId: original.componentId,
          amount: input.newAmount,
          description: `${original.description} (po korekcie)`,
          dueDate: original.dueDate,
          source: 'manual',
          sourceRef: `replacement:${original.id}`,
          correctsEntryId: original.id,
        });
        if (id === undefined) throw refused(alreadyBooked);
        replacementId = id;
      }
      return { reversalId, replacementId };
    },
  );
}

/** A unit's balance on a day (staff: the whole history). */
export async function balanceAsOf(
  db: Db,
  { organizationId, unitId, asOf }: { organizationId: number; unitId: number; asOf: string },
): Promise<number> {
  return sumRange(db, { organizationId, unitId, to: asOf });
}

export interface MediaSettlementInput {
  unitId: number;
  medium: Medium;
  periodFrom: string;
  periodTo: string;
  consumptionThousandths: number;
  consumptionUnit: 'm3' | 'GJ';
  price: number;
  advances: number;
  bookingDate: string;
  dueDate: string;
  /** Unique per organization: a re-import of the same settlement is a no-op. */
  sourceRef: string;
}

/**
 * Posts a media settlement: the cost from consumption × price (rounded once), minus the advances
 * paid in the period, goes to the ledger as one entry (> 0 dopłata, < 0 zwrot), valued on the
 * day after the period. Returns undefined when the reference was already posted.
 */
export async function postMediaSettlement(
  db: Db,
  { actor, input }: { actor: Actor; input: MediaSettlementInput },
): Promise<number | undefined> {
  const organizationId = actor.organizationId;
  const cost = settlementCost(input.consumptionThousandths, input.price);
  const result = cost - input.advances;
  return audited(
    db,
    actor,
    { action: 'ledger.media_settlement', unitId: input.unitId, detail: { sourceRef: input.sourceRef, result } },
    async (tx) => {
      const entryId = await bookOne(tx, organizationId, {
        unitId: input.unitId,
        bookingDate: input.bookingDate,
        valueDate: addDays(input.periodTo, 1),
        kind: 'media_settlement',
        componentId: null,
        amount: result,
        description: `Rozliczenie: ${mediumLabels[input.medium]} ${input.periodFrom.slice(0, 7)}–${input.periodTo.slice(0, 7)} (${result >= 0 ? 'dopłata' : 'zwrot'})`,
        dueDate: input.dueDate,
        source: 'settlement',
        sourceRef: `settlement:${input.sourceRef}`,
        correctsEntryId: null,
      });
      if (entryId === undefined) return undefined;
      const row = await insertMediaSettlement(tx, {
        organizationId,
        unitId: input.unitId,
        medium: input.medium,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        consumptionThousandths: input.consumptionThousandths,
        consumptionUnit: input.consumptionUnit,
        price: input.price,
        cost,
        advances: input.advances,
        result,
        ledgerEntryId: entryId,
        sourceRef: input.sourceRef,
      });
      return row?.id;
    },
  );
}

export type { EntryKind };
