/**
 * The cooperative's further bank accounts (beside the organization's own account): the accounts
 * whose statements may be imported. Kept by the administrator (`ledger.configure`), each change
 * audited; stored with the ledger's settings (settings.ts `bankAccounts`) as NRB digits.
 */
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { formatNrb, isValidNrb, normalizeNrb } from '../../lib/nrb.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { ledgerSettingsOf } from './settings.ts';

export interface CooperativeAccounts {
  /** The organization's own account ('' when none is set in its data). */
  main: string;
  /** Further accounts, NRB digits, in the order added. */
  further: string[];
}

export function cooperativeAccountList(organization: Organization): CooperativeAccounts {
  return { main: normalizeNrb(organization.bankAccount ?? ''), further: ledgerSettingsOf(organization).bankAccounts };
}

/** Why a typed account cannot be one of the cooperative's, in Polish, or undefined. */
export function nrbProblem(input: string): string | undefined {
  const digits = normalizeNrb(input.trim());
  if (!/^\d+$/.test(digits)) return 'Numer rachunku może mieć tylko cyfry (spacje i „PL” na początku są dozwolone).';
  if (digits.length !== 26) return `Numer rachunku NRB ma 26 cyfr, a tu jest ${digits.length}.`;
  if (!isValidNrb(digits)) return 'Numer rachunku ma błędną sumę kontrolną: sprawdź, czy cyfry są przepisane dobrze.';
  return undefined;
}

async function save(db: Db, { actor, accounts }: { actor: Actor; accounts: string[] }): Promise<void> {
  await updateOrganizationSettings(db, actor.organizationId, { bankAccounts: accounts } as Partial<
    Organization['settings']
  >);
}

export async function addBankAccount(
  db: Db,
  { actor, organization, account }: { actor: Actor; organization: Organization; account: string },
): Promise<void> {
  const problem = nrbProblem(account);
  if (problem) throw new ValidationError([{ field: 'rachunek', message: problem }]);
  const digits = normalizeNrb(account.trim());
  const { main, further } = cooperativeAccountList(organization);
  if (digits === main || further.includes(digits)) {
    throw new ValidationError([
      { field: 'rachunek', message: `Rachunek ${formatNrb(digits)} jest już na liście rachunków Spółdzielni.` },
    ]);
  }
  await db.transaction(async (tx) => {
    await save(tx, { actor, accounts: [...further, digits] });
    await recordAudit(tx, {
      ...actor,
      action: 'ledger.bank_account_add',
      subjectType: 'organization',
      subjectId: actor.organizationId,
      detail: { account: digits },
    });
  });
}

export async function removeBankAccount(
  db: Db,
  { actor, organization, account }: { actor: Actor; organization: Organization; account: string },
): Promise<void> {
  const digits = normalizeNrb(account.trim());
  const { further } = cooperativeAccountList(organization);
  if (!further.includes(digits)) {
    throw new ValidationError([{ field: 'rachunek', message: 'Tego rachunku nie ma na liście: odśwież stronę.' }]);
  }
  await db.transaction(async (tx) => {
    await save(tx, { actor, accounts: further.filter((a) => a !== digits) });
    await recordAudit(tx, {
      ...actor,
      action: 'ledger.bank_account_remove',
      subjectType: 'organization',
      subjectId: actor.organizationId,
      detail: { account: digits },
    });
  });
}
