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
