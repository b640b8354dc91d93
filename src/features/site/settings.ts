import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';

/** The site settings the editor runs: office hours (one line each) and the visitor counter's start. */
export const siteSettingsInput = z.object({
  officeHours: z
    .string()
    .max(2000, 'Godziny pracy mogą mieć najwyżej 2000 znaków.')
    .optional()
    .default('')
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .refine((lines) => lines.length <= 20, 'Podaj najwyżej 20 wierszy godzin pracy.'),
  visitorCountStart: z
    .string()
    .trim()
    .optional()
    .default('0')
    .transform((v) => v.replace(/\s/g, '') || '0')
    .refine((v) => /^\d{1,10}$/.test(v), 'Podaj liczbę całkowitą nie mniejszą niż 0, np. 125000.')
    .transform(Number),
});
export type SiteSettingsInput = z.input<typeof siteSettingsInput>;

/** Saves the site settings; the audit row says what changed from → to. */
export async function updateSiteSettings(
  db: Db,
  {
    actor,
    organization,
    input,
    now = new Date(),
  }: { actor: Actor; organization: Organization; input: z.output<typeof siteSettingsInput>; now?: Date },
): Promise<void> {
  const before = organization.settings;
  await db.transaction(async (tx) => {
    await updateOrganizationSettings(tx, organization.id, input);
    await recordAudit(tx, {
      ...actor,
      action: 'site.settings_changed',
      subjectType: 'organization',
      subjectId: organization.id,
      detail: {
        from: { officeHours: before.officeHours ?? [], visitorCountStart: before.visitorCountStart ?? 0 },
        to: input,
      },
      at: now,
    });
  });
}
