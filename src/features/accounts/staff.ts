import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { hashPassword } from './passwords.ts';
import {
  type Account,
  deleteSessionsOfAccount,
  findAccount,
  findAccountByLogin,
  insertAccount,
  replaceRecoveryCodes,
  updateAccount,
} from './queries.ts';
import { type StaffRole, staffRoles } from './schema.ts';
import { newTemporaryPassword, temporaryPasswordExpiry } from './temporary-password.ts';

export const roleLabels: Record<StaffRole, string> = {
  admin: 'administrator',
  clerk: 'BOK (obsługa mieszkańców)',
  accountant: 'księgowość',
  editor: 'redakcja strony',
};

export const loginSchema = z
  .string()
  .trim()
  .min(3, 'Login musi mieć co najmniej 3 znaki.')
  .max(100, 'Login może mieć najwyżej 100 znaków.')
  .regex(
    /^[a-zA-Z0-9._-]+$/,
    'Login może zawierać tylko litery bez polskich znaków, cyfry, kropkę, myślnik i podkreślnik.',
  );

const rolesSchema = z
  .union([z.string(), z.array(z.string())], { error: 'Wybierz co najmniej jedną rolę.' })
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .transform((roles) => [...new Set(roles)])
  .pipe(z.array(z.enum(staffRoles, { message: 'Nieznana rola.' })).min(1, 'Wybierz co najmniej jedną rolę.'));

/** The form (and the CLI's options) for a new staff member. */
export const newStaffSchema = z.object({
  login: loginSchema,
  displayName: z.string().trim().min(3, 'Podaj imię i nazwisko.').max(200, 'Imię i nazwisko jest za długie.'),
  email: z
    .string()
    .trim()
    .max(254)
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Nieprawidłowy adres e-mail.')
    .transform((v) => v || null)
    .default(null),
  roles: rolesSchema,
});

export type NewStaffInput = z.output<typeof newStaffSchema>;

interface StaffAction {
  /** Who does it: an administrator (`actorOf(request)`), or the system (the CLI). */
  actor: Actor;
  now: Date;
}

function auditFor(
  tx: Db,
  { actor, now }: StaffAction,
  target: Account,
  action: string,
  detail?: Record<string, unknown>,
) {
  return recordAudit(tx, {
    ...actor,
    action,
    subjectType: 'account',
    subjectId: target.id,
    detail,
    at: now,
  });
}

/**
 * Adds a staff member with a starting password that is shown once; the first sign-in forces a
 * new password and enrolment of the second factor.
 */
export async function createStaffAccount(
  db: Db,
  action: StaffAction & { organization: Organization; input: NewStaffInput },
): Promise<{ account: Account; temporaryPassword: string; expiresAt: Date }> {
  const { organization, now, input } = action;
  const organizationId = organization.id;
  if (await findAccountByLogin(db, { organizationId, login: input.login })) {
    throw new ValidationError([{ field: 'login', message: 'Ten login jest już zajęty. Wybierz inny.' }]);
  }
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const expiresAt = temporaryPasswordExpiry(organization, now);
  const account = await db.transaction(async (tx) => {
    const created = await insertAccount(tx, {
      organizationId,
      kind: 'staff',
      login: input.login,
      displayName: input.displayName,
      passwordHash,
      mustChangePassword: true,
      passwordExpiresAt: expiresAt,
      roles: input.roles,
      activationEmail: input.email,
    });
    await auditFor(tx, action, created, 'account.created', { kind: 'staff', login: input.login, roles: input.roles });
    return created;
  });
  return { account, temporaryPassword, expiresAt };
}

async function loadStaff(db: Db, actor: Actor, id: number): Promise<Account> {
  const account = await findAccount(db, { organizationId: actor.organizationId, id });
  if (account?.kind !== 'staff') throw new ValidationError([{ field: '', message: 'Nie ma takiego pracownika.' }]);
  return account;
}

async function loadAnyAccount(db: Db, actor: Actor, id: number): Promise<Account> {
  const account = await findAccount(db, { organizationId: actor.organizationId, id });
  if (!account) throw new ValidationError([{ field: '', message: 'Nie ma takiego konta.' }]);
  return account;
}

/** An administrator may not take away their own administration or switch themselves off. */
function refuseSelf(actor: Actor, target: Account, message: string) {
  if (actor.actorAccountId === target.id) throw new ValidationError([{ field: '', message }]);
}

/** The form that changes a staff member's roles. */
export const staffRolesSchema = z.object({ roles: rolesSchema });

export async function changeStaffRoles(
  db: Db,
  action: StaffAction & { accountId: number; roles: StaffRole[] },
): Promise<void> {
  const { roles } = action;
  const target = await loadStaff(db, action.actor, action.accountId);
  if (target.roles.includes('admin') && !roles.includes('admin')) {
    refuseSelf(action.actor, target, 'Nie możesz odebrać sobie roli administratora.');
  }
  await db.transaction(async (tx) => {
    await updateAccount(tx, { organizationId: target.organizationId, id: target.id, values: { roles } });
    // A privilege change: the account signs in again with its new roles.
    await deleteSessionsOfAccount(tx, { accountId: target.id });
    await auditFor(tx, action, target, 'account.roles_changed', { from: target.roles, to: roles });
  });
}

export async function setStaffDisabled(
  db: Db,
  action: StaffAction & { accountId: number; disabled: boolean },
): Promise<void> {
  const target = await loadStaff(db, action.actor, action.accountId);
  if (action.disabled) refuseSelf(action.actor, target, 'Nie możesz wyłączyć własnego konta.');
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: target.organizationId,
      id: target.id,
      values: { status: action.disabled ? 'disabled' : 'active' },
    });
    if (action.disabled) await deleteSessionsOfAccount(tx, { accountId: target.id });
    await auditFor(tx, action, target, action.disabled ? 'account.disabled' : 'account.enabled');
  });
}

/** Lifts a lock after failed sign-ins (any account of the organization: staff or member). */
export async function unlockAccount(db: Db, action: StaffAction & { accountId: number }): Promise<void> {
  const target = await loadAnyAccount(db, action.actor, action.accountId);
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: target.organizationId,
      id: target.id,
      values: { failedAttempts: 0, lockedUntil: null },
    });
    await auditFor(tx, action, target, 'account.unlocked', { failedAttempts: target.failedAttempts });
  });
}

/** Clears a lost second factor; the account enrols again at its next sign-in. */
export async function resetTotp(db: Db, action: StaffAction & { accountId: number }): Promise<void> {
  const target = await loadAnyAccount(db, action.actor, action.accountId);
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: target.organizationId,
      id: target.id,
      values: { totpSecret: null, totpEnabledAt: null, totpLastTimeStep: null },
    });
    await replaceRecoveryCodes(tx, { organizationId: target.organizationId, accountId: target.id, codeHashes: [] });
    await deleteSessionsOfAccount(tx, { accountId: target.id });
    await auditFor(tx, action, target, 'account.totp_reset');
  });
}
