/**
 * Photos of a fault report: checked by their content (not by name or the browser's word), at
 * most `MAX_PHOTOS` of at most 10 MB each, turned upright, shrunk to a sensible size and saved as
 * JPEG without any metadata (sharp drops EXIF, so the phone's GPS position never reaches us).
 */
import { fileTypeFromBuffer } from 'file-type';
import type { FieldError } from '../../errors.ts';
import type { FileUpload } from '../../files/store.ts';
import { describeTooLarge } from '../../lib/file-size.ts';

export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The longer side of a stored photo, in pixels. */
export const PHOTO_MAX_SIDE = 1600;

const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/avif']);

export interface PreparedPhoto {
  fileName: string;
  data: Buffer;
}

/** The uploads a member actually chose (a browser sends an empty part for an empty file input). */
export function chosenFiles(uploads: FileUpload[]): FileUpload[] {
  return uploads.filter((u) => u.data.length > 0);
}

/**
 * Checks and prepares the photos; every problem is reported at the `photos` field, and nothing
 * is prepared unless all of them are good.
 */
export async function preparePhotos(uploads: FileUpload[], field = 'photos'): Promise<PreparedPhoto[] | FieldError[]> {
  const files = chosenFiles(uploads);
  if (files.length > MAX_PHOTOS) {
    return [{ field, message: `Dołącz najwyżej ${MAX_PHOTOS} zdjęć (wybrano ${files.length}).` }];
  }
  if (files.length === 0) return [];
  const errors: FieldError[] = [];
  const prepared: PreparedPhoto[] = [];
  // Loaded on first use: sharp and libvips stay out of the memory of a server that never gets a photo.
  const { default: sharp } = await import('sharp');
  for (const file of files) {
    if (file.data.length > MAX_PHOTO_BYTES) {
      errors.push({ field, message: `${file.fileName}: ${describeTooLarge(file.data.length, MAX_PHOTO_BYTES)}` });
      continue;
    }
    const type = await fileTypeFromBuffer(file.data);
    if (!type || !imageTypes.has(type.mime)) {
      errors.push({ field, message: `${file.fileName}: to nie jest zdjęcie. Dołącz plik JPG, PNG, WEBP lub GIF.` });
      continue;
    }
    try {
      const data = await sharp(file.data, { failOn: 'error', limitInputPixels: 50_000_000 })
        .rotate()
        .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer();
      const base = file.fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'zdjecie';
      prepared.push({ fileName: `${base}.jpg`, data });
    } catch {
      errors.push({ field, message: `${file.fileName}: nie udało się odczytać zdjęcia. Dołącz inny plik.` });
    }
  }
  return errors.length > 0 ? errors : prepared;
}
