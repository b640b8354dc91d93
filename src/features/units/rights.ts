/**
 * Starting, ending and handing over rights to a unit. Each change locks the unit, applies the
 * change to the unit's rights in memory, checks the register rules (no overlapping rights of one
 * person to the unit, shares held at once ≤ 1) and only then writes, in one transaction.
 */

import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { formatCalendarDate } from '../../lib/format.ts';
import { recordAudit } from '../audit/audit.ts';
import { changedFields, type RegisterChange } from './change.ts';
import {
  type CorrectRightInput,
  correctRightInput,
  type EndRightInput,
  endRightInput,
  fieldError,
  type HolderChangeInput,
  holderChangeInput,
  parseInput,
  type RightInput,
  rightInput,
} from './inputs.ts';
import {
  findPersonsByIds,
  findRight,
  insertRight,
  listRightsOfUnit,
  lockRegisterShared,
  lockUnit,
  type Right,
  setRightEnd,
  updateRightRow,
} from './queries.ts';
import { holdsOn } from './rules/periods.ts';
import { checkUnitRights, describeRightProblem, type RightSpan } from './rules/register-rules.ts';
import { formatShare } from './rules/share.ts';

type Key = number | `new-${number}`;

const span = (right: Right): RightSpan<Key> => ({
  key: right.id,
  personId: right.personId,
  validFrom: right.validFrom,
  validTo: right.validTo,
  numerator: right.shareNumerator,
  denominator: right.shareDenominator,
});

/** Field errors for the rules broken by the unit's rights after a change (new ones last). */
function ruleErrors(
  spans: RightSpan<Key>[],
  fieldOf: (key: Key, kind: 'overlap' | 'overfull') => string,
): FieldError[] {
  return checkUnitRights(spans).map((problem) => ({
    field: fieldOf(problem.key, problem.kind),
    message: describeRightProblem(problem),
  }));
}

/** Adds a right: a first or a further co-holder, or a past right entered from records. */
export async function startRight(db: Db, { actor, input }: RegisterChange & { input: RightInput }): Promise<Right> {
  const values = parseInput(rightInput, input);
  const { organizationId } = actor;
  if (values.validTo !== null && values.validTo <= values.validFrom) {
    throw fieldError('validTo', 'data końca musi być późniejsza niż data początku');
  }
  return db.transaction(async (tx) => {
    await lockRegisterShared(tx, { organizationId });
    if (!(await lockUnit(tx, { organizationId, id: values.unitId })))
      throw fieldError('unitId', 'nie ma takiego lokalu');
    if ((await findPersonsByIds(tx, { organizationId, ids: [values.personId] })).length === 0) {
      throw fieldError('personId', 'nie ma takiej osoby w rejestrze');
    }
    const existing = await listRightsOfUnit(tx, { organizationId, unitId: values.unitId });
    const candidate: RightSpan<Key> = {
      key: 'new-0',
      personId: values.personId,
      validFrom: values.validFrom,
      validTo: values.validTo,
      numerator: values.share.numerator,
      denominator: values.share.denominator,
    };
    const errors = ruleErrors([...existing.map(span), candidate], (_key, kind) =>
      kind === 'overlap' ? 'validFrom' : 'share',
    );
    if (errors.length > 0) throw new ValidationError(errors);
    const right = await insertRight(tx, {
      organizationId,
      unitId: values.unitId,
      personId: values.personId,
      kind: values.kind,
      shareNumerator: values.share.numerator,
      shareDenominator: values.share.denominator,
      validFrom: values.validFrom,
      validTo: values.validTo,
      endReason: values.endReason,
    });
    await recordAudit(tx, {
      ...actor,
      action: 'right.start',
      subjectType: 'right',
      subjectId: right.id,
      detail: { unitId: right.unitId, personId: right.personId, validFrom: right.validFrom, validTo: right.validTo },
    });
    return right;
  });
}

