import { describe, expect, it } from 'vitest';
import { staffRoles } from './features/accounts/schema.ts';
import { can, capabilities, rolesWith } from './policy.ts';

describe('policy', () => {
  it('grants each role exactly these capabilities (the whole matrix, pinned)', () => {
    const matrix = capabilities.map((capability) => {
      const cells = staffRoles.map((role) => (can({ kind: 'staff', roles: [role] }, capability) ? role : '-'));
      return `${capability.padEnd(19)} ${cells.map((cell) => cell.padEnd(11)).join('')}`.trimEnd();
    });
    expect(matrix.join('\n')).toMatchInlineSnapshot(`
      "register.read       admin      clerk      accountant -
      register.change     admin      clerk      -          -
      ledger.read         admin      clerk      accountant -
      ledger.book         admin      -          accountant -
      ledger.configure    admin      -          -          -
      ledger.certify      admin      clerk      accountant -
      accounts.open       admin      clerk      -          -
      letters.send        admin      clerk      -          editor
      letters.recipients  admin      clerk      -          -
      consents.manage     admin      clerk      -          -
      outbox.read         admin      clerk      -          -
      site.edit           admin      -          -          editor
      staff.manage        admin      -          -          -
      audit.read          admin      -          -          -
      requests.handle     admin      clerk      -          -
      system.backups      admin      -          -          -
      media.manage        admin      clerk      -          -
      reminders.send      admin      clerk      accountant -
      branding.edit       admin      -          -          -"
    `);
  });

  it('grants nothing to members or signed-out visitors, and unions the roles of a staff member', () => {
    for (const capability of capabilities) {
      expect(can(undefined, capability)).toBe(false);
      expect(can({ kind: 'member', roles: ['admin'] }, capability)).toBe(false);
      expect(can({ kind: 'staff', roles: [] }, capability)).toBe(false);
    }
    expect(can({ kind: 'staff', roles: ['editor', 'accountant'] }, 'site.edit')).toBe(true);
    expect(can({ kind: 'staff', roles: ['editor', 'accountant'] }, 'ledger.book')).toBe(true);
    expect(can({ kind: 'staff', roles: ['editor', 'accountant'] }, 'register.change')).toBe(false);
  });

  it('gives every capability to administrators', () => {
    for (const capability of capabilities) expect(rolesWith(capability)).toContain('admin');
  });
});
