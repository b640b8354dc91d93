import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

/**
 * A scan field of a multipart form's schema (`acceptUploads`): the file's bytes, or undefined when
 * none was sent. A file the parser cut off is over the limit: it is given one byte too many, so
 * `checkScan` says so with its own message.
 */
export const scanField = z
  .object({ data: z.instanceof(Buffer), truncated: z.boolean().optional() })
  .optional()
  .catch(undefined)
  .transform((file) => (file?.truncated ? Buffer.alloc(MAX_SCAN_BYTES + 1) : file?.data));

const allowedScanTypes = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * Checks an uploaded scan by its content, not its name or declared type: a PDF, JPEG or PNG of at
 * most 10 MB. Returns the detected type, or a Polish message for the field.
 */
export async function checkScan(
  field: string,
  data: Buffer | undefined,
): Promise<{ contentType: string } | { error: FieldError }> {
  if (!data || data.length === 0) return { error: { field, message: 'Dołącz plik (PDF, JPG lub PNG).' } };
  if (data.length > MAX_SCAN_BYTES) {
    return { error: { field, message: 'Plik jest za duży: największy dozwolony rozmiar to 10 MB.' } };
  }
  const type = await fileTypeFromBuffer(data);
  if (!type || !allowedScanTypes.has(type.mime)) {
    return {
      error: { field, message: 'Ten plik nie jest plikiem PDF, JPG ani PNG (sprawdzamy zawartość, nie nazwę pliku).' },
    };
  }
  return { contentType: type.mime };
}
