import type { Db } from '../../db/client.ts';
import { counted, countOf } from '../../lib/plural.ts';
import { open } from '../../lib/secret-box.ts';
import { enqueueMail, senderFor } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/templates.tsx';
import { type RequestOrigin, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { afterFailure, afterSuccess, isThrottled, LOCK_MINUTES } from './lockout.ts';
import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from './passwords.ts';
import { type Account, findAccountByLogin, updateAccount, useRecoveryCode, useTemporaryPassword } from './queries.ts';
import type { AccountKind, SessionStage } from './schema.ts';
import { nextStage } from './stages.ts';
import { hashRecoveryCode, verifyTotp } from './totp.ts';

export const LOGIN_MAX_LENGTH = 100;

export type SignInResult =
  | { ok: true; account: Account; stage: SessionStage }
  /** `invalid` covers a wrong login or password, a disabled account and a throttled one alike. */
  | { ok: false; reason: 'invalid' | 'temporary_password_expired' | 'temporary_password_used' };

/**
 * Checks a login and password. Every failure looks the same to the caller and takes the time of
 * one argon2 verification, so neither the message nor the timing tells which accounts exist.
 */
export async function signIn(
  db: Db,
  {
    organization,
    mailFrom,
    kind,
    login,
    password,
    origin,
    now,
  }: {
    organization: Organization;
    /** Sender of the lock notice (MAIL_FROM). */
    mailFrom: string | undefined;
    kind: AccountKind;
    login: string;
    password: string;
    origin: RequestOrigin;
    now: Date;
  },
): Promise<SignInResult> {
  const organizationId = organization.id;
  const found = await findAccountByLogin(db, { organizationId, login: login.trim() });
  const account = found?.kind === kind ? found : undefined;
  const audit = (action: string, detail?: Record<string, unknown>) =>
    recordAudit(db, {
      organizationId,
      actorAccountId: null,
      action,
      subjectType: account ? 'account' : undefined,
      subjectId: account?.id,
      origin,
      detail,
      at: now,
    });

  if (!account) {
    await verifyDummyPassword(password);
    await audit('signin.failure', { login: login.slice(0, LOGIN_MAX_LENGTH), reason: 'unknown_login' });
    return { ok: false, reason: 'invalid' };
  }
  if (isThrottled(account, now)) {
    await verifyDummyPassword(password);
    await audit('signin.throttled', { lockedUntil: account.lockedUntil?.toISOString() });
    return { ok: false, reason: 'invalid' };
  }
  const passwordOk = await verifyPassword(account.passwordHash, password);
  if (account.status !== 'active') {
    await audit('signin.failure', { reason: 'disabled' });
    return { ok: false, reason: 'invalid' };
  }
  if (!passwordOk) {
    await recordFailure(db, { account, origin, now, reason: 'wrong_password', organization, mailFrom });
    return { ok: false, reason: 'invalid' };
  }
  // Told apart only after the right password: the message reveals nothing to a guesser.
  if (account.mustChangePassword && account.temporaryPasswordUsedAt) {
    await audit('signin.failure', { reason: 'temporary_password_used' });
    return { ok: false, reason: 'temporary_password_used' };
  }
  if (account.mustChangePassword && account.passwordExpiresAt && account.passwordExpiresAt <= now) {
    await audit('signin.failure', { reason: 'temporary_password_expired' });
    return { ok: false, reason: 'temporary_password_expired' };
  }

  const rehash = needsRehash(account.passwordHash) ? await hashPassword(password) : undefined;
  const stage = nextStage(account, { secondFactorVerified: false });
  const used = await db.transaction(async (tx) => {
    // A starting password works for this one sign-in; its session can only set a new password.
    if (account.mustChangePassword && !(await useTemporaryPassword(tx, { organizationId, id: account.id, at: now }))) {
      return true;
    }
    await updateAccount(tx, {
      organizationId,
      id: account.id,
      values: {
        ...afterSuccess(),
        ...(stage === 'mfa' ? {} : { lastLoginAt: now }),
        ...(rehash ? { passwordHash: rehash } : {}),
      },
    });
    if (stage !== 'mfa') {
      await recordAudit(tx, {
        organizationId,
        actorAccountId: account.id,
        action: 'signin.success',
        subjectType: 'account',
        subjectId: account.id,
        origin,
        detail: { method: account.mustChangePassword ? 'temporary_password' : 'password' },
        at: now,
      });
    }
    return false;
  });
  if (used) {
    await audit('signin.failure', { reason: 'temporary_password_used' });
    return { ok: false, reason: 'temporary_password_used' };
  }
  return { ok: true, account, stage };
}

/**
 * One more failed attempt: throttles or locks the account, audited in the same transaction; a
 * lock also tells the owner by e-mail (someone may be guessing their password).
 */
async function recordFailure(
  db: Db,
  {
    account,
    origin,
    now,
    reason,
    organization,
    mailFrom,
  }: {
    account: Account;
    origin: RequestOrigin;
    now: Date;
    reason: string;
    organization: Organization;
    mailFrom: string | undefined;
  },
) {
  const state = afterFailure(account, now);
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: account.organizationId,
      id: account.id,
      values: { failedAttempts: state.failedAttempts, lockedUntil: state.lockedUntil },
    });
    const base = {
      organizationId: account.organizationId,
      subjectType: 'account',
      subjectId: account.id,
      origin,
      at: now,
    };
    await recordAudit(tx, {
      ...base,
      actorAccountId: null,
      action: reason === 'wrong_totp' ? 'signin.mfa_failure' : 'signin.failure',
      detail: { reason, failedAttempts: state.failedAttempts },
    });
    if (state.locked && account.activationEmail) {
      await enqueueMail(tx, {
        organization,
        from: senderFor(organization, mailFrom),
        to: account.activationEmail,
        purpose: 'account.locked',
        now,
        mail: renderMail(organization, {
          subject: 'Logowanie do Twojego konta zostało wstrzymane',
          paragraphs: [
            `Po ${state.failedAttempts} nieudanych próbach logowania na konto ${account.login} zablokowaliśmy logowanie na ${countOf(LOCK_MINUTES, counted.minutes)}.`,
            'Jeśli to Ty, odczekaj chwilę i spróbuj ponownie. Jeśli to nie Ty, ktoś mógł próbować odgadnąć Twoje hasło: po zalogowaniu zmień hasło i rozważ włączenie weryfikacji dwuetapowej, a w razie wątpliwości skontaktuj się ze Spółdzielnią.',
          ],
        }),
      });
    }
    if (state.locked) {
      await recordAudit(tx, {
        ...base,
        actorAccountId: null,
        action: 'account.locked',
        detail: { until: state.lockedUntil?.toISOString(), failedAttempts: state.failedAttempts },
      });
    }
  });
}

