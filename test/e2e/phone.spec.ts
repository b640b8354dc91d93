import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

/** axe finds nothing on the page (WCAG 2.1 A and AA). */
async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** Every visible amount's box lies within the screen's width, and the page is no wider than it. */
async function expectAmountsOnScreen(page: Page): Promise<void> {
  const outside = await page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\d\s*zł/.test(node.textContent ?? '')) continue;
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width > 0 && (rect.right > width + 0.5 || rect.left < -0.5)) found.push(node.textContent ?? '');
      }
    }
    return { found, docWidth: document.documentElement.scrollWidth, width };
  });
  expect(outside.found).toEqual([]);
  expect(outside.docWidth).toBeLessThanOrEqual(outside.width);
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.goto('/ebok');
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Dzień dobry/ })).toBeVisible();
}

for (const size of sizes) {
  test.describe(`e-BOK at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });
    // Signed out again, so that other specs on this server see only their own sessions.
    test.afterEach(async ({ page }) => {
      await page.goto('/ebok');
      await page.getByRole('button', { name: 'Wyloguj' }).click();
    });

    test('the member in debt sees what to pay on the first screen, with the payment data', async ({ page }) => {
      await signIn(page, 'mieszkaniec2');
      const due = page.locator('.amount-due').first();
      await expect(due).toContainText('Do zapłaty');
      const box = await due.boundingBox();
      expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(size.height);
      await expect(page.getByText('Numer rachunku').first()).toBeVisible();
      await expect(page.getByRole('button', { name: /Kopiuj numer rachunku/ }).first()).toBeVisible();
      await expect(page.getByText('Zaległość po terminie').first()).toBeVisible();
      // The public menu is one link away, not above the content.
      await expect(page.getByRole('navigation', { name: 'Menu główne' })).toHaveCount(0);
      await expectAmountsOnScreen(page);
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/phone-home-${size.width}.png`, fullPage: true });

      // "Ostatnie naliczenia" add up to the month's fee.
      const charges = page.locator('.ledger-recent').first();
      await expect(charges.getByText('Razem')).toBeVisible();
    });

    test('the finance history, fees and media keep every amount on the screen', async ({ page }) => {
      await signIn(page, 'mieszkaniec1');
      for (const [link, file] of [
        ['Operacje', 'history'],
        ['Opłaty', 'fees'],
        ['Rozliczenia mediów', 'media'],
      ] as const) {
        await page.goto('/ebok');
        await page.locator('.ledger-card').first().getByRole('link', { name: link, exact: true }).click();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        if (file === 'history' && size.width < 500) {
          await expect(page.locator('.month-cards > li').first()).toBeVisible();
          await page.locator('.month-cards summary').first().click();
        }
        await expectAmountsOnScreen(page);
        await expectAccessible(page);
        await page.screenshot({ path: `test-results/screenshots/phone-${file}-${size.width}.png`, fullPage: true });
      }
    });
  });
}

test.describe('e-BOK menu on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('folds without JavaScript and opens on a tap', async ({ browser, baseURL }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      baseURL,
    });
    const page = await context.newPage();
    await signIn(page, 'mieszkaniec1');
    const menu = page.getByRole('navigation', { name: 'Menu serwisu' });
    await expect(menu.getByRole('link', { name: 'Finanse' })).toBeHidden();
    await menu.getByText('Menu').click();
    await expect(menu.getByRole('link', { name: 'Finanse' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Strona Spółdzielni' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/phone-menu-390.png' });
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await context.close();
  });
});
