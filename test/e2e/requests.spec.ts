import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { enterTotp, startServer } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';
const SHOTS = 'test-results/screenshots';

async function axeClean(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => v.id)).toEqual([]);
}

async function shots(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/requests-${name}-${width}.png`, fullPage: true });
  }
}

test('a member reports a fault with a photo and follows it to done, writes to the office and reads the answer, downloads a document', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  try {
    const memberContext = await browser.newContext({ baseURL: server.url, acceptDownloads: true });
    const member = await memberContext.newPage();
    await member.goto('/ebok');
    await member.getByLabel('Login').fill('mieszkaniec1');
    await member.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await member.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect(member.getByRole('heading', { name: /^Dzień dobry, / })).toBeVisible();

    // A fault report with a photo; the empty description comes back at the field first.
    await member.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Zgłoszenia' }).click();
    await member.getByRole('link', { name: 'Zgłoś usterkę' }).click();
    await member.getByLabel('Czego dotyczy').selectOption({ label: 'Woda' });
    await member.getByLabel('Gdzie').selectOption({ label: 'W moim lokalu' });
    await member.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
    await expect(member.getByRole('alert')).toContainText('Opisz usterkę');
    await expect(member.getByLabel('Czego dotyczy')).toHaveValue('woda');
    await shots(member, 'fault-form-errors');
    await axeClean(member);
    await member.getByLabel('Opis').fill('Cieknie kran w łazience, woda kapie na podłogę.');
    const photo = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: { r: 90, g: 120, b: 200 } },
    })
      .jpeg()
      .toBuffer();
    await member.getByLabel('Zdjęcia').setInputFiles({ name: 'kran.jpg', mimeType: 'image/jpeg', buffer: photo });
    await member.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
    await expect(member.getByText('Zgłoszenie wysłane.')).toBeVisible();
    await expect(member.getByRole('img', { name: 'Zdjęcie: kran.jpg' })).toBeVisible();
    const faultUrl = member.url().split('?')[0] ?? '';
    const faultId = /(\d+)$/.exec(faultUrl)?.[1] ?? '';

    // The clerk takes it through to done.
    const clerkContext = await browser.newContext({ baseURL: server.url });
    const clerk = await clerkContext.newPage();
    await clerk.goto('/panel');
    await clerk.getByLabel('Login').fill('bok');
    await clerk.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await clerk.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(clerk);
    await clerk.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Zgłoszenia' }).click();
    await shots(clerk, 'queue');
    await axeClean(clerk);
    await clerk.getByRole('link', { name: 'Woda — w moim lokalu' }).click();
    for (const status of ['Przyjęte', 'W realizacji', 'Wykonane']) {
      await clerk.getByLabel('Nowy status').selectOption({ label: status });
      await clerk.getByRole('button', { name: 'Zmień status' }).click();
      await expect(clerk.getByText('Zmieniono status')).toBeVisible();
    }
    await clerk.getByLabel('Treść').fill('Hydraulik wymienił uszczelkę.');
    await clerk.getByRole('button', { name: 'Zapisz', exact: true }).last().click();
    await shots(clerk, 'staff-thread');

    await member.goto(faultUrl);
    await expect(member.getByText('Wykonane', { exact: true }).first()).toBeVisible();
    await expect(member.getByText('Hydraulik wymienił uszczelkę.')).toBeVisible();
    await shots(member, 'fault-done');
    await axeClean(member);
    expect(faultId).not.toBe('');

    // A message to the office and its answer.
    await member.goto('/ebok/wiadomosci/nowe');
    await member.getByLabel('Temat').fill('Duplikat rozliczenia');
    await member.getByLabel('Treść').fill('Proszę o duplikat rozliczenia wody za 2025 r.');
    await member.getByRole('button', { name: 'Wyślij wiadomość' }).click();
    await expect(member.getByText('Wiadomość wysłana.')).toBeVisible();
    await clerk.goto('/panel/wiadomosci');
    await clerk.getByRole('link', { name: 'Duplikat rozliczenia' }).click();
    await clerk.getByLabel('Treść').fill('Duplikat wyślemy listem w tym tygodniu.');
    await clerk.getByRole('button', { name: 'Zapisz', exact: true }).last().click();
    await expect(clerk.getByText('Odpowiedź zapisana')).toBeVisible();
    await member.goto('/ebok/wiadomosci');
    await expect(member.getByText('Odpowiedziano')).toBeVisible();
    await member.getByRole('link', { name: 'Duplikat rozliczenia' }).click();
    await expect(member.getByText('Duplikat wyślemy listem w tym tygodniu.')).toBeVisible();
    await shots(member, 'message');

    // Documents: a yearly statement downloads as a PDF.
    await member.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Dokumenty' }).click();
    await shots(member, 'documents');
    await axeClean(member);
    const downloadPromise = member.waitForEvent('download');
    await member
      .getByRole('link', { name: /Zestawienie: Zestawienie rozliczeń za \d{4} r\./ })
      .first()
      .click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^zestawienie-.*\.pdf$/);

    // The clerk opens the conference room; the member books it; the clerk approves.
    await clerk.goto('/panel/rezerwacje');
    await clerk.getByLabel('Nazwa').fill('Sala konferencyjna');
    await clerk.getByLabel('Cena za godzinę (zł)').fill('0');
    await clerk.getByRole('button', { name: 'Dodaj salę' }).click();
    await expect(clerk.getByText('Dodano salę.')).toBeVisible();
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await member
      .getByRole('navigation', { name: 'Menu serwisu' })
      .getByRole('link', { name: 'Rezerwacja sali' })
      .click();
    await member.getByLabel('Dzień').fill(day);
    await member.getByLabel('Od godziny').fill('17:00');
    await member.getByLabel('Do godziny').fill('23:00');
    await member.getByLabel('Cel spotkania').fill('Zebranie mieszkańców klatki');
    await member.getByRole('button', { name: 'Wyślij prośbę' }).click();
    await expect(member.getByRole('alert')).toContainText('Sala jest dostępna w godzinach 08:00–21:00.');
    await member.getByLabel('Do godziny').fill('19:00');
    await member.getByRole('button', { name: 'Wyślij prośbę' }).click();
    await expect(member.getByText('Prośba o rezerwację wysłana.')).toBeVisible();
    await shots(member, 'booking');
    await axeClean(member);
    await clerk.goto('/panel/rezerwacje');
    await expect(clerk.getByText('Zebranie mieszkańców klatki')).toBeVisible();
    await shots(clerk, 'bookings-staff');
    await clerk.getByRole('button', { name: 'Zatwierdź' }).click();
    await expect(clerk.getByText('Rezerwacja zatwierdzona.')).toBeVisible();
    await member.reload();
    await expect(member.getByText('zatwierdzona', { exact: true })).toBeVisible();
    const visitor = await (await browser.newContext({ baseURL: server.url })).newPage();
    await visitor.goto('/rezerwacja-sali');
    await expect(visitor.getByText('zajęta 17:00–19:00')).toBeVisible();
    await expect(visitor.getByText('Zebranie mieszkańców')).toHaveCount(0);

    // The clerk keeps the room open later; the public page tells the new hours.
    await clerk.getByRole('link', { name: 'Zmień zasady sali' }).click();
    await expect(clerk.getByLabel('Otwarta do')).toHaveValue('21:00');
    await shots(clerk, 'room-edit');
    await clerk.getByLabel('Otwarta do').fill('23:00');
    await clerk.getByRole('button', { name: 'Zapisz zasady' }).click();
    await expect(clerk.getByText('Zapisano zasady sali.')).toBeVisible();
    await visitor.reload();
    await expect(visitor.getByText(/Godziny: 08:00–23:00/)).toBeVisible();
  } finally {
    await server.stop();
  }
});
