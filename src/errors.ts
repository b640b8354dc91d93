/** Error codes of broken rules; the HTTP layer maps each to one status (`statusOfCode` in http/app.ts). */
export type AppErrorCode =
  | 'not_found'
  | 'forbidden'
  /** A state-changing request sent from a page of another site. */
  | 'forbidden_origin'
  | 'invalid_input'
  | 'conflict'
  | 'unavailable'
  | 'too_many_requests';

/**
 * What is wrong with one field of a form, in Polish, for the message next to the field.
 * `field` is the input's name (`title`, `publishedAt`, `file`); forms re-render filled in.
 */
export interface FieldError {
  field: string;
  message: string;
}

/** A broken rule, thrown by feature code; it knows nothing of HTTP. */
// Plain fields, not parameter properties: worker threads load this file as TypeScript with
// Node's type stripping (in tests), which refuses them.
export class AppError extends Error {
  readonly code: AppErrorCode;
  /** With `invalid_input`: what is wrong with which field. */
  readonly fieldErrors: FieldError[];
  constructor(code: AppErrorCode, message: string, fieldErrors: FieldError[] = []) {
    super(message);
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.name = 'AppError';
  }
}

/** Throws `invalid_input` carrying the field errors, unless there are none. */
export function throwIfFieldErrors(errors: FieldError[]): void {
  if (errors.length > 0) {
    throw new ValidationError(errors);
  }
}

/** Input that breaks rules, field by field: the one error for forms and imports to report. */
export class ValidationError extends AppError {
  constructor(fields: FieldError[]) {
    super('invalid_input', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    this.name = 'ValidationError';
  }

  get fields(): FieldError[] {
    return this.fieldErrors;
  }
}
