import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { organizationAddress } from '../lib/address.ts';

/**
 * Shared PDF infrastructure: an embedded font with Polish letters (DejaVu Sans from Debian's
 * fonts-dejavu-core), A4 pages, the organization's letterhead and page numbers.
 */

export const FONT_DIR = process.env.OSIEDLE_FONT_DIR ?? '/usr/share/fonts/truetype/dejavu';

export class MissingFontError extends Error {
  constructor(path: string) {
    super(
      `PDF font not found: ${path}. Install the DejaVu fonts (Debian: apt-get install fonts-dejavu-core) ` +
        'or point OSIEDLE_FONT_DIR at a directory with DejaVuSans.ttf and DejaVuSans-Bold.ttf.',
    );
    this.name = 'MissingFontError';
  }
}

interface Fonts {
  regular: Buffer;
  bold: Buffer;
  /** Oblique faces (Debian's fonts-dejavu-extra); without them italics print upright. */
  italic: Buffer | undefined;
  boldItalic: Buffer | undefined;
}

let fonts: Fonts | undefined;

/** The font files, read once per process; throws MissingFontError naming the path and the fix. */
export function loadFonts(dir = FONT_DIR): Fonts {
  if (fonts && dir === FONT_DIR) return fonts;
  const read = (file: string) => {
    const path = `${dir}/${file}`;
    try {
      return readFileSync(path);
    } catch {
      throw new MissingFontError(path);
    }
  };
  const optional = (file: string) => (existsSync(`${dir}/${file}`) ? readFileSync(`${dir}/${file}`) : undefined);
  const loaded = {
    regular: read('DejaVuSans.ttf'),
    bold: read('DejaVuSans-Bold.ttf'),
    italic: optional('DejaVuSans-Oblique.ttf'),
    boldItalic: optional('DejaVuSans-BoldOblique.ttf'),
  };
  if (dir === FONT_DIR) fonts = loaded;
  return loaded;
}

/** What a letterhead shows: the organization's name, address and contact data. */
export interface Letterhead {
  name: string;
  street: string;
  postcode: string;
  city: string;
  phone?: string | null;
  fax?: string | null;
  email?: string | null;
}

export const MARGIN = 56;

type FontSource = PDFKit.Mixins.PDFFontSource;
let parsedFonts: { regular: FontSource; bold: FontSource; italic: FontSource; boldItalic: FontSource } | undefined;

/**
 * The font files parsed once per process. pdfkit parses a font given as bytes anew in every
 * document, and parsing a DejaVu face and laying out its first line costs about 0.2 s — most of a
 * one-page letter's PDF, and the whole difference when each of 10,000 notices gets its own. pdfkit
 * also takes an already parsed font (an object with `layout`); each document still embeds its own
 * subset of the glyphs it used. A document of no pages parses them; its parsed fonts are kept.
 */
