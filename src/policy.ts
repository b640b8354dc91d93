/**
 * What each staff role may do, as named capabilities: the one table that routes (`access(...)`),
 * menus, buttons and dashboards ask. A capability is named after what it allows; a role grants a
 * list of them. Members and the public are not roles: routes for them declare `member`/`public`.
 */
import type { Account } from './features/accounts/queries.ts';
import { type StaffRole, staffRoles } from './features/accounts/schema.ts';

export const capabilities = [
  /** Read buildings, units, persons and rights (/panel/rejestr). */
  'register.read',
  /** Change the register: buildings, units, persons, rights, persons counts, imports. */
  'register.change',
  /** Read units' accounts, the debtors list and the fee tables (/panel/finanse). */
  'ledger.read',
  /** Book payments, receivables, corrections; set fees; run charges; import payments. */
  'ledger.book',
  /** Keep the statutory interest table, the debt settings (/panel/finanse/odsetki) and the cooperative's bank accounts. */
  'ledger.configure',
  /** Issue and decide certificates of no arrears (at the desk and from the accountant's queue). */
  'ledger.certify',
  /** Open e-BOK accounts at the desk, decide remote applications, hand out new passwords. */
  'accounts.open',
  /** Write, schedule and send letters, and see their counts. */
  'letters.send',
  /** See whom letters go to (names, addresses, e-mails), the print queue and delivery lists. */
  'letters.recipients',
  /** Record and withdraw consents to electronic correspondence, decide consent scans. */
  'consents.manage',
  /** Read the outgoing mail (/panel/poczta). */
  'outbox.read',
  /** Edit the public website: news, sections, tenders, gazette, documents, settings. */
  'site.edit',
  /** Manage staff accounts and their roles. */
  'staff.manage',
  /** Read the audit log. */
  'audit.read',
  /** Handle residents' requests: fault reports, messages to the office, building notices. */
  'requests.handle',
  /** See the installation's backups: their schedule, list and last result (/panel/kopie-zapasowe). */
  'system.backups',
  /** Meters, readings (paper cards, imports, the flagged queue), reading windows, persons declarations. */
  'media.manage',
  /** Send debt reminders (upomnienia, wezwania do zapłaty) as of today, after their preview. */
  'reminders.send',
  /** The organization's look: logo and colours (/panel/wyglad). */
  'branding.edit',
] as const;

export type Capability = (typeof capabilities)[number];

/** Role → what it may do. */
const grants: Record<StaffRole, readonly Capability[]> = {
  admin: capabilities,
  clerk: [
    'register.read',
    'register.change',
    'ledger.read',
    'ledger.certify',
    'accounts.open',
    'letters.send',
    'letters.recipients',
    'consents.manage',
    'outbox.read',
    'requests.handle',
    'media.manage',
    'reminders.send',
  ],
  accountant: ['register.read', 'ledger.read', 'ledger.book', 'ledger.certify', 'reminders.send'],
  editor: ['site.edit', 'letters.send'],
};

/** The roles that grant a capability (for the route list and the matrix test). */
export function rolesWith(capability: Capability): StaffRole[] {
  return staffRoles.filter((role) => grants[role].includes(capability));
}

/** Whether a signed-in staff account may do this; members and signed-out visitors may not. */
export function can(account: Pick<Account, 'kind' | 'roles'> | undefined, capability: Capability): boolean {
  if (account?.kind !== 'staff') return false;
  return account.roles.some((role) => grants[role].includes(capability));
}

export function isCapability(value: string): value is Capability {
  return (capabilities as readonly string[]).includes(value);
}
