import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { listAudit } from '../audit/audit.ts';
import { listEntries } from '../ledger/queries.ts';
import { updateOrganizationSettings } from '../organizations/queries.ts';
import { listOutbox } from '../outbox/queries.ts';

const dir = mkdtempSync(join(tmpdir(), 'osiedle-booking-pdf-'));

/** The text of a PDF as poppler's pdftotext extracts it. */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

// Tuesday 10 March 2026, 11:00 in Warsaw.
const NOW = new Date('2026-03-10T10:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXP';

describe('room bookings', () => {
  let t: TestApp;
  let org: number;
  let anna: TestClient;
  let bogdan: TestClient;
  let clerk: TestClient;
  let visitor: TestClient;
  let flatA: number;
  let annaAccount: number;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db, { bankAccount: '61109010140000071219812874' })).id;
    await updateOrganizationSettings(db, org, { ...({ taxId: '6340012347' } as object) });
    const a = await makePerson(db, org);
    const b = await makePerson(db, org);
    flatA = (await makeUnit(db, org)).id;
    const flatB = (await makeUnit(db, org)).id;
    await makeRight(db, org, { unitId: flatA, personId: a.id });
    await makeRight(db, org, { unitId: flatB, personId: b.id });
    const { totpKey } = await t.app.secrets();
    const accounts = {
      anna: await makeAccount(db, org, { personId: a.id }),
      bogdan: await makeAccount(db, org, { personId: b.id }),
      clerk: await makeAccount(db, org, { kind: 'staff', roles: ['clerk'], totpSecret: SECRET, totpKey }),
    };
    annaAccount = accounts.anna.id;
    anna = new TestClient(t.app, 'localhost', '10.6.0.1');
    bogdan = new TestClient(t.app, 'localhost', '10.6.0.2');
    clerk = new TestClient(t.app, 'localhost', '10.6.0.3');
    visitor = new TestClient(t.app, 'localhost', '10.6.0.4');
    await anna.signIn('/ebok', accounts.anna.login, TEST_PASSWORD);
    await bogdan.signIn('/ebok', accounts.bogdan.login, TEST_PASSWORD);
    await clerk.signIn('/panel', accounts.clerk.login, TEST_PASSWORD, { totpSecret: SECRET, now: NOW });
    await clerk.get('/panel/rezerwacje');
    const room = await clerk.post('/panel/rezerwacje/sale', {
      name: 'Sala konferencyjna',
      opensAt: '08:00',
      closesAt: '21:00',
      minNoticeHours: '24',
      pricePerHour: '50,00',
    });
    expect(room.statusCode).toBe(303);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the past, too short a notice, hours outside the rules and overlaps, at the fields, storing nothing', async () => {
    await visitor.get('/rezerwacja-sali');
    const base = {
      date: '2026-03-12',
      from: '17:00',
      until: '19:00',
      purpose: 'Zebranie wspólnoty',
      contactName: 'Jan Gość',
      contactEmail: 'jan@example.com',
    };
    const past = await visitor.post('/rezerwacja-sali', { ...base, date: '2026-03-09' });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('Ten termin już minął');
    expect(past.body).toContain('value="Jan Gość"');
    const soon = await visitor.post('/rezerwacja-sali', { ...base, date: '2026-03-11', from: '09:00', until: '10:00' });
    expect(soon.body).toContain('co najmniej 24 godz.');
    const late = await visitor.post('/rezerwacja-sali', { ...base, from: '20:00', until: '22:00' });
    expect(late.body).toContain('Sala jest dostępna w godzinach 08:00–21:00.');
    const noEmail = await visitor.post('/rezerwacja-sali', { ...base, contactEmail: '' });
    expect(noEmail.body).toContain('Podaj adres e-mail');
    const ok = await visitor.post('/rezerwacja-sali', base);
    expect(ok.statusCode).toBe(303);
    await anna.get('/ebok/rezerwacje');
    const overlap = await anna.post('/ebok/rezerwacje', {
      date: '2026-03-12',
      from: '18:00',
      until: '20:00',
      purpose: 'Urodziny',
    });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.body).toContain('W tym czasie sala jest już zarezerwowana');
    // The public page shows the slot as busy, without the name.
    const page = await new TestClient(t.app, 'localhost', '10.6.0.5').get('/rezerwacja-sali');
    expect(page.body).toContain('zajęta 17:00–19:00');
    expect(page.body).not.toContain('Jan Gość');
  });

  it("books an approved paid member's slot on their unit, and feeds approved bookings to the staff calendar", async () => {
    await anna.get('/ebok/rezerwacje');
    const asked = await anna.post('/ebok/rezerwacje', {
      date: '2026-03-13',
      from: '10:00',
      until: '11:30',
      purpose: 'Spotkanie klatki',
      unitId: String(flatA),
    });
    expect(asked.statusCode).toBe(303);
    const own = await anna.get('/ebok/rezerwacje');
    expect(own.body).toContain('czeka na decyzję');
    expect((await bogdan.get('/ebok/rezerwacje')).body).not.toContain('Spotkanie klatki');
    const queue = await clerk.get('/panel/rezerwacje');
    const bookingId = /Spotkanie klatki[\s\S]*?\/panel\/rezerwacje\/(\d+)\/zatwierdz/.exec(queue.body)?.[1];
    expect((await clerk.post(`/panel/rezerwacje/${bookingId}/zatwierdz`, {})).statusCode).toBe(303);
    expect((await clerk.post(`/panel/rezerwacje/${bookingId}/zatwierdz`, {})).statusCode).toBe(422);
    const entries = await listEntries(t.database.db, { organizationId: org, unitId: flatA, kind: 'other_receivable' });
    expect(entries.map((e) => e.amount)).toEqual([7500]);
    expect((await anna.get('/ebok/rezerwacje')).body).toContain('zatwierdzona');
    const feed =
      /(\/sale\/\d+\/kalendarz\/[A-Za-z0-9_-]+\.ics)/.exec((await clerk.get('/panel/rezerwacje')).body)?.[1] ?? '';
    const ics = await visitor.get(feed);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('Spotkanie klatki');
    // The token with its first character changed (to another one: a random token may start with X).
    const forged = feed.replace(/kalendarz\/(.)/, (_, first: string) => `kalendarz/${first === 'X' ? 'Y' : 'X'}`);
    expect((await visitor.get(forged)).statusCode).toBe(404);
  });

  it('rejects only with a reason, and keeps other organizations out', async () => {
    const queue = await clerk.get('/panel/rezerwacje');
    const bookingId = /\/panel\/rezerwacje\/(\d+)\/odrzuc/.exec(queue.body)?.[1];
    const noReason = await clerk.post(`/panel/rezerwacje/${bookingId}/odrzuc`, { reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Podaj powód odrzucenia.');
    expect(
      (await clerk.post(`/panel/rezerwacje/${bookingId}/odrzuc`, { reason: 'Sala zajęta przez zarząd.' })).statusCode,
    ).toBe(303);
    const other = await makeOrganization(t.database.db);
    const { createRoom, requestBooking } = await import('./bookings.ts');
    const actor = { organizationId: other.id, actorAccountId: null };
    const room = await createRoom(t.database.db, {
      actor,
      input: { name: 'Obca', opensAt: 0, closesAt: 1440, minNoticeHours: 0, pricePerHour: 0, freeForMembers: true },
      now: NOW,
    });
    const foreign = await requestBooking(t.database.db, {
      actor,
      roomId: room.id,
      slot: { date: '2026-03-20', from: '10:00', until: '11:00' },
      requester: {
        accountId: null,
        unitId: null,
        member: false,
        contactName: 'X',
        contactEmail: null,
        contactPhone: null,
      },
      purpose: 'x',
      now: NOW,
    });
    expect((await clerk.post(`/panel/rezerwacje/${foreign.id}/zatwierdz`, {})).statusCode).toBe(404);
    expect((await visitor.get(`/sale/${room.id}/kalendarz/${room.calendarToken}.ics`)).statusCode).toBe(404);
  });

  it("gives a non-member's approved paid booking a payment request, to staff and with the e-mail; nothing else has one", async () => {
    await visitor.get('/rezerwacja-sali');
    const asked = await visitor.post('/rezerwacja-sali', {
      date: '2026-03-16',
      from: '10:00',
      until: '13:00',
      purpose: 'Szkolenie',
      contactName: 'Zofia Gościńska',
      contactEmail: 'zofia@example.com',
      contactPhone: '600 100 200',
    });
    expect(asked.statusCode).toBe(303);
    const queue = await clerk.get('/panel/rezerwacje');
    const bookingId = /Szkolenie[\s\S]*?\/panel\/rezerwacje\/(\d+)\/zatwierdz/.exec(queue.body)?.[1];
    const pdfUrl = `/panel/rezerwacje/${bookingId}/wezwanie-do-zaplaty.pdf`;
    // Not before it is approved.
    expect((await clerk.get(pdfUrl)).statusCode).toBe(404);
    expect((await clerk.post(`/panel/rezerwacje/${bookingId}/zatwierdz`, {})).statusCode).toBe(303);
    expect((await clerk.get('/panel/rezerwacje')).body).toContain(pdfUrl);

    const response = await clerk.get(pdfUrl);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf, 'staff');
    expect(text).toContain('Potwierdzenie rezerwacji i wezwanie do zapłaty');
    expect(text).toContain(`REZ/2026/${bookingId}`);
    expect(text).toContain('NIP 6340012347');
    expect(text).toContain('Zofia Gościńska');
    expect(text).toContain('zofia@example.com');
    expect(text).toContain('Sala konferencyjna, 16.03.2026, 10:00–13:00');
    expect(text).toMatch(/50,00\s+zł\s+3 godz\.\s+150,00\s+zł/);
    expect(text).toContain('61 1090 1014 0000 0712 1981 2874');
    expect(text).toContain(`Tytuł przelewu: Rezerwacja sali nr REZ/2026/${bookingId}, 16.03.2026`);
    expect(text).toContain('Termin płatności: 17.03.2026');

    // The approval e-mail carries the same document.
    const { findFilesByIds } = await import('../../files/store.ts');
    const mails = (await listOutbox(t.database.db, { organizationId: org, limit: 50, offset: 0 })).rows.filter(
      (m) => m.purpose === 'bookings.approved' && m.toAddress === 'zofia@example.com',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.textBody).toContain('W załączniku potwierdzenie rezerwacji i wezwanie do zapłaty');
    const { outboxMessages } = await import('../outbox/schema.ts');
    const { eq } = await import('drizzle-orm');
    const [row] = await t.database.db
      .select({ ids: outboxMessages.attachmentFileIds })
      .from(outboxMessages)
      .where(eq(outboxMessages.id, mails[0]?.id ?? 0));
    const files = await findFilesByIds(t.database.db, row?.ids ?? []);
    expect(files).toHaveLength(1);
    expect(files[0]?.contentType).toBe('application/pdf');
    expect(pdfText(Buffer.from(files[0]?.data ?? []), 'mail')).toContain('61 1090 1014 0000 0712 1981 2874');

    // A member's paid booking (on their unit) and an unknown one have none; nor for a member's account.
    const { listMemberBookings } = await import('./bookings.ts');
    const annas = await listMemberBookings(t.database.db, { organizationId: org, accountId: annaAccount });
    expect(annas.some((b) => b.status === 'zatwierdzona' && b.price > 0)).toBe(true);
    for (const b of annas)
      expect((await clerk.get(`/panel/rezerwacje/${b.id}/wezwanie-do-zaplaty.pdf`)).statusCode).toBe(404);
    expect((await clerk.get('/panel/rezerwacje/999999/wezwanie-do-zaplaty.pdf')).statusCode).toBe(404);
    expect([302, 404]).toContain((await anna.get(pdfUrl)).statusCode);
    expect((await anna.get(pdfUrl)).headers['content-type'] ?? '').not.toContain('application/pdf');
    expect([302, 404]).toContain((await visitor.get(pdfUrl)).statusCode);
  });

  it("keeps another organization's payment requests out, and gives a free booking none", async () => {
    const other = await makeOrganization(t.database.db, { bankAccount: '61109010140000071219812874' });
    const { createRoom, requestBooking, decideBooking } = await import('./bookings.ts');
    const actor = { organizationId: other.id, actorAccountId: null };
    const ask = async (pricePerHour: number) => {
      const room = await createRoom(t.database.db, {
        actor,
        input: { name: 'Obca', opensAt: 0, closesAt: 1440, minNoticeHours: 0, pricePerHour, freeForMembers: true },
        now: NOW,
      });
      const booking = await requestBooking(t.database.db, {
        actor,
        roomId: room.id,
        slot: { date: '2026-03-25', from: '10:00', until: '11:00' },
        requester: {
          accountId: null,
          unitId: null,
          member: false,
          contactName: 'Y',
          contactEmail: null,
          contactPhone: null,
        },
        purpose: 'y',
        now: NOW,
      });
      const mail = { organization: other, mailFrom: undefined, baseUrl: 'https://osiedle.example' };
      await decideBooking(t.database.db, { actor, bookingId: booking.id, approve: true, reason: '', mail, now: NOW });
      return booking.id;
    };
    const paid = await ask(4000);
    const free = await ask(0);
    expect((await clerk.get(`/panel/rezerwacje/${paid}/wezwanie-do-zaplaty.pdf`)).statusCode).toBe(404);
    const { findPaymentRequestBooking } = await import('./bookings.ts');
    expect(await findPaymentRequestBooking(t.database.db, { organizationId: other.id, bookingId: paid })).toBeDefined();
    expect(
      await findPaymentRequestBooking(t.database.db, { organizationId: other.id, bookingId: free }),
    ).toBeUndefined();
  });

  it("lets staff change a room's rules, audited; a pending request keeps its price and others get 404", async () => {
    const list = await clerk.get('/panel/rezerwacje');
    const roomId = /href="\/panel\/rezerwacje\/sale\/(\d+)"/.exec(list.body)?.[1];
    const form = await clerk.get(`/panel/rezerwacje/sale/${roomId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="50,00"');
    expect(form.body).toContain('value="08:00"');

    await anna.get('/ebok/rezerwacje');
    const before = await anna.post('/ebok/rezerwacje', {
      date: '2026-03-18',
      from: '10:00',
      until: '11:00',
      purpose: 'Próba chóru',
      unitId: String(flatA),
    });
    expect(before.statusCode).toBe(303);

    const rules = { name: 'Sala konferencyjna', opensAt: '07:00', closesAt: '22:00', minNoticeHours: '48' };
    const wrongHours = await clerk.post(`/panel/rezerwacje/sale/${roomId}`, {
      ...rules,
      closesAt: '06:00',
      pricePerHour: '60,00',
    });
    expect(wrongHours.statusCode).toBe(422);
    expect(wrongHours.body).toContain('Zamknięcie musi być później niż otwarcie.');
    expect(wrongHours.body).toContain('value="60,00"');
    const saved = await clerk.post(`/panel/rezerwacje/sale/${roomId}`, { ...rules, pricePerHour: '60,00' });
    expect(saved.statusCode).toBe(303);
    expect((await clerk.get(String(saved.headers.location))).body).toContain('Zapisano zasady sali.');
    const [audit] = (await listAudit(t.database.db, { organizationId: org, action: 'room.updated', limit: 5 })).rows;
    expect(audit?.detail).toMatchObject({
      changed: { opensAt: { from: 480, to: 420 }, pricePerHour: { from: 5000, to: 6000 } },
    });

    // The new notice applies to the next request; the one made before keeps its 50 zł price.
    const tooSoon = await anna.post('/ebok/rezerwacje', {
      date: '2026-03-11',
      from: '21:00',
      until: '22:00',
      purpose: 'Zebranie',
      unitId: String(flatA),
    });
    expect(tooSoon.body).toContain('co najmniej 48 godz.');
    const queue = await clerk.get('/panel/rezerwacje');
    expect(queue.body).toMatch(/Próba chóru[\s\S]*?50,00/);

    expect((await anna.get(`/panel/rezerwacje/sale/${roomId}`)).statusCode).toBe(404);
    expect((await anna.post(`/panel/rezerwacje/sale/${roomId}`, { ...rules, pricePerHour: '0' })).statusCode).toBe(404);
    const other = await makeOrganization(t.database.db);
    const { createRoom } = await import('./bookings.ts');
    const foreign = await createRoom(t.database.db, {
      actor: { organizationId: other.id, actorAccountId: null },
      input: { name: 'Obca', opensAt: 0, closesAt: 1440, minNoticeHours: 0, pricePerHour: 0, freeForMembers: true },
      now: NOW,
    });
    expect((await clerk.get(`/panel/rezerwacje/sale/${foreign.id}`)).statusCode).toBe(404);
    expect((await clerk.post(`/panel/rezerwacje/sale/${foreign.id}`, { ...rules, pricePerHour: '0' })).statusCode).toBe(
      404,
    );
  });
});

describe('the e-mail of a booking decision', () => {
  it('tells a member their paid booking is approved and a visitor why theirs is rejected, only where an address was left', async () => {
    const t = await createTestApp({}, undefined, { clock: () => NOW });
    try {
      const db = t.database.db;
      const org = await makeOrganization(db);
      const person = await makePerson(db, org.id);
      const unit = await makeUnit(db, org.id);
      await makeRight(db, org.id, { unitId: unit.id, personId: person.id });
      const member = await makeAccount(db, org.id, { personId: person.id, activationEmail: 'ewa@example.com' });
      const { createRoom, requestBooking, decideBooking } = await import('./bookings.ts');
      const actor = { organizationId: org.id, actorAccountId: null };
      const room = await createRoom(db, {
        actor,
        input: {
          name: 'Sala konferencyjna',
          opensAt: 480,
          closesAt: 1260,
          minNoticeHours: 24,
          pricePerHour: 5000,
          freeForMembers: false,
        },
        now: NOW,
      });
      const ask = (date: string, contactEmail: string | null, asMember: boolean) =>
        requestBooking(db, {
          actor,
          roomId: room.id,
          slot: { date, from: '10:00', until: '12:00' },
          requester: {
            accountId: asMember ? member.id : null,
            unitId: asMember ? unit.id : null,
            member: asMember,
            contactName: asMember ? 'Ewa' : 'Jan Gość',
            contactEmail,
            contactPhone: null,
          },
          purpose: 'Zebranie',
          now: NOW,
        });
      const mail = { organization: org, mailFrom: undefined, baseUrl: 'https://osiedle.example' };
      const staff = { organizationId: org.id, actorAccountId: null };
      const ofMember = await ask('2026-03-20', 'ewa@example.com', true);
      const ofVisitor = await ask('2026-03-21', 'jan@example.com', false);
      const silent = await ask('2026-03-22', null, false);
      await decideBooking(db, { actor: staff, bookingId: ofMember.id, approve: true, reason: '', mail, now: NOW });
      await decideBooking(db, {
        actor: staff,
        bookingId: ofVisitor.id,
        approve: false,
        reason: 'Sala zajęta przez zarząd.',
        mail,
        now: NOW,
      });
      await decideBooking(db, { actor: staff, bookingId: silent.id, approve: true, reason: '', mail, now: NOW });
      const mails = (await listOutbox(db, { organizationId: org.id, limit: 50, offset: 0 })).rows.filter((m) =>
        m.purpose.startsWith('bookings.'),
      );
      expect(mails).toHaveLength(2);
      const approved = mails.find((m) => m.purpose === 'bookings.approved');
      expect(approved).toMatchObject({ toAddress: 'ewa@example.com', subject: 'Rezerwacja sali zatwierdzona' });
      expect(approved?.textBody).toContain('Sala konferencyjna, 20.03.2026, 10:00–12:00');
      expect(approved?.textBody).toContain('doliczona do należności Twojego lokalu');
      expect(approved?.textBody).toContain('https://osiedle.example/ebok/rezerwacje');
      const rejected = mails.find((m) => m.purpose === 'bookings.rejected');
      expect(rejected).toMatchObject({ toAddress: 'jan@example.com', subject: 'Rezerwacja sali odrzucona' });
      expect(rejected?.textBody).toContain('Powód: Sala zajęta przez zarząd.');
      expect(rejected?.textBody).toContain('https://osiedle.example/rezerwacja-sali');
    } finally {
      await t.close();
    }
  });
});
