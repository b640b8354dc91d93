import { expect, test } from './fixtures.ts';

test.describe('the public website', () => {
  test('home page shows the cooperative, its news and its contact data', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Spółdzielnia Mieszkaniowa im. I. J. Paderewskiego w Katowicach');
    await expect(page.getByRole('link', { name: 'Spółdzielnia Mieszkaniowa im. I. J. Paderewskiego' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Menu główne' }).getByRole('link', { name: 'eBOK' }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Aktualności' })).toBeVisible();
    const footer = page.locator('footer');
    await expect(footer).toContainText('ul. Ignacego Paderewskiego 65, 40-282 Katowice');
    await expect(footer).toContainText('poczta@smpaderewski.pl');
    await page.screenshot({ path: 'test-results/screenshots/home.png', fullPage: true });
  });

  test('a visitor opens the announcement from the home page', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Wszystkie aktualności' }).click();
    await expect(page).toHaveURL(/\/aktualnosci$/);
    // The announcement is from 2013: in the archive, past a few years of newer news.
    await page.getByRole('navigation', { name: 'Archiwum aktualności' }).getByRole('link', { name: '2013' }).click();
    await page.getByRole('link', { name: 'Uruchomiliśmy dla Państwa dwie nowe usługi' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uruchomiliśmy dla Państwa dwie nowe usługi');
    await expect(page.locator('.prose')).toContainText('Elektroniczne Biuro Obsługi Klienta (e-BOK)');
    await expect(
      page.getByRole('navigation', { name: 'Menu główne' }).getByRole('link', { name: 'Aktualności' }),
    ).toHaveAttribute('aria-current', 'page');
  });

  test('the skip link moves keyboard focus to the content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Przejdź do treści' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#tresc$/);
  });

  test('an unknown address shows the Polish 404 page', async ({ page }) => {
    const response = await page.goto('/nie-ma-takiej-strony');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Nie znaleziono strony' })).toBeVisible();
    await page.getByRole('link', { name: 'Przejdź na stronę główną' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.screenshot({ path: 'test-results/screenshots/not-found.png' });
  });

  test('the page fits a 360 px phone without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/screenshots/home-phone.png', fullPage: true });
  });

  test('the page breaks no Content-Security-Policy rule', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto('/');
    await page.goto('/aktualnosci');
    expect(violations).toEqual([]);
  });
});
