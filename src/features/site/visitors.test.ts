import { describe, expect, it } from 'vitest';
import { buildChrome } from './menu.ts';
import { isBot, visitorHash } from './visitors.ts';

describe('bot detection', () => {
  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; YandexBot/3.0)',
    'facebookexternalhit/1.1',
    'Mozilla/5.0 (compatible; AhrefsBot/7.0)',
    'curl/8.5.0',
    'Wget/1.21',
    'python-requests/2.31.0',
    'Go-http-client/1.1',
    'Mozilla/5.0 HeadlessChrome/130.0',
    '',
    'x',
  ])('%s is a bot', (ua) => {
    expect(isBot(ua)).toBe(true);
  });

  it.each([
    'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
  ])('%s is a person', (ua) => {
    expect(isBot(ua)).toBe(false);
  });
});

describe('visitor hashes', () => {
  const visitor = { organizationId: 1, ip: '203.0.113.7', userAgent: 'Firefox' };
  it('are stable within a day and unlinkable across days (new salt)', () => {
    const monday = visitorHash({ ...visitor, salt: 'salt-of-monday' });
    expect(visitorHash({ ...visitor, salt: 'salt-of-monday' })).toBe(monday);
    expect(visitorHash({ ...visitor, salt: 'salt-of-tuesday' })).not.toBe(monday);
    expect(monday).not.toContain('203.0.113.7');
  });
  it('differ per organization, address and browser', () => {
    const base = visitorHash({ ...visitor, salt: 's' });
    expect(visitorHash({ ...visitor, salt: 's', organizationId: 2 })).not.toBe(base);
    expect(visitorHash({ ...visitor, salt: 's', ip: '203.0.113.8' })).not.toBe(base);
    expect(visitorHash({ ...visitor, salt: 's', userAgent: 'Chrome' })).not.toBe(base);
  });
});

describe('the menu', () => {
  it('follows the sections, skips hidden ones and puts the accessibility statement in the footer', () => {
    const chrome = buildChrome(
      [
        { kind: 'news', slug: 'a', title: 'aktualności', hidden: false },
        { kind: 'page', slug: 'o-spoldzielni', title: 'o spółdzielni', hidden: false },
        { kind: 'ebok', slug: 'e', title: 'eBOK', hidden: false },
        { kind: 'page', slug: 'remonty', title: 'remonty', hidden: true },
        { kind: 'accessibility', slug: 'deklaracja-dostepnosci', title: 'Deklaracja dostępności', hidden: false },
      ],
      5,
    );
    expect(chrome.menu).toEqual([
      { label: 'aktualności', href: '/aktualnosci' },
      { label: 'o spółdzielni', href: '/o-spoldzielni' },
      { label: 'eBOK', href: '/ebok' },
    ]);
    expect(chrome.footerLinks.map((l) => l.href)).toEqual(['/kontakt', '/deklaracja-dostepnosci']);
    expect(chrome.visitors).toBe(5);
  });

  it('keeps news and e-BOK for an organization without those sections', () => {
    expect(buildChrome([], 0).menu.map((m) => m.href)).toEqual(['/aktualnosci', '/ebok']);
    const menu = buildChrome(
      [
        { kind: 'page', slug: 'o-nas', title: 'O nas', hidden: false },
        { kind: 'page', slug: 'remonty', title: 'Remonty', hidden: false },
      ],
      0,
    ).menu.map((m) => m.href);
    expect(menu).toEqual(['/aktualnosci', '/o-nas', '/ebok', '/remonty']);
  });
});
