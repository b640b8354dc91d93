import { type Browser, chromium, type Page } from '@playwright/test';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report } from '../lib/report.ts';
import { startServer, waitForStatus } from '../lib/server.ts';

/** The phone the issue measures on. */
const PHONE = { width: 390, height: 844 };
/** Demo members: one with two units, one in debt (src/demo/demo-accounts.ts). */
const MEMBERS = ['mieszkaniec1', 'mieszkaniec2'] as const;
const DEMO_PASSWORD = 'Osiedle-demo-2026';
/** Pages visited per member at most (every e-BOK page the menus and cards link to). */
const MAX_PAGES = Number(process.env.BENCH_UX_MAX_PAGES ?? 80);

interface PageFigures {
  path: string;
  /** Amounts (`… zł`) whose box extends past the left or right edge of the screen. */
  amountsOffscreen: number;
  /** The document's width, when wider than the screen. */
  overflowPx: number;
  /** How far down the page the amount to pay starts (home page only). */
  amountDueTop: number | undefined;
}

/** What one page shows on the phone, measured in the browser. */
async function measure(page: Page, path: string): Promise<PageFigures> {
  const figures = await page.evaluate(() => {
    const width = window.innerWidth;
    let offscreen = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    // Every text node holding an amount: its box as drawn (a table cell scrolled away counts too).
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!/\d\s*zł/.test(text)) continue;
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width === 0 || rect.height === 0) continue;
        if (rect.right > width + 0.5 || rect.left < -0.5) {
          offscreen++;
          break;
        }
      }
    }
    const docWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const due = Array.from(document.querySelectorAll('main *')).find(
      (el) => el.children.length <= 3 && /^\s*Do zapłaty\b.*\d\s*zł/.test(el.textContent ?? ''),
    );
    const dueTop = due ? due.getBoundingClientRect().top + window.scrollY : undefined;
    return { offscreen, overflow: docWidth > width ? docWidth : 0, dueTop };
  });
  return {
    path,
    amountsOffscreen: figures.offscreen,
    overflowPx: figures.overflow,
    amountDueTop: figures.dueTop,
  };
}

/** e-BOK links of the page (same origin, under /ebok), without downloads and sign-out. */
async function ebokLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))
      .map((a) => new URL(a.href, location.href))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith('/ebok'))
      .filter((u) => !/\.(pdf|csv|png|jpg)$/.test(u.pathname) && !u.pathname.includes('/pobierz'))
      .map((u) => u.pathname),
  );
}

/** Signs the member in and walks every e-BOK page reachable from the start page. */
async function walkMember(browser: Browser, baseUrl: string, login: string): Promise<PageFigures[]> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/ebok`);
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(`${baseUrl}/ebok`);
    const seen = new Set<string>(['/ebok']);
    const queue = ['/ebok'];
    const results: PageFigures[] = [];
    while (queue.length > 0 && results.length < MAX_PAGES) {
      const path = queue.shift() as string;
      const response = await page.goto(`${baseUrl}${path}`);
      if (response?.status() !== 200 || !(response.headers()['content-type'] ?? '').includes('html')) {
        continue;
      }
      results.push(await measure(page, path));
      for (const link of await ebokLinks(page)) {
        if (seen.has(link) || link.startsWith('/ebok/wyloguj')) continue;
        seen.add(link);
        queue.push(link);
      }
    }
    return results;
  } finally {
    await context.close();
  }
}

/**
 * e-BOK on a phone (390×844, Debian's Chromium) as a member with two units and as a member in
 * debt, over every e-BOK page reachable from the start page: amounts running off the screen,
 * pages wider than the screen, and how far down the start page the amount to pay begins.
 */
export const ux: Benchmark = {
  name: 'ux',
  description: 'e-BOK on a 390 px phone: amounts off-screen, overflowing pages, where the amount due starts',
  async run() {
    const server = await startServer();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    try {
      await waitForStatus(server, '/readyz', { timeoutMs: 120_000 });
      let offscreen = 0;
      let overflowing = 0;
      let dueTop = 0;
      let pages = 0;
      for (const login of MEMBERS) {
        const figures = await walkMember(browser, server.url, login);
        pages += figures.length;
        for (const f of figures) {
          offscreen += f.amountsOffscreen;
          if (f.overflowPx > 0) overflowing++;
          if (f.amountsOffscreen > 0 || f.overflowPx > 0) {
            progress(
              `  ${login} ${f.path}: ${f.amountsOffscreen} amounts off-screen, width ${f.overflowPx || PHONE.width} px`,
            );
          }
          if (f.path === '/ebok' && f.amountDueTop !== undefined) dueTop = Math.max(dueTop, f.amountDueTop);
        }
        progress(`  ${login}: ${figures.length} pages`);
      }
      report({ name: 'ux.phone_pages_visited', value: pages, unit: 'pages' });
      report({ name: 'ux.phone_amounts_offscreen', value: offscreen, unit: 'amounts' });
      report({ name: 'ux.phone_overflowing_pages', value: overflowing, unit: 'pages' });
      report({ name: 'ux.phone_amount_due_top_px', value: Math.round(dueTop), unit: 'px' });
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
