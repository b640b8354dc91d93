import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { onePagePdf } from '../support/pdf.ts';
import { startTestSmtpServer } from '../support/smtp-server.ts';
import { enterTotp, startServer } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';
const SUBJECT = 'Wymiana wodomierzy w grudniu';
const SHOTS = 'test-results/screenshots';

async function axeClean(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => v.id)).toEqual([]);
}

test('a member consents online and confirms by the e-mailed link; a clerk writes to the building; the member reads it; the paper part is printed', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const smtp = await startTestSmtpServer();
  // The server sends mail to a real SMTP server started here, so the test reads the real e-mail.
  const server = await startServer({ SMTP_URL: smtp.url });
  try {
    const memberContext = await browser.newContext({ baseURL: server.url });
    const member = await memberContext.newPage();
    await member.goto('/ebok');
    await member.getByLabel('Login').fill('mieszkaniec3');
    await member.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await member.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect(member.getByRole('heading', { name: /^Dzień dobry, / })).toBeVisible();
    await member
      .getByRole('navigation', { name: 'Menu serwisu' })
      .getByRole('link', { name: 'Korespondencja' })
      .click();
    await member.getByRole('link', { name: 'Zgoda na korespondencję elektroniczną' }).click();
    await member.getByLabel('Adres e-mail do korespondencji').fill('katarzyna.zielinska@example.com');
    await member.getByRole('button', { name: 'Wyrażam zgodę' }).click();
    await expect(member.getByRole('alert')).toContainText('Zaznacz pole potwierdzające zapoznanie się z oświadczeniem');
    await member.getByLabel('Potwierdzam zapoznanie się z oświadczeniem i wyrażam zgodę na jego treść.').check();
    await member.getByRole('button', { name: 'Wyrażam zgodę' }).click();
    await expect(member.getByText('Wysłaliśmy link potwierdzający')).toBeVisible();
    await expect(member.getByText('czeka na potwierdzenie adresu', { exact: true })).toBeVisible();
    await member.screenshot({ path: `${SHOTS}/correspondence-consent.png`, fullPage: true });
    await axeClean(member);

    const [confirmation] = await smtp.waitFor(1, 20_000);
    expect(confirmation?.subject).toBe('Potwierdź adres e-mail do korespondencji elektronicznej');
    const link = /https?:\/\/\S+\/korespondencja\/potwierdz\/[A-Za-z0-9_-]+/.exec(
      confirmation?.text ?? '',
    )?.[0] as string;
    expect(link).toBeTruthy();

    // The link works signed out, in another browser.
    const outsider = await (await browser.newContext()).newPage();
    await outsider.goto(link);
    await outsider.getByRole('button', { name: 'Potwierdzam adres e-mail' }).click();
    await expect(outsider.getByText('zgoda na korespondencję elektroniczną obowiązuje')).toBeVisible();
    await outsider.screenshot({ path: `${SHOTS}/correspondence-confirmed.png`, fullPage: true });

    // A clerk writes to the member's building.
    const clerkContext = await browser.newContext({ baseURL: server.url, acceptDownloads: true });
    const clerk = await clerkContext.newPage();
    await clerk.goto('/panel');
    await clerk.getByLabel('Login').fill('bok');
    await clerk.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await clerk.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(clerk);
    await clerk.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Korespondencja' }).click();
    await clerk.getByRole('button', { name: 'Zapisz szkic i pokaż adresatów' }).click();
    await expect(clerk.getByRole('alert')).toContainText('Podaj temat listu.');
    await clerk.getByLabel('Temat').fill(SUBJECT);
    await clerk
      .getByLabel(/^Treść/)
      .fill('Szanowni Państwo,\n\nwymiana wodomierzy odbędzie się **2 grudnia** w godz. 8–16.');
    await clerk.getByLabel('Posiadacze lokali w jednym budynku').check();
    await clerk.locator('#pole-buildingId').selectOption({ label: 'ul. Ignacego Paderewskiego 65, Katowice' });
    await clerk.getByRole('button', { name: 'Zapisz szkic i pokaż adresatów' }).click();
    await expect(clerk.getByText('e-mail (katarzyna.zielinska@example.com)')).toBeVisible();
    await clerk.getByLabel('Dodaj załącznik (PDF, do 10 MB)').setInputFiles({
      name: 'harmonogram-wymiany.pdf',
      mimeType: 'application/pdf',
      buffer: await onePagePdf('Harmonogram wymiany: klatka A 2 grudnia, klatka B 3 grudnia.'),
    });
    await clerk.getByRole('button', { name: 'Dodaj załącznik', exact: true }).click();
    await expect(clerk.getByText('Dodano załącznik.')).toBeVisible();
    await clerk.screenshot({ path: `${SHOTS}/correspondence-letter-preview.png`, fullPage: true });
    await axeClean(clerk);
    await expect(clerk.locator('form.send-confirm label')).toContainText(
      /Wysłać do \d+ os(oby|ób): \d+ e-mail, \d+ papier\?/,
    );
    await clerk.locator('#potwierdzam').check();
    await clerk.getByRole('button', { name: 'Wyślij teraz' }).click();
    await expect(clerk.getByText('List wysłany')).toBeVisible();

    const mails = await smtp.waitFor(2, 20_000);
    const letterMail = mails.find((m) => m.subject === SUBJECT);
    expect(letterMail?.attachments.map((a) => a.filename)).toEqual(['harmonogram-wymiany.pdf']);

    // The member reads it in e-BOK.
    await member.goto('/ebok');
    await expect(member.getByText('Nieprzeczytane listy: 1')).toBeVisible();
    await member.screenshot({ path: `${SHOTS}/correspondence-member-home.png`, fullPage: true });
    await member.getByRole('link', { name: 'Przejdź do korespondencji' }).click();
    await member.getByRole('link', { name: SUBJECT }).click();
    await expect(member.getByText('2 grudnia')).toBeVisible();
    await expect(member.getByRole('link', { name: 'harmonogram-wymiany.pdf' })).toBeVisible();
    await member.screenshot({ path: `${SHOTS}/correspondence-letter.png`, fullPage: true });
    await axeClean(member);

    // Staff see the read time.
    await clerk.reload();
    const row = clerk.getByRole('row', { name: /Katarzyna Zielińska/ });
    await expect(row).toContainText(/\d{2}\.\d{2}\.\d{4}/);
    await expect(clerk.getByText(/Odczytane w e-BOK: 1 z \d+/)).toBeVisible();
    await clerk.screenshot({ path: `${SHOTS}/correspondence-report.png`, fullPage: true });

    // The paper part.
    await clerk.goto('/panel/korespondencja/druk');
    const downloading = clerk.waitForEvent('download');
    await clerk.getByRole('link', { name: 'Pobierz PDF do wydruku' }).click();
    const download = await downloading;
    const path = `${SHOTS}/correspondence-print.pdf`;
    await download.saveAs(path);
    const text = execFileSync('pdftotext', [path, '-']).toString();
    expect(text).toContain(SUBJECT);
    expect(text).toContain('strona 1 z 1');
    // Each paper letter is followed by its attachment's page.
    const pages = text.split('\f');
    expect(pages[0]).toContain(SUBJECT);
    expect(pages[1]).toContain('Harmonogram wymiany: klatka A 2 grudnia');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', path, `${SHOTS}/correspondence-print`]);
    await clerk.getByRole('button', { name: 'Potwierdzam wydruk tych listów' }).click();
    await expect(clerk.getByText('Oznaczono listy jako wydrukowane.')).toBeVisible();
    await expect(clerk.getByText('Nie ma listów do wydruku.')).toBeVisible();
  } finally {
    await server.stop();
    await smtp.close();
  }
});
