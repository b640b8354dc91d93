import { describe, expect, it } from 'vitest';
import { nextStage, sessionExpiry, sessionTimeouts } from './stages.ts';

const enabled = new Date('2026-01-01T00:00:00Z');

describe('nextStage', () => {
  it('asks for the second factor first, then a new password, then staff enrolment', () => {
    const staff = { kind: 'staff' as const, totpEnabledAt: enabled, mustChangePassword: true };
    expect(nextStage(staff, { secondFactorVerified: false })).toBe('mfa');
    expect(nextStage(staff, { secondFactorVerified: true })).toBe('password_change');
    expect(nextStage({ ...staff, mustChangePassword: false }, { secondFactorVerified: true })).toBe('full');
    expect(
      nextStage({ ...staff, totpEnabledAt: null, mustChangePassword: false }, { secondFactorVerified: false }),
    ).toBe('mfa_enrolment');
  });

  it('lets members in without a second factor, which is optional for them', () => {
    const member = { kind: 'member' as const, totpEnabledAt: null, mustChangePassword: false };
    expect(nextStage(member, { secondFactorVerified: false })).toBe('full');
    expect(nextStage({ ...member, mustChangePassword: true }, { secondFactorVerified: false })).toBe('password_change');
  });
});

describe('sessionExpiry', () => {
  const timeouts = sessionTimeouts({});
  const start = new Date('2026-11-25T08:00:00Z');
  const session = { lastSeenAt: start, expiresAt: new Date(start.getTime() + timeouts.absoluteMs) };
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

  it('defaults to 15 minutes idle and 8 hours absolute, configurable per organization', () => {
    expect(timeouts).toEqual({ idleMs: 15 * 60_000, absoluteMs: 8 * 3_600_000 });
    expect(sessionTimeouts({ sessionIdleMinutes: 30, sessionAbsoluteHours: 2 })).toEqual({
      idleMs: 30 * 60_000,
      absoluteMs: 2 * 3_600_000,
    });
  });

  it('expires after 15 idle minutes', () => {
    expect(sessionExpiry(session, at(14), timeouts)).toBe(false);
    expect(sessionExpiry(session, at(15), timeouts)).toBe('idle');
  });

  it('expires after 8 hours however active', () => {
    expect(sessionExpiry({ ...session, lastSeenAt: at(479) }, at(479.9), timeouts)).toBe(false);
    expect(sessionExpiry({ ...session, lastSeenAt: at(479) }, at(480), timeouts)).toBe('absolute');
  });
});
