import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';

/**
 * A store for @fastify/rate-limit that keeps fixed-window counters in the database, so that
 * every process behind a load balancer counts the same requests.
 */
export function databaseRateLimitStore(getDb: () => Db, now: () => Date) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;

    constructor(options: { prefix?: string } = {}) {
      this.prefix = options.prefix ?? '';
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const at = now();
      const windowStart = new Date(at.getTime() - timeWindow);
      queryRows<{ count: number; window_start: Date | string }>(
        getDb(),
        sql`insert into rate_limits (key, window_start, count) values (${this.prefix + key}, ${at}, 1)
            on conflict (key) do update set
              count = case when rate_limits.window_start <= ${windowStart} then 1 else rate_limits.count + 1 end,
              window_start = case when rate_limits.window_start <= ${windowStart} then ${at} else rate_limits.window_start end
            returning count, window_start`,
      ).then(
        (rows) => {
          const row = rows[0];
          if (!row) return callback(new Error('rate limit upsert returned nothing'));
          const started = new Date(row.window_start).getTime();
          callback(null, { current: row.count, ttl: Math.max(0, started + timeWindow - at.getTime()) });
        },
        (error: Error) => callback(error),
      );
    }

    /**
     * One store per limited route, so each route counts on its own. The plugin passes the route
     * as `routeInfo` (its typings say `path`, which never arrives: every route then shared one
     * counter per address).
     */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const { routeInfo } = routeOptions as unknown as { routeInfo?: { method?: string | string[]; url?: string } };
      const { method = '', url = '' } = routeInfo ?? {};
      return new DatabaseRateLimitStore({ prefix: `${this.prefix}${[method].flat().join(',')} ${url}:` });
    }
  };
}
