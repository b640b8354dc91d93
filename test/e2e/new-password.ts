import { expect, type Page } from '@playwright/test';

/**
 * Types a new password (and its repetition) and waits until the strength hint has judged it.
 *
 * The hint and its meter appear under the field a moment after typing stops, and a verdict only
 * once the dictionaries have arrived (fetched when the field is first used): each time, the
 * fields and the submit button below move down. A click that lands while that happens presses
 * the button and is released over the form, and nothing is submitted: the page stays as it was
 * (the flake once seen in sign-in.spec.ts). After this, nothing on the page moves until the field
 * is typed in again, so the next click submits.
 */
export async function typeNewPassword(page: Page, password: string, repeated = password): Promise<void> {
  const hint = page.locator('#pole-nowe-sila');
  const minimum = Number(await hint.getAttribute('data-strength-min'));
  const length = [...password.normalize('NFC')].length;
  await page.getByLabel('Nowe hasło', { exact: true }).fill(password);
  await expect(hint).toHaveText(
    length < minimum
      ? new RegExp(`^Siła hasła: za krótkie\\..*\\(jest ${length}\\)\\.$`)
      : /^Siła hasła: (?!za krótkie)/,
  );
  await page.getByLabel('Powtórz nowe hasło').fill(repeated);
}
