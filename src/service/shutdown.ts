/**
 * Catches the signals that end the process (SIGTERM from systemd or a container runtime, SIGINT
 * from Ctrl-C) and the errors nobody caught, and turns them into one shutdown request. Kept free of
 * imports so that main.ts installs it before any other module loads: a SIGTERM that arrives while
 * the server is still loading must not kill it by the signal's default action.
 */

/** Why the process is to stop. */
export interface ShutdownReason {
  signal?: NodeJS.Signals;
  /** An uncaught exception or unhandled rejection: stop gracefully, then exit 1. */
  error?: unknown;
}

interface Log {
  info(detail: object, message: string): void;
  fatal(detail: object, message: string): void;
}

export class Shutdown {
  readonly #controller = new AbortController();
  #resolve: (reason: ShutdownReason) => void = () => {};
  #log: Log | undefined;
  #early: ShutdownReason[] = [];
  #reported = false;
  #holding = false;

  /** Aborted at the first request: start-up work and workers stop at their next safe point. */
  readonly signal: AbortSignal = this.#controller.signal;
  /** Resolves with the first reason to stop. */
  readonly requested: Promise<ShutdownReason> = new Promise((resolve) => {
    this.#resolve = resolve;
  });

  /** `install: false` (tests) listens to nothing; `request` is then the only way in. */
  constructor({ install = true }: { install?: boolean } = {}) {
    if (!install) return;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => this.request({ signal }));
    process.on('uncaughtException', (error) => this.request({ error }));
    process.on('unhandledRejection', (error) => this.request({ error }));
  }

  /**
   * From now on a request stops the process gracefully. Before (while the modules load) nothing is
   * open that a stop would protect, and a signal ends the process at once with exit 0.
   */
  holdOn(): void {
    this.#holding = true;
  }

  /** The logger to use from now on; what happened before it existed is logged now. */
  useLogger(log: Log): void {
    this.#log = log;
    for (const reason of this.#early.splice(0)) this.#report(reason);
  }

  request(reason: ShutdownReason): void {
    if (!this.#holding) {
      // Nothing is running yet that a graceful stop would protect.
      if (reason.error === undefined) process.exit(0);
      console.error(reason.error);
      process.exit(1);
    }
    if (this.#log) this.#report(reason);
    else this.#early.push(reason);
    if (this.signal.aborted) {
      // Ctrl-C twice in a terminal means "now"; a second SIGTERM (a process manager) waits for the first.
      if (reason.signal === 'SIGINT') process.exit(130);
      return;
    }
    this.#controller.abort();
    this.#resolve(reason);
  }

  #report(reason: ShutdownReason): void {
    const log = this.#log;
    if (!log) return;
    if (reason.error !== undefined) log.fatal({ err: reason.error }, 'uncaught error, shutting down');
    // A second signal while stopping changes nothing: the stop is already as quick as it is safe.
    else if (this.#reported) log.info({ signal: reason.signal }, 'already shutting down');
    else log.info({ signal: reason.signal }, 'shutting down');
    this.#reported = true;
  }
}
