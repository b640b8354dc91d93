/**
 * Attachments of messages to the office: documents of the kinds the file store accepts, images
 * without their metadata; at most `MAX_PHOTOS` files of at most 10 MB each.
 */
import type { FieldError } from '../../errors.ts';
import { ALLOWED_TYPES_TEXT, detectAllowedType, type FileUpload } from '../../files/store.ts';
import { describeTooLarge } from '../../lib/file-size.ts';
import { chosenFiles, MAX_PHOTO_BYTES, MAX_PHOTOS, type PreparedPhoto, preparePhotos } from './photos.ts';

export async function prepareAttachments(
  uploads: FileUpload[],
  field = 'attachments',
): Promise<PreparedPhoto[] | FieldError[]> {
  const files = chosenFiles(uploads);
  if (files.length > MAX_PHOTOS) {
    return [{ field, message: `Dołącz najwyżej ${MAX_PHOTOS} plików (wybrano ${files.length}).` }];
  }
  const errors: FieldError[] = [];
  const prepared: PreparedPhoto[] = [];
  for (const file of files) {
    if (file.data.length > MAX_PHOTO_BYTES) {
      errors.push({ field, message: `${file.fileName}: ${describeTooLarge(file.data.length, MAX_PHOTO_BYTES)}` });
      continue;
    }
    const type = await detectAllowedType(file.data, file.fileName);
    if (!type) {
      errors.push({
        field,
        message: `${file.fileName}: niedozwolony rodzaj pliku. Dozwolone są ${ALLOWED_TYPES_TEXT}.`,
      });
      continue;
    }
    if (type.startsWith('image/')) {
      const photo = await preparePhotos([file], field);
      if (isErrors(photo)) errors.push(...photo);
      else prepared.push(...photo);
    } else {
      prepared.push({ fileName: file.fileName, data: file.data });
    }
  }
  return errors.length > 0 ? errors : prepared;
}

export function isErrors(result: PreparedPhoto[] | FieldError[]): result is FieldError[] {
  return result.some((r) => 'message' in r);
}
