import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { totpCode } from '../../src/features/accounts/totp.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-server.ts';
import { expect, type RunningServer, startServer, test } from './fixtures.ts';
import { typeNewPassword } from './new-password.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const SECRET = 'JBSWY3DPEHPK3PXP';
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'),
  Buffer.alloc(200, 32),
  Buffer.from('\n%%EOF\n'),
]);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Signs a demo staff member in; `step` picks a later TOTP window for a second sign-in of the same account. */
async function signInStaff(page: Page, baseUrl: string, login: string, step = 0) {
  await page.goto(`${baseUrl}/panel`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.getByLabel('Kod weryfikacyjny').fill(await totpCode(SECRET, new Date(Date.now() + step * 30_000)));
  await page.getByRole('button', { name: 'Potwierdź' }).click();
  await expect(page.getByRole('heading', { name: 'Panel pracownika' })).toBeVisible();
}

/** Signs a member in with a starting password and sets a new one, as the first sign-in demands. */
async function firstSignIn(page: Page, baseUrl: string, login: string, password: string, newPassword: string) {
  await page.goto(`${baseUrl}/ebok`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(page.getByRole('heading', { name: 'Ustaw nowe hasło' })).toBeVisible();
  await typeNewPassword(page, newPassword);
  await page.getByRole('button', { name: 'Zapisz nowe hasło' }).click();
  await expect(page.getByRole('heading', { name: /^Dzień dobry, / })).toBeVisible();
}

/** Signs a member in and returns the page the sign-in led to, without going further. */
async function signInMember(page: Page, baseUrl: string, login: string, password: string) {
  await page.goto(`${baseUrl}/ebok`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło').fill(password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
}

/** A clerk (signed in on `page`) opens an account at the desk; returns the login and starting password. */
async function activateAtDesk(page: Page, baseUrl: string, email: string) {
  const person = await personWithoutAccount(page, baseUrl);
  await page.getByLabel('Tożsamość sprawdzono na podstawie').selectOption('dowód osobisty');
  await page.getByLabel('Adres e-mail z formularza aktywacji').fill(email);
  await page.getByLabel('Osoba podpisała formularz aktywacyjny').check();
  await page.getByRole('button', { name: 'Załóż konto i wygeneruj hasło startowe' }).click();
  await expect(page.getByRole('heading', { name: /^Dane do logowania/ })).toBeVisible();
  const login = ((await page.locator('dd.secret').nth(0).textContent()) ?? '').trim();
  const password = ((await page.locator('dd.secret').nth(1).textContent()) ?? '').trim();
  return { person, login, password };
}

/** A person of the demo register holding a right today and with no e-BOK account yet. */
async function personWithoutAccount(page: Page, baseUrl: string): Promise<{ name: string; url: string; unit: string }> {
  await page.goto(`${baseUrl}/panel/aktywacja?q=Nowak`);
  const holders: { name: string; url: string }[] = [];
  // Each result: the person, their addresses today and their e-BOK account ("brak konta").
  for (const result of await page.locator('.person-results > li').all()) {
    if (!(await result.getByText('brak konta').isVisible())) continue;
    if ((await result.textContent())?.includes('Nie ma dziś prawa do lokalu')) continue;
    const link = result.getByRole('heading').getByRole('link');
    holders.push({
      name: ((await link.textContent()) ?? '').trim(),
      url: `${baseUrl}${await link.getAttribute('href')}`,
    });
  }
  for (const holder of holders) {
    await page.goto(holder.url);
    if (await page.getByRole('heading', { name: 'Załóż konto e-BOK' }).isVisible()) {
      const unit = await page
        .getByRole('heading', { name: /^Lokale/ })
        .locator('xpath=following-sibling::ul[1]/li')
        .first();
      return { ...holder, unit: ((await unit.textContent()) ?? '').trim() };
    }
  }
  throw new Error('no holder without an account among the Nowaks');
}

test('(a) a clerk activates a member at the desk; the starting password works once and must be changed', async ({
  page,
  browser,
  baseURL,
}) => {
  const base = String(baseURL);
  await signInStaff(page, base, 'bok');
  await page.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Aktywacja e-BOK' }).click();
  const person = await personWithoutAccount(page, base);
  await page.getByRole('button', { name: 'Załóż konto i wygeneruj hasło startowe' }).click();
  await expect(page.getByRole('alert')).toContainText('Wybierz dokument');
  await page.getByLabel('Tożsamość sprawdzono na podstawie').selectOption('dowód osobisty');
  await page.getByLabel('Adres e-mail z formularza aktywacji').fill('nowy.czlonek@example.pl');
  await page.getByLabel('Osoba podpisała formularz aktywacyjny').check();
  await page.getByRole('button', { name: 'Załóż konto i wygeneruj hasło startowe' }).click();
  await expect(page.getByRole('heading', { name: /^Dane do logowania/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/activation-credentials.png', fullPage: true });
  const login = ((await page.locator('dd.secret').nth(0).textContent()) ?? '').trim();
  const password = ((await page.locator('dd.secret').nth(1).textContent()) ?? '').trim();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Pobierz list z danymi logowania (PDF)' }).click();
  expect((await download).suggestedFilename()).toBe(`e-bok-${login}.pdf`);

  const context = await browser.newContext();
  const member = await context.newPage();
  await firstSignIn(member, base, login, password, 'jesienne liście na Rawie');
  // Once changed, the starting password no longer works.
  const again = await browser.newContext();
  const other = await again.newPage();
  await other.goto(`${base}/ebok`);
  await other.getByLabel('Login').fill(login);
  await other.getByLabel('Hasło').fill(password);
  await other.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(other.getByRole('alert')).toContainText('Nieprawidłowy login lub hasło.');
  await context.close();
  await again.close();
  expect(person.name.length).toBeGreaterThan(3);
});

test.describe('with mail going to a test SMTP server', () => {
  let smtp: TestSmtpServer;
  let server: RunningServer & { stop(): Promise<void> };

  test.beforeAll(async () => {
    smtp = await startTestSmtpServer();
    server = await startServer({ SMTP_URL: smtp.url });
  });
  test.afterAll(async () => {
    await server.stop();
    await smtp.close();
  });

  const mailWith = async (subject: string) => {
    await expect.poll(() => smtp.messages.some((m) => m.subject === subject), { timeout: 15_000 }).toBe(true);
    return smtp.messages.filter((m) => m.subject === subject).at(-1);
  };

  test('(b) a remote application with scans, confirmed by e-mail, approved by staff, then the first sign-in', async ({
    page,
    browser,
  }) => {
    const base = server.url;
    // Staff look up a holder, so that the application matches the register.
    await signInStaff(page, base, 'admin');
    const person = await personWithoutAccount(page, base);
    const [lastName, firstName] = person.name.split(/\s+/);

    const context = await browser.newContext();
    const applicant = await context.newPage();
    await applicant.goto(`${base}/ebok`);
    await applicant.getByRole('link', { name: 'Nie masz konta? Złóż wniosek zdalnie' }).click();
    await applicant.getByLabel('Imię').fill(firstName ?? '');
    await applicant.getByLabel('Nazwisko').fill(lastName ?? '');
    // The address of the person's own unit, as a member would write it.
    await applicant.getByLabel('Adres lokalu').fill(person.unit);
    await applicant.getByLabel('Adres e-mail').fill('wnioskodawca@example.pl');
    await applicant.getByLabel('Skan podpisanego formularza aktywacyjnego').setInputFiles({
      name: 'formularz.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not really a pdf'),
    });
    await applicant
      .getByLabel('Skan dowodu osobistego')
      .setInputFiles({ name: 'dowod.png', mimeType: 'image/png', buffer: PNG });
    await applicant.getByLabel(/Akceptuję/).check();
    await applicant.getByRole('button', { name: 'Wyślij wniosek' }).click();
    await expect(applicant.getByRole('alert')).toContainText('Ten plik nie jest plikiem PDF, JPG ani PNG');
    await expect(applicant.getByLabel('Nazwisko')).toHaveValue(lastName ?? '');
    await applicant.getByLabel('Skan podpisanego formularza aktywacyjnego').setInputFiles({
      name: 'formularz.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await applicant
      .getByLabel('Skan dowodu osobistego')
      .setInputFiles({ name: 'dowod.png', mimeType: 'image/png', buffer: PNG });
    await applicant.getByRole('button', { name: 'Wyślij wniosek' }).click();
    await expect(applicant.getByRole('heading', { name: 'Sprawdź skrzynkę e-mail' })).toBeVisible();

    const confirm = await mailWith('Potwierdź adres e-mail we wniosku o dostęp do e-BOK');
    const link = /http:\/\/\S+\/ebok\/aktywacja\/potwierdz\/\S+/.exec(confirm?.text ?? '')?.[0] ?? '';
    // Opening the link confirms nothing (mail scanners open links too): its button does.
    await applicant.goto(link);
    await expect(applicant.getByRole('heading', { name: 'Potwierdź adres e-mail' })).toBeVisible();
    await applicant.getByRole('button', { name: 'Potwierdzam adres e-mail' }).click();
    await expect(applicant.getByRole('heading', { name: 'Adres e-mail potwierdzony' })).toBeVisible();

    await page.goto(`${base}/panel/aktywacja/wnioski`);
    await page.getByRole('link', { name: `${lastName} ${firstName}` }).click();
    await page.screenshot({ path: 'test-results/screenshots/activation-request.png', fullPage: true });
    await page.getByRole('button', { name: 'Zatwierdź i wyślij login oraz hasło' }).click();
    await expect(page).toHaveURL(/zatwierdzono=\d+/);
    await expect(page.getByRole('status')).toContainText('Wniosek zatwierdzony');

    const loginMail = await mailWith('e-BOK: Twój login');
    const passwordMail = await mailWith('e-BOK: hasło startowe');
    const login = /Login: (\S+)/.exec(loginMail?.text ?? '')?.[1] ?? '';
    const password = /Hasło startowe: (\S+)/.exec(passwordMail?.text ?? '')?.[1] ?? '';
    expect(login).not.toBe('');
    await firstSignIn(applicant, base, login, password, 'zielona łąka pod Katowicami');
    await context.close();
  });

  test('(c) a forgotten password goes through staff to the activation e-mail and a new first sign-in', async ({
    page,
    browser,
  }) => {
    const base = server.url;
    const context = await browser.newContext();
    const member = await context.newPage();
    await member.goto(`${base}/ebok`);
    await member.getByRole('link', { name: 'Nie pamiętam hasła' }).click();
    await member.getByLabel('Login lub adres e-mail').fill('mieszkaniec3');
    await member.getByRole('button', { name: 'Poproś o nowe hasło' }).click();
    await expect(member.getByRole('heading', { name: 'Prośba przyjęta' })).toBeVisible();

    await signInStaff(page, base, 'admin', 1);
    await page.goto(`${base}/panel/hasla`);
    await page
      .getByRole('button', { name: /^Wyślij nowe hasło na / })
      .first()
      .click();
    const mail = await mailWith('e-BOK: nowe hasło startowe');
    const password = /Hasło startowe: (\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
    await firstSignIn(member, base, 'mieszkaniec3', password, 'nowe hasło po zapomnieniu');
    await context.close();
  });
});

test('(d) a starting password works for one sign-in only, and not at all once it has expired', async ({ browser }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'osiedle-e2e-'));
  try {
    const today = await startServer({}, { dataDir });
    let unused: { login: string; password: string };
    try {
      const clerk = await browser.newPage();
      await signInStaff(clerk, today.url, 'bok');
      const once = await activateAtDesk(clerk, today.url, 'raz@example.pl');
      unused = await activateAtDesk(clerk, today.url, 'nigdy@example.pl');

      // Signed in with it, but left without setting a new password: it does not work again.
      const first = await browser.newContext();
      const firstPage = await first.newPage();
      await signInMember(firstPage, today.url, once.login, once.password);
      await expect(firstPage.getByRole('heading', { name: 'Ustaw nowe hasło' })).toBeVisible();
      await first.close();
      const second = await browser.newPage();
      await signInMember(second, today.url, once.login, once.password);
      await expect(second.getByRole('alert')).toContainText(
        'To hasło startowe zostało już użyte do logowania i nie działa ponownie. Skontaktuj się ze Spółdzielnią',
      );
      await second.screenshot({ path: 'test-results/screenshots/starting-password-used.png', fullPage: true });
    } finally {
      await today.stop();
    }

    // The same data 15 days later: the other starting password (valid 14 days) has expired.
    const later = await startServer({}, { dataDir, clockShiftDays: 15 });
    try {
      const member = await browser.newPage();
      await signInMember(member, later.url, unused.login, unused.password);
      await expect(member.getByRole('alert')).toContainText(
        'Hasło startowe wygasło. Skontaktuj się ze Spółdzielnią, aby otrzymać nowe.',
      );
      await expect(member.getByLabel('Login')).toHaveValue(unused.login);
    } finally {
      await later.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
