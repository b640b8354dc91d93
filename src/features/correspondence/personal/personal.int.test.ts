import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
} from '../../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { TestClient } from '../../../../test/support/test-client.ts';
import { systemActor } from '../../audit/audit.ts';
import { auditLog } from '../../audit/schema.ts';
import { addFeeComponent, setFeeRate } from '../../ledger/fees.ts';
import { bookOtherReceivable } from '../../ledger/ledger.ts';
import type { Organization } from '../../organizations/queries.ts';
import { outboxMessages } from '../../outbox/schema.ts';
import { consents, deliveries, letters } from '../schema.ts';
import { previewPersonalLetter, sendPersonalLetter } from './send.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

function pdfText(pdf: Buffer, name: string): string {
  mkdirSync('test-results/pdf', { recursive: true });
  const file = `test-results/pdf/${name}.pdf`;
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('personalised letters', () => {
  let t: TestApp;
  let org: Organization;
  let clerk: TestClient;
  let member: TestClient;
  const ids = { zofia: 0, jan: 0, a: 0, b: 0, c: 0 };
  const now = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    const db = t.database.db;
    org = await makeOrganization(db, { bankAccount: '61 1090 1014 0000 0712 1981 2874' });
    const building = await makeBuilding(db, org.id, { street: 'ul. Lipowa', number: '4' });
    const unit = async (number: string) =>
      (await makeUnit(db, org.id, { buildingId: building.id, number, area: '50,00' })).id;
    ids.a = await unit('1');
    ids.b = await unit('2');
    ids.c = await unit('3');
    ids.zofia = (await makePerson(db, org.id, { firstName: 'Zofia', lastName: 'Żółkiewska' })).id;
    ids.jan = (await makePerson(db, org.id, { firstName: 'Jan', lastName: 'Nowak' })).id;
    await makeRight(db, org.id, { unitId: ids.a, personId: ids.zofia });
    await makeRight(db, org.id, { unitId: ids.b, personId: ids.jan });
    await makeRight(db, org.id, { unitId: ids.c, personId: ids.jan });
    const actor = systemActor(org.id, 'test');
    const component = await addFeeComponent(db, {
      actor,
      input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2' },
    });
    await setFeeRate(db, { actor, input: { componentId: component.id, rate: 2_5000, effectiveFrom: '2026-01-01' } });
    for (const [unitId, amount] of [
      [ids.a, 150_00],
      [ids.b, 42_10],
    ] as const)
      await bookOtherReceivable(db, {
        actor,
        input: {
          unitId,
          amount,
          valueDate: '2026-10-01',
          bookingDate: '2026-10-01',
          dueDate: '2026-10-10',
          description: 'Naprawa',
        },
      });
    await db.insert(consents).values({
      organizationId: org.id,
      personId: ids.zofia,
      email: 'zofia@example.com',
      method: 'desk',
      textVersion: 1,
      state: 'given',
      recordedAt: now,
      recordedByLabel: 'test',
      addressConfirmedAt: now,
    });
    const { totpKey } = await t.app.secrets();
    const clerkAccount = await makeAccount(db, org.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: SECRET,
      totpKey,
    });
    const memberAccount = await makeAccount(db, org.id, { personId: ids.zofia });
    clerk = new TestClient(t.app, 'localhost', '10.9.0.1');
    member = new TestClient(t.app, 'localhost', '10.9.0.2');
    await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  const body = [
    'Szanowna/y {{imie_nazwisko}},',
    'saldo lokalu {{lokal}} na dzień {{dzien_salda}} wynosi **{{saldo}}**; prosimy o wpłatę na rachunek {{numer_konta}} do {{termin_platnosci}}.',
    '{{skladniki_oplaty}}',
    '{{kod_qr}}',
  ].join('\n\n');

  it('refuses a field that is not on the list, at the body, keeping the form', async () => {
    await clerk.get('/panel/korespondencja');
    const refused = await clerk.post('/panel/korespondencja', {
      subject: 'Saldo',
      body: 'Saldo: {{saldo}} i {{pesel}}',
      audience: 'all',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Nie ma pola {{pesel}}');
    expect(refused.body).toContain('Saldo: {{saldo}} i {{pesel}}');
    expect(refused.body).toContain('Pola wypełniane dla każdego adresata');
  });

  it('previews three real versions, lists who lacks data, then sends each their own figures', async () => {
    await clerk.get('/panel/korespondencja');
    const created = await clerk.post('/panel/korespondencja', { subject: 'Stan rozliczeń', body, audience: 'all' });
    expect(created.statusCode).toBe(303);
    const page = await clerk.get(created.headers.location as string);
    expect(page.body).toContain('Podgląd listu u pierwszych adresatów');
    // Jan holds two units: one letter each; unit 3 owes nothing, so it has no QR code to carry.
    expect(page.body).toContain('2 listy z danymi lokalu adresata: 1 e-mailem, 1 pocztą tradycyjną.');
    expect(page.body).toContain('Jan Nowak, ul. Lipowa 4/3: brak — Kod QR do zapłaty');
    expect(page.body).toMatch(
      /saldo lokalu ul\. Lipowa 4\/1 na dzień 25\.11\.2026 wynosi <strong>150,00\s+zł<\/strong>/,
    );
    expect(page.body).toMatch(/wynosi <strong>42,10\s+zł<\/strong>/);
    expect(page.body).toContain('<img src="data:image/png;base64,');

    // The sender confirms the counts the page showed (Wysłać do N osób: …?).
    const email = /name="email" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const papier = /name="papier" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const sent = await clerk.post(`${created.headers.location}/wyslij`, { potwierdzam: '1', email, papier });
    expect(sent.statusCode).toBe(303);
    const letterId = Number((created.headers.location as string).split('/').pop());
    const rows = await t.database.db.select().from(deliveries).where(eq(deliveries.letterId, letterId));
    expect(rows.map((r) => [r.personId, r.unitId, r.channel]).sort()).toEqual(
      [
        [ids.zofia, ids.a, 'email'],
        [ids.jan, ids.b, 'paper'],
      ].sort(),
    );
    const [mail] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'zofia@example.com'));
    expect(mail?.textBody).toMatch(/wynosi 150,00\s+zł/);
    expect(mail?.textBody).toContain('61 1090 1014 0000 0712 1981 2874');
    expect(mail?.htmlBody).not.toContain('42,10');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'correspondence.letter_sent'), eq(auditLog.subjectId, String(letterId))));
    expect(audit?.detail).toEqual({ email: 1, paper: 1, skipped: 1 });

    // The member reads her own figures in e-BOK; the print file holds Jan's.
    const inbox = await member.get(`/ebok/korespondencja/${letterId}`);
    expect(inbox.body).toMatch(/wynosi <strong>150,00\s+zł<\/strong>/);
    expect(inbox.body).not.toContain('{{saldo}}');
    const paper = rows.find((r) => r.channel === 'paper');
    const pdf = await clerk.get(`/panel/korespondencja/druk.pdf?ids=${paper?.id}`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload, 'personal-letter');
    expect(text).toContain('Jan Nowak');
    expect(text).toMatch(/wynosi 42,10\s+zł/);
    expect(text).toContain('Eksploatacja');
    expect(text).not.toContain('{{');
  });

  it('lets another feature send to holders with its own fields, once per key, with a PDF for e-mail', async () => {
    const db = t.database.db;
    const input = {
      organization: org,
      subject: 'Wezwanie',
      bodyMarkdown: 'Lokal {{lokal}}: saldo {{saldo}}, odsetki {{odsetki}}.',
      extraFields: [{ key: 'odsetki', label: 'Odsetki', description: 'Odsetki do dnia salda.' }],
      recipients: [
        { personId: ids.zofia, unitId: ids.a, extra: { odsetki: { text: '3,20 zł <b>' } } },
        { personId: ids.jan, unitId: ids.b },
      ],
    };
    const preview = await previewPersonalLetter(db, { ...input, now });
    expect(preview.total).toBe(1);
    expect(preview.samples[0]?.html).toContain('odsetki 3,20 zł &lt;b&gt;.');
    expect(preview.missing).toEqual([
      { personId: ids.jan, unitId: ids.b, name: 'Jan Nowak', unitLabel: 'ul. Lipowa 4/2', missing: ['Odsetki'] },
    ]);
    const sending = {
      ...input,
      now,
      actor: systemActor(org.id, 'test'),
      mailFrom: undefined,
      baseUrl: 'http://sm.test',
    };
    const first = await sendPersonalLetter(db, { ...sending, key: 'test:1', attachPdf: true });
    expect(first).toMatchObject({ email: 1, paper: 0 });
    expect(first.skipped.map((s) => s.personId)).toEqual([ids.jan]);
    const again = await sendPersonalLetter(db, { ...sending, key: 'test:1', attachPdf: true });
    expect(again).toMatchObject({ letterId: first.letterId, email: 0, paper: 0 });
    expect(again.deliveries).toEqual(first.deliveries);
    const [delivery] = await db.select().from(deliveries).where(eq(deliveries.letterId, first.letterId));
    expect(delivery?.fileId).not.toBeNull();
    const [message] = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, delivery?.outboxMessageId ?? 0));
    expect(message?.attachmentFileIds).toEqual([delivery?.fileId]);
    expect(
      await db
        .select()
        .from(letters)
        .where(and(eq(letters.sourceKey, 'test:1'), isNull(letters.scheduledAt))),
    ).toHaveLength(1);
    await expect(sendPersonalLetter(db, { ...sending, bodyMarkdown: '{{nieznane}}' })).rejects.toThrow(
      /unknown letter fields/,
    );
  });
});
