import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { access } from '../../http/auth.ts';

/** Reading the register: clerks, administrators and accountants. */
export const registerReadAccess = access('register.read');
/** Changing the register: clerks and administrators. */
export const registerEditAccess = access('register.change');

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A numeric route parameter; anything else is a page that does not exist. */
export function idOf(request: FastifyRequest): number {
  const parsed = idParam.safeParse((request.params as Record<string, unknown>).id);
  if (!parsed.success) throw new AppError('not_found', 'malformed id');
  return parsed.data;
}
