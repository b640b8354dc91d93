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

  // The page loads a small script; the dictionaries (about 1.2 MB) only when the field is used.
  const scripts: { url: string; body: Promise<Buffer> }[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), body: response.body() });
  });
  await page.goto('/ebok/konto/haslo');
  await expect(page.getByRole('heading', { name: 'Zmiana hasła' })).toBeVisible();
  await page.waitForLoadState('load');
  expect(scripts.map((script) => new URL(script.url).pathname)).toEqual([
    expect.stringMatching(/\/js\/password-strength\.js$/),
  ]);
  const bodies = await Promise.all(scripts.map((script) => script.body));
  expect(bodies.reduce((sum, body) => sum + body.length, 0)).toBeLessThan(100 * 1024);
  const field = page.getByLabel('Nowe hasło', { exact: true });
  const hint = page.locator('#pole-nowe-sila');
  const meter = page.locator('.strength-meter');
  await expect(hint).toHaveAttribute('aria-live', 'polite');
  await expect(hint).toHaveText('');
  await expect(meter).toBeHidden();

  // Shorter than the server's minimum (12 without a second factor): judged without the dictionaries.
  await field.pressSequentially('krótkie');
  await expect(hint).toHaveText('Siła hasła: za krótkie. Potrzeba co najmniej 12 znaków (jest 7).');
  await expect(meter).toBeVisible();

  // Long enough, but a keyboard pattern close to a common password.
  await field.fill('qwertyuiop12');
  await expect(hint).toContainText(/^Siła hasła: (bardzo )?słabe\. \S/);
  await expect(meter).toHaveClass(/strength-[01]/);
  expect(scripts.some((script) => /\/js\/chunks\/.+\.js$/.test(script.url))).toBe(true);
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
