import type { OrganizationSettings } from '../organizations/schema.ts';
import type { Account } from './queries.ts';
import type { SessionStage } from './schema.ts';

/**
 * The step a signed-in account must take next: the second factor if it has one, then a new
 * password if it signed in with a starting password, then (staff) enrolment of a second factor.
 * Only `full` sessions reach anything else.
 */
export function nextStage(
  account: Pick<Account, 'kind' | 'totpEnabledAt' | 'mustChangePassword'>,
  { secondFactorVerified }: { secondFactorVerified: boolean },
): SessionStage {
  if (account.totpEnabledAt && !secondFactorVerified) return 'mfa';
  if (account.mustChangePassword) return 'password_change';
  if (account.kind === 'staff' && !account.totpEnabledAt) return 'mfa_enrolment';
  return 'full';
}

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export function sessionTimeouts(settings: OrganizationSettings): SessionTimeouts {
  return {
    idleMs: (settings.sessionIdleMinutes ?? 15) * 60_000,
    absoluteMs: (settings.sessionAbsoluteHours ?? 8) * 3_600_000,
  };
}

/** Why a session is no longer valid at `now`, or false while it is. */
export function sessionExpiry(
  session: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
  timeouts: SessionTimeouts,
): 'idle' | 'absolute' | false {
  if (now.getTime() >= session.expiresAt.getTime()) return 'absolute';
  if (now.getTime() - session.lastSeenAt.getTime() >= timeouts.idleMs) return 'idle';
  return false;
}
