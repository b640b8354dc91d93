/**
 * A personalised letter drawn for one recipient, as HTML (e-mail, e-BOK, the preview), as plain
 * text (the e-mail's text part) and as Markdown pieces for the PDF. Pure: no I/O.
 *
 * Escaping: the staff's Markdown is turned into safe HTML ONCE per letter with the fields left as
 * markers; each recipient's values are then put in as escaped text (HTML-escaped in HTML,
 * backslash-escaped in Markdown), so a value can never add markup, links or scripts, and the
 * expensive Markdown step is not repeated 10,000 times.
 */
import { markdownToSafeHtml } from '../../../lib/markdown.ts';
import { plainTextOf } from '../mail.ts';
import { type FieldValue, isBlockValue, placeholdersIn, replacePlaceholders } from './fields.ts';

export type FieldValues = Record<string, FieldValue>;

// Private-use characters as markers: Markdown and the sanitizer leave them alone, and they are
// taken out of the staff's text first, so nothing typed can pose as one.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;
const marker = (index: number) => `${OPEN}${index}${CLOSE}`;
const MARKER = /\uE000(\d+)\uE001/g;
const BLOCK_MARKER = /<p>\uE000(\d+)\uE001<\/p>/g;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Backslash before every ASCII punctuation character: Markdown then shows the text as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:;,/?@$%^]/g, '\\$&').replace(/\r?\n/g, '  \n');
}

/** A letter's body with its fields as markers, turned into HTML and text once. */
export interface PreparedLetter {
  keys: string[];
  html: string;
  text: string;
}

export function prepareLetter(bodyMarkdown: string): PreparedLetter {
  const clean = bodyMarkdown.replace(MARKERS, '');
  const keys = placeholdersIn(clean);
  const withMarkers = replacePlaceholders(clean, (key) => marker(keys.indexOf(key)));
  return { keys, html: markdownToSafeHtml(withMarkers, { breaks: true }), text: plainTextOf(withMarkers) };
}

/** A PNG data URI of a QR code's text, made beforehand (qrcode is asynchronous). */
export type QrImages = ReadonlyMap<string, string>;

function tableHtml({ head, rows }: { head: string[]; rows: string[][] }): string {
  const cells = (tag: 'th' | 'td', row: string[]) =>
    row.map((c) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}>${escapeHtml(c)}</${tag}>`).join('');
  return `<table class="field-table"><thead><tr>${cells('th', head)}</tr></thead><tbody>${rows
    .map((r) => `<tr>${cells('td', r)}</tr>`)
    .join('')}</tbody></table>`;
}

function valueHtml(value: FieldValue | undefined, qrImages: QrImages): string {
  if (!value) return '';
  if ('text' in value) return escapeHtml(value.text);
  if ('table' in value) return tableHtml(value.table);
  const image = qrImages.get(value.qr);
  const img = image ? `<img src="${escapeHtml(image)}" alt="Kod QR do zapłaty" width="160" height="160">` : '';
  return `<figure class="qr">${img}<figcaption>${escapeHtml(value.caption)}</figcaption></figure>`;
}

/** The recipient's letter as HTML; a table or QR code alone in its paragraph replaces the paragraph. */
export function personalHtml(letter: PreparedLetter, values: FieldValues, qrImages: QrImages = new Map()): string {
  const at = (index: string) => values[letter.keys[Number(index)] ?? ''];
  return letter.html
    .replace(BLOCK_MARKER, (whole, index: string) => {
      const value = at(index);
      return value && isBlockValue(value) ? valueHtml(value, qrImages) : whole;
    })
    .replace(MARKER, (_, index: string) => valueHtml(at(index), qrImages));
}

function valueText(value: FieldValue | undefined): string {
  if (!value) return '';
  if ('text' in value) return value.text;
  if ('table' in value) {
    const { head, rows } = value.table;
    return `\n${rows.map((r) => r.map((c, i) => `${head[i] ?? ''}: ${c}`).join(', ')).join('\n')}\n`;
  }
  return `[kod QR do zapłaty w załączonym PDF i w e-BOK] ${value.caption}`;
}

/** The recipient's letter as plain text (the e-mail's text part). */
export function personalText(letter: PreparedLetter, values: FieldValues): string {
  return letter.text.replace(MARKER, (_, index: string) => valueText(values[letter.keys[Number(index)] ?? '']));
}

function tableMarkdown({ head, rows }: { head: string[]; rows: string[][] }): string {
  const line = (row: string[]) => `| ${row.map((c) => escapeMarkdown(c)).join(' | ')} |`;
  return `\n\n${line(head)}\n| ${head.map(() => '---').join(' | ')} |\n${rows.map(line).join('\n')}\n\n`;
}

/** Parts of the PDF: Markdown runs, and the QR codes drawn as images between them. */
export type PdfPart = { markdown: string } | { qr: string; caption: string };

/** The recipient's letter as Markdown with escaped values, cut where a QR code is drawn. */
export function personalPdfParts(bodyMarkdown: string, values: FieldValues): PdfPart[] {
  const qrs: { qr: string; caption: string }[] = [];
  const markdown = replacePlaceholders(bodyMarkdown.replace(MARKERS, ''), (key) => {
    const value = values[key];
    if (!value) return '';
    if ('text' in value) return escapeMarkdown(value.text);
    if ('table' in value) return tableMarkdown(value.table);
    qrs.push(value);
    return `\n\n${marker(qrs.length - 1)}\n\n`;
  });
  const parts: PdfPart[] = [];
  let last = 0;
  for (const match of markdown.matchAll(MARKER)) {
    parts.push({ markdown: markdown.slice(last, match.index) });
    const qr = qrs[Number(match[1])];
    if (qr) parts.push(qr);
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push({ markdown: markdown.slice(last) });
  return parts.filter((p) => !('markdown' in p) || p.markdown.trim() !== '');
}
