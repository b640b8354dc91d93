/** Schemas of route parameters and queries shared by many routes. */
import { z } from 'zod';

/** A database id in a URL; anything else is a page that does not exist (params → 404). */
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `/…/:id` */
export const idParams = z.object({ id });

/** A page number of a paginated list; anything odd is the first page. */
export const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);

/** A search box's text, cut to a sane length; never an error. */
export const searchText = z
  .string()
  .catch('')
  .transform((text) => text.slice(0, 100))
  .default('');