function parsed(): NonNullable<typeof parsedFonts> {
  if (parsedFonts) return parsedFonts;
  const { regular, bold, italic, boldItalic } = loadFonts();
  const seed = new PDFDocument({ autoFirstPage: false });
  const parse = (data: Buffer): FontSource => {
    seed.font(data);
    // pdfkit's current font wraps the parsed one; fall back to the bytes should that ever change.
    const font = (seed as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
    return typeof font?.layout === 'function' ? (font as unknown as FontSource) : data;
  };
  parsedFonts = {
    regular: parse(regular),
    bold: parse(bold),
    italic: italic ? parse(italic) : parse(regular),
    boldItalic: boldItalic ? parse(boldItalic) : parse(bold),
  };
  shareAcrossDocuments(seed, Object.values(parsedFonts));
  return parsedFonts;
}

/** Words laid out per parsed font, kept across documents (oldest dropped first past the cap). */
const LAYOUTS_PER_FONT = 10_000;
/** Embedded font subsets per parsed font, by the glyphs they hold in their order. */
const SUBSETS_PER_FONT = 64;

interface FontkitSubset {
  glyphs: number[];
  encode(): Uint8Array;
}
interface FontkitFont {
  createSubset(): FontkitSubset;
}
interface EmbeddedFontInternals {
  font: FontkitFont;
  layoutRun(text: string): unknown;
  layoutCached(text: string): unknown;
}

function remember<V>(cache: Map<string, V>, key: string, value: V, cap: number): V {
  if (cache.size >= cap) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * Most of a table's PDF went into work that is the same in every document: laying out each word
 * with the font's shaping rules (fontkit; pdfkit keeps the result only for the document at hand)
 * and encoding the embedded subset of the font. Both are kept across documents for the parsed
 * fonts: a word's layout (its glyphs and advances, which pdfkit only reads) and a subset's bytes
 * by its glyph ids in order (the same glyphs in the same order encode to the same bytes). Each
 * document still numbers its own glyphs and embeds its own subset: the output is unchanged.
 */
function shareAcrossDocuments(seed: PDFKit.PDFDocument, sources: FontSource[]): void {
  // Parsed fonts only: should pdfkit's internals change, `parsed()` falls back to the bytes.
  const fonts = sources.filter(
    (font): font is FontSource & FontkitFont =>
      typeof font === 'object' && font !== null && typeof (font as Partial<FontkitFont>).createSubset === 'function',
  );
  const embedded = (seed as unknown as { _font?: EmbeddedFontInternals })._font;
  const prototype = embedded ? (Object.getPrototypeOf(embedded) as EmbeddedFontInternals) : undefined;
  if (!prototype || typeof prototype.layoutCached !== 'function' || typeof prototype.layoutRun !== 'function') return;
  const layouts = new Map<FontkitFont, Map<string, unknown>>(fonts.map((font) => [font, new Map()]));
  const ownLayout = prototype.layoutCached;
  prototype.layoutCached = function (this: EmbeddedFontInternals, text: string) {
    const shared = layouts.get(this.font);
    if (!shared) return ownLayout.call(this, text);
    return shared.get(text) ?? remember(shared, text, this.layoutRun(text), LAYOUTS_PER_FONT);
  };
  for (const font of new Set(fonts)) {
    const subsets = new Map<string, Uint8Array>();
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      const encode = subset.encode.bind(subset);
      subset.encode = () => {
        const key = subset.glyphs.join(',');
        return subsets.get(key) ?? remember(subsets, key, encode(), SUBSETS_PER_FONT);
      };
      return subset;
    };
  }
}

/** A new A4 document with the fonts registered as `regular`, `bold`, `italic` and `bolditalic`. */
export function createPdf({ title, author }: { title: string; author: string }): PDFKit.PDFDocument {
  const { regular, bold, italic, boldItalic } = parsed();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: title, Author: author, Creator: 'Osiedle' },
    lang: 'pl-PL',
    displayTitle: true,
    pdfVersion: '1.7',
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  doc.registerFont('italic', italic);
  doc.registerFont('bolditalic', boldItalic);
  doc.font('regular').fontSize(10.5);
  return doc;
}

