import type { StaffRole } from '../accounts/schema.ts';

/** Who writes and sends letters and sees their counts: BOK, the website's editors, admins. */
export const letterRoles = ['clerk', 'editor', 'admin'] as const satisfies readonly StaffRole[];

/**
 * Who sees whom letters go to — names, postal addresses, e-mails (previews, delivery lists and
 * their CSV, the print queue) — and handles consents: the roles that work with the register.
 * Editors are kept away from the register, so they see counts only.
 */
export const registerRoles = ['clerk', 'admin'] as const satisfies readonly StaffRole[];

export function maySeeRecipients(roles: readonly StaffRole[]): boolean {
  return roles.some((role) => (registerRoles as readonly StaffRole[]).includes(role));
}