/** Ends a right on a day (the first day it no longer holds); the right itself stays. */
export async function endRight(db: Db, { actor, input }: RegisterChange & { input: EndRightInput }): Promise<Right> {
  const values = parseInput(endRightInput, input);
  const { organizationId } = actor;
  return db.transaction(async (tx) => {
    await lockRegisterShared(tx, { organizationId });
    const right = await findRight(tx, { organizationId, id: values.rightId });
    if (!right) throw new AppError('not_found', 'Nie ma takiego prawa do lokalu.');
    await lockUnit(tx, { organizationId, id: right.unitId });
    if (right.validTo !== null) {
      throw fieldError('rightId', `to prawo zakończyło się już ${formatCalendarDate(right.validTo)}`);
    }
    if (values.validTo <= right.validFrom) {
      throw fieldError(
        'validTo',
        `data zakończenia musi być późniejsza niż początek prawa (${formatCalendarDate(right.validFrom)})`,
      );
    }
    const ended = await setRightEnd(tx, { id: right.id, validTo: values.validTo, endReason: values.endReason });
    await recordAudit(tx, {
      ...actor,
      action: 'right.end',
      subjectType: 'right',
      subjectId: right.id,
      detail: { unitId: right.unitId, validTo: values.validTo, endReason: values.endReason },
    });
    return ended;
  });
}

/**
 * Corrects a right entered wrongly (kind, share, start or end date) in place; the register rules
 * are checked against the unit's other rights as for a new right, and the audit row keeps the
 * values before and after. The right is never deleted.
 */
export async function correctRight(
  db: Db,
  { actor, input }: RegisterChange & { input: CorrectRightInput },
): Promise<Right> {
  const values = parseInput(correctRightInput, input);
  const { organizationId } = actor;
  if (values.validTo !== null && values.validTo <= values.validFrom) {
    throw fieldError('validTo', 'data końca musi być późniejsza niż data początku');
  }
  return db.transaction(async (tx) => {
    await lockRegisterShared(tx, { organizationId });
    const right = await findRight(tx, { organizationId, id: values.rightId });
    if (!right) throw new AppError('not_found', 'Nie ma takiego prawa do lokalu.');
    await lockUnit(tx, { organizationId, id: right.unitId });
    const after = {
      kind: values.kind,
      shareNumerator: values.share.numerator,
      shareDenominator: values.share.denominator,
      validFrom: values.validFrom,
      validTo: values.validTo,
      // An open-ended right has no reason to have ended.
      endReason: values.validTo === null ? null : values.endReason,
    };
    // Named as the form's fields: a share is one field however many of its parts changed.
    const changed = [...new Set(changedFields(right, after).map((f) => (f.startsWith('share') ? 'share' : f)))];
    if (changed.length === 0) throw fieldError('', 'Nic nie zmieniono: popraw co najmniej jedno pole.');

    // The corrected right goes last, so that a broken rule is blamed on it where possible.
    const others = (await listRightsOfUnit(tx, { organizationId, unitId: right.unitId })).filter(
      (r) => r.id !== right.id,
    );
    const corrected = span({ ...right, ...after });
    const dateField = changed.includes('validTo') && !changed.includes('validFrom') ? 'validTo' : 'validFrom';
    const errors = ruleErrors([...others.map(span), corrected], (_key, kind) =>
      kind === 'overfull' && changed.includes('share') ? 'share' : dateField,
    );
    if (errors.length > 0) throw new ValidationError(errors);

    const updated = await updateRightRow(tx, { id: right.id, values: after });
    const summary = (r: typeof after) => ({
      kind: r.kind,
      share: formatShare({ numerator: r.shareNumerator, denominator: r.shareDenominator }),
      validFrom: r.validFrom,
      validTo: r.validTo,
    });
    await recordAudit(tx, {
      ...actor,
      action: 'right.correct',
      subjectType: 'right',
      subjectId: right.id,
      detail: {
        unitId: right.unitId,
        personId: right.personId,
        changed,
        before: summary(right),
        after: summary(after),
      },
    });
    return updated;
  });
}

