import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

const menu = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Menu główne' });

test.describe('the public website with the demo content', () => {
  test('the menu follows the seed and every entry leads somewhere', async ({ page }) => {
    await page.goto('/');
    const labels = await menu(page).getByRole('link').allTextContents();
    expect(labels).toEqual([
      'Aktualności',
      'O spółdzielni',
      'eBOK',
      'Remonty',
      'Przetargi',
      'Statut',
      'Przepisy',
      'Gazetka',
      'B.O.N.',
      'Sala konferencyjna',
      'Rezonans',
      'Formularze',
    ]);
    for (const href of await menu(page)
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      const response = await page.request.get(String(href));
      expect(response.status(), String(href)).toBe(200);
    }
    await expect(page.locator('footer')).toContainText(/Odwiedziło nas: 11\s538 internautów\. Dziękujemy\./);
  });

  test('a visitor finds a news item from the home page, in the archive and in search, and downloads its attachment', async ({
    page,
  }) => {
    const title = 'Walne Zgromadzenie Członków w 2026 roku';
    await page.goto('/');
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

    await page.goto('/');
    await page.getByRole('link', { name: 'Wszystkie aktualności' }).click();
    await page.getByRole('navigation', { name: 'Archiwum aktualności' }).getByRole('link', { name: '2026' }).click();
    await expect(page).toHaveURL(/\/aktualnosci\/archiwum\/2026$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aktualności z 2026 roku');
    await expect(page.getByRole('link', { name: title })).toBeVisible();

    await page.getByRole('searchbox', { name: 'Szukaj w serwisie' }).fill('walne zgromadzenie');
    await page.getByRole('button', { name: 'Szukaj' }).first().click();
    await expect(page).toHaveURL(/\/szukaj\?q=walne/);
    await expect(page.getByRole('status')).toContainText('Znaleziono');
    await page.getByRole('link', { name: title }).click();

    const attachments = page.getByRole('region', { name: 'Załączniki' });
    await expect(attachments).toBeVisible();
    const download = page.waitForEvent('download');
    await attachments.getByRole('link', { name: 'Porządek obrad Walnego Zgromadzenia 2026' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('porzadek-obrad-2026.pdf');
  });

  test('the announcement links the documents it promises', async ({ page }) => {
    await page.goto('/aktualnosci/uruchomilismy-dla-panstwa-dwie-nowe-uslugi');
    const download = page.waitForEvent('download');
    await page.locator('.prose').getByRole('link', { name: 'Formularz aktywacji usługi e-BOK' }).click();
    expect((await download).suggestedFilename()).toBe('formularz-aktywacji-ebok.pdf');
  });

  test('the forms page offers the generated documents as PDFs', async ({ page }) => {
    await page.goto('/formularze');
    const response = await page.request.get('/dokumenty/regulamin-ebok.pdf');
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(page.getByRole('link', { name: 'Formularz aktywacji usługi e-BOK' })).toBeVisible();
  });

  for (const [name, path] of [
    ['home', '/'],
    ['news-item', '/aktualnosci/uruchomilismy-dla-panstwa-dwie-nowe-uslugi'],
    ['section', '/o-spoldzielni'],
    ['tenders', '/przetargi'],
    ['contact', '/kontakt'],
    ['ebok', '/ebok'],
    ['search', '/szukaj?q=remont'],
    ['accessibility', '/deklaracja-dostepnosci'],
  ] as const) {
    test(`${name}: axe finds no violations, and it fits a 360 px phone and 200 % zoom`, async ({ page }) => {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
      await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

      await page.setViewportSize({ width: 360, height: 740 });
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await page.screenshot({ path: `test-results/screenshots/${name}-phone.png`, fullPage: true });

      // 200 % browser zoom of a 1280 px window lays the page out in 640 CSS pixels.
      await page.setViewportSize({ width: 640, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
    });
  }
});
