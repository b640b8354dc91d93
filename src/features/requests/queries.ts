/**
 * The SQL of residents' requests. Authorization lives in the query: a member's reads start from
 * their own account, staff reads from their organization, so a foreign id yields nothing (404).
 */
import { and, asc, count, desc, eq, inArray, isNotNull, lte, min, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { activeStaffJson } from '../accounts/queries.ts';
import type { StaffRole } from '../accounts/schema.ts';
import { buildingChoicesJson } from '../units/unit-facts.ts';
import type { FaultCategory, Priority, ThreadKind, ThreadStatus } from './rules/status.ts';
import { requestFiles, requestPosts, requestThreads } from './schema.ts';

export type Thread = typeof requestThreads.$inferSelect;
export type Post = typeof requestPosts.$inferSelect;
export type ThreadFile = typeof requestFiles.$inferSelect;

export async function insertThread(db: Db, values: typeof requestThreads.$inferInsert): Promise<Thread> {
  const [row] = await db.insert(requestThreads).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function insertPost(db: Db, values: typeof requestPosts.$inferInsert): Promise<Post> {
  const [row] = await db.insert(requestPosts).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function insertThreadFiles(db: Db, values: (typeof requestFiles.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await db.insert(requestFiles).values(values);
}

export async function updateThread(
  db: Db,
  {
    organizationId,
    id,
    values,
  }: { organizationId: number; id: number; values: Partial<typeof requestThreads.$inferInsert> },
): Promise<void> {
  await db
    .update(requestThreads)
    .set(values)
    .where(and(eq(requestThreads.organizationId, organizationId), eq(requestThreads.id, id)));
}

/** A member's own thread of this kind, or undefined (someone else's, another organization's). */
export async function findMemberThread(
  db: Db,
  { organizationId, accountId, kind, id }: { organizationId: number; accountId: number; kind: ThreadKind; id: number },
): Promise<Thread | undefined> {
  const rows = await db
    .select()
    .from(requestThreads)
    .where(
      and(
        eq(requestThreads.organizationId, organizationId),
        eq(requestThreads.accountId, accountId),
        eq(requestThreads.kind, kind),
        eq(requestThreads.id, id),
      ),
    );
  return rows[0];
}

/** A thread of the organization, for staff; `forUpdate` locks it for a change. */
export async function findStaffThread(
  db: Db,
  {
    organizationId,
    kind,
    id,
    forUpdate = false,
  }: { organizationId: number; kind: ThreadKind; id: number; forUpdate?: boolean },
): Promise<Thread | undefined> {
  const query = db
    .select()
    .from(requestThreads)
    .where(
      and(eq(requestThreads.organizationId, organizationId), eq(requestThreads.kind, kind), eq(requestThreads.id, id)),
    );
  const rows = forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** The posts of a thread, oldest first; staff-only notes only when asked for. */
export async function listPosts(
  db: Db,
  { organizationId, threadId, withInternal }: { organizationId: number; threadId: number; withInternal: boolean },
): Promise<Post[]> {
  return db
    .select()
    .from(requestPosts)
    .where(
      and(
        eq(requestPosts.organizationId, organizationId),
        eq(requestPosts.threadId, threadId),
        withInternal ? undefined : eq(requestPosts.internal, false),
      ),
    )
    .orderBy(asc(requestPosts.id));
}

export async function listThreadFiles(
  db: Db,
  { organizationId, threadId }: { organizationId: number; threadId: number },
): Promise<ThreadFile[]> {
  return db
    .select()
    .from(requestFiles)
    .where(and(eq(requestFiles.organizationId, organizationId), eq(requestFiles.threadId, threadId)))
    .orderBy(asc(requestFiles.id));
}

/** One file of a thread (the thread itself was found through the asker's rights). */
export async function findThreadFile(
  db: Db,
  { organizationId, threadId, id }: { organizationId: number; threadId: number; id: number },
): Promise<ThreadFile | undefined> {
  const rows = await db
    .select()
    .from(requestFiles)
    .where(
      and(
        eq(requestFiles.organizationId, organizationId),
        eq(requestFiles.threadId, threadId),
        eq(requestFiles.id, id),
      ),
    );
  return rows[0];
}

/** A member's threads of one kind, newest first. */
export async function listMemberThreads(
  db: Db,
  {
    organizationId,
    accountId,
    kind,
    limit = 200,
  }: { organizationId: number; accountId: number; kind: ThreadKind; limit?: number },
): Promise<Thread[]> {
  return db
    .select()
    .from(requestThreads)
    .where(
      and(
        eq(requestThreads.organizationId, organizationId),
        eq(requestThreads.accountId, accountId),
        eq(requestThreads.kind, kind),
      ),
    )
    .orderBy(desc(requestThreads.createdAt), desc(requestThreads.id))
    .limit(limit);
}

export interface QueueFilter {
  kind: ThreadKind;
  statuses: readonly ThreadStatus[];
  buildingId?: number | undefined;
  category?: FaultCategory | undefined;
  /** Only threads written before this instant (older than the age chosen). */
  olderThan?: Date | undefined;
  assigneeId?: number | undefined;
  priority?: Priority | undefined;
}

function queueWhere(organizationId: number, filter: QueueFilter): SQL | undefined {
  return and(
    eq(requestThreads.organizationId, organizationId),
    eq(requestThreads.kind, filter.kind),
    filter.statuses.length > 0 ? inArray(requestThreads.status, [...filter.statuses]) : undefined,
    filter.buildingId ? eq(requestThreads.buildingId, filter.buildingId) : undefined,
    filter.category ? eq(requestThreads.category, filter.category) : undefined,
    filter.olderThan ? lte(requestThreads.createdAt, filter.olderThan) : undefined,
    filter.assigneeId ? eq(requestThreads.assigneeId, filter.assigneeId) : undefined,
    filter.priority ? eq(requestThreads.priority, filter.priority) : undefined,
  );
}

/**
 * One page of the staff queue, oldest first, with the number of all matching threads. The count
 * is a second statement only when it is not known from the page itself: a first page that is not
 * full already holds every match (the usual case for a filtered queue).
 */
export async function listQueue(
  db: Db,
  {
    organizationId,
    filter,
    page,
    pageSize,
  }: { organizationId: number; filter: QueueFilter; page: number; pageSize: number },
): Promise<{ rows: Thread[]; total: number }> {
  const where = queueWhere(organizationId, filter);
  const rows = await db
    .select()
    .from(requestThreads)
    .where(where)
    .orderBy(asc(requestThreads.createdAt), asc(requestThreads.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  if (page === 1 && rows.length < pageSize) return { rows, total: rows.length };
  const totals = await db.select({ n: count() }).from(requestThreads).where(where);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export interface QueueChoices {
  /** The organization's buildings as "street number", in address order (empty unless asked for). */
  buildings: { id: number; label: string }[];
  /** Active staff accounts, with their roles for the capability check, by login. */
  staff: { id: number; name: string; roles: StaffRole[] }[];
}

/**
 * The choices of the queue's filters and assignment, in one statement instead of one per list:
 * the buildings (only the columns the filter shows) and the active staff.
 */
export async function queueChoices(
  db: Db,
  { organizationId, withBuildings }: { organizationId: number; withBuildings: boolean },
): Promise<QueueChoices> {
  type Json<T> = T | string | null;
  const rows = await queryRows<{ buildings: Json<QueueChoices['buildings']>; staff: Json<QueueChoices['staff']> }>(
    db,
    sql`select ${withBuildings ? buildingChoicesJson(organizationId) : sql`null`} as buildings,
      ${activeStaffJson(organizationId)} as staff`,
  );
  const parse = <T>(value: Json<T[]> | undefined): T[] =>
    typeof value === 'string' ? (JSON.parse(value) as T[]) : (value ?? []);
  const row = rows[0];
  return {
    buildings: parse(row?.buildings).map((b) => ({ id: Number(b.id), label: b.label })),
    staff: parse(row?.staff).map((a) => ({ id: Number(a.id), name: a.name, roles: a.roles })),
  };
}

/** How many threads of a kind wait for the office, and since when the oldest waits. */
export async function countWaiting(
  db: Db,
  { organizationId, kind }: { organizationId: number; kind: ThreadKind },
): Promise<{ count: number; oldestSince: Date | null }> {
  const rows = await db
    .select({ n: count(), oldest: min(requestThreads.waitingSince) })
    .from(requestThreads)
    .where(
      and(
        eq(requestThreads.organizationId, organizationId),
        eq(requestThreads.kind, kind),
        isNotNull(requestThreads.waitingSince),
      ),
    );
  const row = rows[0];
  return { count: Number(row?.n ?? 0), oldestSince: row?.oldest ? new Date(row.oldest) : null };
}

/** Counts of a member's threads that have news for them (for the e-BOK home). */
export async function countMemberOpen(
  db: Db,
  { organizationId, accountId }: { organizationId: number; accountId: number },
): Promise<{ faults: number; answered: number }> {
  const rows = await memberOpenCounts(db, { organizationId, accountId });
  return { faults: Number(rows[0]?.faults ?? 0), answered: Number(rows[0]?.answered ?? 0) };
}

/** Read on every e-BOK start page: prepared (db/prepared.ts). */
const memberOpenCounts = preparedQuery((db) =>
  db
    .select({
      faults: sql<string>`count(*) filter (where ${requestThreads.kind} = 'fault' and ${requestThreads.status} in ('nowe', 'przyjete', 'w_realizacji'))`,
      answered: sql<string>`count(*) filter (where ${requestThreads.kind} = 'message' and ${requestThreads.status} = 'odpowiedziano')`,
    })
    .from(requestThreads)
    .where(
      and(
        eq(requestThreads.organizationId, sql.placeholder('organizationId')),
        eq(requestThreads.accountId, sql.placeholder('accountId')),
      ),
    ),
);
