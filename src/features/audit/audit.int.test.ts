import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { parseInput } from '../../lib/field-errors.ts';
import type { Account } from '../accounts/queries.ts';
import type { StaffRole } from '../accounts/schema.ts';
import { findOrganizationBySlug, type Organization } from '../organizations/queries.ts';
import { createNews, newsInput } from '../site/edit-news.ts';
import { newsItems } from '../site/schema.ts';
import { updateSiteSettings } from '../site/settings.ts';
import { type Actor, latestAudit, listAudit, recordAudit, systemActor } from './audit.ts';
import { auditLog } from './schema.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

/** The message of a refused statement, with the database's own reason (drizzle wraps it). */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return `${String(error)} ${cause}`;
  }
  throw new Error('expected the statement to be refused');
}

describe('the audit log', () => {
  let t: TestApp;
  let organization: Organization;
  const now = new Date('2026-04-01T10:00:00Z');
  let db: TestApp['database']['db'];

  const rowsOf = async (action: string) =>
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, organization.id), eq(auditLog.action, action)));

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    db = t.database.db;
    organization = await makeOrganization(db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await recordAudit(db, { ...systemActor(organization.id, 'test'), action: 'test.append_only' });
    const [row] = await rowsOf('test.append_only');
    if (!row) throw new Error('no row written');
    expect(await refusal(db.update(auditLog).set({ action: 'test.changed' }).where(eq(auditLog.id, row.id)))).toContain(
      'audit_log is append-only: UPDATE refused',
    );
    expect(await refusal(db.delete(auditLog).where(eq(auditLog.id, row.id)))).toContain(
      'audit_log is append-only: DELETE refused',
    );
    expect(await refusal(db.execute(sql`truncate audit_log`))).toContain('audit_log is append-only: TRUNCATE refused');
    expect(await rowsOf('test.append_only')).toEqual([row]);
  });

  it('writes a row in the caller’s transaction: both commit, or neither', async () => {
    const actor = systemActor(organization.id, 'test');
    await db.transaction(async (tx) => {
      await recordAudit(tx, { ...actor, action: 'test.committed', subjectType: 'test', subjectId: 1 });
    });
    expect(await rowsOf('test.committed')).toHaveLength(1);

    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { ...actor, action: 'test.rolled_back' });
        throw new Error('the change failed after its audit row');
      }),
    ).rejects.toThrow('the change failed after its audit row');
    expect(await rowsOf('test.rolled_back')).toEqual([]);

    // A feature's change and its row go together with the caller's transaction.
    const input = parseInput(newsInput, { title: 'Wycofana razem z dziennikiem', slug: 'wycofana-razem' });
    await expect(
      db.transaction(async (tx) => {
        await createNews(tx, { actor, input, now });
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    const news = await db.select().from(newsItems).where(eq(newsItems.slug, 'wycofana-razem'));
    expect(news).toEqual([]);
    expect((await rowsOf('site.news_created')).filter((r) => r.detail?.title === input.title)).toEqual([]);

    const created = await createNews(db, { actor, input, now });
    const [row] = (await rowsOf('site.news_created')).filter((r) => r.subjectId === String(created.id));
    expect(row).toMatchObject({
      subjectType: 'news',
      detail: { title: input.title, publishedAt: null, actor: 'test' },
    });
    expect(row?.createdAt).toEqual(now);
  });

  it('keeps no change whose audit row cannot be written', async () => {
    const before = (await findOrganizationBySlug(db, organization.slug))?.settings.visitorCountStart ?? 0;
    // An actor of an organization that does not exist: the audit row's insert fails.
    const nowhere: Actor = { organizationId: 2 ** 40, actorAccountId: null, actorLabel: 'test' };
    await expect(
      updateSiteSettings(db, {
        actor: nowhere,
        organization,
        input: { officeHours: [], visitorCountStart: before + 1000 },
        now,
      }),
    ).rejects.toThrow();
    expect((await findOrganizationBySlug(db, organization.slug))?.settings.visitorCountStart ?? 0).toBe(before);
  });

  it('stores the label of a system actor, and the account of a person', async () => {
    await recordAudit(db, { ...systemActor(organization.id, 'cli'), action: 'test.by_cli' });
    await recordAudit(db, {
      ...systemActor(organization.id, 'import'),
      action: 'test.by_import',
      detail: { rows: 3 },
    });
    const person = await makeAccount(db, organization.id);
    await recordAudit(db, {
      organizationId: organization.id,
      actorAccountId: person.id,
      actorLabel: person.login,
      origin: { ip: '10.9.0.1', userAgent: 'Przeglądarka testowa' },
      action: 'test.by_person',
      detail: { field: 'phone' },
    });
    expect(await rowsOf('test.by_cli')).toMatchObject([{ actorAccountId: null, detail: { actor: 'cli' } }]);
    expect(await rowsOf('test.by_import')).toMatchObject([
      { actorAccountId: null, detail: { rows: 3, actor: 'import' } },
    ]);
    expect(await rowsOf('test.by_person')).toMatchObject([
      { actorAccountId: person.id, ip: '10.9.0.1', userAgent: 'Przeglądarka testowa', detail: { field: 'phone' } },
    ]);
  });

  it('gives the newest entries of a filter without counting them, the same rows as the listing', async () => {
    const person = await makeAccount(db, organization.id);
    const actor = { organizationId: organization.id, actorAccountId: person.id, actorLabel: person.login };
    for (let n = 1; n <= 4; n++) {
      await recordAudit(db, { ...actor, action: 'test.latest', detail: { n }, at: new Date(now.getTime() + n * 1000) });
    }
    const filter = { organizationId: organization.id, action: 'test.latest', involvingAccountId: person.id, limit: 2 };
    const latest = await latestAudit(db, filter);
    expect(latest.map((row) => row.detail)).toEqual([{ n: 4 }, { n: 3 }]);
    const listed = await listAudit(db, filter);
    expect(listed.rows).toEqual(latest);
    expect(listed.total).toBe(4);
  });
});

