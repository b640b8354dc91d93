/**
 * Nothing of the site uses this file any more. It stays only so that activation, ledger and
 * correspondence, which are converted to `formRoute` in the same wave, still compile until then;
 * the integrator deletes it once they use `http/uploads.ts` (`acceptUploads`, `uploadField`),
 * `http/params.ts` (`idParams`) and `http/form-route.ts` themselves.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../../errors.ts';
import type { FileUpload } from '../../files/store.ts';
import { id } from '../../http/params.ts';
import { uploadField } from '../../http/uploads.ts';

export { acceptUploads } from '../../http/uploads.ts';

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null ? { ...request.body } : {};
}

/** @deprecated The form's text fields: use a `formRoute` body schema. */
export function formFields(request: FastifyRequest): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(bodyOf(request))) {
    if (typeof value === 'string' && key !== '_csrf') fields[key] = value;
  }
  return fields;
}

/** @deprecated The uploaded file of a form: use `uploadField()` in a `formRoute` body schema. */
export function uploadedFile(request: FastifyRequest, field = 'file'): FileUpload {
  const parsed = uploadField().safeParse(bodyOf(request)[field]);
  if (!parsed.success) throw new ValidationError([{ field, message: parsed.error.issues[0]?.message ?? '' }]);
  return parsed.data;
}

/** @deprecated A numeric route parameter: declare `schema: { params: idParams }` instead. */
export function idOf(request: FastifyRequest, name = 'id'): number {
  const params: Record<string, unknown> = typeof request.params === 'object' ? { ...request.params } : {};
  const parsed = id.safeParse(params[name]);
  if (!parsed.success) throw new AppError('not_found', `malformed ${name}`);
  return parsed.data;
}
