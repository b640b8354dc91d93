import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { addMeter } from './meters.ts';
import { insertReading } from './queries.ts';

const NOW = new Date('2026-03-28T10:00:00Z');

/** The readings table of the page: its body rows, newest first, as text. */
function tableRows(html: string): string[] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('the member’s meters page over 13 years of readings', () => {
  let t: TestApp;
  let unitId: number;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    const org = (await makeOrganization(db)).id;
    const buildingId = (await makeBuilding(db, org)).id;
    unitId = (await makeUnit(db, org, { buildingId, number: '3' })).id;
    const person = await makePerson(db, org);
    await makeRight(db, org, { unitId, personId: person.id, validFrom: '2012-01-01' });
    const meter = await addMeter(db, {
      actor: testActorIn(org),
      input: {
        unitId,
        buildingId: null,
        medium: 'zimna_woda',
        serial: 'ZW-13',
        place: 'kuchnia',
        decimals: 3,
        installedOn: '2013-01-01',
        initialReading: 0,
        legalisationUntil: null,
        rolloverAt: null,
      },
    });
    // Monthly on the 15th, 2013-01 … 2026-03: 1,500 m³ a month.
    for (let k = 0; k < 159; k++) {
      const readOn = new Date(Date.UTC(2013, k, 15)).toISOString().slice(0, 10);
      await insertReading(db, {
        organizationId: org,
        meterId: meter.id,
        readOn,
        value: (k + 1) * 1500,
        source: 'karta',
        enteredByLabel: 'test',
      });
    }
    const account = await makeAccount(db, org, { personId: person.id });
    member = new TestClient(t.app, 'localhost', '10.8.1.1');
    await member.signIn('/ebok', account.login, TEST_PASSWORD, { now: NOW });
  });
  afterAll(async () => t.close());

  it('shows the last 12 months by default, each consumption from the reading before', async () => {
    const page = await member.get(`/ebok/liczniki/${unitId}`);
    expect(page.statusCode).toBe(200);
    const rows = tableRows(page.body);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toContain('15.03.2026');
    expect(rows[11]).toContain('15.04.2025');
    // Every row's consumption is one month's, the oldest shown too (not all since 2013).
    for (const row of rows) expect(row).toContain('1,500 m³');
    expect(page.body).toContain('Zużycie z ostatnich 12 miesięcy');
    expect(page.body).toMatch(/<option value(="")? selected>ostatnie 12 miesięcy<\/option>/);
    expect(page.body).toContain('<option value="2013">rok 2013</option>');
  });

  it('shows a chosen year, newest first, and falls back to the last 12 months for a year without meters', async () => {
    const page = await member.get(`/ebok/liczniki/${unitId}?rok=2014`);
    expect(page.statusCode).toBe(200);
    const rows = tableRows(page.body);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toContain('15.12.2014');
    expect(rows[11]).toContain('15.01.2014');
    expect(rows[11]).toContain('1,500 m³');
    expect(page.body).toContain('<option value="2014" selected>rok 2014</option>');
    for (const odd of ['1999', 'abc', '2030']) {
      const fallback = await member.get(`/ebok/liczniki/${unitId}?rok=${odd}`);
      expect(fallback.statusCode).toBe(200);
      expect(tableRows(fallback.body)[0]).toContain('15.03.2026');
    }
  });
});
