import v8 from 'node:v8';

/**
 * How much V8 lets the old generation grow past what survived the last full collection before it
 * collects again. Left to itself V8 picks a factor of up to 4 on a machine with gigabytes free, so
 * a server with about 70 MB of live objects stood at 450–550 MB under steady member traffic, most
 * of it garbage never collected; growing by half keeps it near 1.5 × live, for full collections
 * that are more frequent but short (their marking runs concurrently, off the request thread).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * The young generation's cap, a command-line flag only (V8 sizes it before any code runs): the
 * default on a machine with gigabytes is 64 MB per semi-space, i.e. 134 MB of resident memory for
 * objects that die within a request. `npm start`, the systemd unit and the benchmarks pass it.
 */
export const SEMI_SPACE_FLAG = '--max-semi-space-size=16';

/**
 * Applies the heap growing factor (a V8 flag read at every collection, so it takes effect when set
 * at run time) unless the command line already sets one: an operator's own choice wins. Returns
 * whether it set it.
 */
export function tuneHeap(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = v8.setFlagsFromString,
): boolean {
  if (execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'))) {
    return false;
  }
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
