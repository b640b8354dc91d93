import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { open, seal } from '../../lib/secret-box.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { findRegisterPerson } from '../units/person-lookup.ts';
import { checkPassword, PASSWORD_MAX_LENGTH, type PasswordContext } from './password-policy.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { type Account, deleteSessionsOfAccount, replaceRecoveryCodes, updateAccount } from './queries.ts';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, verifyTotp } from './totp.ts';

/** A change the signed-in account makes to itself: `actor` is the account, as the audit log records it. */
interface OwnChange {
  actor: Actor;
  account: Account;
  now: Date;
}

/**
 * What a new password may not contain: the login, the account's and its person's names, the
 * person's PESEL and the cooperative's name (NIST 800-63B-4 context-specific words).
 */
export async function passwordContext(
  db: Db,
  { account, organization }: { account: Account; organization: Organization },
): Promise<PasswordContext> {
  const person = account.personId
    ? await findRegisterPerson(db, { organizationId: account.organizationId, personId: account.personId })
    : undefined;
  return {
    login: account.login,
    names: [...account.displayName.split(/\s+/), person?.firstName, person?.lastName],
    pesel: person?.pesel,
    organizationNames: [organization.name, organization.shortName],
    hasSecondFactor: account.totpEnabledAt !== null,
  };
}

/**
 * Sets a new password. A starting password (must-change) needs no current password: the
 * session already proved it. Every other session of the account ends (ASVS 7.4.3).
 */
export async function changePassword(
  db: Db,
  {
    actor,
    account,
    organization,
    currentPassword,
    newPassword,
    confirmation,
    keepSessionId,
    now,
  }: OwnChange & {
    organization: Organization;
    currentPassword: string | undefined;
    newPassword: string;
    confirmation: string;
    keepSessionId: string;
  },
): Promise<void> {
  const errors: { field: string; message: string }[] = [];
  if (!account.mustChangePassword) {
    if (!currentPassword || currentPassword.length > PASSWORD_MAX_LENGTH) {
      errors.push({ field: 'obecne', message: 'Podaj obecne hasło.' });
    } else if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      errors.push({ field: 'obecne', message: 'Obecne hasło jest nieprawidłowe.' });
    }
  }
  const problem = checkPassword(newPassword, await passwordContext(db, { account, organization }));
  if (problem) errors.push({ field: 'nowe', message: problem });
  else if (newPassword !== confirmation) {
    errors.push({ field: 'powtorzone', message: 'Powtórzone hasło różni się od nowego. Wpisz je jeszcze raz.' });
  } else if (await verifyPassword(account.passwordHash, newPassword)) {
    errors.push({ field: 'nowe', message: 'Nowe hasło musi być inne niż dotychczasowe.' });
  }
  if (errors.length > 0) throw new ValidationError(errors);

  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: account.organizationId,
      id: account.id,
      values: {
        passwordHash,
        mustChangePassword: false,
        passwordExpiresAt: null,
        temporaryPasswordUsedAt: null,
        passwordChangedAt: now,
      },
    });
    const ended = await deleteSessionsOfAccount(tx, { accountId: account.id, exceptId: keepSessionId });
    await recordAudit(tx, {
      ...actor,
      action: 'password.changed',
      subjectType: 'account',
      subjectId: account.id,
      detail: { forced: account.mustChangePassword, otherSessionsEnded: ended },
      at: now,
    });
  });
}

/**
 * The secret to show for enrolment: kept (sealed) on the account until a code confirms it, so
 * reloading the page shows the same QR code.
 */
export async function pendingTotpSecret(
  db: Db,
  { account, totpKey }: { account: Account; totpKey: Buffer },
): Promise<string> {
  if (account.totpEnabledAt) throw new Error('two-factor authentication is already on');
  if (account.totpSecret) return open(totpKey, account.totpSecret);
  const secret = newTotpSecret();
  await updateAccount(db, {
    organizationId: account.organizationId,
    id: account.id,
    values: { totpSecret: seal(totpKey, secret), totpLastTimeStep: null },
  });
  return secret;
}

/** Turns TOTP on after a correct code; returns the new recovery codes, shown once. */
export async function confirmTotpEnrolment(
  db: Db,
  { actor, account, code, totpKey, now }: OwnChange & { code: string; totpKey: Buffer },
): Promise<string[]> {
  if (!account.totpSecret || account.totpEnabledAt) throw new Error('no pending enrolment');
  const timeStep = await verifyTotp({ secret: open(totpKey, account.totpSecret), code, now, lastTimeStep: null });
  if (timeStep === undefined) {
    throw new ValidationError([
      { field: 'kod', message: 'Kod jest nieprawidłowy. Wpisz 6 cyfr, które aplikacja pokazuje teraz.' },
    ]);
  }
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: account.organizationId,
      id: account.id,
      values: { totpEnabledAt: now, totpLastTimeStep: timeStep },
    });
    await replaceRecoveryCodes(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      codeHashes: codes.map(hashRecoveryCode),
    });
    await recordAudit(tx, {
      ...actor,
      action: 'totp.enabled',
      subjectType: 'account',
      subjectId: account.id,
      at: now,
    });
  });
  return codes;
}

/** A member turns TOTP off, confirming with the password. Staff cannot: it is required for them. */
export async function disableTotp(
  db: Db,
  { actor, account, password, now }: OwnChange & { password: string },
): Promise<void> {
  if (account.kind === 'staff')
    throw new ValidationError([{ field: 'haslo', message: 'Pracownicy muszą używać weryfikacji dwuetapowej.' }]);
  if (password.length > PASSWORD_MAX_LENGTH || !(await verifyPassword(account.passwordHash, password))) {
    throw new ValidationError([{ field: 'haslo', message: 'Hasło jest nieprawidłowe.' }]);
  }
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: account.organizationId,
      id: account.id,
      values: { totpSecret: null, totpEnabledAt: null, totpLastTimeStep: null },
    });
    await replaceRecoveryCodes(tx, { organizationId: account.organizationId, accountId: account.id, codeHashes: [] });
    await recordAudit(tx, {
      ...actor,
      action: 'totp.disabled',
      subjectType: 'account',
      subjectId: account.id,
      at: now,
    });
  });
}
