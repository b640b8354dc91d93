/**
 * A file name as a person gave it, made safe to store and to show: no path, no control or
 * invisible format characters (bidi overrides such as U+202E would make `gpj.exe` read as
 * `exe.jpg` on a staff page and in Content-Disposition), no characters that headers or file
 * systems refuse, at most 120 characters.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}"<>|*?:]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(-120);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'plik';
}
