/**
 * Issue 19, second round: the organization's look (logo and colours with a contrast check),
 * print styles, the sign-in page's skip link and staff wording, unique landmarks for a member with
 * two units, date fields in DD.MM.RRRR with the browser's picker, letter preview and templates,
 * and sign-in limits that count failures only.
 */
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { enterTotp, expect, type RunningServer, startServer, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const shots = 'test-results/screenshots';

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

async function signInMember(page: Page, login: string): Promise<void> {
  await page.goto('/ebok');
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Dzień dobry/ })).toBeVisible();
}

async function signInStaff(page: Page, login: string): Promise<void> {
  await page.goto('/panel');
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await enterTotp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Panel pracownika' })).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Wyloguj' }).click();
}

test.describe('the sign-in pages', () => {
  test('the first Tab reaches a skip link to the login field; staff read staff wording', async ({ page }) => {
    for (const section of ['/ebok', '/panel']) {
      await page.goto(section);
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Przejdź do logowania' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByLabel('Login')).toBeFocused();
      await expectAccessible(page);
    }
    await expect(page.getByText(/zwróć się do administratora systemu/)).toBeVisible();
    await expect(page.getByText(/formularzu aktywacyjnym/)).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Nie pamiętam hasła' })).toHaveCount(0);
  });
});

for (const width of [390, 1280] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('a member with two units: each unit’s menu has a name of its own; a printed page is a document', async ({
      page,
    }) => {
      await signInMember(page, 'mieszkaniec1');
      await expect(page.getByRole('navigation', { name: /^Finanse lokalu / })).toHaveCount(2);
      const unique = await new AxeBuilder({ page }).withRules(['landmark-unique']).analyze();
      expect(unique.violations).toEqual([]);
      await expectAccessible(page);

      // The history of the first unit, printed: no menus, amounts aligned on the right.
      await page
        .getByRole('navigation', { name: /^Finanse lokalu / })
        .first()
        .getByRole('link', { name: 'Operacje' })
        .click();
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('navigation', { name: 'Menu serwisu' })).toBeHidden();
      await expect(page.locator('.portal-footer')).toBeHidden();
      const amountCell = page.locator('table.ledger-table td.num').first();
      await expect(amountCell).toBeVisible();
      expect(await amountCell.evaluate((cell) => getComputedStyle(cell).textAlign)).toBe('right');
      if (width === 1280) {
        await page.pdf({ path: `${shots}/print-history.pdf`, format: 'A4' });
        execFileSync('pdftoppm', [
          '-r',
          '60',
          '-png',
          '-f',
          '1',
          '-l',
          '1',
          `${shots}/print-history.pdf`,
          `${shots}/print-history`,
        ]);
      }
      await page.emulateMedia({ media: 'screen' });
      await signOut(page);
    });

    test('date fields show and take DD.MM.RRRR, with the browser’s date picker beside them', async ({ page }) => {
      await signInMember(page, 'mieszkaniec2');
      await page.goto('/ebok/finanse');
      await page.getByRole('link', { name: 'Saldo na dzień' }).first().click();
      const day = page.getByLabel('Dzień');
      await expect(day).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
      await day.fill('01.06.2025');
      await page.getByRole('button', { name: 'Pokaż saldo' }).click();
      await expect(page.getByText('Saldo na 01.06.2025')).toBeVisible();
      await expect(page.getByLabel('Dzień')).toHaveValue('01.06.2025');
      // The picker writes the chosen day back as people write it.
      await expect(page.getByRole('button', { name: 'Kalendarz' })).toBeVisible();
      await page.locator('.date-picker-native').first().fill('2025-07-31', { force: true });
      await expect(page.getByLabel('Dzień')).toHaveValue('31.07.2025');
      await expectAccessible(page);
      await page.screenshot({ path: `${shots}/date-member-${width}.png`, fullPage: true });
      await signOut(page);
    });
  });
}

