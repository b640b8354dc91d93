import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';

async function signInAsClerk(page: Page) {
  await page.goto('/panel');
  await page.getByLabel('Login').fill('bok');
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await enterTotp(page);
  await expect(page.getByRole('heading', { name: 'Panel pracownika' })).toBeVisible();
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test('a clerk records the sale of a unit to a member, who then sees it in e-BOK', async ({ page, browser }) => {
  await signInAsClerk(page);
  await page.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Rejestr' }).click();
  await expect(page.getByRole('heading', { name: 'Rejestr lokali' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/register-units.png', fullPage: true });
  await expectNoAxeViolations(page);

  // A commercial unit: no demo member holds one, so the buyer's rights cannot overlap.
  await page.getByLabel('Rodzaj').selectOption('uzytkowy');
  await page.getByRole('main').getByRole('button', { name: 'Szukaj' }).click();
  const unitLink = page.locator('table tbody tr').first().getByRole('link');
  const address = (await unitLink.textContent()) ?? '';
  expect(address).toMatch(/\/U?\d*/);
  await unitLink.click();
  await expect(page.getByRole('heading', { name: `Lokal ${address}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/register-unit.png', fullPage: true });
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Zapisz zmianę posiadacza' }).click();
  // Find the buyer's number: mieszkaniec2's person has the external key DEMO-M2.
  await page.getByLabel('Nazwisko i imię, e-mail lub końcówka PESEL').fill('DEMO-M2');
  await page.getByRole('main').getByRole('button', { name: 'Szukaj' }).click();
  const buyerRow = page.locator('table tbody tr').first();
  const buyerNumber = ((await buyerRow.locator('td').first().textContent()) ?? '').trim();
  const buyerName = ((await buyerRow.locator('td').nth(1).textContent()) ?? '').trim();
  expect(buyerNumber).toMatch(/^\d+$/);

  // A date that is not a date comes back with a message and the form filled in.
  await page.locator('#pole-newHolders\\.0\\.personId').fill(buyerNumber);
  await page.getByLabel('Dzień zmiany').fill('');
  await page.getByRole('button', { name: 'Zapisz zmianę posiadacza' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.locator('#pole-newHolders\\.0\\.personId')).toHaveValue(buyerNumber);
  await page.screenshot({ path: 'test-results/screenshots/register-holder-change-error.png', fullPage: true });

  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date());
  await page.getByLabel('Dzień zmiany').fill(today);
  await page.getByRole('button', { name: 'Zapisz zmianę posiadacza' }).click();
  await expect(page.getByText('Zapisano zmianę posiadacza.')).toBeVisible();
  await expect(page.getByRole('table', { name: /Obecni/ })).toContainText(buyerName);
  await page.screenshot({ path: 'test-results/screenshots/register-unit-after-sale.png', fullPage: true });

  // The buyer, mieszkaniec2, sees the unit in e-BOK.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto('/ebok');
  await member.getByLabel('Login').fill('mieszkaniec2');
  await member.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await member.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(member.getByRole('heading', { name: 'Moje lokale' })).toBeVisible();
  await member.screenshot({ path: 'test-results/screenshots/ebok-my-units.png', fullPage: true });
  await member.getByRole('link', { name: address }).click();
  await expect(member.getByRole('heading', { name: `Lokal ${address}` })).toBeVisible();
  await expect(member.getByText('użytkowy').first()).toBeVisible();
  await expect(member.getByRole('navigation', { name: 'Moje lokale' })).toBeVisible();
  await member.screenshot({ path: 'test-results/screenshots/ebok-unit.png', fullPage: true });
  await expectNoAxeViolations(member);
  await memberContext.close();
});
