import { mkdirSync } from 'node:fs';
import { statementOf } from '../../src/features/bank/formats/build.ts';
import { writeMt940 } from '../../src/features/bank/formats/write.ts';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';
/** The demo cooperative's account (src/demo/demo-content.ts). */
const DEMO_ACCOUNT = '72102023130000310200000001';

test('an accountant imports a statement and assigns an unmatched credit; the member sees both payments', async ({
  browser,
  baseURL,
}) => {
  mkdirSync('test-results/screenshots', { recursive: true });
  const memberContext = await browser.newContext({ baseURL });
  const member = await memberContext.newPage();
  await member.goto('/ebok');
  await member.getByLabel('Login').fill('mieszkaniec2');
  await member.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await member.getByRole('button', { name: 'Zaloguj się' }).click();
  const finances = member.locator('section.ledger-dashboard');
  await expect(finances.getByText('Numer rachunku')).toBeVisible();
  const dashboard = (await finances.innerText()).replace(/\u00a0/g, ' ');
  const nrb = /\d\d(?: \d{4}){6}/.exec(dashboard)?.[0]?.replace(/ /g, '') ?? '';
  const unitTitle = /Opłaty L\d+ ([^\n]+)/.exec(dashboard)?.[1]?.trim() ?? '';
  expect(nrb).toHaveLength(26);
  expect(unitTitle).toMatch(/\d+\/\d+/);

  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
  const statement = statementOf(
    [
      {
        amount: 12_345,
        reference: 'E2E-1',
        creditedAccount: nrb,
        title: 'Czynsz z wyciągu e2e',
        counterpartyName: 'Jan Testowy',
      },
      { amount: 6_789, reference: 'E2E-2', title: 'Przelew od sąsiada e2e', counterpartyName: 'Anna Sąsiadka' },
    ],
    { account: DEMO_ACCOUNT, number: '00099/001', periodFrom: today, periodTo: today },
  );
  for (const entry of statement.entries) entry.bookingDate = entry.valueDate = today;

  const page = await browser.newPage({ baseURL });
  await page.goto('/panel');
  await page.getByLabel('Login').fill('ksiegowosc');
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await enterTotp(page);
  await page.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Finanse' }).click();
  await page.getByRole('link', { name: 'Wyciągi bankowe' }).click();
  await page.getByLabel('Pliki wyciągów').setInputFiles({
    name: 'wyciag-e2e.sta',
    mimeType: 'text/plain',
    buffer: Buffer.from(writeMt940([statement], '~'), 'utf8'),
  });
  await page.getByRole('button', { name: 'Importuj wyciągi' }).click();
  await expect(page.getByText('zaksięgowano wpłat: 1, do wyjaśnienia: 1')).toBeVisible();

  await page.getByRole('link', { name: /Operacje do wyjaśnienia/ }).click();
  await expect(page.getByText('Przelew od sąsiada e2e')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/bank-queue-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/bank-queue-390.png', fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page
    .locator('li.bank-queue-item', { hasText: 'Przelew od sąsiada e2e' })
    .getByRole('link', { name: 'Rozstrzygnij' })
    .click();
  await page.screenshot({ path: 'test-results/screenshots/bank-entry-390.png', fullPage: true });
  await page.locator('#pole-lokal').fill(unitTitle);
  // The payer's indication: the unit's open charges are shown to tick those the money is for.
  await page.getByRole('button', { name: 'Wskaż należności' }).click();
  const charges = page.locator('section.split-charges');
  await expect(charges.getByRole('heading', { name: 'Należności wskazane przez wpłacającego' })).toBeVisible();
  await expect(charges.locator('fieldset legend')).toContainText(unitTitle);
  const boxes = charges.getByRole('checkbox');
  if ((await boxes.count()) > 0) await boxes.first().check();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/bank-split-charges-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/bank-split-charges-390.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Zaksięguj wpłatę' }).click();
  await expect(page.getByText('Zaksięgowano wpłatę na lokal.')).toBeVisible();

  await member.goto('/ebok');
  await member.locator('section.ledger-dashboard').getByRole('link', { name: 'Operacje' }).click();
  await expect(member.getByRole('cell', { name: 'Czynsz z wyciągu e2e' })).toBeVisible();
  await expect(member.getByRole('cell', { name: 'Przelew od sąsiada e2e' })).toBeVisible();
  await member.screenshot({ path: 'test-results/screenshots/bank-member-history.png', fullPage: true });
  await memberContext.close();
});

test('a large statement is imported in the background: its page shows the progress, then the results; the administrator keeps the accounts', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  mkdirSync('test-results/screenshots', { recursive: true });
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
  const operations = 10_000;
  // Debits only (fees, money out): nothing reaches any unit's account, the desk's count or the
  // journey above (which has read the queue already), whatever else runs on this demo.
  const statement = statementOf(
    Array.from({ length: operations }, (_, i) => ({
      amount: -(100 + i),
      reference: `E2E-BIG-${i}`,
      title: `Opłata bankowa za prowadzenie rachunku, e2e ${i}`,
      counterpartyName: 'Bank Testowy',
    })),
    { account: DEMO_ACCOUNT, number: '00100/001', periodFrom: today, periodTo: today, openingBalance: 100_000_000 },
  );
  for (const entry of statement.entries) entry.bookingDate = entry.valueDate = today;
  const big = Buffer.from(writeMt940([statement], '~'), 'utf8');
  // Over BACKGROUND_IMPORT_BYTES (1 MB): the upload goes to a job.
  expect(big.byteLength).toBeGreaterThan(1024 * 1024);
  const page = await browser.newPage({ baseURL });
  await page.goto('/panel');
  await page.getByLabel('Login').fill('admin');
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await enterTotp(page);
  await page.goto('/panel/finanse/wyciagi');
  await page.getByLabel('Pliki wyciągów').setInputFiles({
    name: 'wyciag-duzy.sta',
    mimeType: 'text/plain',
    buffer: big,
  });
  await page.getByRole('button', { name: 'Importuj wyciągi' }).click();
  await expect(page).toHaveURL(/\/panel\/finanse\/wyciagi\/import\/\d+$/, { timeout: 120_000 });
  await expect(page.getByRole('heading', { name: 'Import wyciągów' })).toBeVisible();
  await expect(page.getByText('wyciag-duzy.sta').first()).toBeVisible();
  if (await page.getByRole('status').isVisible()) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test-results/screenshots/bank-job-running-390.png', fullPage: true });
  }
  // The page reloads itself while the job runs, and shows the results when it is done.
  await expect(page.getByText('stan: zakończony')).toBeVisible({ timeout: 240_000 });
  await expect(
    page.getByText(
      `${operations} operacji, nowych ${operations}; zaksięgowano wpłat: 0, do wyjaśnienia: 0, konfliktów: 0, obciążeń: ${operations}.`,
    ),
  ).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/bank-job-done-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/bank-job-done-390.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  await page.goto('/panel/finanse/wyciagi');
  await page.getByRole('link', { name: 'Rachunki Spółdzielni' }).click();
  await page.getByLabel('Numer rachunku (NRB)').fill('61 1090 1014 0000 0712 1981 2875');
  await page.getByRole('button', { name: 'Dodaj rachunek' }).click();
  await expect(page.getByText('Numer rachunku ma błędną sumę kontrolną').first()).toBeVisible();
  await page.getByLabel('Numer rachunku (NRB)').fill('61 1090 1014 0000 0712 1981 2874');
  await page.getByRole('button', { name: 'Dodaj rachunek' }).click();
  await expect(page.getByText('Dodano rachunek')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Usuń rachunek 61 1090 1014 0000 0712 1981 2874' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/bank-accounts-390.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Usuń rachunek 61 1090 1014 0000 0712 1981 2874' }).click();
  await expect(page.getByText('Usunięto rachunek')).toBeVisible();
});