test.describe('the back office at 1280 px and 390 px', () => {
  test('an administrator sets the colours (refused below 4.5:1, with the ratio) and a clerk’s date field takes DD.MM.RRRR', async ({
    page,
  }) => {
    await signInStaff(page, 'admin');
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/panel/wyglad');
      await expect(page.getByRole('heading', { level: 1, name: 'Wygląd: logo i kolory' })).toBeVisible();
      await expectAccessible(page);
      await page.screenshot({ path: `${shots}/branding-${width}.png`, fullPage: true });
    }
    await page.getByLabel('Kolor główny').fill('#7DD3FC');
    await page.getByRole('button', { name: 'Zapisz wygląd' }).click();
    await expect(page.locator('.field-error').first()).toContainText(/kontrast z białym wynosi 1,\d\d:1/);
    await expect(page.locator('.field-error').first()).toContainText('4,5:1');
    await expectAccessible(page);
    await page.getByLabel('Kolor główny').fill('#1E3A8A');
    await page.getByLabel('Kolor ciemny').fill('#172554');
    await page.getByRole('button', { name: 'Zapisz wygląd' }).click();
    await expect(page.getByText('Zapisano wygląd Spółdzielni.')).toBeVisible();
    expect(await page.locator('.portal-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(30, 58, 138)',
    );
    await page.screenshot({ path: `${shots}/branding-saved-1280.png`, fullPage: true });
    // Back to the defaults, for the other tests on this server.
    await page.getByLabel('Kolor główny').fill('');
    await page.getByLabel('Kolor ciemny').fill('');
    await page.getByRole('button', { name: 'Zapisz wygląd' }).click();
    await expect(page.getByText('Zapisano wygląd Spółdzielni.')).toBeVisible();

    // A staff date field: typed DD.MM.RRRR, shown DD.MM.RRRR after the list is drawn.
    await page.goto('/panel/finanse/dluznicy');
    await page.getByLabel('Na dzień').fill('31.12.2025');
    await page.getByRole('button', { name: /Pokaż/ }).click();
    await expect(page.getByLabel('Na dzień')).toHaveValue('31.12.2025');
    await expect(page).toHaveURL(/dzien=31\.12\.2025/);
    await expectAccessible(page);
    await signOut(page);
  });

  test('a letter’s preview follows the typing beside the editor, and a saved template starts a letter', async ({
    page,
  }) => {
    await signInStaff(page, 'redakcja');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/panel/korespondencja/szablony');
    await page.getByLabel('Nazwa szablonu').fill('Odczyt wodomierzy');
    await page.getByLabel('Temat listu').fill('Odczyt wodomierzy w grudniu');
    await page
      .getByLabel('Treść listu')
      .fill('Szanowni Państwo,\n\nprosimy o odczyt do **15 grudnia**.\nZ poważaniem\nZarząd Spółdzielni');
    const preview = page.locator('#podglad-listu');
    await expect(preview.locator('strong', { hasText: '15 grudnia' })).toBeVisible();
    expect(await preview.innerHTML()).toContain('Z poważaniem<br>');
    // The preview stands beside the editor on a desktop.
    const editorBox = await page.getByLabel('Treść listu').boundingBox();
    const previewBox = await preview.boundingBox();
    expect(previewBox?.x ?? 0).toBeGreaterThan((editorBox?.x ?? 0) + (editorBox?.width ?? 0) - 1);
    await page.screenshot({ path: `${shots}/template-preview-1280.png`, fullPage: true });
    await page.getByRole('button', { name: 'Zapisz szablon' }).click();
    await expect(page.getByText('Zapisano szablon.')).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Napisz list z tego szablonu' }).click();
    await expect(page.getByText('Wstawiono szablon „Odczyt wodomierzy”')).toBeVisible();
    await expect(page.getByLabel('Treść', { exact: true })).toHaveValue(/prosimy o odczyt/);
    await expect(page.locator('#podglad-listu')).toContainText('prosimy o odczyt do 15 grudnia');
    await page.getByLabel('Temat', { exact: true }).fill('Odczyt wodomierzy — przypomnienie');
    await expect(page.locator('#podglad-listu')).toContainText('Odczyt wodomierzy — przypomnienie');
    await expectAccessible(page);
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: `${shots}/letter-preview-390.png`, fullPage: true });
    await signOut(page);
  });
});

test.describe('sign-in limits', () => {
  // A server of its own: this test makes its address wait, which must not touch the other tests.
  let server: RunningServer & { stop(): Promise<void> };
  test.beforeAll(async () => {
    server = await startServer();
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('many successful sign-ins from one address are never refused; failures are', async ({ browser }) => {
    test.setTimeout(300_000);
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    // More than the 20 sign-ins per 10 minutes that used to lock out a shared address.
    for (let i = 0; i < 24; i++) {
      await signInMember(page, ['mieszkaniec1', 'mieszkaniec2', 'mieszkaniec3'][i % 3] ?? 'mieszkaniec1');
      await signOut(page);
    }
    // Guessing is another matter: 30 failures within 15 minutes, then the address waits.
    for (let i = 0; i < 30; i++) {
      await page.goto('/ebok');
      await page.getByLabel('Login').fill(`nieznany${i}`);
      await page.getByLabel('Hasło').fill('zgaduję');
      await page.getByRole('button', { name: 'Zaloguj się' }).click();
      await expect(page.getByRole('alert')).toContainText('Nieprawidłowy login lub hasło.');
    }
    await page.getByLabel('Login').fill('mieszkaniec1');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zbyt wiele nieudanych prób logowania' })).toBeVisible();
    await expect(page.getByText(/Spróbuj ponownie za \d+ minut/)).toBeVisible();
    await expect(page.getByText(/zadzwoń do biura Spółdzielni: tel\. /)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Wróć do logowania' }).click();
    await expect(page.getByLabel('Login')).toBeVisible();
    await context.close();
  });
});
