import type { Db } from '../db/client.ts';
import { hashPassword } from '../features/accounts/passwords.ts';
import { findAccountByLogin, insertAccount } from '../features/accounts/queries.ts';
import type { StaffRole } from '../features/accounts/schema.ts';
import { seal } from '../lib/secret-box.ts';
import { type DemoLogin, demoMemberPersons } from './demo-members.ts';

/** Fixed demo credentials, listed in the README so anyone can try the product at once. */
export const DEMO_PASSWORD = 'Osiedle-demo-2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export const demoStaff: { login: string; displayName: string; roles: StaffRole[] }[] = [
  { login: 'admin', displayName: 'Agnieszka Dąbrowska', roles: ['admin', 'clerk', 'accountant', 'editor'] },
  { login: 'bok', displayName: 'Barbara Nowak', roles: ['clerk'] },
  { login: 'ksiegowosc', displayName: 'Krzysztof Wiśniewski', roles: ['accountant'] },
  { login: 'redakcja', displayName: 'Renata Zielińska', roles: ['editor'] },
];

/** Members' accounts, named after their persons in the demo register (demo-members.ts). */
export const demoMembers: [{ login: DemoLogin; story: string }, ...{ login: DemoLogin; story: string }[]] = [
  { login: 'mieszkaniec1', story: 'ma prawo do dwóch lokali' },
  { login: 'mieszkaniec2', story: 'zalega z opłatami' },
  { login: 'mieszkaniec3', story: 'kupił mieszkanie w 2020 r.' },
];

/** One hash for all demo accounts: they share the password, and demo start-up stays fast. */
export function demoPasswordHash(): Promise<string> {
  return hashPassword(DEMO_PASSWORD);
}

/**
 * Members' accounts, without TOTP and linked to their demo persons in the register; no forced
 * change. Part of the demo's base (the build's seed): they hold no secret of the installation.
 */
export async function createDemoMemberAccounts(
  db: Db,
  { organizationId, now, passwordHash }: { organizationId: number; now: Date; passwordHash: string },
): Promise<void> {
  const persons = await demoMemberPersons(db, { organizationId });
  for (const member of demoMembers) {
    const person = persons[member.login];
    await insertAccount(db, {
      organizationId,
      kind: 'member',
      login: member.login,
      displayName: `${person.firstName} ${person.lastName}`,
      personId: person.id,
      passwordHash,
      activationEmail: person.email ?? `${member.login}@example.com`,
      passwordChangedAt: now,
    });
  }
}

/**
 * Staff with TOTP already enrolled (the well-known secret, sealed with this installation's key),
 * so made at start; their password hash is the members' (one password for all).
 */
export async function createDemoStaffAccounts(
  db: Db,
  { organizationId, totpKey, now }: { organizationId: number; totpKey: Buffer; now: Date },
): Promise<void> {
  const member = await findAccountByLogin(db, { organizationId, login: demoMembers[0].login });
  const passwordHash = member?.passwordHash ?? (await demoPasswordHash());
  for (const staff of demoStaff) {
    await insertAccount(db, {
      organizationId,
      kind: 'staff',
      login: staff.login,
      displayName: staff.displayName,
      passwordHash,
      roles: staff.roles,
      activationEmail: `${staff.login}@smpaderewski.example`,
      totpSecret: seal(totpKey, DEMO_TOTP_SECRET),
      totpEnabledAt: now,
      passwordChangedAt: now,
    });
  }
}

/** What the console says after loading the demo. */
export function demoSignInInstructions(publicUrl: string): string {
  return [
    'Konta demonstracyjne (hasło dla wszystkich: Osiedle-demo-2026):',
    `  e-BOK (${publicUrl}/ebok): ${demoMembers.map((m) => `${m.login} (${m.story})`).join(', ')}`,
    `  panel (${publicUrl}/panel): ${demoStaff.map((s) => s.login).join(', ')}`,
    `  kod weryfikacji dwuetapowej pracowników: aplikacja TOTP z kluczem ${DEMO_TOTP_SECRET}`,
  ].join('\n');
}
