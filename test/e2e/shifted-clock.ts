// Preloaded into the server by browser tests (`node --import`) to run it some time later than now:
// every `new Date()` and `Date.now()` is ahead by E2E_CLOCK_SHIFT_MS, so what the server stored
// on an earlier run (a starting password, a session) is as old as it would be by then.
const shift = Number(process.env.E2E_CLOCK_SHIFT_MS ?? 0);
const RealDate = Date;

class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    // `new Date()` is now, shifted; `new Date(value)` and `new Date(y, m, …)` are as given.
    super(...((args.length === 0 ? [RealDate.now() + shift] : args) as [number]));
  }

  static override now(): number {
    return RealDate.now() + shift;
  }

  // Dates made by the engine itself (a structured clone from the PGlite thread, where this file
  // is preloaded too) are plain Dates: they must still pass `instanceof Date`.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof RealDate;
  }
}

globalThis.Date = ShiftedDate as DateConstructor;
