import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const publicDir = fileURLToPath(new URL('../../public', import.meta.url));

/**
 * One hash over every file in public/, computed at start-up. Asset URLs carry it, so browsers
 * may cache them for a year and still get a new file after any change.
 */
function hashPublicDir(): string {
  const hash = createHash('sha256');
  const files = readdirSync(publicDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(file.slice(publicDir.length));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}

export const assetVersion = hashPublicDir();
export const assetPrefix = `/assets/${assetVersion}/`;

/** URL of a file in public/, e.g. `assetUrl('site.css')`. */
export function assetUrl(path: string): string {
  return `${assetPrefix}${path}`;
}
