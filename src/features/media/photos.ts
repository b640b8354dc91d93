/**
 * A photo of a meter sent with a reading: JPEG or PNG by its content (phones' browsers send
 * JPEG), at most 10 MB; it is turned upright, made at most 1600 px on its longer side and saved
 * as JPEG without any metadata (sharp drops EXIF, and with it the location, unless asked to
 * keep it).
 */
import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from '../../errors.ts';
import { describeTooLarge } from '../../lib/file-size.ts';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export async function preparePhoto(data: Buffer, field = 'zdjecie'): Promise<{ contentType: string; data: Buffer }> {
  if (data.length > MAX_PHOTO_BYTES) {
    throw new ValidationError([{ field, message: describeTooLarge(data.length, MAX_PHOTO_BYTES) }]);
  }
  const type = await fileTypeFromBuffer(data);
  if (type?.mime !== 'image/jpeg' && type?.mime !== 'image/png') {
    throw new ValidationError([{ field, message: 'Zdjęcie musi być plikiem JPG lub PNG.' }]);
  }
  // Loaded on first use: sharp and libvips stay out of the memory of a server that never gets a photo.
  const { default: sharp } = await import('sharp');
  try {
    const out = await sharp(data, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    return { contentType: 'image/jpeg', data: out };
  } catch {
    throw new ValidationError([{ field, message: 'Nie udało się odczytać zdjęcia: plik jest uszkodzony.' }]);
  }
}
