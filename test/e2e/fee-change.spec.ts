import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';
const SHOTS = 'test-results/screenshots';

async function staffSignIn(page: Page, login: string) {
  await page.goto('/panel');
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await enterTotp(page);
}

/** Both widths the pages must work at; amounts must not run off a phone's screen. */
async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(overflow, `${name} at ${width}px is wider than the screen`).toBe(false);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('fee changes', () => {
  test('an accountant prepares and sends a fee change: the deadline is enforced, members see it, the clerk ticks paper', async ({
    page,
    browser,
    server,
  }) => {
    await staffSignIn(page, 'ksiegowosc');
    await page.goto('/panel/finanse');
    await page.getByRole('link', { name: 'Zmiany opłat' }).click();
    await page.getByRole('link', { name: 'Przygotuj zmianę opłat' }).click();
    const thisMonth = new Date().toISOString().slice(0, 7);
    await page.getByLabel('Nowe stawki od miesiąca (RRRR-MM)').fill(thisMonth);
    await page.getByLabel(/^Eksploatacja/).fill('2,1234');
    await page.getByLabel(/^Uzasadnienie/).fill('Wzrost kosztów energii w częściach wspólnych i sprzątania.');
    await page.getByRole('button', { name: 'Przygotuj zmianę i pokaż jej skutki' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('najwcześniej od');
    await shoot(page, 'fee-change-refused');
    const earliest = /najwcześniej od (\d{2})\.(\d{2})\.(\d{4})/.exec((await alert.textContent()) ?? '');
    await page.getByLabel('Nowe stawki od miesiąca (RRRR-MM)').fill(`${earliest?.[3]}-${earliest?.[2]}`);
    await page.getByRole('button', { name: 'Przygotuj zmianę i pokaż jej skutki' }).click();
    await expect(page.getByText('Zmiana opłat przygotowana.')).toBeVisible();
    await expect(page.getByText(/Zapłacą więcej: \d+/)).toBeVisible();
    await expect(page.locator('table tbody tr').first()).toContainText('→');
    await shoot(page, 'fee-change-plan');

    // Sending: notices go out, a member sees the change in e-BOK, the clerk ticks the paper ones.
    await page.getByRole('button', { name: 'Wyślij zawiadomienia' }).click();
    await expect(page.getByText('Zawiadomienia wysłane.')).toBeVisible();
    await expect(page.getByText(/Na papierze: doręczone 0, do oznaczenia \d+/)).toBeVisible();
    await shoot(page, 'fee-change-sent');
    const member = await browser.newContext({ baseURL: server.url }).then((c) => c.newPage());
    await member.goto('/ebok');
    await member.getByLabel('Login').fill('mieszkaniec2');
    await member.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await member.getByRole('button', { name: 'Zaloguj się' }).click();
    await member.goto('/ebok/finanse');
    await expect(
      member.getByText(/Od \d{2}\.\d{2}\.\d{4} opłata za lokal wyniesie .+ zamiast .+/).first(),
    ).toBeVisible();
    // The finance page's ledger card (not this feature) is wider than 390 px; the announcement must fit.
    for (const width of [1280, 390]) {
      await member.setViewportSize({ width, height: 900 });
      const section = member.locator('section.upcoming-fee-changes');
      await section.screenshot({ path: `${SHOTS}/fee-change-ebok-${width}.png` });
      expect(await section.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    }
    const clerk = await browser.newContext({ baseURL: server.url }).then((c) => c.newPage());
    await staffSignIn(clerk, 'bok');
    await clerk.goto('/panel/finanse/zmiany-oplat/doreczenia');
    await clerk.locator('input[name="zawiadomienia"]').first().check();
    await clerk.getByRole('button', { name: 'Oznacz zaznaczone jako doręczone' }).click();
    await expect(clerk.getByText('Zawiadomienia oznaczone jako doręczone.')).toBeVisible();
    await shoot(clerk, 'fee-change-mark-delivered');
  });

  test('a clerk sends a letter with each member’s own balance: preview, e-BOK and the print file', async ({
    page,
    browser,
    server,
  }) => {
    await staffSignIn(page, 'bok');
    await page.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Korespondencja' }).click();
    await page.getByLabel('Temat').fill('Stan rozliczeń lokalu');
    await page
      .getByLabel(/^Treść/)
      .fill(
        'Szanowni Państwo,\n\nsaldo lokalu {{lokal}} na dzień {{dzien_salda}}: **{{saldo}}**.\n\n{{skladniki_oplaty}}',
      );
    await page.getByLabel('Wszyscy obecni posiadacze lokali').check();
    await page.getByRole('button', { name: 'Zapisz szkic i pokaż adresatów' }).click();
    await expect(page.getByRole('heading', { name: 'Podgląd listu u pierwszych adresatów' })).toBeVisible();
    await expect(page.locator('article.letter-sample')).toHaveCount(3);
    await shoot(page, 'personal-letter-preview');
    await page.locator('#potwierdzam').check();
    await page.getByRole('button', { name: 'Wyślij teraz' }).click();
    await expect(page.getByText('List wysłany')).toBeVisible();

    const memberContext = await browser.newContext({ baseURL: server.url });
    const member = await memberContext.newPage();
    await member.goto('/ebok');
    await member.getByLabel('Login').fill('mieszkaniec2');
    await member.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await member.getByRole('button', { name: 'Zaloguj się' }).click();
    await member.goto('/ebok/korespondencja');
    await member.getByRole('link', { name: 'Stan rozliczeń lokalu' }).first().click();
    await expect(member.getByText(/saldo lokalu .+ na dzień \d{2}\.\d{2}\.\d{4}:/)).toBeVisible();
    await expect(member.locator('main')).not.toContainText('{{');
    await shoot(member, 'personal-letter-ebok');

    await page.goto('/panel/korespondencja/druk');
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Pobierz PDF do wydruku' }).click();
    const path = `${SHOTS}/personal-letter-print.pdf`;
    await (await downloading).saveAs(path);
    const text = execFileSync('pdftotext', [path, '-']).toString();
    expect(text).toContain('Stan rozliczeń lokalu');
    expect(text).toMatch(/saldo lokalu .+ na dzień \d{2}\.\d{2}\.\d{4}: -?−?[\d  ]+,\d{2}/);
    expect(text).toContain('Eksploatacja');
    expect(text).not.toContain('{{');
  });
});
