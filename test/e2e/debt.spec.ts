import { mkdirSync } from 'node:fs';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';

test.describe('debt as the law counts it', () => {
  test('a member in debt sees overdue vs current and interest, and asks for a certificate', async ({ page }) => {
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.goto('/ebok');
    await page.getByLabel('Login').fill('mieszkaniec2');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    const finances = page.locator('section.ledger-dashboard');
    await expect(finances.getByText('Zaległość po terminie')).toBeVisible();
    await expect(finances.getByText(/najstarsza niezapłacona: \p{L}+ \d{4}/u)).toBeVisible();
    await expect(finances.getByText('Odsetki ustawowe na dziś, informacyjnie')).toBeVisible();
    await expect(finances.locator('.amount-due').first()).toContainText('Do zapłaty');
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/screenshots/debt-dashboard-${width}.png`, fullPage: true });
      // No amount runs off the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }

    await finances.getByRole('link', { name: 'szczegóły' }).click();
    await expect(page.getByRole('heading', { name: /Odsetki na dziś, informacyjnie/ })).toBeVisible();
    await expect(page.locator('table.ledger-table tfoot')).toContainText('Razem');
    await page.screenshot({ path: 'test-results/screenshots/debt-interest-1280.png', fullPage: true });

    await page.getByRole('link', { name: 'Zaświadczenie o niezaleganiu' }).click();
    await page.getByRole('button', { name: 'Poproś o zaświadczenie' }).click();
    await expect(page.getByText('wniosek trafił do księgowości')).toBeVisible();
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: 'test-results/screenshots/debt-certificate-390.png', fullPage: true });
  });

  test('a buyer sees only their part of the water settlement straddling the sale', async ({ page }) => {
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto('/ebok');
    await page.getByLabel('Login').fill('mieszkaniec3');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByRole('link', { name: 'Rozliczenia mediów' }).first().click();
    // The demo's flat was bought on 15.06.2020: of January–June 2020 the buyer answers for 16 days.
    const part = page.locator('.holder-part').first();
    await expect(part).toContainText('Twoja część:');
    await expect(part).toContainText('część za 15.06–30.06.2020 (16 z 182 dni), dzielone proporcjonalnie do dni');
    await part.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/debt-settlement-part-390.png', fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('an accountant sees the debtors per holder and the certificate queue', async ({ page }) => {
    await page.goto('/panel');
    await page.getByLabel('Login').fill('ksiegowosc');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(page);
    await page.goto('/panel/finanse/dluznicy');
    await expect(page.getByText('(były posiadacz)').first()).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'test-results/screenshots/debt-debtors-1280.png', fullPage: true });
    // Every demo unit has its history: the list is long; its first screen on a phone.
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: 'test-results/screenshots/debt-debtors-390.png' });
    await page.getByRole('link', { name: 'Zaświadczenia' }).first().click();
    await expect(page.getByRole('heading', { name: 'Wnioski o zaświadczenie o niezaleganiu' })).toBeVisible();
    await page.locator('main ul.plain-list a').first().click();
    await expect(page.getByRole('button', { name: 'Zapisz decyzję' })).toBeVisible();
    await page.getByRole('button', { name: 'Zapisz decyzję' }).click();
    await expect(page.getByText(/Lokal ma zaległość po terminie/).first()).toBeVisible();
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: 'test-results/screenshots/debt-certificate-decision-390.png', fullPage: true });
  });
});
