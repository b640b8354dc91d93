/**
 * CSV for a Polish Excel: UTF-8 with a BOM, `;` separators, CRLF lines, decimal commas.
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is defused with a
 * leading apostrophe (OWASP "CSV injection"); plain amounts such as `-100,00` stay numbers.
 */
export function csvField(value: string): string {
  const isAmount = /^-?\d+(,\d+)?$/.test(value);
  const safe = !isAmount && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV file from rows of fields. */
export function csvFile(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((row) => row.map(csvField).join(';')).join('\r\n')}\r\n`, 'utf8');
}
