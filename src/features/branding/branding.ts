/**
 * The organization's look, set by an administrator: the main and dark colours (refused at the
 * field when text on them would not read at WCAG AA, with the contrast measured) and the logo
 * (checked by its content, shrunk and stored as PNG without metadata). Kept in the
 * organization's settings; the logo in the file store, private (served only as the logo).
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { deleteFileById, type FileUpload, findFilesByIds, storeFile } from '../../files/store.ts';
import type { Brand } from '../../http/chrome-context.ts';
import { checkbox } from '../../http/fields.ts';
import { uploadField } from '../../http/uploads.ts';
import { describeTooLarge } from '../../lib/file-size.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { checkPalette, defaultPalette, type Palette, paletteOf } from './rules/palette.ts';

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** The stored logo's height at most, in pixels (twice what the header shows, for sharp screens). */
export const LOGO_MAX_HEIGHT = 128;
export const LOGO_MAX_WIDTH = 640;

const logoTypes = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** The form of /panel/wyglad. */
export const brandingForm = z.object({
  kolor: z.string().trim().optional().default(''),
  kolorCiemny: z.string().trim().optional().default(''),
  /** Absent when the form was sent without its file part (a browser always sends one, empty or not). */
  logo: uploadField(MAX_LOGO_BYTES).optional(),
  usunLogo: checkbox,
});
export type BrandingForm = z.output<typeof brandingForm>;

/** The organization's colours as set, or the defaults. */
export function paletteOfOrganization(organization: Pick<Organization, 'settings'>): Palette {
  const branding = organization.settings.branding;
  return paletteOf(branding?.primaryColor ?? defaultPalette.primary, branding?.darkColor ?? defaultPalette.dark);
}

/** Whether the organization has colours of its own (else the stylesheet's defaults stand). */
export function hasOwnColours(organization: Pick<Organization, 'settings'>): boolean {
  const branding = organization.settings.branding;
  return Boolean(branding?.primaryColor || branding?.darkColor);
}

/** The version in the address of the organization's colour stylesheet: changes with the colours. */
export function coloursVersion(organization: Pick<Organization, 'settings'>): string {
  const palette = paletteOfOrganization(organization);
  return createHash('sha256').update(`${palette.primary}${palette.dark}`).digest('hex').slice(0, 10);
}

/** The stylesheet that gives the site, e-BOK and the back office the organization's colours. */
export function coloursStylesheet(organization: Pick<Organization, 'settings'>): string {
  const palette = paletteOfOrganization(organization);
  return `:root{--green:${palette.primary};--green-dark:${palette.dark};--green-light:${palette.light};--ok-bg:${palette.light}}\n`;
}

/** The logo's address (versioned by its key), or undefined when there is none. */
export function logoUrl(organization: Pick<Organization, 'settings'>): string | undefined {
  const key = organization.settings.branding?.logoKey;
  return key ? `/wyglad/logo/${key}.png` : undefined;
}

/** What the page shell shows of the organization's look. */
export function brandOf(organization: Pick<Organization, 'settings'>): Brand {
  return {
    stylesheet: hasOwnColours(organization) ? `/wyglad/kolory.css?v=${coloursVersion(organization)}` : undefined,
    logo: logoUrl(organization),
    themeColor: paletteOfOrganization(organization).primary,
  };
}

/** The logo's PNG, when `key` is the current logo's. */
export async function findLogo(
  db: Db,
  { organization, key }: { organization: Organization; key: string },
): Promise<Buffer | undefined> {
  const branding = organization.settings.branding;
  if (!branding?.logoFileId || branding.logoKey !== key) return undefined;
  const [file] = await findFilesByIds(db, [branding.logoFileId]);
  return file?.data;
}

/** Checks an uploaded logo by its content and makes the stored PNG; refused at the `logo` field. */
export async function prepareLogo(upload: FileUpload): Promise<Buffer> {
  const refuse = (message: string) => new ValidationError([{ field: 'logo', message }]);
  if (upload.data.length > MAX_LOGO_BYTES) throw refuse(describeTooLarge(upload.data.length, MAX_LOGO_BYTES));
  const type = await fileTypeFromBuffer(upload.data);
  if (!type || !logoTypes.has(type.mime)) {
    throw refuse('To nie jest obraz. Dołącz logo w pliku PNG, JPG, WEBP lub GIF.');
  }
  // Loaded on first use: sharp and libvips stay out of the memory of a server that never gets a photo.
  const { default: sharp } = await import('sharp');
  try {
    return await sharp(upload.data, { failOn: 'error', limitInputPixels: 25_000_000 })
      .resize({ width: LOGO_MAX_WIDTH, height: LOGO_MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9, palette: true })
      .toBuffer();
  } catch {
    throw refuse('Nie udało się odczytać obrazu. Dołącz inny plik.');
  }
}

/**
 * Saves the colours and the logo (a new one, removal, or unchanged); the audit row says what
 * changed from → to. Empty colour fields bring back the defaults.
 */
export async function updateBranding(
  db: Db,
  {
    actor,
    organization,
    form,
    now = new Date(),
  }: { actor: Actor; organization: Organization; form: BrandingForm; now?: Date },
): Promise<void> {
  const primary = form.kolor || defaultPalette.primary;
  const dark = form.kolorCiemny || defaultPalette.dark;
  const errors = checkPalette({ primary, dark }, { primaryField: 'kolor', darkField: 'kolorCiemny' });
  const upload = form.logo && form.logo.data.length > 0 ? form.logo : undefined;
  let logo: Buffer | undefined;
  try {
    if (upload && !form.usunLogo) logo = await prepareLogo(upload);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    errors.push(...error.fields);
  }
  if (errors.length > 0) throw new ValidationError(errors);
  const before = organization.settings.branding ?? {};
  const palette = paletteOf(primary, dark);
  await db.transaction(async (tx) => {
    const branding: NonNullable<Organization['settings']['branding']> = {
      primaryColor: palette.primary,
      darkColor: palette.dark,
    };
    if (logo && upload) {
      const stored = await storeFile(tx, {
        organizationId: organization.id,
        upload: { fileName: 'logo.png', data: logo, title: 'Logo' },
        owner: { private: true },
      });
      branding.logoFileId = stored.id;
      branding.logoKey = stored.key;
    } else if (!form.usunLogo && before.logoFileId && before.logoKey) {
      branding.logoFileId = before.logoFileId;
      branding.logoKey = before.logoKey;
    }
    if (before.logoFileId && before.logoFileId !== branding.logoFileId) {
      await deleteFileById(tx, { organizationId: organization.id, fileId: before.logoFileId });
    }
    await updateOrganizationSettings(tx, organization.id, { branding });
    await recordAudit(tx, {
      ...actor,
      action: 'organization.branding_changed',
      subjectType: 'organization',
      subjectId: organization.id,
      detail: {
        from: {
          primaryColor: before.primaryColor ?? null,
          darkColor: before.darkColor ?? null,
          logo: before.logoKey ?? null,
        },
        to: { primaryColor: branding.primaryColor, darkColor: branding.darkColor, logo: branding.logoKey ?? null },
      },
      at: now,
    });
  });
}
