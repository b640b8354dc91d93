import { totpCode } from '../../src/features/accounts/totp.ts';
import { enterTotp, expect, test } from './fixtures.ts';
import { typeNewPassword } from './new-password.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';

test.describe('signing in', () => {
  test('a member signs in to e-BOK and signs out', async ({ page }) => {
    await page.goto('/ebok');
    await expect(page.getByRole('heading', { name: 'Logowanie' })).toBeVisible();
    await page.getByLabel('Login').fill('mieszkaniec1');
    await page.getByLabel('Hasło').fill('to nie jest moje hasło');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect(page.getByRole('alert')).toContainText('Nieprawidłowy login lub hasło.');
    await expect(page.getByLabel('Login')).toHaveValue('mieszkaniec1');
    await expect(page.getByLabel('Hasło')).toHaveValue('');

    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect(page.getByRole('heading', { name: /^Dzień dobry, / })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/ebok-home.png', fullPage: true });

    await page.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Moje konto' }).click();
    await page.getByRole('link', { name: 'Aktywne sesje' }).click();
    await expect(page.getByText('ta sesja')).toBeVisible();

    await page.getByRole('button', { name: 'Wyloguj', exact: true }).click();
    await expect(page.getByText('Wylogowano. Do zobaczenia!')).toBeVisible();
    await page.goto('/ebok/konto');
    await expect(page).toHaveURL(/\/ebok\?next=%2Febok%2Fkonto$/);
  });

  test('an administrator adds a staff member, who changes the password and enrols TOTP at first sign-in', async ({
    page,
    browser,
  }) => {
    await page.goto('/panel');
    await page.getByLabel('Login').fill('admin');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(page);
    await expect(page.getByRole('heading', { name: 'Panel pracownika' })).toBeVisible();

    await page.getByRole('link', { name: 'Zarządzaj pracownikami' }).click();
    await page.getByLabel('Login').fill('ewa.nowicka');
    await page.getByLabel('Imię i nazwisko').fill('Ewa Nowicka');
    await page.getByLabel('BOK (obsługa mieszkańców)').check();
    await page.getByRole('button', { name: 'Dodaj pracownika' }).click();
    await expect(page.getByRole('heading', { name: 'Konto utworzone: ewa.nowicka' })).toBeVisible();
    const temporaryPassword = (await page.locator('dd.secret').nth(1).textContent())?.trim() ?? '';
    expect(temporaryPassword).toMatch(/^[a-zA-Z2-9-]{19}$/);

    // The new staff member, in a browser of their own.
    const context = await browser.newContext();
    const staff = await context.newPage();
    await staff.goto(page.url().replace(/\/panel.*$/, '/panel'));
    await staff.getByLabel('Login').fill('ewa.nowicka');
    await staff.getByLabel('Hasło').fill(temporaryPassword);
    await staff.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect(staff.getByRole('heading', { name: 'Ustaw nowe hasło' })).toBeVisible();
    await typeNewPassword(staff, 'krótkie');
    await staff.getByRole('button', { name: 'Zapisz nowe hasło' }).click();
    await expect(staff.getByRole('alert')).toContainText('co najmniej 12 znaków');
    await typeNewPassword(staff, 'wiosenny deszcz nad Rawą');
    await staff.getByRole('button', { name: 'Zapisz nowe hasło' }).click();

    await expect(staff.getByRole('heading', { name: 'Włącz weryfikację dwuetapową' })).toBeVisible();
    await expect(staff.getByRole('img', { name: /Kod QR/ })).toBeVisible();
    await staff.screenshot({ path: 'test-results/screenshots/totp-enrolment.png', fullPage: true });
    const secret = ((await staff.locator('.secret').textContent()) ?? '').replace(/\s/g, '');
    await staff.getByLabel('Kod z aplikacji').fill(await totpCode(secret, new Date()));
    await staff.getByRole('button', { name: 'Włącz' }).click();
    await expect(staff.getByRole('heading', { name: 'Weryfikacja dwuetapowa jest włączona' })).toBeVisible();
    await expect(staff.locator('.codes li')).toHaveCount(10);
    await staff.getByRole('link', { name: /Kody zapisane/ }).click();
    await expect(staff.getByRole('heading', { name: 'Panel pracownika' })).toBeVisible();
    // A clerk has no staff management.
    expect((await staff.goto(page.url().replace(/\/panel.*$/, '/panel/pracownicy')))?.status()).toBe(404);
    await context.close();

    await page.goto('/panel/dziennik');
    await expect(page.getByRole('cell', { name: 'Włączenie weryfikacji dwuetapowej' }).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/audit-log.png', fullPage: true });
  });
});
