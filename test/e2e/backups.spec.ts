import { mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { enterTotp, startServer } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const _DEMO_SECRET = 'JBSWY3DPEHPK3PXP';
const SHOTS = 'test-results/screenshots';

test('the server backs up on its schedule and the administrator sees the result in the panel', async ({ browser }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'osiedle-e2e-backups-'));
  // The current slot of the schedule has no backup yet: the server makes it soon after start.
  const server = await startServer({ BACKUP_DIR: dir, BACKUP_KEY: 'e2e backup key, 2026', BACKUP_KEEP: '3' });
  try {
    await expect
      .poll(() => readdirSync(dir).filter((name) => name.endsWith('.osbk')), { timeout: 60_000 })
      .toHaveLength(1);

    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    await page.goto('/panel');
    await page.getByLabel('Login').fill('admin');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(page);
    await page.getByRole('navigation', { name: 'Menu serwisu' }).getByRole('link', { name: 'Kopie zapasowe' }).click();
    await expect(page.getByRole('heading', { name: 'Kopie zapasowe', level: 1 })).toBeVisible();
    await expect(page.getByText('Kopie automatyczne: codziennie o 02:30 (czas polski)')).toBeVisible();
    await expect(page.getByText(/^Ostatnia kopia: udana/)).toBeVisible();
    await expect(page.getByRole('cell', { name: 'udana' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/backups.png`, fullPage: true });
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
