import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';

test.describe('finances', () => {
  test('a member in debt sees what to pay, walks the history and downloads a statement PDF', async ({ page }) => {
    await page.goto('/ebok');
    await page.getByLabel('Login').fill('mieszkaniec2');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    const finances = page.locator('section.ledger-dashboard');
    await expect(finances.getByRole('heading', { name: 'Do zapłaty i saldo' })).toBeVisible();
    await expect(finances.getByText('Zaległość po terminie')).toBeVisible();
    await expect(finances.getByText('Numer rachunku')).toBeVisible();
    await expect(finances.getByRole('img', { name: 'Kod QR do zapłaty w aplikacji banku' })).toBeVisible();
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/ledger-dashboard.png', fullPage: true });

    await finances.getByRole('link', { name: 'Operacje' }).click();
    await expect(page.getByRole('heading', { name: /Naliczenia i wpłaty/ })).toBeVisible();
    await page.getByLabel('Rodzaj').selectOption({ label: 'Wpłata' });
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await expect(page.locator('table.ledger-table tbody tr').first()).toContainText('Wpłata');
    await page.screenshot({ path: 'test-results/screenshots/ledger-history.png', fullPage: true });

    await page.getByRole('link', { name: 'Rozliczenia mediów' }).click();
    await expect(page.locator('svg.chart').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/ledger-media.png', fullPage: true });

    await page.getByRole('link', { name: 'Opłaty', exact: true }).click();
    await expect(page.getByText('Razem miesięcznie')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/ledger-fees.png', fullPage: true });

    await page.getByRole('link', { name: 'Zestawienie (PDF, CSV)' }).click();
    await page.getByLabel('Od dnia').fill('2026-01-01');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Pobierz PDF' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^zestawienie-2026-01-01-\d{4}-\d{2}-\d{2}\.pdf$/);
    const path = 'test-results/screenshots/ledger-statement.pdf';
    await download.saveAs(path);
    const text = execFileSync('pdftotext', [path, '-']).toString();
    expect(text).toContain('Zestawienie operacji');
    expect(text).toContain('zadłużenie');
    expect(text).toContain('Rachunek do wpłat');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      path,
      'test-results/screenshots/ledger-statement',
    ]);
    writeFileSync('test-results/screenshots/ledger-statement.txt', text);
  });

  test('an accountant books a payment and sees it on the unit’s account', async ({ page }) => {
    await page.goto('/panel');
    await page.getByLabel('Login').fill('ksiegowosc');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(page);
    await page.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Finanse' }).click();
    await page.getByRole('link', { name: 'Dłużnicy' }).click();
    await page.locator('table tbody tr a').first().click();
    await expect(page.getByRole('heading', { name: /^Konto lokalu/ })).toBeVisible();
    await page.getByLabel('Kwota (zł)').first().fill('12,345');
    await page.getByRole('button', { name: 'Zaksięguj wpłatę' }).click();
    await expect(page.getByRole('alert')).toContainText('najwyżej dwa miejsca po przecinku');
    await page.getByLabel('Kwota (zł)').first().fill('150,00');
    await page.getByRole('button', { name: 'Zaksięguj wpłatę' }).click();
    await expect(page.getByText('Zaksięgowano wpłatę.')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/ledger-staff-account.png', fullPage: true });
  });
});
