/** File sizes as Polish users read them, in binary units as file managers count them. */

const KB = 1024;
const MB = 1024 * 1024;

const decimal = (value: number, decimals: number) => value.toFixed(decimals).replace('.', ',');

/** `1,2 MB`, `350 kB` */
export function formatFileSize(bytes: number): string {
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / KB))} kB`;
  return `${decimal(bytes / MB, 1)} MB`;
}

/** The unit a limit is said in, and the sizes compared with it. */
const unitOf = (bytes: number): [number, string] => (bytes >= MB ? [MB, 'MB'] : bytes >= KB ? [KB, 'kB'] : [1, 'B']);

/** A size limit: `20 MB`, `50 MB`, `1,5 MB`, `100 kB`, `1000 B`. */
export function formatSizeLimit(bytes: number): string {
  const [unit, name] = unitOf(bytes);
  const value = bytes / unit;
  return `${Number.isInteger(value) ? value : decimal(value, 1)} ${name}`;
}

/**
 * The Polish message for a file over a size limit, with both sizes in the limit's unit and as
 * many decimals as it takes for the file not to look as large as the limit (a file of
 * 20 971 521 bytes is not "20,0 MB" against a limit of 20 MB). A file the upload cut off at the
 * limit, whose whole size is not known, is "ponad" the limit.
 */
export function describeTooLarge(size: number, limit: number, { cutOff = false } = {}): string {
  const limitText = formatSizeLimit(limit);
  const [unit, name] = unitOf(limit);
  const sizeText = (() => {
    if (cutOff) return `ponad ${limitText}`;
    if (unit === 1) return `${size} B`;
    for (let decimals = 1; decimals <= 3; decimals++) {
      const shown = decimal(size / unit, decimals);
      if (Number(shown.replace(',', '.')) > limit / unit) return `${shown} ${name}`;
    }
    return `ponad ${limitText}`;
  })();
  return `Plik jest za duży: ma ${sizeText}, a największy dozwolony rozmiar to ${limitText}.`;
}
