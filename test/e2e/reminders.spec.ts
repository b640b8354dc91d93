import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startTestSmtpServer } from '../support/smtp-server.ts';
import { enterTotp, startServer } from './fixtures.ts';

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const SHOTS = 'test-results/screenshots';
const EMAIL = 'dluznik@example.com';

test('a member in debt consents to e-mail; a clerk previews and sends the reminders; the member reads hers in e-BOK', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const smtp = await startTestSmtpServer();
  const server = await startServer({ SMTP_URL: smtp.url });
  try {
    // The demo's member in debt gives her consent to electronic correspondence and confirms it.
    const memberContext = await browser.newContext({ baseURL: server.url });
    const member = await memberContext.newPage();
    await member.goto('/ebok');
    await member.getByLabel('Login').fill('mieszkaniec2');
    await member.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await member.getByRole('button', { name: 'Zaloguj się' }).click();
    await member.goto('/ebok/korespondencja');
    await member.getByRole('link', { name: 'Zgoda na korespondencję elektroniczną' }).click();
    await member.getByLabel('Adres e-mail do korespondencji').fill(EMAIL);
    await member.getByLabel('Potwierdzam zapoznanie się z oświadczeniem i wyrażam zgodę na jego treść.').check();
    await member.getByRole('button', { name: 'Wyrażam zgodę' }).click();
    const [confirmation] = await smtp.waitFor(1, 20_000);
    const link = /https?:\/\/\S+\/korespondencja\/potwierdz\/[A-Za-z0-9_-]+/.exec(confirmation?.text ?? '')?.[0];
    expect(link).toBeTruthy();
    await member.goto(link as string);
    await member.getByRole('button', { name: 'Potwierdzam adres e-mail' }).click();
    await expect(member.getByText('zgoda na korespondencję elektroniczną obowiązuje')).toBeVisible();

    // The clerk opens the reminders, reads who is due which stage and the letters, and sends them.
    const clerkContext = await browser.newContext({ baseURL: server.url });
    const clerk = await clerkContext.newPage();
    await clerk.goto('/panel');
    await clerk.getByLabel('Login').fill('bok');
    await clerk.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await clerk.getByRole('button', { name: 'Zaloguj się' }).click();
    await enterTotp(clerk);
    await clerk.goto('/panel/finanse/dluznicy');
    await clerk.getByRole('navigation', { name: 'Finanse' }).getByRole('link', { name: 'Upomnienia' }).click();
    await expect(clerk.getByRole('heading', { name: 'Upomnienia i wezwania do zapłaty' })).toBeVisible();
    await expect(clerk.getByRole('heading', { name: /^Posiadacze z zaległością na / })).toBeVisible();
    await expect(clerk.getByRole('heading', { name: /^1\. Przypomnienie: \d+ posiadacz/ })).toBeVisible();
    const samples = clerk.locator('article.letter-sample');
    await expect(samples.first()).toContainText('Zaległość po terminie wynosi');
    expect(await samples.count()).toBeGreaterThan(0);
    await expect(clerk.locator('article.letter-sample', { hasText: '(e-mail)' }).first()).toBeVisible();
    for (const width of [390, 1280]) {
      await clerk.setViewportSize({ width, height: 900 });
      await clerk.screenshot({ path: `${SHOTS}/reminders-run-${width}.png`, fullPage: true });
      const overflow = await clerk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await clerk.getByRole('link', { name: 'Etapy upomnień i treść pism' }).click();
    await expect(clerk.getByRole('cell', { name: '3. Przedsądowe wezwanie do zapłaty', exact: true })).toBeVisible();
    await clerk.goBack();
    await clerk.getByRole('button', { name: 'Wyślij upomnienia' }).click();
    await expect(
      clerk.getByText(/Wysłano upomnienia: \d+\. Pisma papierowe czekają w kolejce wydruku\./),
    ).toBeVisible();
    await expect(clerk.getByText(/czeka na termin zapłaty z poprzedniego pisma/).first()).toBeVisible();
    await expect(clerk.getByRole('button', { name: 'Wyślij upomnienia' })).toHaveCount(0);

    // The e-mail reaches the member's address, with her figures and the letter as a PDF.
    const deadline = Date.now() + 20_000;
    let reminder = smtp.messages.find((m) => m.subject === 'Przypomnienie o zaległości w opłatach');
    while (!reminder && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      reminder = smtp.messages.find((m) => m.subject === 'Przypomnienie o zaległości w opłatach');
    }
    expect(JSON.stringify(reminder?.to)).toContain(EMAIL);
    expect(reminder?.text).toContain('Zaległość po terminie wynosi');
    expect(reminder?.attachments.some((a) => a.contentType === 'application/pdf')).toBe(true);

    // She finds it in her finances and her inbox.
    await member.goto('/ebok/finanse');
    const section = member.getByRole('region', { name: 'Upomnienia i wezwania do zapłaty' });
    await expect(section).toContainText('Przypomnienie');
    for (const width of [390, 1280]) {
      await member.setViewportSize({ width, height: 900 });
      await member.screenshot({ path: `${SHOTS}/reminders-member-${width}.png`, fullPage: true });
      const overflow = await member.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await section.getByRole('link', { name: 'Przypomnienie' }).first().click();
    await expect(member.getByRole('heading', { name: 'Przypomnienie o zaległości w opłatach' })).toBeVisible();
    await expect(member.getByText('Zaległość po terminie wynosi')).toBeVisible();
    await member.screenshot({ path: `${SHOTS}/reminders-letter-390.png`, fullPage: true });
  } finally {
    await server.stop();
    await smtp.close();
  }
});
