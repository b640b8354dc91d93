/**
 * Failed sign-ins per client address: only failures count, so members behind one address (a
 * mobile operator's shared address, a club computer, the desk's own computer) never lock each
 * other out by signing in; guessing across many accounts from one address is stopped. The
 * counters live in `rate_limits` (every process sees the same), one fixed window per address.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/** Failures from one address within the window before it is refused. */
export const ADDRESS_FAILURE_LIMIT = 30;
/** The window the failures are counted in. */
export const ADDRESS_FAILURE_WINDOW_MS = 15 * 60_000;

const keyOf = (organizationId: number, section: string, ip: string) =>
  `signin-failures:${organizationId}:${section}:${ip}`;

/** How long (ms) the address must wait before trying again; 0 when it may try now. */
export async function addressWait(
  db: Db,
  { organizationId, section, ip, now }: { organizationId: number; section: string; ip: string; now: Date },
): Promise<number> {
  const rows = await queryRows<{ count: number; window_start: Date | string }>(
    db,
    sql`select count, window_start from rate_limits where key = ${keyOf(organizationId, section, ip)}`,
  );
  const row = rows[0];
  if (!row) return 0;
  const ends = new Date(row.window_start).getTime() + ADDRESS_FAILURE_WINDOW_MS;
  return waitAfter({ failures: row.count, windowEnds: ends, now: now.getTime() });
}

/** The rule: at the limit, wait until the window ends. */
export function waitAfter({
  failures,
  windowEnds,
  now,
}: {
  failures: number;
  windowEnds: number;
  now: number;
}): number {
  if (now >= windowEnds || failures < ADDRESS_FAILURE_LIMIT) return 0;
  return windowEnds - now;
}

/** Counts one failed sign-in from the address (a new window when the last one has ended). */
export async function countAddressFailure(
  db: Db,
  { organizationId, section, ip, now }: { organizationId: number; section: string; ip: string; now: Date },
): Promise<void> {
  const windowStart = new Date(now.getTime() - ADDRESS_FAILURE_WINDOW_MS);
  await queryRows(
    db,
    sql`insert into rate_limits (key, window_start, count) values (${keyOf(organizationId, section, ip)}, ${now}, 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start <= ${windowStart} then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start <= ${windowStart} then ${now} else rate_limits.window_start end
        returning count`,
  );
}
