import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';
const shots = 'test-results/screenshots';

test.describe('meters, readings and the water settlement', () => {
  test.describe.configure({ mode: 'serial' });

  test('a member enters readings (one flagged) and declares persons', async ({ page }) => {
    mkdirSync(shots, { recursive: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/ebok');
    await page.getByLabel('Login').fill('mieszkaniec2');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    // On a phone the e-BOK menu is folded: open it first.
    await page.getByRole('navigation', { name: 'Menu serwisu' }).getByText('Menu').click();
    await page.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Liczniki' }).click();
    await page.getByRole('link', { name: 'Liczniki, odczyty i rozliczenia' }).first().click();
    await expect(page.getByRole('heading', { name: /zimna woda — nr ZW-DEMO-1/ })).toBeVisible();
    await page.screenshot({ path: `${shots}/media-meters-390.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The last 12 months by default; the year before shows that year's readings only, newest first.
    await expect(page.getByLabel('Pokaż odczyty')).toHaveValue('');
    const lastYear = String(new Date().getFullYear() - 1);
    await page.getByLabel('Pokaż odczyty').selectOption(lastYear);
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await expect(page).toHaveURL(new RegExp(`rok=${lastYear}`));
    const coldYear = page.locator('section.meter').filter({ hasText: 'ZW-DEMO-1' });
    await expect(coldYear.locator('tbody tr').first().locator('td').first()).toHaveText(`31.12.${lastYear}`);
    const days = await coldYear.locator('tbody tr td:first-child').allInnerTexts();
    expect(days.every((day) => day.endsWith(lastYear))).toBe(true);
    await page.screenshot({ path: `${shots}/media-meters-year-390.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.getByLabel('Pokaż odczyty').selectOption('');
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await expect(page.getByLabel('Pokaż odczyty')).toHaveValue('');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${shots}/media-meters-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });

    const cold = page.locator('section.meter').filter({ hasText: 'ZW-DEMO-1' });
    const last = (await cold.locator('tbody tr').first().locator('td').nth(1).textContent()) ?? '';
    const lastValue = Number(last.replace(/\s*m³/, '').replace(',', '.'));
    await cold.getByRole('link', { name: 'Podaj odczyt' }).click();
    await page.getByLabel('Odczyt (m³)').fill('12a');
    await page.getByRole('button', { name: 'Zapisz odczyt' }).click();
    await expect(page.getByRole('alert')).toContainText('bez liter');
    await page.getByLabel('Odczyt (m³)').fill(String(lastValue + 2).replace('.', ','));
    await page.getByRole('button', { name: 'Zapisz odczyt' }).click();
    await expect(page.getByText('Zapisaliśmy odczyt.').or(page.getByRole('alert'))).toBeVisible();
    if (await page.getByRole('alert').isVisible()) {
      // Outside the window on the day the test runs: confirm it.
      await page.getByLabel(/Potwierdzam odczyt/).check();
      await page.getByLabel('Odczyt (m³)').fill(String(lastValue + 2).replace('.', ','));
      await page.getByRole('button', { name: 'Zapisz odczyt' }).click();
    }
    await expect(page.getByText('Zapisaliśmy odczyt.')).toBeVisible();

    const hot = page.locator('section.meter').filter({ hasText: 'CW-DEMO-1' });
    await hot.getByRole('link', { name: 'Podaj odczyt' }).click();
    await page.getByLabel('Odczyt (m³)').fill('1');
    await page.getByRole('button', { name: 'Zapisz odczyt' }).click();
    await expect(page.getByRole('alert')).toContainText('odczyt niższy niż poprzedni');
    await page.screenshot({ path: `${shots}/media-reading-warning-390.png`, fullPage: true });
    await page.getByLabel(/Potwierdzam odczyt/).check();
    await page.getByLabel('Odczyt (m³)').fill('1');
    await page.getByRole('button', { name: 'Zapisz odczyt' }).click();
    await expect(page.getByText('Zapisaliśmy odczyt.')).toBeVisible();
    await expect(
      page.locator('section.meter').filter({ hasText: 'CW-DEMO-1' }).getByText('do sprawdzenia').first(),
    ).toBeVisible();

    await page.goto('/ebok/liczniki');
    await page.getByRole('link', { name: 'Deklaracja liczby osób' }).first().click();
    await page.getByLabel('Liczba osób zamieszkałych w lokalu').fill('3');
    await page.getByRole('button', { name: 'Złóż deklarację' }).click();
    await expect(page.getByRole('alert')).toContainText('zgodne z prawdą');
    await page.getByLabel(/Oświadczam/).check();
    await page.getByRole('button', { name: 'Złóż deklarację' }).click();
    await expect(page.getByText('Deklaracja złożona')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'czeka na decyzję' })).toBeVisible();
    await page.screenshot({ path: `${shots}/media-declaration-390.png`, fullPage: true });
  });

  test('the accountant previews and posts a settlement; the member opens its PDF', async ({ page, browser }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/panel');
    await page.getByLabel('Login').fill('ksiegowosc');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(page);
    await page.goto('/panel/media/rozliczenia');
    // Each medium subtracts its own advances: the demo's cold water ZW, hot water CW.
    await expect(page.getByLabel('Kod składnika opłat z zaliczkami za zimną wodę')).toHaveValue('ZW');
    await expect(page.getByLabel('Kod składnika opłat z zaliczkami za ciepłą wodę')).toHaveValue('CW');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/media-settlement-rules-390.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    // The demo meters' building: the one whose settlement has readings.
    const options = await page.getByLabel('Budynek').locator('option').allInnerTexts();
    const today = new Date();
    const quarterStart = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3 - 3, 1));
    const quarterEnd = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 0));
    let posted = false;
    for (const option of options) {
      await page.goto('/panel/media/rozliczenia');
      await page.getByLabel('Budynek').selectOption({ label: option });
      await page.getByLabel('Początek okresu').fill(quarterStart.toISOString().slice(0, 10));
      await page.getByLabel('Koniec okresu').fill(quarterEnd.toISOString().slice(0, 10));
      await page.getByRole('button', { name: 'Policz podgląd' }).click();
      if (await page.getByText('podgląd — nic nie zostało jeszcze zaksięgowane').isVisible()) {
        posted = true;
        break;
      }
    }
    expect(posted).toBe(true);
    await expect(page.getByText(/Wodomierz główny:/)).toBeVisible();
    await page.screenshot({ path: `${shots}/media-settlement-preview-1280.png`, fullPage: true });
    await page.getByRole('button', { name: 'Zaksięguj rozliczenie' }).click();
    await expect(page.getByText('Rozliczenie zaksięgowane.')).toBeVisible();

    const member = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await member.goto('/ebok');
    await member.getByLabel('Login').fill('mieszkaniec2');
    await member.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await member.getByRole('button', { name: 'Zaloguj się' }).click();
    await member.goto('/ebok/liczniki');
    await member.getByRole('link', { name: 'Liczniki, odczyty i rozliczenia' }).first().click();
    await member
      .getByRole('link', { name: /Rozliczenie wody/ })
      .first()
      .click();
    await expect(member.getByRole('heading', { name: 'Jak policzyliśmy' })).toBeVisible();
    await member.screenshot({ path: `${shots}/media-member-settlement-390.png`, fullPage: true });
    const response = await member.request.get(
      (await member.getByRole('link', { name: 'Pobierz rozliczenie (PDF)' }).getAttribute('href')) ?? '',
    );
    expect(response.headers()['content-type']).toBe('application/pdf');
    const path = `${shots}/media-settlement.pdf`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, await response.body());
    const text = execFileSync('pdftotext', [path, '-']).toString();
    expect(text).toContain('Rozliczenie');
    expect(text).toContain('Proponowana nowa miesięczna zaliczka');
  });
});
