import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { queryRows } from '../../db/client.ts';
import { statementOf } from './formats/build.ts';
import { writeMt940 } from './formats/write.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-03-15T10:00:00Z');
const MAIN = '72102023130000310200000001';
const FURTHER = '61109010140000071219812874';
const URL = '/panel/finanse/wyciagi/rachunki';
const text = (body: string) => body.replace(/\u00a0/g, ' ');

describe('the cooperative’s bank accounts', () => {
  let t: TestApp;
  let org: number;
  let admin: TestClient;
  let accountant: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db, { bankAccount: `PL${MAIN}` })).id;
    const { totpKey } = await t.app.secrets();
    const staff = async (roles: ('admin' | 'accountant')[], ip: string, offset: number) => {
      const account = await makeAccount(db, org, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, {
        totpSecret: SECRET,
        now: new Date(NOW.getTime() + offset),
      });
      return client;
    };
    admin = await staff(['admin'], '10.7.0.2', 0);
    accountant = await staff(['accountant'], '10.7.0.3', 30_000);
    member = new TestClient(t.app, 'localhost', '10.7.0.4');
    await member.signIn('/ebok', (await makeAccount(db, org)).login, TEST_PASSWORD, { now: NOW });
  });
  afterAll(async () => t.close());

  const statementOfFurther = () =>
    Buffer.from(
      writeMt940(
        [
          statementOf([{ amount: 12_300, title: 'Odsetki od lokaty' }], {
            account: FURTHER,
            periodFrom: '2026-03-02',
            periodTo: '2026-03-02',
            number: '3',
          }),
        ],
        '~',
      ),
    );

  it('is the administrator’s: 404 for the accountant and members, GET and POST', async () => {
    for (const client of [accountant, member]) {
      expect((await client.get(URL)).statusCode).toBe(404);
    }
    await accountant.get('/panel/finanse/wyciagi');
    expect((await accountant.post(URL, { rachunek: FURTHER })).statusCode).toBe(404);
    expect((await accountant.post(`${URL}/usun`, { rachunek: FURTHER })).statusCode).toBe(404);
    const importPage = await accountant.get('/panel/finanse/wyciagi');
    expect(importPage.body).not.toContain(URL);
  });

  it('adds an account with a good NRB check number, refuses a wrong one at the field, removes it; each audited', async () => {
    const page = await admin.get(URL);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('72 1020 2313 0000 3102 0000 0001');
    expect(text(page.body)).toContain('Nie ma dalszych rachunków.');
    expect((await admin.get('/panel/finanse/wyciagi')).body).toContain(URL);

    // A statement of the further account is refused until the account is added.
    await admin.get('/panel/finanse/wyciagi');
    const refused = await admin.postMultipart('/panel/finanse/wyciagi', {}, [
      { field: 'pliki', name: 'lokata.sta', data: statementOfFurther() },
    ]);
    expect(text(refused.body)).toContain('nie jest rachunkiem Spółdzielni');

    await admin.get(URL);
    const wrong = await admin.post(URL, { rachunek: 'PL62 1090 1014 0000 0712 1981 2874' });
    expect(wrong.statusCode).toBe(422);
    expect(text(wrong.body)).toContain('Numer rachunku ma błędną sumę kontrolną');
    expect(wrong.body).toContain('aria-invalid="true"');
    expect(wrong.body).toContain('value="PL62 1090 1014 0000 0712 1981 2874"');
    const short = await admin.post(URL, { rachunek: '6110901014' });
    expect(text(short.body)).toContain('Numer rachunku NRB ma 26 cyfr, a tu jest 10.');
    const main = await admin.post(URL, { rachunek: MAIN });
    expect(main.statusCode).toBe(422);
    expect(text(main.body)).toContain('jest już na liście rachunków Spółdzielni');

    const added = await admin.post(URL, { rachunek: 'PL61 1090 1014 0000 0712 1981 2874' });
    expect(added.statusCode).toBe(303);
    const list = await admin.get(String(added.headers.location));
    expect(text(list.body)).toContain('Dodano rachunek');
    expect(text(list.body)).toContain('61 1090 1014 0000 0712 1981 2874');
    expect((await admin.post(URL, { rachunek: FURTHER })).statusCode).toBe(422);

    await admin.get('/panel/finanse/wyciagi');
    const accepted = await admin.postMultipart('/panel/finanse/wyciagi', {}, [
      { field: 'pliki', name: 'lokata.sta', data: statementOfFurther() },
    ]);
    expect(accepted.statusCode).toBe(200);
    expect(text(accepted.body)).toContain('1 operacji, nowych 1');

    await admin.get(URL);
    const removed = await admin.post(`${URL}/usun`, { rachunek: FURTHER });
    expect(removed.statusCode).toBe(303);
    expect(text((await admin.get(URL)).body)).toContain('Nie ma dalszych rachunków.');
    const gone = await admin.post(`${URL}/usun`, { rachunek: FURTHER });
    expect(gone.statusCode).toBe(422);

    const audit = await queryRows<{ action: string; detail: { account: string } }>(
      t.database.db,
      sql`select action, detail from audit_log where organization_id = ${org} and action like 'ledger.bank_account%' order by id`,
    );
    expect(audit.map((a) => [a.action, a.detail.account])).toEqual([
      ['ledger.bank_account_add', FURTHER],
      ['ledger.bank_account_remove', FURTHER],
    ]);
  });
});
