/**
 * CSV for a Polish Excel: UTF-8 with a BOM, `;` separators, CRLF lines. Every export builds its
 * file here, so that no cell can smuggle a formula (CSV injection): a cell starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a leading apostrophe, unless it is a plain number
 * (`-12,34`), which a spreadsheet reads as a number and never runs.
 */
export function csvField(value: string): string {
  const plainNumber = /^[-+]?\d+(?:[.,]\d+)?$/.test(value);
  const safe = !plainNumber && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: the header row and the rows, each cell through `csvField`. */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(';')).join('\r\n')}\r\n`;
}
