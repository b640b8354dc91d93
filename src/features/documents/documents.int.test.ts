import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { AppError } from '../../errors.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { loadFonts, MissingFontError } from '../../pdf/pdf.ts';
import { systemActor } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { activationFormPdf, consentDeclarationPdf } from './generate.ts';
import { currentDocumentText, documentTextInput, saveDocumentText } from './texts.ts';

const dir = mkdtempSync(join(tmpdir(), 'osiedle-pdf-'));

/** The text of a PDF as poppler's pdftotext extracts it (what a reader's copy and paste gives). */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('generated documents', () => {
  let t: TestApp;
  let organization: Organization;

  beforeAll(async () => {
    t = await createTestApp();
    organization = await makeOrganization(t.database.db, { name: 'Spółdzielnia Mieszkaniowa „Żółć”' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the e-BOK terms as a PDF with Polish letters and the organization in the header', async () => {
    const response = await t.app.inject('/dokumenty/regulamin-ebok.pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="regulamin-ebok.pdf"');
    const text = pdfText(response.rawPayload, 'terms');
    expect(text).toContain('Spółdzielnia Mieszkaniowa „Żółć”');
    expect(text).toContain('ul. Mariacka 1, 40-014 Katowice');
    expect(text).toContain('Regulamin usługi e-BOK');
    expect(text).toContain('wersja 1, obowiązuje od 01.01.2013');
    expect(text).toContain('Usługę świadczy Spółdzielnia Mieszkaniowa „Żółć” (dalej: Spółdzielnia)');
    expect(text).toMatch(/strona 1 z \d/);
  });

  it('serves the blank activation form naming the terms version, and the consent declaration', async () => {
    const form = pdfText((await t.app.inject('/dokumenty/formularz-aktywacji-ebok.pdf')).rawPayload, 'form');
    expect(form).toContain('Formularz aktywacji usługi e-BOK');
    expect(form).toContain('Imię i nazwisko');
    expect(form).toContain('Adres e-mail do aktywacji konta');
    expect(form).toContain('czytelny podpis wnioskodawcy');
    expect(form).toMatch(/Regulaminem usługi e-BOK \(wersja 1,/);
    const consent = pdfText(
      (await t.app.inject('/dokumenty/oswiadczenie-korespondencja-elektroniczna.pdf')).rawPayload,
      'consent',
    );
    expect(consent).toContain('Oświadczenie o wyrażeniu zgody');
    expect(consent).toContain('Wyrażam zgodę na otrzymywanie od Spółdzielni (Spółdzielnia Mieszkaniowa „Żółć”)');
    expect(consent).toContain('Spółdzielnia Mieszkaniowa „Żółć”');
    // The text speaks of the address "given below": the e-mail field follows it.
    const text = consent.replace(/\s+/g, ' ');
    expect(text.indexOf('wskazany poniżej adres')).toBeGreaterThan(0);
    expect(text.indexOf('Adres e-mail, na który ma być przesyłana korespondencja')).toBeGreaterThan(
      text.indexOf('wskazany poniżej adres'),
    );
    expect((await t.app.inject('/dokumenty/inny.pdf')).statusCode).toBe(404);
  });

  it('keeps document texts versioned: a saved text is a new version on every new form', async () => {
    const db = t.database.db;
    const body =
      '§ 1. Nowe zasady\n\nZażółć gęślą jaźń — nowa treść regulaminu, która ma więcej niż pięćdziesiąt znaków.';
    const actor = systemActor(organization.id, 'test');
    const typed = (input: { body: string; effectiveFrom: string }) => parseInput(documentTextInput, input);
    const saved = await saveDocumentText(db, {
      actor,
      kind: 'ebok_terms',
      input: typed({ body, effectiveFrom: '2026-07-01' }),
    });
    expect(saved.version).toBe(2);
    const again = await saveDocumentText(db, {
      actor,
      kind: 'ebok_terms',
      input: typed({ body: `${body} Poprawka.`, effectiveFrom: '2026-08-01' }),
    });
    expect(again.version).toBe(3);
    const current = await currentDocumentText(db, {
      organizationId: organization.id,
      organizationName: organization.name,
      kind: 'ebok_terms',
    });
    expect(current.version).toBe(3);
    const terms = pdfText((await t.app.inject('/dokumenty/regulamin-ebok.pdf')).rawPayload, 'terms3');
    expect(terms).toContain('Zażółć gęślą jaźń');
    expect(terms).toContain('wersja 3, obowiązuje od 01.08.2026');
    const form = pdfText((await t.app.inject('/dokumenty/formularz-aktywacji-ebok.pdf')).rawPayload, 'form3');
    expect(form).toMatch(/wersja 3,/);
    const bad = await Promise.resolve()
      .then(() =>
        saveDocumentText(db, { actor, kind: 'consent', input: typed({ body: 'krótko', effectiveFrom: '2026/01/01' }) }),
      )
      .catch((e: AppError) => e.fieldErrors);
    expect(bad).toEqual([
      { field: 'body', message: 'Treść jest za krótka (co najmniej 50 znaków).' },
      { field: 'effectiveFrom', message: 'Podaj datę w formacie DD.MM.RRRR, np. 01.01.2026.' },
    ]);
  });

  it('prints a pre-filled form for the activation and correspondence features', async () => {
    const db = t.database.db;
    const terms = await currentDocumentText(db, {
      organizationId: organization.id,
      organizationName: organization.name,
      kind: 'ebok_terms',
    });
    const consentText = await currentDocumentText(db, {
      organizationId: organization.id,
      organizationName: organization.name,
      kind: 'consent',
    });
    const person = {
      name: 'Zofia Żółkiewska',
      units: ['ul. Mariacka 1/12, 40-014 Katowice'],
      email: 'zofia@example.pl',
      phone: '600 100 200',
    };
    const form = pdfText(await activationFormPdf({ organization, terms, person }), 'prefilled');
    expect(form).toContain('Zofia Żółkiewska');
    expect(form).toContain('ul. Mariacka 1/12, 40-014 Katowice');
    expect(form).toContain('zofia@example.pl');
    const pdf = await consentDeclarationPdf({ organization, consent: consentText, person });
    writeFileSync(join(dir, 'consent-prefilled.pdf'), pdf);
    expect(pdfText(pdf, 'consent-prefilled')).toContain('Zofia Żółkiewska');
    // A page rendered to PNG, to look at: test-results/pdf/consent-1.png
    execFileSync('mkdir', ['-p', 'test-results/pdf']);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      join(dir, 'consent-prefilled.pdf'),
      'test-results/pdf/consent',
    ]);
    expect(readFileSync('test-results/pdf/consent-1.png').subarray(1, 4).toString()).toBe('PNG');
  });

  it('fails with a clear error when the font is missing', () => {
    expect(() => loadFonts('/nonexistent')).toThrow(MissingFontError);
    expect(() => loadFonts('/nonexistent')).toThrow(/apt-get install fonts-dejavu-core/);
  });
});
