import type { MenuItem, SiteChrome } from '../../http/chrome-context.ts';
import type { SectionKind } from './section-queries.ts';

export type { MenuItem, SiteChrome };

/** A top-level section as the menu needs it. */
export interface MenuSection {
  kind: SectionKind;
  slug: string;
  title: string;
  hidden: boolean;
}

const newsEntry: MenuItem = { label: 'Aktualności', href: '/aktualnosci' };
const ebokEntry: MenuItem = { label: 'eBOK', href: '/ebok' };
const contactEntry: MenuItem = { label: 'Kontakt', href: '/kontakt' };

/**
 * The menu from the organization's top-level sections in their order (the seed's: aktualności,
 * o spółdzielni, eBOK, remonty, …). News and e-BOK are sections of their own kind, so the editor
 * places them too; an organization without them still gets both (news first, e-BOK after the
 * next entry, as in the seed). Hidden sections are left out, so the menu has no dead links;
 * the accessibility statement goes to the footer.
 */
export function buildChrome(sections: readonly MenuSection[], visitors: number | undefined): SiteChrome {
  const menu: MenuItem[] = [];
  const footerLinks: MenuItem[] = [contactEntry];
  for (const section of sections) {
    if (section.hidden) continue;
    if (section.kind === 'news') menu.push({ label: section.title, href: newsEntry.href });
    else if (section.kind === 'ebok') menu.push({ label: section.title, href: ebokEntry.href });
    else if (section.kind === 'accessibility') footerLinks.push({ label: section.title, href: `/${section.slug}` });
    else menu.push({ label: section.title, href: `/${section.slug}` });
  }
  if (!sections.some((s) => s.kind === 'news')) menu.unshift(newsEntry);
  if (!sections.some((s) => s.kind === 'ebok')) menu.splice(Math.min(2, menu.length), 0, ebokEntry);
  return { menu, footerLinks, visitors };
}
