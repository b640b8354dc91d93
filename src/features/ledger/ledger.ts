/**
 * Booking in the ledger and reading balances. Every function takes an object with the database
 * (or a transaction), the organization and, for changes, the actor and the audit writer: the
 * entry and its audit row are written in one transaction.
 */
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { Actor, AuditWriter } from '../units/audit.ts';
import { type Medium, mediumLabels } from './labels.ts';
import {
  type EntryKind,
  type FeeComponent,
  type FeeRate,
  findEntry,
  insertEntries,
  insertFeeComponent,
  insertFeeRate,
  insertMediaSettlement,
  isReversed,
  listFeeComponents,
  listFeeRates,
  listUnitBases,
  type NewEntry,
  sumRange,
} from './queries.ts';
import { type FeeBasis, monthlyFee, settlementCost } from './rules/fees.ts';
import { addDays, dayOfMonth, monthLabel } from './rules/months.ts';

export interface ChangeContext {
  db: Db;
  organizationId: number;
  actor: Actor;
  audit: AuditWriter;
}

async function audited<T>(
  context: ChangeContext,
  action: string,
  subjectId: number | null,
  detail: Record<string, unknown>,
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  return context.db.transaction(async (tx) => {
    const result = await work(tx);
    await context.audit(
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action,
        // The register's audit contract names its subjects; a unit is what a ledger change is about.
        subjectType: 'unit',
        subjectId,
        detail,
      },
      tx,
    );
    return result;
  });
}

function manualRef(kind: string): string {
  return `${kind}:${crypto.randomUUID()}`;
}