describe('the audit log page (/panel/dziennik)', () => {
  let t: TestApp;
  let organization: Organization;
  let member: Account;
  let admin: TestClient;
  const now = new Date('2026-04-01T10:00:00Z');

  const staffClient = async (roles: StaffRole[], ip: string) => {
    const { totpKey } = await t.app.secrets();
    const account = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles,
      totpSecret: SECRET,
      totpKey,
    });
    const client = new TestClient(t.app, 'localhost', ip);
    expect((await client.signIn('/panel', account.login, TEST_PASSWORD, { totpSecret: SECRET, now })).statusCode).toBe(
      303,
    );
    return { client, account };
  };

  /** Which of the test's marked rows a page of the log lists. */
  const marksOn = async (query: string) => {
    const response = await admin.get(`/panel/dziennik${query}`);
    expect(response.statusCode, query).toBe(200);
    return ['alfa', 'beta', 'gamma', 'delta', 'epsilon', 'obcy'].filter((mark) =>
      response.body.includes(`znacznik-${mark}`),
    );
  };

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    const db = t.database.db;
    organization = await makeOrganization(db);
    member = await makeAccount(db, organization.id);
    admin = (await staffClient(['admin'], '10.4.0.1')).client;
    const at = (instant: string) => new Date(instant);
    const orgId = organization.id;
    // By the member, on 10 March.
    await recordAudit(db, {
      organizationId: orgId,
      actorAccountId: member.id,
      action: 'phone.changed',
      subjectType: 'account',
      subjectId: member.id,
      detail: { note: 'znacznik-alfa' },
      at: at('2026-03-10T09:00:00Z'),
    });
    // About the member, by the CLI, at 23:30 on 20 March in Warsaw.
    await recordAudit(db, {
      ...systemActor(orgId, 'cli'),
      action: 'account.unlocked',
      subjectType: 'account',
      subjectId: member.id,
      detail: { note: 'znacznik-beta' },
      at: at('2026-03-20T22:30:00Z'),
    });
    // An import at 00:30 on 21 March in Warsaw (still 20 March in UTC).
    await recordAudit(db, {
      ...systemActor(orgId, 'import'),
      action: 'register.import',
      subjectType: 'register',
      detail: { note: 'znacznik-gamma' },
      at: at('2026-03-20T23:30:00Z'),
    });
    // A sign-in attempt with a login that belongs to no account.
    await recordAudit(db, {
      organizationId: orgId,
      actorAccountId: null,
      action: 'signin.failure',
      detail: { login: 'Nieistniejacy', note: 'znacznik-delta' },
      at: at('2026-03-12T08:00:00Z'),
    });
    await recordAudit(db, {
      ...systemActor(orgId, 'demo'),
      action: 'site.news_created',
      subjectType: 'news',
      subjectId: 7,
      detail: { title: 'Zebranie', note: 'znacznik-epsilon' },
      at: at('2026-03-15T12:00:00Z'),
    });
    // Another organization's row is never shown.
    const other = await makeOrganization(db);
    await recordAudit(db, {
      ...systemActor(other.id, 'cli'),
      action: 'account.unlocked',
      detail: { note: 'znacznik-obcy' },
      at: at('2026-03-20T10:00:00Z'),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the organization’s rows, newest first, with the system actor’s label', async () => {
    expect(await marksOn('')).toEqual(['alfa', 'beta', 'gamma', 'delta', 'epsilon']);
    const body = (await admin.get('/panel/dziennik')).body;
    expect(body.indexOf('znacznik-gamma')).toBeLessThan(body.indexOf('znacznik-beta'));
    expect(body.indexOf('znacznik-beta')).toBeLessThan(body.indexOf('znacznik-alfa'));
    expect(body).toContain('&quot;actor&quot;:&quot;import&quot;');
    expect(body).toContain('Rejestr: import z pliku');
  });

  it('filters by action, by account (id or login), by a typed unknown login and by text', async () => {
    expect(await marksOn('?zdarzenie=site.news_created')).toEqual(['epsilon']);
    expect(await marksOn('?zdarzenie=account.')).toEqual(['beta']);
    expect(await marksOn(`?konto=${member.id}`)).toEqual(['alfa', 'beta']);
    expect(await marksOn(`?login=${member.login.toUpperCase()}`)).toEqual(['alfa', 'beta']);
    expect(await marksOn('?login=nieistniejacy')).toEqual(['delta']);
    expect(await marksOn('?konto=999999999')).toEqual([]);
    expect(await marksOn('?tekst=znacznik-gamma')).toEqual(['gamma']);
    expect(await marksOn('?tekst=register.imp')).toEqual(['gamma']);
    expect(await marksOn('?tekst=%25')).toEqual([]);
    const filtered = await admin.get(`/panel/dziennik?konto=${member.id}`);
    expect(filtered.body).toContain('Znaleziono wpisów: 2.');
    expect(filtered.body).toContain(`value="${member.login}"`);
  });

  it('filters by Warsaw calendar days, both ends included', async () => {
    expect(await marksOn('?od=2026-03-15&do=2026-03-20')).toEqual(['beta', 'epsilon']);
    expect(await marksOn('?od=2026-03-21&do=2026-03-21')).toEqual(['gamma']);
    expect(await marksOn('?do=2026-03-11')).toEqual(['alfa']);
    expect(await marksOn('?od=2026-03-11&do=2026-03-14&tekst=znacznik')).toEqual(['delta']);
    // A day as people write it filters the same as the ISO one.
    expect(await marksOn('?od=15.03.2026&do=20.03.2026')).toEqual(['beta', 'epsilon']);
    // Malformed filters are ignored rather than refused.
    expect(await marksOn('?od=15-03-2026&strona=abc&zdarzenie=')).toEqual([
      'alfa',
      'beta',
      'gamma',
      'delta',
      'epsilon',
    ]);
  });

  it('is not there for anyone but administrators, and a refused look is itself audited', async () => {
    for (const [roles, ip] of [
      [['clerk'], '10.4.0.2'],
      [['editor'], '10.4.0.3'],
      [['accountant'], '10.4.0.4'],
    ] as const) {
      const { client, account } = await staffClient([...roles], ip);
      expect((await client.get('/panel/dziennik')).statusCode, roles.join()).toBe(404);
      const denied = await listAudit(t.database.db, {
        organizationId: organization.id,
        action: 'access.denied',
        actorAccountId: account.id,
        limit: 5,
      });
      expect(denied.rows.map((r) => r.detail)).toEqual([{ method: 'GET', url: '/panel/dziennik' }]);
    }
    const memberClient = new TestClient(t.app, 'localhost', '10.4.0.5');
    await memberClient.signIn('/ebok', member.login, TEST_PASSWORD);
    expect((await memberClient.get('/panel/dziennik')).statusCode).toBe(404);
    const visitor = new TestClient(t.app, 'localhost', '10.4.0.6');
    const anonymous = await visitor.get('/panel/dziennik?tekst=x');
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/panel?next=%2Fpanel%2Fdziennik%3Ftekst%3Dx');
  });
});