/**
 * Checks the second factor of a session in the `mfa` stage: a TOTP code, or one of the
 * account's unused recovery codes. Failures count towards the account's lockout.
 */
export async function verifySecondFactor(
  db: Db,
  {
    organization,
    mailFrom,
    account,
    code,
    totpKey,
    origin,
    now,
  }: {
    organization: Organization;
    mailFrom: string | undefined;
    account: Account;
    code: string;
    totpKey: Buffer;
    origin: RequestOrigin;
    now: Date;
  },
): Promise<boolean> {
  const failure = { account, origin, now, organization, mailFrom };
  if (isThrottled(account, now) || !account.totpSecret) return false;
  const trimmed = code.trim();
  const audit = (tx: Db, method: string) =>
    recordAudit(tx, {
      organizationId: account.organizationId,
      actorAccountId: account.id,
      action: method === 'recovery_code' ? 'signin.recovery_code_used' : 'signin.success',
      subjectType: 'account',
      subjectId: account.id,
      origin,
      detail: { method: method === 'recovery_code' ? 'password+recovery_code' : 'password+totp' },
      at: now,
    });

  if (/[a-z]/i.test(trimmed)) {
    const ok = await db.transaction(async (tx) => {
      if (!(await useRecoveryCode(tx, { accountId: account.id, codeHash: hashRecoveryCode(trimmed), at: now }))) {
        return false;
      }
      await updateAccount(tx, {
        organizationId: account.organizationId,
        id: account.id,
        values: { ...afterSuccess(), lastLoginAt: now },
      });
      await audit(tx, 'recovery_code');
      return true;
    });
    if (!ok) await recordFailure(db, { ...failure, reason: 'wrong_recovery_code' });
    return ok;
  }

  const timeStep = await verifyTotp({
    secret: open(totpKey, account.totpSecret),
    code: trimmed,
    now,
    lastTimeStep: account.totpLastTimeStep,
  });
  if (timeStep === undefined) {
    await recordFailure(db, { ...failure, reason: 'wrong_totp' });
    return false;
  }
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: account.organizationId,
      id: account.id,
      values: { ...afterSuccess(), totpLastTimeStep: timeStep, lastLoginAt: now },
    });
    await audit(tx, 'totp');
  });
  return true;
}
