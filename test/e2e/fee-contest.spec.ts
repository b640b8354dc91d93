import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { enterTotp, expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const SHOTS = 'test-results/screenshots';

async function signIn(page: Page, section: '/panel' | '/ebok', login: string) {
  await page.goto(section);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  if (section === '/panel') await enterTotp(page);
}

/** Both widths; nothing may be wider than a phone's screen. */
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

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

test('a holder contests a fee change in court: recorded, shown in e-BOK and on the unit, closed with the judgement', async ({
  page,
  browser,
  server,
}) => {
  // A change sent for a month after the earliest lawful one (another journey sends one for that month).
  await signIn(page, '/panel', 'ksiegowosc');
  await page.goto('/panel/finanse/zmiany-oplat/nowa');
  await page.getByLabel('Nowe stawki od miesiąca (RRRR-MM)').fill(new Date().toISOString().slice(0, 7));
  await page.getByLabel(/^Eksploatacja/).fill('4,5678');
  await page.getByLabel(/^Uzasadnienie/).fill('Wzrost kosztów utrzymania części wspólnych nieruchomości.');
  await page.getByRole('button', { name: 'Przygotuj zmianę i pokaż jej skutki' }).click();
  const earliest = /najwcześniej od \d{2}\.(\d{2})\.(\d{4})/.exec((await page.getByRole('alert').textContent()) ?? '');
  const month = nextMonth(`${earliest?.[2]}-${earliest?.[1]}`);
  await page.getByLabel('Nowe stawki od miesiąca (RRRR-MM)').fill(month);
  await page.getByRole('button', { name: 'Przygotuj zmianę i pokaż jej skutki' }).click();
  await page.getByRole('button', { name: 'Wyślij zawiadomienia' }).click();
  await expect(page.getByText('Zawiadomienia wysłane.')).toBeVisible();
  const planUrl = page.url().replace(/\?.*$/, '');

  // The member's unit, as e-BOK names it in the announcement.
  const member = await browser.newContext({ baseURL: server.url }).then((c) => c.newPage());
  await signIn(member, '/ebok', 'mieszkaniec2');
  await member.goto('/ebok/finanse');
  const day = `01.${month.slice(5)}.${month.slice(0, 4)}`;
  const card = member.locator('section.upcoming-fee-changes article', { hasText: `Od ${day}` }).first();
  const unitLabel = ((await card.locator('h3').textContent()) ?? '').trim();
  expect(unitLabel).not.toBe('');

  // The accountant records the suit.
  await page.getByRole('link', { name: 'Zapisz zaskarżenie zmiany w sądzie' }).click();
  const option = page.locator('select[name="zawiadomienie"] option', { hasText: `${unitLabel} — ` }).first();
  await page
    .getByLabel('Lokal i posiadacz, który wniósł pozew')
    .selectOption((await option.getAttribute('value')) ?? '');
  await page.getByLabel(/^Sąd/).fill('Sąd Rejonowy Gdańsk-Północ, I Wydział Cywilny');
  await page.getByLabel(/^Sygnatura akt/).fill('I C 512/26');
  await shoot(page, 'fee-contest-form');
  await page.getByRole('button', { name: 'Zapisz zaskarżenie' }).click();
  await expect(page.getByText('Zaskarżenie zapisane')).toBeVisible();
  await expect(page.getByText(/w dotychczasowej wysokości od \d{2}\.\d{2}\.\d{4}/)).toBeVisible();
  await shoot(page, 'fee-contest-recorded');
  const contestUrl = page.url().replace(/\?.*$/, '');

  // The member sees it in e-BOK.
  await member.goto('/ebok/finanse');
  const contested = member.locator('section.member-contests');
  await expect(contested).toContainText('I C 512/26');
  await expect(contested).toContainText('opłaty za media według nowych stawek');
  for (const width of [1280, 390]) {
    await member.setViewportSize({ width, height: 900 });
    await contested.screenshot({ path: `${SHOTS}/fee-contest-ebok-${width}.png` });
    expect(await contested.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  }

  // The unit's account says so and leads to the unit's history of fee changes.
  await page.getByRole('link', { name: unitLabel }).click();
  await expect(page.getByRole('heading', { name: 'Zaskarżone zmiany opłat' })).toBeVisible();
  await page.getByRole('link', { name: 'Historia zmian opłat tego lokalu' }).click();
  await expect(page.getByRole('heading', { name: `Historia zmian opłat — ${unitLabel}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `Zmiana opłat od ${day}` })).toBeVisible();
  await expect(page.getByText('Zaskarżona w sądzie').first()).toBeVisible();
  await shoot(page, 'fee-history');

  // The judgement: the change was justified.
  await page.goto(contestUrl);
  await page.getByLabel('Rozstrzygnięcie').selectOption('change_upheld');
  await page.getByRole('button', { name: 'Zamknij zaskarżenie' }).click();
  await expect(page.getByText('Zaskarżenie zamknięte z rozstrzygnięciem sądu.')).toBeVisible();
  await expect(page.getByText(/Sąd uznał zmianę za zasadną/)).toBeVisible();
  await shoot(page, 'fee-contest-closed');
  await page.goto(planUrl);
  await expect(page.getByRole('heading', { name: 'Zaskarżenia w sądzie' })).toBeVisible();
});
