/**
 * Throttling of sign-in per account (OWASP ASVS 5.0 §6.3.1, NIST 800-63B-4 §3.2.2): up to
 * 4 failures cost nothing, from the 5th each failure makes the next attempt wait longer
 * (30 s, 1, 2, 4, 8 min), and the 10th and every later one locks the account for 15 minutes.
 * A success resets the count. While an account waits, attempts are refused without checking the
 * password, so guessing does not get faster by trying more.
 */
export const FREE_FAILURES = 4;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MINUTES = 15;

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isThrottled(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failure, and whether it is the failure that locks the account. */
export function afterFailure(state: LockState, now: Date): LockState & { locked: boolean } {
  const failedAttempts = state.failedAttempts + 1;
  if (failedAttempts >= LOCK_AFTER_FAILURES) {
    return {
      failedAttempts,
      lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000),
      locked: failedAttempts === LOCK_AFTER_FAILURES || failedAttempts % LOCK_AFTER_FAILURES === 0,
    };
  }
  if (failedAttempts > FREE_FAILURES) {
    const delaySeconds = 30 * 2 ** (failedAttempts - FREE_FAILURES - 1);
    return { failedAttempts, lockedUntil: new Date(now.getTime() + delaySeconds * 1000), locked: false };
  }
  return { failedAttempts, lockedUntil: null, locked: false };
}

export function afterSuccess(): LockState {
  return { failedAttempts: 0, lockedUntil: null };
}
