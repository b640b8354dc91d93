/**
 * Nothing of the site uses this file any more. It stays only so that activation, converted to
 * `formRoute` in the same wave, still compiles until then; the integrator deletes it once
 * activation uses `http/uploads.ts` (`acceptUploads`, `uploadField`) and `http/params.ts`
 * (`idParams`) itself.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { id } from '../../http/params.ts';

export { acceptUploads } from '../../http/uploads.ts';

/** @deprecated A numeric route parameter: declare `schema: { params: idParams }` instead. */
export function idOf(request: FastifyRequest, name = 'id'): number {
  const params: Record<string, unknown> = typeof request.params === 'object' ? { ...request.params } : {};
  const parsed = id.safeParse(params[name]);
  if (!parsed.success) throw new AppError('not_found', `malformed ${name}`);
  return parsed.data;
}
