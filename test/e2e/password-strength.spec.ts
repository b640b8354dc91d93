import { expect, test } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';

test('the new-password field shows a strength hint while typing', async ({ page }) => {
  // The script must run under the CSP (script-src 'self', no inline styles): any refusal fails.
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/ebok');
  await page.getByLabel('Login').fill('mieszkaniec2');
  await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(page.getByRole('heading', { name: /^Dzień dobry, / })).toBeVisible();

  await page.goto('/ebok/konto/haslo');
  await expect(page.getByRole('heading', { name: 'Zmiana hasła' })).toBeVisible();
  const field = page.getByLabel('Nowe hasło', { exact: true });
  const hint = page.locator('#pole-nowe-sila');
  const meter = page.locator('.strength-meter');
  await expect(hint).toHaveAttribute('aria-live', 'polite');
  await expect(hint).toHaveText('');
  await expect(meter).toBeHidden();

  // Shorter than the server's minimum (12 without a second factor).
  await field.pressSequentially('krótkie');
  await expect(hint).toHaveText('Siła hasła: za krótkie. Potrzeba co najmniej 12 znaków (jest 7).');
  await expect(meter).toBeVisible();

  // Long enough, but a keyboard pattern close to a common password.
  await field.fill('qwertyuiop12');
  await expect(hint).toContainText(/^Siła hasła: (bardzo )?słabe\. \S/);
  await expect(meter).toHaveClass(/strength-[01]/);
  await page.screenshot({ path: 'test-results/screenshots/password-strength-weak.png', fullPage: true });

  // A few words: strong.
  await field.fill('wiosenny deszcz nad Rawą');
  await expect(hint).toHaveText('Siła hasła: bardzo dobre.');
  await expect(meter).toHaveClass(/strength-4/);
  await page.screenshot({ path: 'test-results/screenshots/password-strength.png', fullPage: true });

  // Emptied: no hint left behind.
  await field.fill('');
  await expect(hint).toHaveText('');
  await expect(meter).toBeHidden();

  expect(problems).toEqual([]);
});