/** The organization's letterhead at the top of the current page, with a rule under it. */
export function drawLetterhead(doc: PDFKit.PDFDocument, organization: Letterhead): void {
  const width = doc.page.width - MARGIN * 2;
  doc.font('bold').fontSize(12).text(organization.name, MARGIN, MARGIN, { width });
  const contact = [
    organizationAddress(organization),
    organization.phone ? `tel. ${organization.phone}` : undefined,
    organization.fax ? `tel./faks ${organization.fax}` : undefined,
    organization.email ? `e-mail: ${organization.email}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  doc.font('regular').fontSize(9).fillColor('#333333').text(contact, { width });
  const y = doc.y + 6;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(0.8)
    .strokeColor('#14532d')
    .stroke();
  doc.fillColor('#000000').fontSize(10.5);
  doc.y = y + 16;
}

/** A centered document title. */
export function drawTitle(doc: PDFKit.PDFDocument, title: string, subtitle?: string): void {
  doc
    .font('bold')
    .fontSize(14)
    .text(title, MARGIN, doc.y, { align: 'center', width: doc.page.width - MARGIN * 2 });
  if (subtitle)
    doc
      .font('regular')
      .fontSize(10)
      .text(subtitle, { align: 'center', width: doc.page.width - MARGIN * 2 });
  doc.moveDown(1);
  doc.font('regular').fontSize(10.5);
}

/**
 * Plain text with light structure: paragraphs separated by blank lines; a paragraph starting
 * with `§` is a bold heading; lines starting with `- ` or `1. ` are list items.
 */
export function drawText(doc: PDFKit.PDFDocument, text: string): void {
  const width = doc.page.width - MARGIN * 2;
  for (const paragraph of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
    const trimmed = paragraph.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith('§')) {
      doc.moveDown(0.4).font('bold').text(trimmed, MARGIN, doc.y, { width, align: 'center' }).font('regular');
      doc.moveDown(0.3);
      continue;
    }
    for (const line of trimmed.split('\n')) {
      const item = /^(- |\d+\. )(.*)$/.exec(line.trim());
      if (item) {
        const bullet = item[1] === '- ' ? '•' : (item[1] ?? '').trim();
        doc.text(bullet, MARGIN + 8, doc.y, { continued: false, width: 20 });
        doc.moveUp();
        doc.text(item[2] ?? '', MARGIN + 28, doc.y, { width: width - 28, align: 'justify' });
      } else {
        doc.text(line.trim(), MARGIN, doc.y, { width, align: 'justify' });
      }
    }
    doc.moveDown(0.5);
  }
}

/** A labelled line to fill in by hand, or showing a pre-filled value. */
export function drawField(doc: PDFKit.PDFDocument, label: string, value?: string, { lines = 1 } = {}): void {
  const width = doc.page.width - MARGIN * 2;
  doc.font('regular').fontSize(9).fillColor('#333333').text(label, MARGIN, doc.y, { width });
  doc.fillColor('#000000').fontSize(11);
  for (let i = 0; i < lines; i++) {
    const top = doc.y + 2;
    if (i === 0 && value)
      doc
        .font('bold')
        .text(value, MARGIN + 4, top, { width: width - 8 })
        .font('regular');
    const y = Math.max(doc.y, top + 16);
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .dash(1.5, { space: 2 })
      .lineWidth(0.6)
      .strokeColor('#555555')
      .stroke()
      .undash();
    doc.y = y + 4;
  }
  doc.moveDown(0.5).fontSize(10.5);
}

/** Place, date and signature lines side by side. */
export function drawSignature(doc: PDFKit.PDFDocument, signatureLabel: string): void {
  const width = doc.page.width - MARGIN * 2;
  const y = Math.max(doc.y + 36, 0);
  if (y > doc.page.height - MARGIN - 60) doc.addPage();
  const top = Math.max(doc.y + 36, MARGIN + 36);
  const half = width / 2 - 20;
  doc.lineWidth(0.6).strokeColor('#555555').dash(1.5, { space: 2 });
  doc
    .moveTo(MARGIN, top)
    .lineTo(MARGIN + half, top)
    .stroke();
  doc
    .moveTo(MARGIN + width - half, top)
    .lineTo(MARGIN + width, top)
    .stroke();
  doc.undash();
  doc.fontSize(9).fillColor('#333333');
  doc.text('miejscowość i data', MARGIN, top + 4, { width: half, align: 'center' });
  doc.text(signatureLabel, MARGIN + width - half, top + 4, { width: half, align: 'center' });
  doc.fillColor('#000000').fontSize(10.5);
  doc.x = MARGIN;
  doc.y = top + 30;
}

/** `strona 1 z 2` and the document's name in every page's footer. */
export function drawPageNumbers(doc: PDFKit.PDFDocument, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#555555')
      .text(`${footer} · strona ${i + 1} z ${range.count}`, MARGIN, doc.page.height - 36, {
        width: doc.page.width - MARGIN * 2,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000000');
}

/** Ends the document and collects its bytes. */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
