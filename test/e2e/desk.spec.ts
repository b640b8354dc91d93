import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

async function signInStaff(page: Page, login: string): Promise<void> {
  await page.goto('/panel');
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await enterTotp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Panel pracownika' })).toBeVisible();
}

/** The number the desk shows for a queue. */
const countOf = (page: Page, key: string) => page.locator(`[data-queue="${key}"] .desk-count`);

// Two clerks: a TOTP code is accepted once, and both sizes sign in within the same 30 s.
for (const [width, login] of [
  [390, 'bok'],
  [1280, 'admin'],
] as const) {
  test.describe(`the clerk's desk at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('counts waiting work as it arrives and as it is done, and finds a person by address', async ({
      page,
      browser,
      baseURL,
    }) => {
      await signInStaff(page, login);
      // The back office has its own shell: no public menu.
      await expect(page.getByRole('navigation', { name: 'Menu główne' })).toHaveCount(0);
      await expect(page.getByRole('heading', { name: 'Sprawy do załatwienia' })).toBeVisible();
      const before = Number(await countOf(page, 'accounts.password_requests').textContent());
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/desk-${width}.png`, fullPage: true });

      // A member asks for a new password.
      const member = await browser.newContext({ baseURL });
      const memberPage = await member.newPage();
      await memberPage.goto('/ebok/nie-pamietam-hasla');
      await memberPage.getByLabel('Login lub adres e-mail').fill('mieszkaniec3');
      await memberPage.getByRole('button', { name: 'Poproś o nowe hasło' }).click();
      await member.close();

      await page.reload();
      await expect(countOf(page, 'accounts.password_requests')).toHaveText(String(before + 1));
      await expect(page.locator('[data-queue="accounts.password_requests"]')).toContainText('najstarsza czeka');

      // The clerk opens the queue (oldest first) and closes the request: the desk counts one less.
      await page.locator('[data-queue="accounts.password_requests"] a').click();
      await expect(page.getByRole('heading', { level: 1, name: 'Prośby o nowe hasło' })).toBeVisible();
      await expectAccessible(page);
      await page
        .getByRole('row', { name: /mieszkaniec3/ })
        .getByRole('button', { name: /Zamknij/ })
        .click();
      await expect(page.getByRole('status')).toContainText('zamknięta bez nowego hasła');
      await page.screenshot({ path: `test-results/screenshots/desk-passwords-${width}.png`, fullPage: true });
      await page.goto('/panel');
      await expect(countOf(page, 'accounts.password_requests')).toHaveText(String(before));

      // The desk's search finds a person by unit address, with the next step at hand.
      await page.goto('/panel/aktywacja');
      await page.getByLabel(/Osoba: nazwisko, adres lokalu/).fill('Paderewskiego 65');
      await page.getByRole('button', { name: 'Szukaj' }).click();
      const results = page.locator('.person-results > li');
      await expect(results.first()).toContainText('Paderewskiego 65/');
      await expect(results.first()).toContainText('e-BOK:');
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/desk-search-${width}.png`, fullPage: true });
    });
  });
}
