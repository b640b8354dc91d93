import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RegisterChange } from './change.ts';
import { changedFields } from './change.ts';
import { fieldError, type PersonInput, parseInput, personInput } from './inputs.ts';
import {
  findPerson,
  findPersonClash,
  insertPerson,
  type Person,
  updatePersonRow,
  violatedConstraint,
} from './queries.ts';
import { nameKeys } from './search-keys.ts';

const clashMessage = (field: 'pesel' | 'externalKey') =>
  field === 'pesel'
    ? fieldError('pesel', 'osoba z tym numerem PESEL jest już w rejestrze')
    : fieldError('externalKey', 'ten klucz osoby jest już użyty w spółdzielni');

function clashFromConstraint(constraint: string) {
  return clashMessage(constraint === 'persons_org_pesel' ? 'pesel' : 'externalKey');
}

export async function createPerson(db: Db, { actor, input }: RegisterChange & { input: PersonInput }): Promise<Person> {
  const values = parseInput(personInput, input);
  const { organizationId } = actor;
  try {
    return await db.transaction(async (tx) => {
      const clash = await findPersonClash(tx, { ...values, organizationId });
      if (clash) throw clashMessage(clash.field);
      const person = await insertPerson(tx, {
        ...values,
        ...nameKeys(values.firstName, values.lastName),
        organizationId,
      });
      await recordAudit(tx, {
        ...actor,
        action: 'person.create',
        subjectType: 'person',
        subjectId: person.id,
        detail: {},
      });
      return person;
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint) throw clashFromConstraint(constraint);
    throw error;
  }
}

export async function updatePerson(
  db: Db,
  { actor, personId, input }: RegisterChange & { personId: number; input: PersonInput },
): Promise<Person> {
  const values = parseInput(personInput, input);
  const { organizationId } = actor;
  try {
    return await db.transaction(async (tx) => {
      const before = await findPerson(tx, { organizationId, id: personId });
      if (!before) throw new AppError('not_found', 'Nie ma takiej osoby.');
      const clash = await findPersonClash(tx, { ...values, organizationId, exceptId: personId });
      if (clash) throw clashMessage(clash.field);
      const changed = changedFields(before, values);
      const person = await updatePersonRow(tx, {
        organizationId,
        id: personId,
        values: { ...values, ...nameKeys(values.firstName, values.lastName) },
      });
      if (!person) throw new AppError('not_found', 'Nie ma takiej osoby.');
      if (changed.length > 0) {
        await recordAudit(tx, {
          ...actor,
          action: 'person.update',
          subjectType: 'person',
          subjectId: personId,
          detail: { changed },
        });
      }
      return person;
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint) throw clashFromConstraint(constraint);
    throw error;
  }
}
