/** Letters that Unicode normalization does not take apart (ł is not l + a combining mark). */
const special: Record<string, string> = { ł: 'l', Ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe' };

/** A URL slug from a Polish title: `Zażółć gęślą jaźń!` → `zazolc-gesla-jazn`; at most `max` characters. */
export function slugify(text: string, max = 80): string {
  const ascii = text
    .replace(/[łŁđßæøœ]/g, (c) => special[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= max) return ascii;
  const cut = ascii.slice(0, max);
  // Prefer to end at a word boundary.
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > max / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/g, '');
}

/** Whether `slug` is a well-formed slug (what slugify produces). */
export function isSlug(slug: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) && slug.length <= 120;
}

/** The first of `base`, `base-2`, `base-3`, … that is not taken. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
