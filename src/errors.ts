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

/** One problem with one field of a form or one column of a file row, in Polish, for the user. */
export interface FieldError {
  /** The input's field name (`areaHundredths`, `pesel`, …) or a file column. */
  field: string;
  message: string;
}

/**
 * Input that breaks rules at known fields: the form comes back with each message next to its
 * field (DESIGN §5). Its message lists them all, for the CLI and logs.
 */
export class ValidationError extends AppError {
  constructor(readonly fields: FieldError[]) {
    super('invalid_input', fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.name = 'ValidationError';
  }
}
