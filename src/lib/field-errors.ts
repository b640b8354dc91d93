import { z } from 'zod';
import { type FieldError, ValidationError } from '../errors.ts';

// zod's own messages, for input that no schema gave a message of its own (a field missing from a
// forged request), are Polish like every other message a user may see.
z.config(z.locales.pl());

/** Zod issues → field errors: the first message of each field, named by its top-level key. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

/** Parses `input` with `schema`, or throws `invalid_input` with a Polish message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = fieldErrorsFromZod(parsed.error);
  throw new ValidationError(errors);
}

/** The message for one field, for rendering next to it. */
export function messageFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}
