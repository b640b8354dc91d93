import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBuilding, makeOrganization, makePerson, makeRight, makeUnit } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database, Db } from '../../db/client.ts';
import { systemActor } from '../audit/audit.ts';
import { bookOtherReceivable, bookPayment } from '../ledger/ledger.ts';
import type { Organization } from '../organizations/queries.ts';
import { siteFiles } from '../site/schema.ts';
import { previewRecipients, resolveAudience } from './audience.ts';
import {
  addAttachment,
  addRecipients,
  createLetter,
  deleteLetter,
  removeAttachment,
  removeRecipient,
  unscheduleLetter,
  updateLetter,
} from './letter-commands.ts';
import { findLetter } from './letter-queries.ts';
import { audienceLabel } from './letter-rules.ts';
import { findScan, submitConsentScan } from './scans.ts';
import { letterAttachments, letters } from './schema.ts';
import { sendLetter } from './sending.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('letters: audiences, drafts', () => {
  let database: Database;
  let db: Db;
  let org: Organization;
  let other: Organization;
  const now = new Date('2026-11-25T10:00:00Z');
  const draft = (form: Parameters<typeof createLetter>[1]['form']) =>
    createLetter(db, { actor: systemActor(org.id, 'bok'), mayPickRecipients: true, now, form });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    org = await makeOrganization(db);
    other = await makeOrganization(db);
  });
  afterAll(() => database.close());

  it('reaches the holders, on the chosen day, of units in debt above the threshold (from the ledger)', async () => {
    const ledger = { actor: systemActor(org.id, 'test') };
    const building = await makeBuilding(db, org.id);
    const unit = async () => (await makeUnit(db, org.id, { buildingId: building.id })).id;
    const [a, b, c] = [await unit(), await unit(), await unit()];
    const [inDebt, small, seller, buyer] = [
      await makePerson(db, org.id, { lastName: 'Dłużna' }),
      await makePerson(db, org.id, { lastName: 'Drobna' }),
      await makePerson(db, org.id, { lastName: 'Sprzedająca' }),
      await makePerson(db, org.id, { lastName: 'Kupująca' }),
    ];
    await makeRight(db, org.id, { unitId: a, personId: inDebt.id });
    await makeRight(db, org.id, { unitId: b, personId: small.id });
    await makeRight(db, org.id, { unitId: c, personId: seller.id, validTo: '2026-11-01' });
    await makeRight(db, org.id, { unitId: c, personId: buyer.id, validFrom: '2026-11-01' });
    const owe = (unitId: number, amount: number, day: string) =>
      bookOtherReceivable(db, {
        ...ledger,
        input: { unitId, amount, valueDate: day, bookingDate: day, dueDate: day, description: 'Naprawa' },
      });
    await owe(a, 150_00, '2026-10-01');
    await owe(b, 50_00, '2026-10-01');
    await owe(c, 300_00, '2026-10-15');
    await bookPayment(db, {
      ...ledger,
      input: { unitId: a, amount: 150_00, valueDate: '2026-11-10', bookingDate: '2026-11-10', description: 'Wpłata' },
    });

    const october = await resolveAudience(db, {
      organizationId: org.id,
      audience: { kind: 'debtors', asOf: '2026-10-31', threshold: 100_00 },
      asOf: '2026-11-25',
    });
    // The seller held unit C on the day of the debt; the buyer only later.
    expect(october.map((r) => r.personId).sort()).toEqual([inDebt.id, seller.id].sort());
    const november = await resolveAudience(db, {
      organizationId: org.id,
      audience: { kind: 'debtors', asOf: '2026-11-20', threshold: 100_00 },
      asOf: '2026-11-25',
    });
    // The debt stays the seller's after the sale (issue 15): the buyer, who owes nothing, gets no letter.
    expect(november.map((r) => r.personId)).toEqual([seller.id]);
    const lower = await resolveAudience(db, {
      organizationId: org.id,
      audience: { kind: 'debtors', asOf: '2026-10-31', threshold: 49_99 },
      asOf: '2026-11-25',
    });
    expect(lower).toHaveLength(3);

    // Through the letter form: day and threshold in złoty, checked, then previewed.
    await expect(
      draft({ subject: 'Wezwanie', body: 'Prosimy o wpłatę.', audience: 'debtors', debtorsDay: '31.13.2026' }),
    ).rejects.toMatchObject({
      fields: [
        { field: 'debtorsDay', message: expect.stringContaining('nie ma takiego dnia w kalendarzu') },
        { field: 'debtorsThreshold', message: 'Podaj próg zadłużenia w złotych, np. 100,00.' },
      ],
    });
    await expect(
      draft({
        subject: 'Wezwanie',
        body: 'Prosimy o wpłatę.',
        audience: 'debtors',
        debtorsDay: '2026-10-31',
        debtorsThreshold: '100,555',
      }),
    ).rejects.toMatchObject({ fields: [{ field: 'debtorsThreshold', message: expect.stringContaining('grosze') }] });
    await expect(
      draft({
        subject: 'Wezwanie',
        body: 'Prosimy o wpłatę.',
        audience: 'debtors',
        debtorsDay: '2026-11-26',
        debtorsThreshold: '100',
      }),
    ).rejects.toMatchObject({ fields: [{ field: 'debtorsDay', message: expect.stringContaining('późniejszy') }] });
    const letter = await draft({
      subject: 'Wezwanie do zapłaty',
      body: 'Prosimy o wpłatę.',
      audience: 'debtors',
      debtorsDay: '31.10.2026',
      debtorsThreshold: '100,00 zł',
    });
    expect(letter.audience).toEqual({ kind: 'debtors', asOf: '2026-10-31', threshold: 100_00 });
    expect(audienceLabel(letter.audience, [])).toBe(
      'posiadacze lokali z zadłużeniem powyżej 100,00\u00a0zł na dzień 31.10.2026',
    );
    const preview = await previewRecipients(db, { organizationId: org.id, audience: letter.audience, now });
    expect(preview.map((r) => r.name).sort()).toEqual([inDebt, seller].map((p) => `Anna ${p.lastName}`).sort());
    expect(preview.every((r) => r.channel === 'paper')).toBe(true);
  });

  it('names a building audience by its address, and chosen ones with Polish plurals', async () => {
    const building = await makeBuilding(db, org.id, { street: 'ul. Graniczna', number: '7' });
    const letter = await draft({ subject: 'S', body: 'B', audience: 'building', buildingId: String(building.id) });
    expect(audienceLabel(letter.audience, [building])).toBe('posiadacze lokali w budynku ul. Graniczna 7, Katowice');
    expect(audienceLabel({ kind: 'units', unitIds: [1] }, [])).toBe('1 wybrany lokal');
    expect(audienceLabel({ kind: 'units', unitIds: [1, 2, 3] }, [])).toBe('3 wybrane lokale');
    expect(audienceLabel({ kind: 'persons', personIds: [1, 2, 3, 4, 5] }, [])).toBe('5 wybranych osób');
    expect(audienceLabel({ kind: 'persons', personIds: [] }, [])).toBe('wybrane osoby (jeszcze nie wybrano)');
  });

  it('refuses a building, unit or person that is not the organization’s, with a message at the field', async () => {
    const foreignBuilding = await makeBuilding(db, other.id);
    await expect(
      draft({ subject: 'S', body: 'B', audience: 'building', buildingId: String(foreignBuilding.id) }),
    ).rejects.toMatchObject({ fields: [{ field: 'buildingId', message: 'Wybierz budynek z listy.' }] });

    const units = await draft({ subject: 'S', body: 'B', audience: 'units' });
    const foreignUnit = await makeUnit(db, other.id);
    for (const id of [99_999, foreignUnit.id]) {
      await expect(addRecipients(db, { organizationId: org.id, letterId: units.id, ids: [id] })).rejects.toMatchObject({
        fields: [{ field: 'unitId', message: expect.stringContaining(`Nie ma w rejestrze spółdzielni lokalu`) }],
      });
    }
    const own = await makeUnit(db, org.id);
    const holder = await makePerson(db, org.id);
    await makeRight(db, org.id, { unitId: own.id, personId: holder.id });
    const added = await addRecipients(db, { organizationId: org.id, letterId: units.id, ids: [own.id] });
    expect(added.audience).toEqual({ kind: 'units', unitIds: [own.id] });
    // Adding it again changes nothing; removing it empties the list.
    await addRecipients(db, { organizationId: org.id, letterId: units.id, ids: [own.id] });
    expect((await findLetter(db, { organizationId: org.id, letterId: units.id })).audience).toEqual({
      kind: 'units',
      unitIds: [own.id],
    });
    await removeRecipient(db, { organizationId: org.id, letterId: units.id, id: own.id });
    expect((await findLetter(db, { organizationId: org.id, letterId: units.id })).audience).toEqual({
      kind: 'units',
      unitIds: [],
    });

    const persons = await draft({ subject: 'S', body: 'B', audience: 'persons' });
    const foreignPerson = await makePerson(db, other.id);
    await expect(
      addRecipients(db, { organizationId: org.id, letterId: persons.id, ids: [foreignPerson.id] }),
    ).rejects.toMatchObject({ fields: [{ field: 'personId', message: expect.stringContaining('osoby') }] });
  });

  it('a draft can be changed and deleted with its attachments; a sent letter cannot', async () => {
    const building = await makeBuilding(db, org.id);
    const person = await makePerson(db, org.id);
    await makeRight(db, org.id, {
      unitId: (await makeUnit(db, org.id, { buildingId: building.id })).id,
      personId: person.id,
    });
    const letter = await draft({ subject: 'Zebranie', body: 'Zapraszamy.', audience: 'persons' });
    await addRecipients(db, { organizationId: org.id, letterId: letter.id, ids: [person.id] });

    // The chosen persons stay while the kind stays; another kind replaces them.
    const renamed = await updateLetter(db, {
      organizationId: org.id,
      mayPickRecipients: true,
      letterId: letter.id,
      now,
      form: { subject: 'Zebranie członków', body: 'Zapraszamy **wszystkich**.', audience: 'persons' },
    });
    expect(renamed).toMatchObject({
      subject: 'Zebranie członków',
      bodyMarkdown: 'Zapraszamy **wszystkich**.',
      audience: { kind: 'persons', personIds: [person.id] },
    });
    await expect(
      updateLetter(db, {
        organizationId: org.id,
        mayPickRecipients: true,
        letterId: letter.id,
        now,
        form: { subject: '', body: 'x', audience: 'all' },
      }),
    ).rejects.toMatchObject({ fields: [{ field: 'subject', message: 'Podaj temat listu.' }] });
    const moved = await updateLetter(db, {
      organizationId: org.id,
      mayPickRecipients: true,
      letterId: letter.id,
      now,
      form: { subject: 'Zebranie członków', body: 'x', audience: 'building', buildingId: String(building.id) },
    });
    expect(moved.audience).toEqual({ kind: 'building', buildingId: building.id });

    const attachment = await addAttachment(db, {
      organizationId: org.id,
      letterId: letter.id,
      upload: { fileName: 'a.pdf', data: PDF },
    });
    await removeAttachment(db, { organizationId: org.id, letterId: letter.id, attachmentId: attachment.id });
    expect(await db.select().from(siteFiles).where(eq(siteFiles.id, attachment.fileId))).toEqual([]);
    const kept = await addAttachment(db, {
      organizationId: org.id,
      letterId: letter.id,
      upload: { fileName: 'b.pdf', data: PDF },
    });
    await deleteLetter(db, { organizationId: org.id, letterId: letter.id });
    expect(await db.select().from(letters).where(eq(letters.id, letter.id))).toEqual([]);
    expect(await db.select().from(letterAttachments).where(eq(letterAttachments.letterId, letter.id))).toEqual([]);
    expect(await db.select().from(siteFiles).where(eq(siteFiles.id, kept.fileId))).toEqual([]);

    const sent = await draft({ subject: 'Wysłany', body: 'x', audience: 'building', buildingId: String(building.id) });
    await sendLetter(db, {
      organization: org,
      now,
      mailFrom: undefined,
      baseUrl: 'http://sm.test',
      actor: systemActor(org.id, 'bok'),
      letterId: sent.id,
    });
    const refused = { fields: [{ message: expect.stringContaining('nie można go zmienić') }] };
    await expect(deleteLetter(db, { organizationId: org.id, letterId: sent.id })).rejects.toMatchObject(refused);
    await expect(
      updateLetter(db, {
        organizationId: org.id,
        mayPickRecipients: true,
        letterId: sent.id,
        now,
        form: { subject: 'x', body: 'y', audience: 'all' },
      }),
    ).rejects.toMatchObject(refused);
    await expect(deleteLetter(db, { organizationId: other.id, letterId: sent.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
  it('lets no other organization see or change a draft, its recipients, attachments or a consent scan', async () => {
    const unit = await makeUnit(db, org.id);
    const letter = await draft({ subject: 'Tylko nasz', body: 'x', audience: 'units' });
    await addRecipients(db, { organizationId: org.id, letterId: letter.id, ids: [unit.id] });
    const attachment = await addAttachment(db, {
      organizationId: org.id,
      letterId: letter.id,
      upload: { fileName: 'a.pdf', data: PDF },
    });
    const foreign = { organizationId: other.id, letterId: letter.id };
    const notFound = { code: 'not_found' };
    await expect(findLetter(db, { organizationId: other.id, letterId: letter.id })).rejects.toMatchObject(notFound);
    await expect(
      updateLetter(db, {
        ...foreign,
        now,
        mayPickRecipients: true,
        form: { subject: 'Cudzy', body: 'y', audience: 'all' },
      }),
    ).rejects.toMatchObject(notFound);
    await expect(addRecipients(db, { ...foreign, ids: [unit.id] })).rejects.toMatchObject(notFound);
    await expect(removeRecipient(db, { ...foreign, id: unit.id })).rejects.toMatchObject(notFound);
    await expect(addAttachment(db, { ...foreign, upload: { fileName: 'b.pdf', data: PDF } })).rejects.toMatchObject(
      notFound,
    );
    await expect(removeAttachment(db, { ...foreign, attachmentId: attachment.id })).rejects.toMatchObject(notFound);
    await expect(unscheduleLetter(db, foreign)).rejects.toMatchObject(notFound);
    await expect(deleteLetter(db, foreign)).rejects.toMatchObject(notFound);
    const person = await makePerson(db, org.id);
    const scan = await submitConsentScan(db, {
      organizationId: org.id,
      personId: person.id,
      form: { scanEmail: 'zgoda@example.org', file: { fileName: 'zgoda.pdf', data: PDF } },
      now,
    });
    expect((await findScan(db, { organizationId: org.id, scanId: scan.id })).id).toBe(scan.id);
    await expect(findScan(db, { organizationId: other.id, scanId: scan.id })).rejects.toMatchObject(notFound);
    // The draft is as it was.
    const kept = await findLetter(db, { organizationId: org.id, letterId: letter.id });
    expect(kept.subject).toBe('Tylko nasz');
    expect(kept.audience).toEqual({ kind: 'units', unitIds: [unit.id] });
    expect(await db.select().from(letterAttachments).where(eq(letterAttachments.letterId, letter.id))).toHaveLength(1);
  });
});
