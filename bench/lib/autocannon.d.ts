// autocannon ships no types and @types/autocannon is not installed: this declares the part we use.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Options {
    url: string;
    /** Concurrent connections. */
    connections?: number;
    /** Seconds. */
    duration?: number;
    pipelining?: number;
    /** Seconds before a request counts as a timeout. */
    timeout?: number;
    headers?: Record<string, string>;
    /** Requests per second offered in all connections together (open loop at that rate). */
    overallRate?: number;
    /** Requests to send in turn on each connection (method, path, headers; body for POST). */
    requests?: { method?: string; path?: string; headers?: Record<string, string>; body?: string }[];
  }

  /** Summary of a histogram; latencies in milliseconds (integer resolution), requests per second. */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  export interface Result {
    url: string;
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  /**
   * A running load: a promise of the result and an emitter of
   * `response` (client, statusCode, bytes, milliseconds) and `reqError` (error) events.
   */
  export interface Instance extends EventEmitter, PromiseLike<Result> {}

  export default function autocannon(options: Options): Instance;
}
