import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const shots = 'test-results/screenshots';
const samples = 'docs/examples/ogrzewanie';

async function signInMember(page: Page, login: string) {
  await page.goto('/ebok');
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(page).toHaveURL(/\/ebok/);
}

test.describe('heating results imported from the company, and every building at once', () => {
  test.describe.configure({ mode: 'serial' });

  test('the accountant imports the sample CSV with its PDFs, previews and posts; the member sees it', async ({
    page,
    browser,
  }) => {
    mkdirSync(shots, { recursive: true });
    // The sample's units 1 and 2 are mieszkaniec1's and mieszkaniec2's flats in the demo's first building.
    const member = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInMember(member, 'mieszkaniec1');
    await member.goto('/ebok/liczniki');
    const flat = (await member.getByRole('heading', { name: /^Lokal .*\/1$/ }).textContent()) ?? '';
    const building = flat.replace(/^Lokal /, '').replace(/\/1$/, '');
    expect(building).not.toBe('');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/panel');
    await page.getByLabel('Login').fill('ksiegowosc');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(page);
    await page.goto('/panel/media/ogrzewanie');
    const option = (await page.getByLabel('Budynek').locator('option').allInnerTexts()).find((o) =>
      o.startsWith(`${building},`),
    );
    expect(option).toBeDefined();
    await page.getByLabel('Budynek').selectOption({ label: option as string });
    await page.getByLabel('Plik z wynikami (CSV)').setInputFiles(`${samples}/wyniki-co.csv`);
    await page.getByLabel(/Dokumenty PDF firmy/).setInputFiles([`${samples}/lokal-1.pdf`, `${samples}/budynek.pdf`]);
    await page.getByRole('button', { name: 'Importuj i pokaż podgląd' }).click();
    await expect(page.getByText('podgląd — nic nie zostało jeszcze zaksięgowane')).toBeVisible();
    await expect(page.getByText('Dokumenty firmy rozliczeniowej')).toBeVisible();
    await expect(page.getByText('lokal-1.pdf')).toBeVisible();
    await expect(page.getByText('dopłata 184,20 zł')).toBeVisible();
    await page.screenshot({ path: `${shots}/media-heating-preview-1280.png`, fullPage: true });
    await page.getByRole('button', { name: 'Zaksięguj rozliczenie' }).click();
    await expect(page.getByText('Rozliczenie zaksięgowane.')).toBeVisible();

    await member.goto('/ebok/liczniki');
    await member
      .getByRole('listitem')
      .filter({ has: member.getByRole('heading', { name: flat }) })
      .getByRole('link', { name: 'Liczniki, odczyty i rozliczenia' })
      .click();
    await member.getByRole('link', { name: /Rozliczenie ogrzewania/ }).click();
    await expect(member.getByRole('heading', { name: /Rozliczenie: centralne ogrzewanie/ })).toBeVisible();
    await expect(member.getByText('dopłata 184,20 zł')).toBeVisible();
    await member.screenshot({ path: `${shots}/media-heating-member-390.png`, fullPage: true });
    const link = member.getByRole('link', { name: 'Pobierz rozliczenie firmy rozliczeniowej (PDF)' });
    const pdf = await member.request.get((await link.getAttribute('href')) ?? '');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await pdf.body()).equals(readFileSync(`${samples}/lokal-1.pdf`))).toBe(true);
    await member.setViewportSize({ width: 1280, height: 900 });
    await member.screenshot({ path: `${shots}/media-heating-member-1280.png`, fullPage: true });

    // Unit 2 has no PDF of its own: its holder gets the building's.
    const neighbour = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInMember(neighbour, 'mieszkaniec2');
    await neighbour.goto('/ebok/liczniki');
    await neighbour.getByRole('link', { name: 'Liczniki, odczyty i rozliczenia' }).first().click();
    await neighbour.getByRole('link', { name: /Rozliczenie ogrzewania/ }).click();
    await expect(neighbour.getByText('zwrot 287,25 zł')).toBeVisible();
    const buildingPdf = await neighbour.request.get(
      (await neighbour
        .getByRole('link', { name: 'Pobierz rozliczenie firmy rozliczeniowej (PDF)' })
        .getAttribute('href')) ?? '',
    );
    expect(Buffer.from(await buildingPdf.body()).equals(readFileSync(`${samples}/budynek.pdf`))).toBe(true);
  });

  test('the accountant previews every building at once and sees its totals', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/panel');
    await page.getByLabel('Login').fill('ksiegowosc');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(page);
    await page.goto('/panel/media/rozliczenia');
    await page.getByRole('link', { name: 'Rozliczenie wszystkich budynków' }).click();
    const today = new Date();
    const quarterStart = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3 - 3, 1));
    const quarterEnd = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 0));
    await page.getByLabel('Medium').selectOption({ label: 'zimna woda' });
    await page.getByLabel('Początek okresu').fill(quarterStart.toISOString().slice(0, 10));
    await page.getByLabel('Koniec okresu').fill(quarterEnd.toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Policz podgląd wszystkich budynków' }).click();
    await expect(page.getByText('podgląd — nic nie zostało jeszcze zaksięgowane')).toBeVisible();
    await expect(
      page.getByRole('cell', { name: 'Razem' }).or(page.getByRole('rowheader', { name: 'Razem' })),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /Zaksięguj wszystkie budynki/ })).toBeVisible();
    await page.screenshot({ path: `${shots}/media-batch-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/media-batch-390.png`, fullPage: true });
    // Amounts stay on a phone's screen.
    for (const amount of await page.locator('.amount').all()) {
      const box = await amount.boundingBox();
      if (box) expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.goto('/panel/media/rozliczenia/wszystkie');
    await page.screenshot({ path: `${shots}/media-batch-start-390.png`, fullPage: true });
  });
});
