/** Error codes of broken rules; the HTTP layer maps each to one status (see http/errors.tsx). */
export type AppErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'conflict'
  | 'unavailable'
  | 'too_many_requests';

/** A broken rule, thrown by feature code; it knows nothing of HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A problem with one field of a form or one column of an imported row, in Polish. */
export interface FieldError {
  field: string;
  message: string;
}

/** Input that breaks rules, field by field; forms show each message next to its field. */
export class ValidationError extends AppError {
  constructor(readonly fields: FieldError[]) {
    super('invalid_input', fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.name = 'ValidationError';
  }

  /** The message for one field, if any. */
  messageFor(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

/** Field errors from a zod error, keyed by the first path segment. */
export function fieldErrorsFromZod(issues: { path: PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message }));
}
