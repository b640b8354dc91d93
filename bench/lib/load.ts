import autocannon, { type Result } from 'autocannon';
import { progress, round } from './report.ts';
import type { Settings } from './settings.ts';
import { percentile } from './stats.ts';

export interface Load {
  /** Mean of autocannon's per-second request counts. */
  rps: number;
  /** Latency percentiles in ms, from every response's own timing (sub-millisecond resolution). */
  p50: number;
  p99: number;
  result: Result;
}

/**
 * Loads one URL with autocannon for `durationSeconds` at `connections`, and throws if any request
 * failed: errors, timeouts, resets or non-2xx answers make the throughput figure meaningless.
 */
export async function runLoad(url: string, durationSeconds: number, connections: number): Promise<Load> {
  const instance = autocannon({ url, connections, duration: durationSeconds, pipelining: 1 });
  // autocannon's own latency histogram records whole milliseconds; a fast route sits at 0-1 ms,
  // so percentiles come from the raw per-response times instead.
  const latencies: number[] = [];
  instance.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => {
    latencies.push(milliseconds);
  });
  const result = await instance;
  assertClean(result);
  return {
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    result,
  };
}

/** Unmeasured load on each URL in turn, so JIT, pools and database caches are warm. */
export async function warmUp(urls: readonly string[], settings: Settings): Promise<void> {
  for (const url of urls) {
    progress(`  warm-up ${url} for ${settings.warmupSeconds} s`);
    await runLoad(url, settings.warmupSeconds, settings.connections);
  }
}

export function describeLoad(load: Load): string {
  const { result } = load;
  return (
    `${round(load.rps, 1)} req/s, p50 ${round(load.p50, 2)} ms, p99 ${round(load.p99, 2)} ms ` +
    `(${result['2xx']} responses in ${result.duration} s; autocannon p50/p99 ${result.latency.p50}/${result.latency.p99} ms)`
  );
}

function assertClean(result: Result): void {
  const problems: string[] = [];
  if (result.errors) problems.push(`${result.errors} errors`);
  if (result.timeouts) problems.push(`${result.timeouts} timeouts`);
  if (result.resets) problems.push(`${result.resets} resets`);
  if (result.non2xx) problems.push(`${result.non2xx} non-2xx answers`);
  if (result['2xx'] === 0) problems.push('no successful answers');
  if (problems.length > 0) {
    throw new Error(
      `load on ${result.url} failed: ${problems.join(', ')}; status codes ${JSON.stringify(result.statusCodeStats)}`,
    );
  }
}