async function bookOne(tx: Db, organizationId: number, entry: NewEntry): Promise<number> {
  const inserted = await insertEntries(tx, organizationId, [entry]);
  const id = inserted.get(entry.sourceRef);
  if (id === undefined)
    throw new AppError('conflict', 'Ta pozycja została już zaksięgowana (powtórzony numer referencyjny).');
  return id;
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
export async function bookPayment({ input, ...context }: ChangeContext & { input: PaymentInput }): Promise<number> {
  if (!(input.amount > 0)) throw new AppError('invalid_input', 'Kwota wpłaty musi być większa od zera.');
  return audited(context, 'ledger.payment', input.unitId, { amount: input.amount, valueDate: input.valueDate }, (tx) =>
    bookOne(tx, context.organizationId, {
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
    }),
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
export async function bookOtherReceivable({
  input,
  ...context
}: ChangeContext & { input: ReceivableInput }): Promise<number> {
  if (!(input.amount > 0)) throw new AppError('invalid_input', 'Kwota należności musi być większa od zera.');
  return audited(
    context,
    'ledger.receivable',
    input.unitId,
    { amount: input.amount, valueDate: input.valueDate },
    (tx) =>
      bookOne(tx, context.organizationId, {
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
      }),
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
 * with the right amount, both linked to the original. An entry is reversed at most once.
 */
export async function bookCorrection({
  input,
  ...context
}: ChangeContext & { input: CorrectionInput }): Promise<{ reversalId: number; replacementId: number | null }> {
  const original = await findEntry(context.db, context.organizationId, input.entryId);
  if (!original) throw new AppError('not_found', 'Nie ma takiej pozycji.');
  if (original.kind === 'correction')
    throw new AppError('invalid_input', 'Korekty nie koryguje się: popraw pozycję pierwotną.');
  return audited(
    context,
    'ledger.correction',
    original.unitId,
    { entryId: original.id, from: original.amount, to: input.newAmount },
    async (tx) => {
      if (await isReversed(tx, context.organizationId, original.id)) {
        throw new AppError('conflict', 'Ta pozycja została już skorygowana.');
      }
      const reversalId = await bookOne(tx, context.organizationId, {
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
      let replacementId: number | null = null;
      if (input.newAmount !== null) {
        replacementId = await bookOne(tx, context.organizationId, {
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
      }
      return { reversalId, replacementId };
    },
  );
}

// ── Fees ─────────────────────────────────────────────────────────────────────────────────────

export async function addFeeComponent({
  input,
  ...context
}: ChangeContext & {
  input: { code: string; name: string; basis: FeeBasis; sortOrder?: number };
}): Promise<FeeComponent> {
  const existing = await listFeeComponents(context.db, context.organizationId);
  if (existing.some((c) => c.code === input.code)) {
    throw new AppError('conflict', `Składnik o kodzie ${input.code} już istnieje.`);
  }
  return audited(context, 'ledger.fee_component', null, { code: input.code, basis: input.basis }, (tx) =>
    insertFeeComponent(tx, { organizationId: context.organizationId, sortOrder: existing.length, ...input }),
  );
}

export interface RateInput {
  componentId: number;
  rate: number;
  effectiveFrom: string;
  buildingId?: number | null;
  unitId?: number | null;
  note?: string | null;
}

export async function setFeeRate({ input, ...context }: ChangeContext & { input: RateInput }): Promise<FeeRate> {
  const components = await listFeeComponents(context.db, context.organizationId);
  if (!components.some((c) => c.id === input.componentId)) throw new AppError('not_found', 'Nie ma takiego składnika.');
  return audited(
    context,
    'ledger.fee_rate',
    input.unitId ?? null,
    { componentId: input.componentId, rate: input.rate, effectiveFrom: input.effectiveFrom },
    (tx) =>
      insertFeeRate(tx, {
        organizationId: context.organizationId,
        componentId: input.componentId,
        rate: input.rate,
        effectiveFrom: input.effectiveFrom,
        buildingId: input.buildingId ?? null,
        unitId: input.unitId ?? null,
        note: input.note ?? null,
      }),
  );
}

/**
 * The rate of a component for a unit on a day: a rate set for the unit beats one for its
 * building, which beats the organization-wide one; at each level the latest effective_from ≤ day
 * (the latest recorded on a tie). Undefined: the component does not apply.
 */
export function rateFor(
  rates: readonly FeeRate[],
  componentId: number,
  unit: { unitId: number; buildingId: number },
  day: string,
): FeeRate | undefined {
  let best: FeeRate | undefined;
  let bestLevel = -1;
  for (const rate of rates) {
    if (rate.componentId !== componentId || rate.effectiveFrom > day) continue;
    const level =
      rate.unitId !== null
        ? rate.unitId === unit.unitId
          ? 2
          : -1
        : rate.buildingId !== null
          ? rate.buildingId === unit.buildingId
            ? 1
            : -1
          : 0;
    if (level < 0) continue;
    if (
      !best ||
      level > bestLevel ||
      (level === bestLevel &&
        (rate.effectiveFrom > best.effectiveFrom || (rate.effectiveFrom === best.effectiveFrom && rate.id > best.id)))
    ) {
      best = rate;
      bestLevel = level;
    }
  }
  return best;
}

export interface FeeLine {
  component: FeeComponent;
  rate: FeeRate;
  amount: number;
}

/** A unit's monthly fee on a day, by component. */
export async function currentFee({
  db,
  organizationId,
  unitId,
  day,
}: {
  db: Db;
  organizationId: number;
  unitId: number;
  day: string;
}): Promise<{ lines: FeeLine[]; total: number; areaHundredths: number; personsCount: number } | undefined> {
  const [unit] = await listUnitBases(db, organizationId, day, unitId);
  if (!unit) return undefined;
  const [components, rates] = await Promise.all([
    listFeeComponents(db, organizationId),
    listFeeRates(db, organizationId),
  ]);
  const lines = feeLines(components, rates, unit, day);
  return {
    lines,
    total: lines.reduce((sum, line) => sum + line.amount, 0),
    areaHundredths: unit.areaHundredths,
    personsCount: unit.personsCount,
  };
}

function feeLines(
  components: readonly FeeComponent[],
  rates: readonly FeeRate[],
  unit: { unitId: number; buildingId: number; areaHundredths: number; personsCount: number },
  day: string,
): FeeLine[] {
  const lines: FeeLine[] = [];
  for (const component of components) {
    const rate = rateFor(rates, component.id, unit, day);
    if (!rate) continue;
    lines.push({ component, rate, amount: monthlyFee(component.basis, rate.rate, unit) });
  }
  return lines;
}

/**
 * The monthly charge run: one charge per unit and component for the month, from the rates in
 * effect on its first day, due on the due day. Idempotent: the source reference
 * `charge:YYYY-MM:unit:component` makes a second run book nothing.
 */
export async function runCharges({
  month,
  dueDay,
  bookingDate,
  ...context
}: ChangeContext & { month: string; dueDay: number; bookingDate: string }): Promise<{ booked: number; total: number }> {
  const day = `${month}-01`;
  const [units, components, rates] = await Promise.all([
    listUnitBases(context.db, context.organizationId, day),
    listFeeComponents(context.db, context.organizationId),
    listFeeRates(context.db, context.organizationId),
  ]);
  const entries: NewEntry[] = [];
  for (const unit of units) {
    for (const line of feeLines(components, rates, unit, day)) {
      if (line.amount === 0) continue;
      entries.push({
        unitId: unit.unitId,
        bookingDate,
        valueDate: day,
        kind: 'charge',
        componentId: line.component.id,
        amount: line.amount,
        description: `${line.component.name} — ${monthLabel(month)}`,
        dueDate: dayOfMonth(month, dueDay),
        source: 'charge_run',
        sourceRef: `charge:${month}:${unit.unitId}:${line.component.code}`,
        correctsEntryId: null,
      });
    }
  }
  return audited(context, 'ledger.charge_run', null, { month, candidates: entries.length }, async (tx) => {
    const inserted = await insertEntries(tx, context.organizationId, entries);
    return { booked: inserted.size, total: entries.length };
  });
}

/** A unit's balance on a day (staff: the whole history). */
export async function balanceAsOf({
  db,
  organizationId,
  unitId,
  asOf,
}: {
  db: Db;
  organizationId: number;
  unitId: number;
  asOf: string;
}): Promise<number> {
  return sumRange(db, { organizationId, unitId, to: asOf });
}

export interface MemberWindow {
  /** First day whose entries the member sees; undefined = from the start (opening balance included). */
  from: string | undefined;
  /** Last day the member sees (the day before their right ended), or undefined. */
  lastDay: string | undefined;
  /** The right's first day, for display. */
  heldSince: string;
}

/**
 * The member's own period on a unit: a holder whose right began on or before the ledger's start
 * date sees everything from the opening balance; a later holder starts from zero on the day
 * their right began; a former holder sees up to the day before it ended.
 */
export function memberWindow(span: { from: string; to: string | null }, startDate: string): MemberWindow {
  return {
    from: span.from <= startDate ? undefined : span.from,
    lastDay: span.to === null ? undefined : addDays(span.to, -1),
    heldSince: span.from,
  };
}

/** Clamps a requested day into the member's window; undefined when it lies before the right (→ 404). */
export function clampToWindow(window: MemberWindow, day: string): string | undefined {
  if (day < window.heldSince && window.from !== undefined) return undefined;
  if (window.lastDay !== undefined && day > window.lastDay) return window.lastDay;
  return day;
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
export async function postMediaSettlement({
  input,
  ...context
}: ChangeContext & { input: MediaSettlementInput }): Promise<number | undefined> {
  const cost = settlementCost(input.consumptionThousandths, input.price);
  const result = cost - input.advances;
  return audited(
    context,
    'ledger.media_settlement',
    input.unitId,
    { sourceRef: input.sourceRef, result },
    async (tx) => {
      const inserted = await insertEntries(tx, context.organizationId, [
        {
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
        },
      ]);
      const entryId = inserted.get(`settlement:${input.sourceRef}`);
      if (entryId === undefined) return undefined;
      const row = await insertMediaSettlement(tx, {
        organizationId: context.organizationId,
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
