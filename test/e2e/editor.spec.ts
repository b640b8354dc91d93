import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { pdf } from '../support/zip.ts';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';
const TITLE = 'Kasa czynna dłużej w lipcu';

async function signInAsEditor(page: Page) {
  await page.goto('/panel');
  await page.getByLabel('Login').fill('redakcja');
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await enterTotp(page);
  await expect(page.getByRole('heading', { name: 'Panel pracownika' })).toBeVisible();
}

test.describe('the editor runs the website', () => {
  test('an editor publishes a news item with a PDF; a visitor finds it and downloads the attachment', async ({
    page,
    browser,
  }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await signInAsEditor(page);
    await page
      .getByRole('navigation', { name: 'Menu serwisu' })
      .getByRole('link', { name: 'Strona internetowa' })
      .click();
    await expect(page.getByRole('heading', { name: 'Strona internetowa', level: 1 })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/editor-overview.png', fullPage: true });

    await page.getByRole('link', { name: 'Przejdź do aktualności' }).click();
    await page.screenshot({ path: 'test-results/screenshots/editor-news-list.png', fullPage: true });
    await page.getByRole('link', { name: 'Dodaj aktualność' }).click();
    // A missing title comes back with a message at the field and the rest kept.
    await page.getByLabel('Wstęp').fill('Od 1 lipca kasa spółdzielni będzie czynna do 18:00.');
    await page.getByRole('button', { name: 'Zapisz' }).click();
    await expect(page.getByRole('alert')).toContainText('Podaj tytuł.');
    await expect(page.getByLabel('Wstęp')).toHaveValue('Od 1 lipca kasa spółdzielni będzie czynna do 18:00.');
    await page.screenshot({ path: 'test-results/screenshots/editor-news-error.png', fullPage: true });
    await page.getByLabel('Tytuł').fill(TITLE);
    await page.getByLabel('Treść').fill('W lipcu **kasa** przyjmuje wpłaty dłużej.\n\nSzczegóły w załączniku.');
    await page.getByRole('button', { name: 'Zapisz' }).click();
    await expect(page.getByText('Zapisano zmiany.')).toBeVisible();
    await expect(page.getByText('szkic', { exact: true })).toBeVisible();

    await page.getByLabel('Nazwa pliku na liście').fill('Komunikat o godzinach kasy');
    await page.getByLabel('Plik', { exact: true }).setInputFiles({
      name: 'komunikat-kasa.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('% komunikat'),
    });
    await page.getByRole('button', { name: 'Wyślij plik' }).click();
    await expect(page.getByText('Dodano plik.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Komunikat o godzinach kasy' })).toBeVisible();
    await page.getByRole('button', { name: 'Opublikuj teraz' }).click();
    await expect(page.getByText('Aktualność jest na stronie.')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/editor-news-edit.png', fullPage: true });
    const editAxe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(editAxe.violations.map((v) => v.id)).toEqual([]);

    // A visitor, in a browser of their own.
    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto(page.url().replace(/\/panel.*$/, '/'));
    await expect(visitor.getByRole('link', { name: TITLE })).toBeVisible();
    await visitor.getByRole('link', { name: 'Wszystkie aktualności' }).click();
    const year = String(new Date().getFullYear());
    await visitor.getByRole('navigation', { name: 'Archiwum aktualności' }).getByRole('link', { name: year }).click();
    await expect(visitor.getByRole('link', { name: TITLE })).toBeVisible();
    await visitor.getByRole('searchbox', { name: 'Szukaj w serwisie' }).fill('dluzej w lipcu');
    await visitor.getByRole('button', { name: 'Szukaj' }).first().click();
    await visitor.getByRole('link', { name: TITLE }).click();
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    const download = visitor.waitForEvent('download');
    await visitor.getByRole('link', { name: 'Komunikat o godzinach kasy' }).click();
    expect((await download).suggestedFilename()).toBe('komunikat-kasa.pdf');
    await context.close();

    // The other editor pages, for a look at their screenshots.
    for (const [path, name] of [
      ['/panel/strona/dzialy', 'editor-sections'],
      ['/panel/strona/przetargi', 'editor-tenders'],
      ['/panel/strona/gazetka', 'editor-gazette'],
      ['/panel/strona/dokumenty', 'editor-documents'],
      ['/panel/strona/dokumenty/regulamin-ebok', 'editor-document-text'],
      ['/panel/strona/ustawienia', 'editor-settings'],
    ] as const) {
      await page.goto(path);
      await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(axe.violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
    }
    await page.goto('/panel/strona/dzialy');
    await page.locator('#tresc').getByRole('link', { name: 'O spółdzielni', exact: true }).click();
    await page.screenshot({ path: 'test-results/screenshots/editor-section-edit.png', fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/panel/strona/dzialy');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: 'test-results/screenshots/editor-sections-phone.png', fullPage: true });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(violations).toEqual([]);
  });
});