export interface HolderChange {
  ended: Right[];
  started: Right[];
}

/**
 * A sale or another transfer: on `date` the given rights (by default all that hold then) end
 * and the new holders' rights start, atomically. Co-holders are several new holders with shares.
 */
export async function recordHolderChange(
  db: Db,
  { actor, input }: RegisterChange & { input: HolderChangeInput },
): Promise<HolderChange> {
  const values = parseInput(holderChangeInput, input);
  const { organizationId } = actor;
  return db.transaction(async (tx) => {
    await lockRegisterShared(tx, { organizationId });
    if (!(await lockUnit(tx, { organizationId, id: values.unitId })))
      throw fieldError('unitId', 'nie ma takiego lokalu');
    const existing = await listRightsOfUnit(tx, { organizationId, unitId: values.unitId });
    const toEnd = values.endRightIds
      ? values.endRightIds.map((id) => existing.find((right) => right.id === id))
      : existing.filter((right) => holdsOn(right, values.date));
    const errors: FieldError[] = [];
    for (const right of toEnd) {
      if (!right) errors.push({ field: 'endRightIds', message: 'wybrane prawo nie dotyczy tego lokalu' });
      else if (!holdsOn(right, values.date) || right.validFrom === values.date) {
        errors.push({
          field: 'endRightIds',
          message: `prawo od ${formatCalendarDate(right.validFrom)} nie trwa w dniu zmiany, więc nie można go zakończyć`,
        });
      }
    }
    const personIds = values.newHolders.map((holder) => holder.personId);
    const found = await findPersonsByIds(tx, { organizationId, ids: personIds });
    values.newHolders.forEach((holder, index) => {
      if (!found.some((person) => person.id === holder.personId)) {
        errors.push({ field: `newHolders.${index}.personId`, message: 'nie ma takiej osoby w rejestrze' });
      }
    });
    if (errors.length > 0) throw new ValidationError(errors);

    const ending = new Set(toEnd.map((right) => right?.id));
    const after: RightSpan<Key>[] = [
      ...existing.map((right) => ({ ...span(right), validTo: ending.has(right.id) ? values.date : right.validTo })),
      ...values.newHolders.map(
        (holder, index): RightSpan<Key> => ({
          key: `new-${index}`,
          personId: holder.personId,
          validFrom: values.date,
          validTo: null,
          numerator: holder.share.numerator,
          denominator: holder.share.denominator,
        }),
      ),
    ];
    const ruleProblems = ruleErrors(after, (key, kind) =>
      typeof key === 'string'
        ? `newHolders.${key.slice(4)}.${kind === 'overlap' ? 'personId' : 'share'}`
        : kind === 'overlap'
          ? 'date'
          : 'endRightIds',
    );
    if (ruleProblems.length > 0) throw new ValidationError(ruleProblems);

    const ended: Right[] = [];
    for (const right of toEnd)
      if (right) ended.push(await setRightEnd(tx, { id: right.id, validTo: values.date, endReason: values.endReason }));
    const started: Right[] = [];
    for (const holder of values.newHolders) {
      started.push(
        await insertRight(tx, {
          organizationId,
          unitId: values.unitId,
          personId: holder.personId,
          kind: holder.kind,
          shareNumerator: holder.share.numerator,
          shareDenominator: holder.share.denominator,
          validFrom: values.date,
        }),
      );
    }
    await recordAudit(tx, {
      ...actor,
      action: 'right.holder_change',
      subjectType: 'unit',
      subjectId: values.unitId,
      detail: { date: values.date, endedRightIds: ended.map((r) => r.id), startedRightIds: started.map((r) => r.id) },
    });
    return { ended, started };
  });
}
